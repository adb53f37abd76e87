"""``tf.gfile``: files and directories on any file system, TF1's spellings (``Exists``, ``MakeDirs``...).

Local paths always; ``gs://``, ``s3://``, ``hdfs://``, ``memory://``... through fsspec when it is
installed (``pip install 'scopeflow[remote]'`` and the scheme's backend). ``tf.io.gfile`` has the
same functions with TF2's names. Only re-exports; the code lives in ``scopeflow._src.lib_io``
(``file_io.py``, ``file_io_v1.py``, ``gfile.py``), loaded on first use of ``tf.gfile``.
"""

__all__ = ["Copy", "DeleteRecursively", "Exists", "FastGFile", "GFile", "Glob", "IsDirectory", "ListDirectory",
           "MakeDirs", "MkDir", "Open", "Remove", "Rename", "Stat", "Walk"]

from scopeflow._src.lib_io.file_io_v1 import (
    Copy,
    DeleteRecursively,
    Exists,
    Glob,
    IsDirectory,
    ListDirectory,
    MakeDirs,
    MkDir,
    Remove,
    Rename,
    Stat,
    Walk,
)
from scopeflow._src.lib_io.gfile import FastGFile, GFile

Open = GFile


def __dir__():
    return sorted(__all__)

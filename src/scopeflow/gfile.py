"""``tf.gfile``: files and directories on any file system, TF1's spellings (``Exists``, ``MakeDirs``...).

Local paths always; ``gs://``, ``s3://``, ``hdfs://``, ``memory://``... through fsspec when it is
installed (``pip install 'scopeflow[remote]'`` and the scheme's backend). ``tf.io.gfile`` has the
same functions with TF2's names. Only re-exports; the code lives in ``scopeflow._src.lib_io``
(``file_io.py``, ``gfile.py``), loaded on first use of ``tf.gfile``.
"""

__all__ = ["Copy", "DeleteRecursively", "Exists", "FastGFile", "GFile", "Glob", "IsDirectory", "ListDirectory",
           "MakeDirs", "MkDir", "Open", "Remove", "Rename", "Stat", "Walk"]

from scopeflow._src.lib_io.file_io import copy as Copy
from scopeflow._src.lib_io.file_io import exists as Exists
from scopeflow._src.lib_io.file_io import glob as Glob
from scopeflow._src.lib_io.file_io import isdir as IsDirectory
from scopeflow._src.lib_io.file_io import listdir as ListDirectory
from scopeflow._src.lib_io.file_io import makedirs as MakeDirs
from scopeflow._src.lib_io.file_io import mkdir as MkDir
from scopeflow._src.lib_io.file_io import remove as Remove
from scopeflow._src.lib_io.file_io import rename as Rename
from scopeflow._src.lib_io.file_io import rmtree as DeleteRecursively
from scopeflow._src.lib_io.file_io import stat as Stat
from scopeflow._src.lib_io.file_io import walk_v1 as Walk
from scopeflow._src.lib_io.gfile import FastGFile, GFile

Open = GFile


def __dir__():
    return sorted(__all__)

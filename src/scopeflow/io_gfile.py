"""``tf.io.gfile``: files and directories on any file system, TF2's spellings (``exists``, ``makedirs``...).

The same functions as ``tf.gfile`` under TensorFlow 2's names (``scopeflow.io`` is a module, so
this namespace lives beside it and ``tf.io.gfile`` loads it on first use). Only re-exports; the
code lives in ``scopeflow._src.lib_io``.
"""

__all__ = ["copy", "exists", "get_registered_schemes", "GFile", "glob", "isdir", "join", "listdir", "makedirs",
           "mkdir", "remove", "rename", "rmtree", "stat", "walk"]

from scopeflow._src.lib_io.file_io import (
    copy,
    exists,
    get_registered_schemes,
    glob,
    isdir,
    join,
    listdir,
    makedirs,
    mkdir,
    remove,
    rename,
    rmtree,
    stat,
    walk,
)
from scopeflow._src.lib_io.gfile import GFile


def __dir__():
    return sorted(__all__)

"""``tf.summary.FileWriterCache``: one ``FileWriter`` per log directory, shared."""

from __future__ import annotations

import threading

from scopeflow._src.framework.context import default_graph
from scopeflow._src.summary.file_writer import FileWriter


class FileWriterCache:
    """A cache of ``FileWriter``\\ s, one per directory (each made with the default graph).

    >>> import tempfile
    >>> import scopeflow as tf
    >>> logdir = tempfile.mkdtemp()
    >>> tf.summary.FileWriterCache.get(logdir) is tf.summary.FileWriterCache.get(logdir)
    True
    >>> tf.summary.FileWriterCache.clear()
    """

    _cache: dict = {}
    _lock = threading.RLock()

    @staticmethod
    def clear() -> None:
        """Close every cached writer and forget them."""
        with FileWriterCache._lock:
            for writer in FileWriterCache._cache.values():
                writer.close()
            FileWriterCache._cache = {}

    @staticmethod
    def get(logdir) -> FileWriter:
        """The ``FileWriter`` of ``logdir``, made on the first call."""
        with FileWriterCache._lock:
            if logdir not in FileWriterCache._cache:
                FileWriterCache._cache[logdir] = FileWriter(logdir, graph=default_graph())
            return FileWriterCache._cache[logdir]

"""Remote paths (``gs://``, ``s3://``, ``hdfs://``, ``memory://``...) for ``tf.gfile``, through fsspec.

TensorFlow reads object stores through file-system plugins; scopeflow reads them through
`fsspec <https://filesystem-spec.readthedocs.io>`_ and the scheme's backend (``gcsfs``, ``s3fs``...),
an optional extra (``pip install 'scopeflow[remote]'``). Without it a remote path raises TensorFlow's
``UnimplementedError`` for an unknown scheme, saying what to install. :class:`RemoteFileSystem` has
the methods of ``local_fs.LocalFileSystem``, with the same errors.
"""

from __future__ import annotations

import os

from scopeflow._src.lib_io.fs_errors import as_tf_error, error

_INSTALL = "pip install 'scopeflow[remote]'"


def scheme_of(path: str) -> str:
    """The URL scheme of ``path`` (``"gs"`` for ``gs://b/x``), ``""`` for a plain path.

    >>> scheme_of("gs://bucket/x"), scheme_of("/tmp/x"), scheme_of("file:///tmp/x")
    ('gs', '', 'file')
    """
    head, sep, _ = path.partition("://")
    return head if sep and head and "/" not in head else ""


def _unimplemented(scheme: str, path: str, why: str):
    return error("UnimplementedError", f"File system scheme '{scheme}' not implemented (file: '{path}'); {why}")


_FILESYSTEMS: dict = {}  # scheme -> fsspec file system, made on first use


def filesystem_for(scheme: str, path: str) -> RemoteFileSystem:
    """The remote file system of ``scheme`` (one fsspec instance per scheme), or TensorFlow's
    ``UnimplementedError`` naming what to install."""
    if scheme not in _FILESYSTEMS:
        try:
            import fsspec  # optional dependency: the `remote` extra
        except ImportError:
            raise _unimplemented(scheme, path, f"scopeflow reads remote paths through fsspec: {_INSTALL}") from None
        try:
            _FILESYSTEMS[scheme] = fsspec.filesystem(scheme)
        except (ImportError, ValueError) as e:
            raise _unimplemented(scheme, path, f"fsspec has no usable backend for it ({e})") from None
    return RemoteFileSystem(scheme, _FILESYSTEMS[scheme])


def registered_schemes() -> list[str]:
    """The schemes fsspec knows (empty without fsspec)."""
    try:
        from fsspec.registry import known_implementations  # optional dependency: the `remote` extra
    except ImportError:
        return []
    return sorted(known_implementations)


class RemoteFileSystem:
    """One fsspec file system, with the methods and errors of ``LocalFileSystem``."""

    def __init__(self, scheme: str, fs):
        self.scheme = scheme
        self._fs = fs

    def _call(self, path: str, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except OSError as e:
            raise as_tf_error(e, path) from None

    def _url(self, stripped: str) -> str:
        return f"{self.scheme}://{stripped.lstrip('/')}"

    def open(self, path: str, mode: str):
        if self._fs.isdir(path):
            raise error("FailedPreconditionError", f"{path}; Is a directory")
        return self._call(path, self._fs.open, path, mode)

    def exists(self, path: str) -> bool:
        return self._fs.exists(path)

    def isdir(self, path: str) -> bool:
        return self._fs.isdir(path)

    def listdir(self, path: str) -> list[str]:
        entries = self._call(path, self._fs.ls, path, detail=False)
        return [os.path.basename(e.rstrip("/")) for e in entries]

    def mkdir(self, path: str) -> None:
        if not self._fs.isdir(path):
            self._call(path, self._fs.mkdir, path, create_parents=False)

    def makedirs(self, path: str) -> None:
        self._call(path, self._fs.makedirs, path, exist_ok=True)

    def remove(self, path: str) -> None:
        if self._fs.isdir(path):
            raise error("FailedPreconditionError", f"{path}; Is a directory")
        self._call(path, self._fs.rm_file, path)

    def rmtree(self, path: str) -> None:
        if not self._fs.exists(path):
            raise error("NotFoundError", f"{path} not found")
        self._call(path, self._fs.rm, path, recursive=True)

    def copy(self, src: str, dst: str) -> None:
        self._call(src, self._fs.copy, src, dst)

    def rename(self, src: str, dst: str) -> None:
        self._call(src, self._fs.mv, src, dst)

    def stat(self, path: str) -> tuple[int, int, bool]:
        info = self._call(path, self._fs.info, path)
        mtime = info.get("mtime") or info.get("created") or info.get("LastModified") or info.get("updated") or 0
        seconds = mtime.timestamp() if hasattr(mtime, "timestamp") else float(mtime)
        return int(info.get("size") or 0), int(seconds * 1e9), info.get("type") == "directory"

    def glob(self, pattern: str) -> list[str]:
        return sorted(self._url(p) for p in self._fs.glob(pattern))

"""The file functions of ``tf.gfile`` (TF1 names) and ``tf.io.gfile`` (TF2 names).

Each function finds the file system of its path (``filesystem``: local files, or a remote one
through fsspec for ``gs://``, ``s3://``...) and calls one of its operations, so both spellings and
every scheme share TensorFlow's semantics and errors. ``gfile.GFile`` is the file object.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import stat as stat_module
from collections.abc import Iterator

from scopeflow._src.framework import errors
from scopeflow._src.lib_io import remote_fs
from scopeflow._src.lib_io.fs_errors import error
from scopeflow._src.lib_io.local_fs import LocalFileSystem, local_path
from scopeflow._src.platform import file_io as local_files

_LOCAL = LocalFileSystem()


def as_path(path) -> str:
    """``path`` (a ``str``, ``bytes`` or path-like object) as a ``str``."""
    return os.fsdecode(os.fspath(path))


def path_text(path) -> str:
    """``as_path`` for TensorFlow's checkpoint and graph functions: anything but a ``str``, ``bytes``
    or path-like object is TF's ``TypeError`` (``compat.as_text``'s words).

    >>> path_text(b"/tmp/x")
    '/tmp/x'
    >>> path_text(5)
    Traceback (most recent call last):
    ...
    TypeError: Expected binary or unicode string, got 5
    """
    if not isinstance(path, (str, bytes, os.PathLike)):
        raise TypeError(f"Expected binary or unicode string, got {path!r}")
    return as_path(path)


def filesystem(path: str):
    """The file system that holds ``path``: local for plain paths and ``file://``, else fsspec's."""
    scheme = remote_fs.scheme_of(path)
    return _LOCAL if scheme in ("", "file") else remote_fs.filesystem_for(scheme, path)


def is_remote(path) -> bool:
    """Whether ``path`` is on a remote file system (``gs://``, ``s3://``, ``memory://``...).

    >>> is_remote("gs://bucket/model.ckpt"), is_remote("/tmp/model.ckpt"), is_remote("file:///tmp/x")
    (True, False, False)
    """
    return remote_fs.scheme_of(as_path(path)) not in ("", "file")


def read_file(path) -> bytes:
    """The whole content of the file ``path`` (``NotFoundError`` when missing)."""
    path = as_path(path)
    with filesystem(path).open(path, "rb") as f:
        return f.read()


def open_regular(path, what: str = "a regular file"):
    """``(file, size)``: ``path`` opened for binary reading with its real size, for readers that
    must not be fed endless or blocking input. A local path that is not a regular file (a
    directory, a FIFO, a device, a symlink loop) raises ``NotFoundError`` naming it and ``what`` it
    should be, without blocking on it; a missing one ``FileNotFoundError``. Remote files open
    through their file system.

    >>> import tempfile; f, size = open_regular(tempfile.mkstemp()[1]); f.close(); size
    0
    """
    path = as_path(path)
    if is_remote(path):
        f = filesystem(path).open(path, "rb")
        size = getattr(f, "size", None)
        if not isinstance(size, int):
            size = f.seek(0, os.SEEK_END)
            f.seek(0)
        return f, size
    local = local_path(path)
    try:  # non-blocking: opening a FIFO must not wait for a writer
        fd = os.open(local, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise
    except OSError as e:
        raise errors.NotFoundError(None, None, f"{path} cannot be opened as {what}: {e.strerror or e}") from None
    try:
        info = os.fstat(fd)
        if not stat_module.S_ISREG(info.st_mode):
            kind = "a directory" if stat_module.S_ISDIR(info.st_mode) else "not a regular file"
            raise errors.NotFoundError(None, None, f"{path} is {kind}, not {what}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), info.st_size
    except BaseException:
        os.close(fd)
        raise


def write_atomically(path, data: bytes) -> None:
    """Make ``data`` the content of the file ``path``, never half-written: a local file is written
    beside ``path`` and renamed over it; a remote object appears whole when its upload completes."""
    path = as_path(path)
    fs = filesystem(path)
    if fs is _LOCAL:
        local_files.write_atomically(local_path(path), data)
        return
    with fs.open(path, "wb") as f:
        f.write(data)


class FileStatistics:
    """What ``stat`` reports of a path: ``length`` in bytes, ``mtime_nsec``, ``is_directory``."""

    __slots__ = ("length", "mtime_nsec", "is_directory")

    def __init__(self, length: int = 0, mtime_nsec: int = 0, is_directory: bool = False):
        self.length, self.mtime_nsec, self.is_directory = length, mtime_nsec, is_directory

    def __repr__(self):
        return (f"FileStatistics(length={self.length}, mtime_nsec={self.mtime_nsec}, "
                f"is_directory={self.is_directory})")


def exists(path) -> bool:
    """Whether ``path`` exists (a file or a directory).

    >>> exists("/"), exists("/no/such/path")
    (True, False)
    """
    path = as_path(path)
    return filesystem(path).exists(path)


def isdir(path) -> bool:
    """Whether ``path`` is a directory (``False`` when it does not exist).

    >>> isdir("/"), isdir("/no/such/path")
    (True, False)
    """
    path = as_path(path)
    return filesystem(path).isdir(path)


def listdir(path) -> list[str]:
    """The names in the directory ``path`` (no ``.`` or ``..``), in no particular order;
    ``NotFoundError`` unless it is a directory.

    >>> import tempfile; listdir(tempfile.mkdtemp())
    []
    """
    path = as_path(path)
    if not isdir(path):
        raise error("NotFoundError", f"Could not find directory {path}")
    return filesystem(path).listdir(path)


def mkdir(path) -> None:
    """Create the directory ``path``, whose parent must exist (an existing directory is fine)."""
    path = as_path(path)
    filesystem(path).mkdir(path)


def makedirs(path) -> None:
    """Create the directory ``path`` and any missing parents; an existing directory is fine.

    >>> import os, tempfile
    >>> root = tempfile.mkdtemp(); makedirs(os.path.join(root, "a", "b")); isdir(os.path.join(root, "a", "b"))
    True
    """
    path = as_path(path)
    filesystem(path).makedirs(path)


def remove(path) -> None:
    """Delete the file ``path`` (``NotFoundError`` when missing)."""
    path = as_path(path)
    filesystem(path).remove(path)


def rmtree(path) -> None:
    """Delete ``path``, a directory with everything under it, or a file."""
    path = as_path(path)
    filesystem(path).rmtree(path)


def copy(src, dst, overwrite: bool = False) -> None:
    """Copy the file ``src`` to ``dst``; ``AlreadyExistsError`` if ``dst`` exists and not ``overwrite``."""
    src, dst = as_path(src), as_path(dst)
    source, target = filesystem(src), filesystem(dst)
    if not overwrite and target.exists(dst):
        raise error("AlreadyExistsError", "file already exists")
    if source is target or (source.scheme == target.scheme and source.scheme != "file"):
        source.copy(src, dst)
        return
    with source.open(src, "rb") as reader, target.open(dst, "wb") as writer:
        shutil.copyfileobj(reader, writer)  # in chunks: a checkpoint's data file need not fit in memory


def rename(src, dst, overwrite: bool = False) -> None:
    """Move ``src`` to ``dst``; ``AlreadyExistsError`` if ``dst`` exists and not ``overwrite``."""
    src, dst = as_path(src), as_path(dst)
    fs = filesystem(src)
    if not overwrite and filesystem(dst).exists(dst):
        raise error("AlreadyExistsError", "file already exists")
    if remote_fs.scheme_of(src) != remote_fs.scheme_of(dst) and fs is not filesystem(dst):
        copy(src, dst, overwrite=True)
        rmtree(src)
        return
    fs.rename(src, dst)


def stat(path) -> FileStatistics:
    """The ``FileStatistics`` of ``path`` (``NotFoundError`` when missing).

    >>> stat("/").is_directory
    True
    """
    path = as_path(path)
    return FileStatistics(*filesystem(path).stat(path))


def glob(pattern) -> list[str]:
    """The paths matching ``pattern`` (or each of an iterable of patterns); ``*`` and ``?`` never
    match ``/``; a missing directory matches nothing.

    >>> glob("/no/such/dir/*")
    []
    """
    patterns = [pattern] if isinstance(pattern, (str, bytes, os.PathLike)) else list(pattern)
    found = []
    for p in patterns:
        p = as_path(p)
        found += filesystem(p).glob(p)
    return found


def join(path, *paths) -> str:
    """Join path components: with ``/`` for a URL (``gs://b``), else as ``os.path.join``.

    >>> join("gs://bucket", "dir", "f"), join("a", "b")
    ('gs://bucket/dir/f', 'a/b')
    """
    text = as_path(path)
    if "://" in text[1:]:
        return posixpath.join(path, *paths)
    return os.path.join(path, *paths)


def walk(top, topdown: bool = True, onerror=None) -> Iterator[tuple[str, list[str], list[str]]]:
    """Yield ``(directory, subdirectories, files)`` for ``top`` and every directory below it,
    parents first when ``topdown``; a directory that cannot be listed is skipped, or given to
    ``onerror``.

    >>> list(walk("/no/such/dir"))
    []
    """
    top = as_path(top)
    try:
        listing = listdir(top)
    except errors.NotFoundError as err:
        if onerror is None:
            return
        onerror(err)
        return
    subdirs, files = [], []
    for item in listing:
        (subdirs if isdir(_child(top, item)) else files).append(item)
    if topdown:
        yield top, subdirs, files
    for subdir in subdirs:
        yield from walk(_child(top, subdir), topdown, onerror)
    if not topdown:
        yield top, subdirs, files


def _child(parent: str, item: str) -> str:
    if item.startswith(os.sep):
        return join(parent, "") + item
    return join(parent, item)


def get_registered_schemes() -> list[str]:
    """The URL schemes ``tf.io.gfile`` can open: ``file`` and, with fsspec installed, fsspec's."""
    return sorted({"", "file", *remote_fs.registered_schemes()})


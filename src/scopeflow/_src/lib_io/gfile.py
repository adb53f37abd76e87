"""``tf.gfile.GFile`` (also ``Open``, ``FastGFile`` and ``tf.io.gfile.GFile``): a file object over any
file system ``file_io`` knows, with TensorFlow's modes, laziness and errors.

As in TensorFlow, nothing is opened by the constructor: the file is opened for reading at the
first read (a missing file is a ``NotFoundError`` then), and for writing at the first write
(``"w"`` truncates, ``"a"`` appends), so a ``GFile(path, "w")`` never written creates nothing.
Reads count bytes: in text mode ``read(n)`` reads ``n`` bytes and decodes them.
"""

from __future__ import annotations

from scopeflow._src.lib_io import file_io
from scopeflow._src.lib_io.fs_errors import error

_MODES = ("r", "w", "a", "r+", "w+", "a+")


def _as_bytes(value, encoding: str) -> bytes:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode(encoding)
    raise TypeError(f"Expected binary or unicode string, got {value!r}")


class GFile:
    """A file of any file system (``gs://`` and kin through fsspec), opened lazily.

    ``mode`` is ``r``, ``w``, ``a``, ``r+``, ``w+`` or ``a+``, with ``b`` for bytes.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "x.txt")
    >>> with GFile(path, "w") as f:
    ...     f.write("asdf\\nqwer\\n")
    >>> f = GFile(path)
    >>> f.read(3), f.tell(), f.readline(), f.readlines()
    ('asd', 3, 'f\\n', ['qwer\\n'])
    """

    def __init__(self, name, mode: str = "r", encoding: str = "utf-8"):
        self._name = name
        self._mode = mode
        self._encoding = encoding
        self._binary = "b" in mode
        plain = mode.replace("b", "")
        if plain not in _MODES:
            raise error("InvalidArgumentError", "mode is not 'r' or 'w' or 'a' or 'r+' or 'w+' or 'a+'")
        self._readable = plain in ("r", "r+", "a+", "w+")
        self._writable = plain in ("a", "w", "r+", "a+", "w+")
        self._append = "a" in plain
        self._reader = None
        self._writer = None

    @property
    def name(self):
        """The path this file was created with."""
        return self._name

    @property
    def mode(self) -> str:
        """The mode this file was created with."""
        return self._mode

    def _path(self) -> str:
        return file_io.as_path(self._name)

    def _read_stream(self):
        if self._reader is None:
            if not self._readable:
                raise error("PermissionDeniedError", "File isn't open for reading")
            path = self._path()
            self._reader = file_io.filesystem(path).open(path, "rb")
        return self._reader

    def _write_stream(self):
        if self._writer is None:
            if not self._writable:
                raise error("PermissionDeniedError", "File isn't open for writing")
            path = self._path()
            self._writer = file_io.filesystem(path).open(path, "ab" if self._append else "wb")
        return self._writer

    def _value(self, data: bytes):
        return data if self._binary else data.decode(self._encoding)

    def size(self) -> int:
        """The file's size in bytes."""
        return file_io.stat(self._name).length

    def write(self, file_content) -> None:
        """Write ``file_content`` (``str`` or ``bytes``, in either mode) at the end of the file."""
        self._write_stream().write(_as_bytes(file_content, self._encoding))

    def read(self, n: int = -1):
        """Read ``n`` bytes (all that is left when ``n`` is -1), as ``str`` unless in bytes mode."""
        stream = self._read_stream()
        if n == -1:
            n = max(self.size() - stream.tell(), 0)
        return self._value(stream.read(n))

    def readline(self):
        """The next line, with its ``\\n``; empty at the end of the file."""
        return self._value(self._read_stream().readline())

    def readlines(self) -> list:
        """Every line left in the file."""
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)

    def seek(self, offset: int | None = None, whence: int = 0, position: int | None = None) -> None:
        """Move the read position: ``whence`` 0 from the start, 1 from here, 2 from the end
        (``position`` is TF's deprecated name of ``offset``)."""
        stream = self._read_stream()
        if offset is None and position is None:
            raise TypeError("seek(): offset argument required")
        if offset is not None and position is not None:
            raise TypeError("seek(): offset and position may not be set simultaneously.")
        offset = position if offset is None else offset
        if whence == 1:
            offset += stream.tell()
        elif whence == 2:
            offset += self.size()
        elif whence != 0:
            raise error("InvalidArgumentError", f"Invalid whence argument: {whence}. Valid values are 0, 1, or 2.")
        stream.seek(offset)

    def tell(self) -> int:
        """The read position (the write position of a write-only file)."""
        if self._readable:
            return self._read_stream().tell()
        return self._write_stream().tell()

    def seekable(self) -> bool:
        """``True``: a GFile supports ``seek`` and ``tell``."""
        return True

    def flush(self) -> None:
        """Hand what was written to the operating system (or the remote store)."""
        if self._writer is not None:
            self._writer.flush()

    def close(self) -> None:
        """Close the file; a later read starts again from the beginning."""
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.close()
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration()
        return line

    next = __next__


class FastGFile(GFile):
    """``tf.gfile.FastGFile``: TF1's deprecated name of ``GFile`` (use ``tf.gfile.GFile``)."""

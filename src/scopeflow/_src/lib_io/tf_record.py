"""``tf.io.TFRecordWriter`` and ``tf.io.tf_record_iterator``: files of TFRecords, plain or
compressed (``TFRecordOptions``), read and written with TensorFlow's bytes and errors; a remote
path (``gs://``...) goes through ``tf.gfile``'s file systems (``file_io``)."""

from __future__ import annotations

import os

from scopeflow._src.framework import errors
from scopeflow._src.lib_io import file_io, remote_fs
from scopeflow._src.lib_io.local_fs import local_path
from scopeflow._src.lib_io.options import TFRecordOptions, as_options
from scopeflow._src.lib_io.zlib_streams import Deflater, InflatingStream
from scopeflow._src.platform.records import CorruptRecord, NegativeRead, RecordWriter, iter_records

_WINDOW_BITS = {"ZLIB": 15, "GZIP": 31}


def _path(path) -> str:
    if isinstance(path, (bytes, str)):
        return os.fsdecode(path)
    raise TypeError(f"__init__(): incompatible function arguments; the path must be str or bytes, not "
                    f"{type(path).__name__}")


def _open(path: str, opener):
    """``opener(path)``, its ``OSError`` raised as TensorFlow's error for the file."""
    try:
        return opener(path)
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, f"{path}; No such file or directory") from None
    except (IsADirectoryError, NotADirectoryError) as e:
        reason = "Is a directory" if isinstance(e, IsADirectoryError) else "Not a directory"
        raise errors.FailedPreconditionError(None, None, f"{path}; {reason}") from None
    except PermissionError:
        raise errors.PermissionDeniedError(None, None, f"{path}; Permission denied") from None


class TFRecordWriter:
    """A class to write records to a TFRecords file (``options``: a ``TFRecordOptions``, or a
    compression type). Also a context manager, closing the file at the end.

    >>> import os, tempfile
    >>> import scopeflow as tf
    >>> path = os.path.join(tempfile.mkdtemp(), "data.tfrecord")
    >>> with tf.io.TFRecordWriter(path, "GZIP") as writer:
    ...     writer.write(b"first")
    ...     writer.write(b"second")
    >>> list(tf.io.tf_record_iterator(path, "GZIP"))
    [b'first', b'second']
    """

    def __init__(self, path, options=None):
        options = as_options(options)
        settings = options.zlib_settings()
        path = _path(path)
        compressor = settings and Deflater(settings)
        if remote_fs.scheme_of(path) in ("", "file"):
            self._writer = _open(path, lambda p: RecordWriter(local_path(p), compressor=compressor))
        else:  # gs://, s3://...: a file of tf.gfile's remote file systems
            self._writer = RecordWriter(path, compressor=compressor, file=file_io.filesystem(path).open(path, "wb"))

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def write(self, record) -> None:
        """Write ``record`` (bytes, or a string written as UTF-8) as one record."""
        if isinstance(record, str):
            record = record.encode("utf-8")
        elif not isinstance(record, (bytes, bytearray, memoryview)):
            raise TypeError("write(): incompatible function arguments. The following argument types are "
                            f"supported:\n    1. (self, record: str) -> None\n\nInvoked with: {self!r}, {record!r}")
        self._check_open().write(bytes(record))

    def flush(self) -> None:
        """Flush the file (a compressed one with zlib's partial flush)."""
        self._check_open().flush()

    def close(self) -> None:
        """Close the file; closing it again does nothing."""
        self._writer.close()

    def _check_open(self) -> RecordWriter:
        if self._writer.closed:
            raise errors.FailedPreconditionError(None, None, "Writer is closed.")
        return self._writer


class _RecordIterator:
    """The records of a file opened at once, read one by one; ``DataLossError`` for a
    damaged record. A directory opens, as in TF, and fails at each read."""

    def __init__(self, path: str, compression_type: str):
        if file_io.isdir(path):
            error = errors.FailedPreconditionError(None, None, f"{path}; Is a directory")

            def fail():
                raise error
            self._next = fail
            return
        file = file_io.filesystem(path).open(path, "rb")  # closed at the end of the records
        stream = file if not compression_type else InflatingStream(file, _WINDOW_BITS[compression_type])
        self._next = _translated(iter_records(stream, "EOF reached" if compression_type else
                                              "Read less bytes than requested"), file).__next__

    def __iter__(self):
        return self

    def __next__(self) -> bytes:
        return self._next()  # the record generator's own __next__: one call a record


def _translated(records, file):
    """``records``, a damaged one raised as ``DataLossError``; ``file`` closed at the end."""
    try:
        yield from records
    except NegativeRead as e:
        raise errors.InvalidArgumentError(None, None, str(e)) from None
    except CorruptRecord as e:
        raise errors.DataLossError(None, None, str(e)) from None
    finally:
        file.close()


def tf_record_iterator(path, options=None):
    """An iterator over the records (``bytes``) of the TFRecords file ``path``, decompressed as
    ``options`` (a ``TFRecordOptions`` or a compression type) says. Opens the file at once:
    ``NotFoundError`` when it does not exist.

    >>> import os, tempfile
    >>> import scopeflow as tf
    >>> path = os.path.join(tempfile.mkdtemp(), "data.tfrecord")
    >>> with tf.io.TFRecordWriter(path) as writer:
    ...     writer.write(b"a")
    >>> next(tf.io.tf_record_iterator(path))
    b'a'
    """
    compression_type = TFRecordOptions.get_compression_type_string(options)
    return _RecordIterator(_path(path), compression_type)


def read_records(path: str, compression_type: str = ""):
    """The records of the file ``path`` (``tf_record_iterator``'s, for scopeflow's own readers).

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "missing")
    >>> list(read_records(path))
    Traceback (most recent call last):
    ...
    scopeflow.errors.NotFoundError: ...; No such file or directory
    """
    return _RecordIterator(path, compression_type)


class _Stream:
    """A file's bytes, inflated as ``compression_type`` says, as a context manager."""

    def __init__(self, path: str, compression_type: str):
        if file_io.isdir(path):
            raise errors.FailedPreconditionError(None, None, f"{path}; Is a directory")
        self._file = file_io.filesystem(path).open(path, "rb")  # closed on exit
        self._stream = (self._file if not compression_type
                        else InflatingStream(self._file, _WINDOW_BITS[compression_type]))

    def read(self) -> bytes:
        """Every (decompressed) byte; ``DataLossError`` when compressed data is damaged."""
        if self._stream is self._file:
            return self._file.read()
        parts = []
        try:
            while True:
                part = self._stream.read(1 << 20)
                if not part:
                    return b"".join(parts)
                parts.append(part)
        except CorruptRecord as e:
            raise errors.DataLossError(None, None, str(e)) from None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self._file.close()


def open_stream(path: str, compression_type: str = ""):
    """The file ``path`` for reading its (decompressed) bytes, with TensorFlow's errors for a
    missing file or a directory (the text and fixed-length record datasets read files so).

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "a.txt")
    >>> with open(path, "wb") as f:
    ...     _ = f.write(b"line")
    >>> with open_stream(path) as stream:
    ...     stream.read()
    b'line'
    """
    return _Stream(path, compression_type)

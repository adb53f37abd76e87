"""TFRecord files: the framing of event files (and of ``tf.io.TFRecordWriter``'s files).

Each record is the data's length (``uint64``, little endian), the masked CRC-32C of those 8
bytes, the data, and the masked CRC-32C of the data; records follow one another with no
file header. ``frame`` builds one record, ``RecordWriter`` appends records to a file, and
``read_records`` reads them back with TensorFlow's errors (``DataLossError``) for a
corrupted or truncated record; a file that ends inside a record's 12-byte header ends
there without error, as in TF.
"""

from __future__ import annotations

import os
import struct

from scopeflow._src.framework import errors
from scopeflow._src.platform.checksums import crc32c, mask

_LENGTH = struct.Struct("<Q")
_CRC = struct.Struct("<I")
_HEADER = 12


def frame(data: bytes) -> bytes:
    """``data`` as one TFRecord.

    >>> frame(b"").hex()
    '000000000000000029039807d8ea82a2'
    """
    length = _LENGTH.pack(len(data))
    return b"".join((length, _CRC.pack(mask(crc32c(length))), data, _CRC.pack(mask(crc32c(data)))))


def frame_all(records: list) -> bytes:
    """Each of ``records`` framed by ``frame``, one after another (the event writer's batches).

    >>> frame_all([b"a", b"bc"]) == frame(b"a") + frame(b"bc")
    True
    """
    out = []
    for data in records:
        length = _LENGTH.pack(len(data))
        out += (length, _CRC.pack(mask(crc32c(length))), data, _CRC.pack(mask(crc32c(data))))
    return b"".join(out)


class RecordWriter:
    """Appends TFRecords to a new file at ``path`` (emptied if it exists; with ``exclusive``,
    ``FileExistsError`` instead). Each ``write`` reaches the file in one system call, so the
    file holds whole records only, even if the process is killed."""

    def __init__(self, path: str, exclusive: bool = False):
        self.path = path
        self._file = open(path, "xb" if exclusive else "wb", buffering=0)  # noqa: SIM115 - closed by close()

    def write(self, data: bytes) -> None:
        """Append ``data`` as one record."""
        self.write_framed(frame(data))

    def write_framed(self, records: bytes) -> None:
        """Append ``records``, whole records already framed by ``frame``."""
        view = memoryview(records)
        while view:
            view = view[self._file.write(view):]

    def flush(self) -> None:
        """Ask the operating system to store what was written (``fsync``)."""
        os.fsync(self._file.fileno())

    def close(self) -> None:
        if not self._file.closed:
            self.flush()
            self._file.close()


def read_records(path: str):
    """Yield the data of each record of the file ``path``.

    Raises ``NotFoundError`` when there is no such file, ``FailedPreconditionError`` for a
    directory, and ``DataLossError`` for a record whose checksum fails or that the file cuts
    short, each worded as TensorFlow words it.
    """
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, f"{path}; No such file or directory") from None
    except IsADirectoryError:
        raise errors.FailedPreconditionError(None, None, f"{path}; Is a directory") from None
    with f:
        offset = 0
        while True:
            header = f.read(_HEADER)
            if len(header) < _HEADER:
                return
            _check(header[:8], _CRC.unpack_from(header, 8)[0], offset)
            (length,) = _LENGTH.unpack_from(header)
            body = f.read(length + 4)
            if len(body) < length + 4:
                raise errors.DataLossError(
                    None, None, f"truncated record at {offset}' failed with Read less bytes than requested")
            data = body[:length]
            _check(data, _CRC.unpack_from(body, length)[0], offset + _HEADER)
            yield data
            offset += _HEADER + length + 4


def _check(data: bytes, stored: int, offset: int) -> None:
    if mask(crc32c(data)) != stored:
        hint = " (Is this even a TFRecord file?)" if offset == 0 else ""
        raise errors.DataLossError(None, None, f"corrupted record at {offset}{hint}")

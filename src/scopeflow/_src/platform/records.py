"""TFRecord framing: the records of event files and of ``tf.io.TFRecordWriter``'s files.

Each record is the data's length (``uint64``, little endian), the masked CRC-32C of those 8
bytes, the data, and the masked CRC-32C of the data; records follow one another with no
file header. ``frame`` builds one record, ``RecordWriter`` appends records to a file (through
a zlib compressor when given one), and ``iter_records`` reads them back from a binary stream,
raising ``CorruptRecord`` (the caller's ``DataLossError``) for a corrupted or truncated
record; a stream that ends inside a record's 12-byte header ends there without error, as in TF.
This layer knows no TensorFlow error classes: ``lib_io.tf_record`` maps its errors to them.
"""

from __future__ import annotations

import os
import struct
import zlib

import numpy as np

from scopeflow._src.platform.checksums import crc32c, crc32c_of_bytes, mask, mask_all

_LENGTH = struct.Struct("<Q")
_CRC = struct.Struct("<I")
_HEAD = struct.Struct("<QI")  # a record's header: its length and the masked CRC of the length
_HEADER = 12


class CorruptRecord(Exception):
    """A record whose checksum fails or that the file cuts short (TF's ``DataLossError``)."""


class NegativeRead(CorruptRecord):
    """A record length of 2**63 - 4 or more, negative in TF's int64 arithmetic (its ``InvalidArgumentError``)."""


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
    ``FileExistsError`` instead), or to ``file``, a binary file object the caller opened.
    Uncompressed, each ``write`` reaches the file in one system
    call, so the file holds whole records only, even if the process is killed. With a
    ``compressor`` (``compress(records)`` and ``flush(zlib_mode)``, as a ``zlib.compressobj``),
    records pass through it, ``flush`` makes a partial flush, and ``close`` ends the stream.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "r")
    >>> writer = RecordWriter(path)
    >>> writer.write(b"abc")
    >>> writer.close()
    >>> os.path.getsize(path)
    19
    """

    def __init__(self, path: str, exclusive: bool = False, compressor=None, file=None):
        self.path = path
        self._compressor = compressor
        self._local = file is None  # else a binary file object opened by the caller (a remote file)
        self._file = file if file is not None else open(path, "xb" if exclusive else "wb", buffering=0)  # noqa: SIM115

    @property
    def closed(self) -> bool:
        return self._file.closed

    def write(self, data: bytes) -> None:
        """Append ``data`` as one record."""
        self.write_framed(frame(data))

    def write_framed(self, records: bytes) -> None:
        """Append ``records``, whole records already framed by ``frame``."""
        if self._compressor is not None:
            records = self._compressor.compress(records)
        self._write_all(records)

    def _write_all(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[self._file.write(view):]

    def flush(self) -> None:
        """Ask the operating system to store what was written (``fsync``)."""
        if self._compressor is not None:
            self._write_all(self._compressor.flush(zlib.Z_PARTIAL_FLUSH))
        self._sync()

    def _sync(self) -> None:
        if self._local:
            os.fsync(self._file.fileno())
        else:
            self._file.flush()

    def close(self) -> None:
        if not self._file.closed:
            if self._compressor is not None:
                self._write_all(self._compressor.flush(zlib.Z_FINISH))
                self._compressor = None
            self._sync()
            self._file.close()


_CHUNK = 1 << 20  # bytes read from the stream at a time
_MAX_READ = 1 << 26  # at most this much in one read: a header claiming 1 TiB reads what is there, in pieces


def iter_records(stream, short_read: str = "Read less bytes than requested"):
    """Yield the data of each record read from the binary ``stream`` (anything with ``read(n)``);
    ``short_read`` ends the message for a record the stream cuts short (TF's words for its file).
    The stream is read a megabyte at a time; the records in that buffer are cut out in one
    loop, their checksums computed together, and the good ones yielded before any error.

    >>> import io
    >>> list(iter_records(io.BytesIO(frame(b"a") + frame(b"bc"))))
    [b'a', b'bc']
    """
    buf, pos, offset, done = b"", 0, 0, False
    crc, good_headers = crc32c_of_bytes(), {}  # files repeat record lengths: most headers are checked once
    while True:
        if len(buf) - pos < _HEADER and not done:
            buf, pos, done = _refill(stream, buf, pos, _HEADER)
        if len(buf) - pos < _HEADER:
            return
        records, bad_header = _cut(buf, pos, crc, good_headers)
        if records:
            ends = pos + np.cumsum(np.fromiter(map(len, records), np.int64, len(records)) + (_HEADER + 4))
            good = _good_prefix(records, _stored_crcs(buf, ends), crc)
            yield from records[:good]
            if good < len(records):
                start = int(ends[good - 1]) if good else pos
                _fail(offset + start - pos + _HEADER)
            offset += int(ends[-1]) - pos
            pos = int(ends[-1])
        if bad_header:
            _fail(offset)
        if records:
            continue
        need = _HEADER + _LENGTH.unpack_from(buf, pos)[0] + 4  # the next record is not all in the buffer
        if need - _HEADER >= 1 << 63:
            raise NegativeRead(f"Can't read a negative number of bytes: {need - _HEADER - (1 << 64)}")
        if not done:
            buf, pos, done = _refill(stream, buf, pos, need)
        if len(buf) - pos < need:
            raise CorruptRecord(f"truncated record at {offset}' failed with {short_read}")


def _cut(buf, pos, crc, good_headers):
    """The data of the whole records in ``buf`` from ``pos``, and whether the header after
    them is corrupted. Where the first two records have one header (one writer's records of
    one size, like MNIST's), the run of records with that header is cut out at once."""
    records, n, unpack_head = [], len(buf), _HEAD.unpack_from
    first = True
    while n - pos >= _HEADER:
        head = unpack_head(buf, pos)  # (length, masked CRC of the length)
        if head not in good_headers:
            if mask(crc(buf[pos:pos + 8])) != head[1]:
                return records, True
            good_headers[head] = True
        end = pos + _HEADER + head[0] + 4
        if end > n:
            break
        if first and n - end >= _HEADER and unpack_head(buf, end) == head:
            first = False
            size = end - pos
            count = _same_headers(buf, pos, size)
            records += [buf[p + _HEADER:p + size - 4] for p in range(pos, pos + count * size, size)]
            pos += count * size
            continue
        records.append(buf[pos + _HEADER:end - 4])
        pos = end
    return records, False


def _same_headers(buf, pos, size) -> int:
    """How many records of ``size`` bytes from ``pos`` in ``buf`` (at least the first) have
    the first one's header."""
    count = (len(buf) - pos) // size
    headers = np.frombuffer(buf, np.uint8, count * size, pos).reshape(count, size)[:, :_HEADER]
    same = (headers == headers[0]).all(axis=1)
    return count if same.all() else int(np.argmin(same))


def _stored_crcs(buf, ends) -> np.ndarray:
    """The masked data checksums stored at ``ends - 4`` (each record's last four bytes)."""
    raw = np.frombuffer(buf, np.uint8)[(ends - 4)[:, None] + np.arange(4)]
    return np.ascontiguousarray(raw).view("<u4").reshape(-1).astype(np.uint64)


def _good_prefix(records, stored, crc) -> int:
    """How many of ``records`` match their ``stored`` masked checksums before the first that does not."""
    computed = np.fromiter(map(crc, records), np.uint64, len(records))
    ok = mask_all(computed) == stored
    return len(records) if ok.all() else int(np.argmin(ok))


def _refill(stream, buf, pos, need):
    """``(buffer, 0, at end)``: the unread part of ``buf`` and more of ``stream``, until
    ``need`` bytes are there or the stream ends."""
    parts, have = [buf[pos:]], len(buf) - pos
    while have < need:
        part = stream.read(min(max(_CHUNK, need - have), _MAX_READ))
        if not part:
            return b"".join(parts), 0, True
        parts.append(part)
        have += len(part)
    return b"".join(parts), 0, False


def _fail(offset: int):
    hint = " (Is this even a TFRecord file?)" if offset == 0 else ""
    raise CorruptRecord(f"corrupted record at {offset}{hint}")

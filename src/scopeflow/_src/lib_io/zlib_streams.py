"""The zlib streams of compressed TFRecord files, with TensorFlow's buffering and wording.

``Deflater`` compresses records as TensorFlow's writer does (its input buffer, the header,
data and footer of a record appended one by one, its ``flush_mode`` applied whenever the
buffer is deflated), so the files are byte-identical to TensorFlow's. ``InflatingStream``
reads a compressed file as a stream of bytes, one gzip member (or zlib stream) after
another, and words zlib's failures as TensorFlow does.
"""

from __future__ import annotations

import re
import zlib

from scopeflow._src.platform.records import CorruptRecord

_CHUNK = 256 << 10
_ZLIB_ERROR = re.compile(r"Error (-?\d+) while \w+ data: (.*)")


class Deflater:
    """A zlib compressor of framed records with ``settings`` (``TFRecordOptions.zlib_settings``).

    >>> import zlib
    >>> from scopeflow._src.platform.records import frame
    >>> settings = {"flush_mode": 0, "input_buffer_size": 1 << 18, "compression_level": -1,
    ...             "compression_method": 8, "window_bits": 15, "mem_level": 9, "compression_strategy": 0}
    >>> deflater = Deflater(settings)
    >>> data = deflater.compress(frame(b"abc")) + deflater.flush(zlib.Z_FINISH)
    >>> zlib.decompress(data) == frame(b"abc")
    True
    """

    def __init__(self, settings: dict):
        self._zlib = zlib.compressobj(settings["compression_level"], settings["compression_method"],
                                      settings["window_bits"], settings["mem_level"],
                                      settings["compression_strategy"])
        self._mode = settings["flush_mode"]
        self._capacity = settings["input_buffer_size"]
        self._pending = bytearray()

    def compress(self, records: bytes) -> bytes:
        """The compressed bytes ready after appending ``records``, whole framed records."""
        out = []
        view = memoryview(records)
        while view:
            end = 12 + int.from_bytes(view[:8], "little")
            for part in (view[:12], view[12:end], view[end:end + 4]):
                out.append(self._append(part))
            view = view[end + 4:]
        return b"".join(out)

    def _append(self, part) -> bytes:
        if len(part) <= self._capacity - len(self._pending):
            self._pending += part
            return b""
        out = self.flush(self._mode)
        if len(part) <= self._capacity:
            self._pending += part
            return out
        return out + self._deflate(part, self._mode)

    def flush(self, mode: int) -> bytes:
        """Deflate what is buffered with zlib's flush ``mode`` (``Z_FINISH`` ends the stream)."""
        pending, self._pending = bytes(self._pending), bytearray()
        return self._deflate(pending, mode)

    def _deflate(self, data, mode: int) -> bytes:
        out = self._zlib.compress(data)
        return out + self._zlib.flush(mode) if mode else out


class InflatingStream:
    """The decompressed bytes of the binary file ``f`` (``window_bits`` 15: zlib, 31: gzip),
    read with ``read(n)``; ``CorruptRecord`` when zlib finds the data damaged. Gzip members
    follow one another (TF reads them all); a zlib stream ends the file (TF ignores what follows).

    >>> import io, zlib
    >>> InflatingStream(io.BytesIO(zlib.compress(b"abc") * 2), 15).read(6)
    b'abc'
    """

    def __init__(self, f, window_bits: int):
        self._file = f
        self._window_bits = window_bits
        self._zlib = zlib.decompressobj(window_bits)
        self._buffer = bytearray()

    def read(self, n: int) -> bytes:
        while len(self._buffer) < n and self._more():
            pass
        out = bytes(self._buffer[:n])
        del self._buffer[:n]
        return out

    def _more(self) -> bool:
        if self._zlib.eof and self._window_bits <= 15:
            return False
        data = self._zlib.unused_data if self._zlib.eof else b""
        data = data or self._file.read(_CHUNK)
        if not data:
            return False
        if self._zlib.eof:  # a further gzip member (or zlib stream) follows the one that ended
            self._zlib = zlib.decompressobj(self._window_bits)
        try:
            self._buffer += self._zlib.decompress(data)
        except zlib.error as e:
            raise CorruptRecord(_inflate_message(str(e))) from None
        return True


def _inflate_message(message: str) -> str:
    """zlib's message in TensorFlow's words.

    >>> _inflate_message("Error -3 while decompressing data: incorrect header check")
    'inflate() failed with error -3: incorrect header check'
    """
    match = _ZLIB_ERROR.match(message)
    return f"inflate() failed with error {match[1]}: {match[2]}" if match else message

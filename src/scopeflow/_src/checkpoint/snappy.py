"""Decompression of raw Snappy blocks (SSTable compression type 1).

TensorFlow never writes compressed checkpoint index blocks, but its reader accepts them,
so scopeflow's reader does too. The format: a varint with the uncompressed length, then
elements whose tag byte's low two bits say literal (0) or a back-reference copy with a
1-, 2- or 4-byte offset (1, 2, 3).
"""

from __future__ import annotations

from scopeflow._src.checkpoint.varints import VarintError, get_varint


class SnappyError(ValueError):
    """A malformed Snappy block; the table reader turns it into ``DataLossError``."""


def decompress(data: bytes) -> bytes:
    """The bytes that the raw Snappy block ``data`` encodes; ``SnappyError`` if malformed.

    >>> decompress(bytes([8, 12]) + b"abcd" + bytes([1, 4]))  # a literal, then a copy of it
    b'abcdabcd'
    """
    try:
        size, pos = get_varint(data, 0)
    except VarintError as e:
        raise SnappyError(str(e)) from None
    out = bytearray()
    end = len(data)
    while pos < end:
        tag = data[pos]
        pos += 1
        kind = tag & 3
        if kind == 0:
            length = (tag >> 2) + 1
            if length > 60:
                extra = length - 60
                if pos + extra > end:
                    raise SnappyError("snappy: truncated literal length")
                length = int.from_bytes(data[pos:pos + extra], "little") + 1
                pos += extra
            if pos + length > end:
                raise SnappyError("snappy: truncated literal")
            if len(out) + length > size:
                raise SnappyError(f"snappy: output past the {size} bytes its header says")
            out += data[pos:pos + length]
            pos += length
            continue
        if kind == 1:
            length = 4 + ((tag >> 2) & 7)
            width = 1
        else:
            length = (tag >> 2) + 1
            width = 2 if kind == 2 else 4
        if pos + width > end:
            raise SnappyError("snappy: truncated copy")
        offset = int.from_bytes(data[pos:pos + width], "little")
        if kind == 1:
            offset |= (tag >> 5) << 8
        pos += width
        if len(out) + length > size:  # stop at the claimed size: a small block cannot expand without bound
            raise SnappyError(f"snappy: output past the {size} bytes its header says")
        _copy(out, offset, length)
    if len(out) != size:
        raise SnappyError(f"snappy: decoded {len(out)} bytes, header says {size}")
    return bytes(out)


def _copy(out: bytearray, offset: int, length: int) -> None:
    if offset == 0 or offset > len(out):
        raise SnappyError("snappy: copy offset out of range")
    start = len(out) - offset
    if offset >= length:
        out += out[start:start + length]
        return
    pattern = bytes(out[start:])  # overlapping copy: the pattern repeats
    out += (pattern * -(-length // offset))[:length]

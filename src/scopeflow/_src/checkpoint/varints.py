"""Base-128 varints, as the LevelDB table of a checkpoint's ``.index`` (block entries, block
handles), Snappy blocks and string tensors' length prefixes store them.

The checkpoint's protobuf messages are not read here: ``bundle_format`` reads and writes
them with the ``protobuf`` package.
"""

from __future__ import annotations


class VarintError(ValueError):
    """A truncated or overlong varint; callers turn it into ``DataLossError`` naming the file."""


def put_varint(out: bytearray, value: int) -> None:
    """Append ``value`` (a non-negative int below 2**64) as a base-128 varint.

    >>> out = bytearray(); put_varint(out, 300); bytes(out)
    b'\\xac\\x02'
    """
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def varint(value: int) -> bytes:
    """``value`` as a varint.

    >>> varint(1), varint(128)
    (b'\\x01', b'\\x80\\x01')
    """
    out = bytearray()
    put_varint(out, value)
    return bytes(out)


def get_varint(buf, pos: int) -> tuple[int, int]:
    """Decode the varint at ``buf[pos]``; returns ``(value, next position)``.

    >>> get_varint(b"\\x00\\xac\\x02", 1)
    (300, 3)
    """
    result = shift = 0
    end = len(buf)
    while True:
        if pos >= end or shift > 63:
            raise VarintError("truncated or overlong varint")
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            if result >> 64:
                raise VarintError("varint above 64 bits")
            return result, pos
        shift += 7

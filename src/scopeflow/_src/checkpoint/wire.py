"""Byte-level helpers of TensorFlow's checkpoint files: CRC-32C, varints, protobuf fields.

Checksums are CRC-32C (Castagnoli), computed by the C-accelerated ``google-crc32c``
package and stored *masked* as TensorFlow (and LevelDB) store them. Only the handful of
protobuf wire features the tensor bundle uses are implemented: varints, fixed32 and
length-delimited fields. Nothing here ever unpickles.
"""

from __future__ import annotations

import numpy as np

_MASK_DELTA = 0xA282EAD8
_CHUNK = 1 << 20


def crc32c(data, crc: int = 0) -> int:
    """CRC-32C of ``data`` (bytes, a contiguous array or any buffer), continuing from ``crc``.

    NumPy arrays are checksummed in place (``google-crc32c`` reads their buffer directly);
    other buffers are copied to ``bytes`` in cache-sized pieces first.

    >>> hex(crc32c(b"123456789"))
    '0xe3069283'
    """
    import google_crc32c  # loaded by the first checksum, not by ``import scopeflow``

    if isinstance(data, bytes):
        return google_crc32c.extend(crc, data)
    array = data if isinstance(data, np.ndarray) else np.frombuffer(data, np.uint8)
    flat = np.ascontiguousarray(array).reshape(-1).view(np.uint8)
    try:
        return google_crc32c.extend(crc, flat)
    except TypeError:  # a google-crc32c that accepts only bytes
        for start in range(0, len(flat), _CHUNK):
            crc = google_crc32c.extend(crc, flat[start:start + _CHUNK].tobytes())
        return crc


def mask(crc: int) -> int:
    """TensorFlow's masked form of a stored CRC (``crc32c::Mask``)."""
    return (((crc >> 15) | (crc << 17)) + _MASK_DELTA) & 0xFFFFFFFF


def unmask(masked: int) -> int:
    """The CRC that ``mask`` turned into ``masked``."""
    rot = (masked - _MASK_DELTA) & 0xFFFFFFFF
    return ((rot >> 17) | (rot << 15)) & 0xFFFFFFFF


class WireError(ValueError):
    """Malformed bytes; callers turn it into ``DataLossError`` naming the file."""


def put_varint(out: bytearray, value: int) -> None:
    """Append ``value`` (a non-negative int below 2**64) as a base-128 varint."""
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def varint(value: int) -> bytes:
    out = bytearray()
    put_varint(out, value)
    return bytes(out)


def get_varint(buf, pos: int) -> tuple[int, int]:
    """Decode the varint at ``buf[pos]``; returns ``(value, next position)``."""
    result = shift = 0
    end = len(buf)
    while True:
        if pos >= end or shift > 63:
            raise WireError("truncated or overlong varint")
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7


def fields(buf):
    """Yield ``(field number, value)`` for each field of a serialized message.

    Varints give ints, fixed32/fixed64 give ints, length-delimited fields give bytes.
    """
    pos, end = 0, len(buf)
    while pos < end:
        key, pos = get_varint(buf, pos)
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            value, pos = get_varint(buf, pos)
        elif wire_type == 2:
            length, pos = get_varint(buf, pos)
            if pos + length > end:
                raise WireError("truncated length-delimited field")
            value = bytes(buf[pos:pos + length])
            pos += length
        elif wire_type == 5:
            if pos + 4 > end:
                raise WireError("truncated fixed32 field")
            value = int.from_bytes(buf[pos:pos + 4], "little")
            pos += 4
        elif wire_type == 1:
            if pos + 8 > end:
                raise WireError("truncated fixed64 field")
            value = int.from_bytes(buf[pos:pos + 8], "little")
            pos += 8
        else:
            raise WireError(f"unsupported wire type {wire_type}")
        yield number, value


def signed64(value: int) -> int:
    """An int64 field's value (varints carry negative numbers as 2**64 + n)."""
    return value - (1 << 64) if value >= 1 << 63 else value


def field_varint(out: bytearray, number: int, value: int) -> None:
    """Append a varint field (proto3: nothing for 0)."""
    if value:
        put_varint(out, number << 3)
        put_varint(out, value & 0xFFFFFFFFFFFFFFFF)


def field_bytes(out: bytearray, number: int, value: bytes, always: bool = False) -> None:
    """Append a length-delimited field (proto3: nothing for empty, unless ``always``)."""
    if value or always:
        put_varint(out, (number << 3) | 2)
        put_varint(out, len(value))
        out += value


def field_fixed32(out: bytearray, number: int, value: int) -> None:
    if value:
        put_varint(out, (number << 3) | 5)
        out += value.to_bytes(4, "little")

"""Partitioned variables in a bundle: slice keys and reassembly of the full tensor.

A partitioned variable is stored as one entry per slice under a binary key (TensorFlow's
``EncodeTensorNameSlice``: ``OrderedCode`` of 0, the name, the rank, then each
dimension's start and length), plus a full-name entry with the whole shape and the list of
slices (``TensorSliceProto``) and no data of its own. Readers find each slice's key from
that list and copy the slices into one array.
"""

from __future__ import annotations

_FULL = -1
# OrderedCode's header bits for signed numbers encoded in 1..10 bytes.
_HEADER = {1: (0x80, 0), 2: (0xC0, 0), 3: (0xE0, 0), 4: (0xF0, 0), 5: (0xF8, 0), 6: (0xFC, 0),
           7: (0xFE, 0), 8: (0xFF, 0), 9: (0xFF, 0x80), 10: (0xFF, 0xC0)}


class SliceError(ValueError):
    """A slice that does not fit its tensor; the reader turns it into ``DataLossError``."""


def parse_slice(proto, full_shape) -> list[tuple[int, int]]:
    """``(start, length)`` per dimension of a ``TensorSliceProto`` (no length: the full dim)."""
    extents = [(e.start, e.length if e.HasField("length") else _FULL) for e in proto.extent]
    if len(extents) != len(full_shape):
        raise SliceError(f"slice of rank {len(extents)} for a tensor of rank {len(full_shape)}")
    return extents


def slice_key(name: bytes, extents) -> bytes:
    """The table key under which TensorFlow stores the slice ``extents`` of ``name``."""
    out = bytearray(b"\x00")  # OrderedCode number 0
    for byte in name:  # OrderedCode string: escape 0x00 and 0xff, then the terminator
        out += b"\x00\xff" if byte == 0 else b"\xff\x00" if byte == 0xFF else bytes([byte])
    out += b"\x00\x01"
    out += _unsigned(len(extents))
    for start, length in extents:
        out += _signed(start)
        out += _signed(length)
    return bytes(out)


def _unsigned(value: int) -> bytes:
    body = value.to_bytes((value.bit_length() + 7) // 8, "big") if value else b""
    return bytes([len(body)]) + body


def _signed(value: int) -> bytes:
    x = ~value if value < 0 else value
    if x < 64:
        return bytes([(0x80 ^ value) & 0xFF])
    n = x.bit_length() // 7 + 1
    raw = bytearray((value & ((1 << (8 * n)) - 1)).to_bytes(n, "big"))
    first, second = _HEADER[n]
    raw[0] ^= first
    raw[1] ^= second
    return bytes(raw)


def region(extents, full_shape) -> tuple:
    """The NumPy index of a slice inside the full tensor, and the slice's own shape."""
    index, shape = [], []
    for (start, length), dim in zip(extents, full_shape):
        if length == _FULL:
            start, length = 0, dim
        index.append(slice(start, start + length))
        shape.append(length)
    return tuple(index), tuple(shape)

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
    for (start, length), dim in zip(extents, full_shape):
        if start < 0 or (length != _FULL and (length < 0 or start + length > dim)) or (length == _FULL and start):
            raise SliceError(f"extent ({start}, {length}) outside a dimension of size {dim}")
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


def _dims(shape) -> str:
    return "[" + ",".join(str(d) for d in shape) + "]"


def parse_shape_and_slice(spec: str) -> tuple[list[int], list[tuple[int, int]]]:
    """The full shape and ``(start, length)`` extents (``length`` -1: the whole dimension)
    of a ``shape_and_slices`` string such as ``"10 4 0,5:-"``; ``ValueError`` (for
    ``InvalidArgumentError``) or ``SliceError`` (for ``InternalError``) with TensorFlow's words."""
    tokens = spec.split(" ")
    if len(tokens) < 2:
        raise ValueError(f"Need least two elements in shape_and_slice specification: {spec}")
    try:
        shape = [int(t) for t in tokens[:-1]]
    except ValueError:
        raise ValueError(f"Could not parse an integer in the shape_and_slice specification: {spec}") from None
    text = tokens[-1]
    extents = []
    for piece in text.split(":"):
        if piece == "-":
            extents.append((0, _FULL))
            continue
        parts = piece.split(",")
        try:
            start, length = (int(p) for p in parts) if len(parts) == 2 else (None, None)
        except ValueError:
            start = None
        if start is None or start < 0 or length < 0:
            raise ValueError(f"Expected a pair of numbers or '-' but got '{piece}': string = {text}")
        extents.append((start, length))
    if len(extents) != len(shape):
        raise SliceError(f"Mismatching ranks: shape = {_dims(shape)}, slice = {text}")
    for d, ((start, length), dim) in enumerate(zip(extents, shape)):
        if length != _FULL and start + length > dim:
            raise SliceError(f"Extent in dimension {d} out of bounds: shape = {_dims(shape)}, slice = {text}")
    return shape, extents


def slice_proto(extents):
    """The ``TensorSliceProto`` of ``extents``: whole dimensions are empty extents, a start of
    0 is left out (proto3), as TensorFlow writes them."""
    from scopeflow._src import protos  # only a writer of slices needs protobuf

    proto = protos.TensorSliceProto()
    for start, length in extents:
        extent = proto.extent.add()
        if length != _FULL:
            extent.start = start
            extent.length = length
    return proto

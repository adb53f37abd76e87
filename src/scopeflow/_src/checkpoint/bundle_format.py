"""The messages and dtype table of TensorFlow's V2 checkpoint ("tensor bundle") format.

The ``.index`` table maps ``""`` to a ``BundleHeaderProto`` and every tensor name to a
``BundleEntryProto`` (dtype, shape, shard, offset, size, masked CRC-32C, slices), encoded
here by hand with proto3 rules in field order, exactly as TensorFlow writes them.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from scopeflow._src.checkpoint import wire
from scopeflow._src.framework import dtypes

# DataType enum -> little-endian storage dtype (bfloat16 is stored as its raw 16 bits).
_STORAGE = {
    1: "<f4", 2: "<f8", 3: "<i4", 4: "u1", 5: "<i2", 6: "i1", 8: "<c8", 9: "<i8", 10: "?",
    11: "i1", 12: "u1", 13: "<i4", 14: "<u2", 15: "<i2", 16: "<u2", 17: "<u2", 18: "<c16",
    19: "<f2", 22: "<u4", 23: "<u8",
}
STRING = 7

# TensorFlow's DataTypeString names, used in its error messages ("expected dtype float").
_TF_TYPE_NAMES = {
    1: "float", 2: "double", 3: "int32", 4: "uint8", 5: "int16", 6: "int8", 7: "string",
    8: "complex64", 9: "int64", 10: "bool", 11: "qint8", 12: "quint8", 13: "qint32",
    14: "bfloat16", 15: "qint16", 16: "quint16", 17: "uint16", 18: "complex128", 19: "half",
    20: "resource", 21: "variant", 22: "uint32", 23: "uint64",
}


def tf_type_name(enum: int) -> str:
    """TensorFlow's C++ name of a dtype enum (``float`` for float32, ``half``...)."""
    return _TF_TYPE_NAMES.get(enum, f"<unknown type {enum}>")


def storage_dtype(enum: int) -> np.dtype:
    """The NumPy dtype of a tensor's bytes in the data file; ``KeyError`` if unsupported."""
    return np.dtype(_STORAGE[enum])


def bfloat16_dtype():
    """``ml_dtypes.bfloat16`` when installed, else ``None`` (values stay raw ``uint16`` bits)."""
    try:
        import ml_dtypes  # an optional dependency: the 'bfloat16' extra
    except ImportError:
        return None
    return np.dtype(ml_dtypes.bfloat16)


def public_dtype(enum: int) -> np.dtype:
    """The NumPy dtype readers hand out for a stored dtype (see ``bfloat16_dtype``)."""
    if enum == 14:
        return bfloat16_dtype() or np.dtype("<u2")
    if enum in (11, 12, 13, 15, 16):
        return np.dtype(dtypes.as_dtype(enum).as_numpy_dtype)
    return np.dtype(_STORAGE[enum]).newbyteorder("=") if enum in _STORAGE else None


def is_supported(enum: int) -> bool:
    return enum in _STORAGE or enum == STRING


@dataclasses.dataclass
class Entry:
    """One ``BundleEntryProto``: where a tensor's bytes are and how to check them."""

    dtype: int
    shape: tuple
    shard_id: int = 0
    offset: int = 0
    size: int = 0
    crc32c: int = 0          # masked, as stored
    slices: tuple = ()       # serialized TensorSliceProtos (partitioned variables)

    @property
    def num_elements(self) -> int:
        n = 1
        for d in self.shape:
            n *= d
        return n

    def encode(self) -> bytes:
        out = bytearray()
        wire.field_varint(out, 1, self.dtype)
        wire.field_bytes(out, 2, encode_shape(self.shape), always=True)
        wire.field_varint(out, 3, self.shard_id)
        wire.field_varint(out, 4, self.offset)
        wire.field_varint(out, 5, self.size)
        wire.field_fixed32(out, 6, self.crc32c)
        for s in self.slices:
            wire.field_bytes(out, 7, s, always=True)
        return bytes(out)

    @classmethod
    def decode(cls, data: bytes) -> "Entry":
        entry = cls(0, ())
        slices = []
        for number, value in wire.fields(data):
            if number == 1:
                entry.dtype = value
            elif number == 2:
                entry.shape = decode_shape(value)
            elif number == 3:
                entry.shard_id = value
            elif number == 4:
                entry.offset = wire.signed64(value)
            elif number == 5:
                entry.size = wire.signed64(value)
            elif number == 6:
                entry.crc32c = value
            elif number == 7:
                slices.append(value)
        entry.slices = tuple(slices)
        return entry


def encode_shape(shape) -> bytes:
    out = bytearray()
    for d in shape:
        dim = bytearray()
        wire.field_varint(dim, 1, int(d))
        wire.field_bytes(out, 2, bytes(dim), always=True)
    return bytes(out)


def decode_shape(data: bytes) -> tuple:
    dims = []
    for number, value in wire.fields(data):
        if number == 2:
            size = 0
            for n, v in wire.fields(value):
                if n == 1:
                    size = wire.signed64(v)
            dims.append(size)
        elif number == 3 and value:
            raise wire.WireError("a stored tensor has unknown rank")
    return tuple(dims)


@dataclasses.dataclass
class Header:
    """``BundleHeaderProto``: shard count, byte order and format version."""

    num_shards: int = 1
    big_endian: bool = False
    producer: int = 1
    min_consumer: int = 0
    bad_consumers: tuple = ()

    def encode(self) -> bytes:
        version = bytearray()
        wire.field_varint(version, 1, self.producer)
        wire.field_varint(version, 2, self.min_consumer)
        for b in self.bad_consumers:
            wire.put_varint(version, 3 << 3)
            wire.put_varint(version, b)
        out = bytearray()
        wire.field_varint(out, 1, self.num_shards)
        wire.field_varint(out, 2, int(self.big_endian))
        wire.field_bytes(out, 3, bytes(version))
        return bytes(out)

    @classmethod
    def decode(cls, data: bytes) -> "Header":
        header = cls(num_shards=0, producer=0)
        for number, value in wire.fields(data):
            if number == 1:
                header.num_shards = value
            elif number == 2:
                header.big_endian = value == 1
            elif number == 3:
                bad = []
                for n, v in wire.fields(value):
                    if n == 1:
                        header.producer = v
                    elif n == 2:
                        header.min_consumer = v
                    elif n == 3:
                        bad.extend(_packed(v) if isinstance(v, bytes) else [v])
                header.bad_consumers = tuple(bad)
        return header


def _packed(data: bytes) -> list:
    out, pos = [], 0
    while pos < len(data):
        v, pos = wire.get_varint(data, pos)
        out.append(v)
    return out


def data_filename(prefix: str, shard: int, num_shards: int) -> str:
    """``prefix.data-00000-of-00001``."""
    return f"{prefix}.data-{shard:05d}-of-{num_shards:05d}"


def index_filename(prefix: str) -> str:
    return f"{prefix}.index"

"""The messages and dtype table of TensorFlow's V2 checkpoint ("tensor bundle") format.

The ``.index`` table maps ``""`` to a ``BundleHeaderProto`` and every tensor name to a
``BundleEntryProto`` (dtype, shape, shard, offset, size, masked CRC-32C, slices). ``Header``
and ``Entry`` are their plain-Python forms, read and written with the ``protobuf`` classes of
``scopeflow._src.protos``; proto3 in field order is byte for byte what TensorFlow writes.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from scopeflow._src import protos
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
    20: "resource", 21: "variant", 22: "uint32", 23: "uint64", 24: "float8_e5m2", 25: "float8_e4m3fn",
    26: "float8_e4m3fnuz", 27: "float8_e4m3b11fnuz", 28: "float8_e5m2fnuz", 29: "int4", 30: "uint4", 31: "int2",
    32: "uint2", 33: "float4_e2m1fn",
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


def is_data_type(enum: int) -> bool:
    """Whether ``enum`` is one of TensorFlow's (non-reference) ``DataType`` values, stored or not."""
    return enum in _TF_TYPE_NAMES


def is_supported(enum: int) -> bool:
    return enum in _STORAGE or enum == STRING


class CorruptProtoError(ValueError):
    """Bytes that are not the expected message; readers turn it into ``DataLossError`` naming the file."""


def parse(message_class, data: bytes):
    """``message_class`` read from ``data``; ``CorruptProtoError`` if the bytes are not one.

    >>> parse(protos.BundleHeaderProto, bytes([8, 1])).num_shards
    1
    """
    try:
        return message_class.FromString(data)
    except Exception as e:
        # loaded on first use: only a failed parse needs protobuf's error class by name
        from google.protobuf.message import DecodeError

        if isinstance(e, DecodeError):
            raise CorruptProtoError(str(e)) from None
        raise


@dataclasses.dataclass
class Entry:
    """One ``BundleEntryProto``: where a tensor's bytes are and how to check them.

    >>> entry = Entry(1, (2, 3), offset=8, size=24)
    >>> Entry.decode(entry.encode()) == entry
    True
    """

    dtype: int
    shape: tuple
    shard_id: int = 0
    offset: int = 0
    size: int = 0
    crc32c: int = 0          # masked, as stored
    slices: tuple = ()       # TensorSliceProtos (partitioned variables)

    @property
    def num_elements(self) -> int:
        n = 1
        for d in self.shape:
            n *= d
        return n

    def encode(self) -> bytes:
        message = protos.BundleEntryProto(dtype=self.dtype, shard_id=self.shard_id, offset=self.offset,
                                          size=self.size, crc32c=self.crc32c, slices=self.slices)
        message.shape.SetInParent()  # written even when empty (a scalar), as TensorFlow does
        dims = message.shape.dim
        for d in self.shape:
            dims.add(size=d)
        return message.SerializeToString()

    @classmethod
    def decode(cls, data: bytes) -> "Entry":
        message = parse(protos.BundleEntryProto, data)
        shape = message.shape
        if shape.unknown_rank:
            raise CorruptProtoError("a stored tensor has unknown rank")
        return cls(message.dtype, tuple([d.size for d in shape.dim]), message.shard_id, message.offset,
                   message.size, message.crc32c, tuple(message.slices))


@dataclasses.dataclass
class Header:
    """``BundleHeaderProto``: shard count, byte order and format version.

    >>> Header().encode().hex()
    '08011a020801'
    """

    num_shards: int = 1
    big_endian: bool = False
    producer: int = 1
    min_consumer: int = 0
    bad_consumers: tuple = ()

    def encode(self) -> bytes:
        header = protos.BundleHeaderProto(num_shards=self.num_shards, endianness=int(self.big_endian))
        if self.producer or self.min_consumer or self.bad_consumers:  # an empty version is left out
            header.version.producer = self.producer
            header.version.min_consumer = self.min_consumer
            header.version.bad_consumers.extend(self.bad_consumers)
        return header.SerializeToString()

    @classmethod
    def decode(cls, data: bytes) -> "Header":
        header = parse(protos.BundleHeaderProto, data)
        version = header.version
        return cls(header.num_shards, header.endianness == 1, version.producer, version.min_consumer,
                   tuple(version.bad_consumers))


def data_filename(prefix: str, shard: int, num_shards: int) -> str:
    """``prefix.data-00000-of-00001``."""
    return f"{prefix}.data-{shard:05d}-of-{num_shards:05d}"


def index_filename(prefix: str) -> str:
    return f"{prefix}.index"

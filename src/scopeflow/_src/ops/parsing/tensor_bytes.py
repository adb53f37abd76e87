"""``SerializeTensor`` / ``ParseTensor`` (a tensor as ``TensorProto`` bytes and back, TF's
encoding: raw ``tensor_content`` for numbers, ``string_val`` for strings) and
``DecodeCompressed`` (ZLIB or GZIP strings inflated), as TF's ``parse_tensor_op.cc`` and
``decode_compressed_op.cc`` do them."""

from __future__ import annotations

import base64
import re
import zlib

import numpy as np

from scopeflow._src import protos
from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.op_builder import create_output, type_string
from scopeflow._src.framework.registry import OpDef, not_differentiable
from scopeflow._src.framework.tensor_proto import proto_to_array, shape_proto
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.parsing.string_basic import map_strings

_WBITS = {"": None, "ZLIB": zlib.MAX_WBITS, "GZIP": 16 + zlib.MAX_WBITS}


def tensor_proto_bytes(value: np.ndarray, dtype) -> bytes:
    """``value`` as TF's ``SerializeTensor`` writes it (``AsProtoTensorContent``; strings as values)."""
    proto = protos.TensorProto()
    proto.dtype = dtype.as_datatype_enum
    shape_proto(TensorShape(value.shape), proto.tensor_shape)
    if dtype == dtypes.string:
        proto.string_val.extend(v if isinstance(v, bytes) else str(v).encode() for v in value.reshape(-1).tolist())
    elif value.size:
        proto.tensor_content = np.ascontiguousarray(value, dtype=dtype.as_numpy_dtype).tobytes()
    return proto.SerializeToString()


def _serialize_factory(op, state):
    dtype = op.get_attr("T")

    def kernel(value):
        out = np.empty((), object)
        out[()] = tensor_proto_bytes(np.asarray(value), dtype)
        return out
    return kernel


def _parse_factory(op, state):
    out_type = op.get_attr("out_type")

    def kernel(serialized):
        if np.ndim(serialized) != 0:
            raise errors.InvalidArgumentError(
                None, op, f"Expected `serialized` to be a scalar, got shape: {list(np.shape(serialized))}")
        data = np.asarray(serialized).item()
        proto = protos.TensorProto()
        try:
            proto.ParseFromString(data)
            value = proto_to_array(proto)
        except Exception:  # noqa: BLE001 - any malformed message is TF's one error
            raise errors.InvalidArgumentError(None, op, "Could not parse `serialized` as TensorProto, base64: "
                                              f"{base64.b64encode(data).decode()}") from None
        parsed = dtypes.as_dtype(proto.dtype)
        if parsed != out_type:
            raise errors.InvalidArgumentError(None, op, f"Type mismatch between parsed tensor ({type_string(parsed)}) "
                                              f"and dtype ({type_string(out_type)})")
        return value
    return kernel


def _decompress_factory(op, state):
    kind = op.get_attr("compression_type")
    kind = kind.decode() if isinstance(kind, bytes) else kind
    wbits = _WBITS.get(kind)

    def one(data):
        if kind not in _WBITS:  # TF also reads ZSTD; Python's standard library has no zstd, so it is refused here
            raise errors.InvalidArgumentError(None, op, "Only ZLIB, ZSTD, GZIP or NONE are supported compressions"
                                              + (" (ZSTD: not available in scopeflow)" if kind == "ZSTD" else ""))
        if wbits is None:
            return data
        try:
            return zlib.decompress(data, wbits)
        except zlib.error as exc:  # zlib's "Error -3 while decompressing data: <msg>", worded as TF's
            found = re.match(r"Error (-?\d+) while decompressing data: (.*)", str(exc))
            code, text = found.groups() if found else ("-3", str(exc))
            raise errors.DataLossError(None, op, f"inflate() failed with error {code}: {text}") from None
    return lambda values: map_strings(values, one)


registry.register(OpDef("SerializeTensor", inputs=["tensor: T"], outputs=["serialized: string"],
                        attrs={"T": None}, shape=lambda inputs, attrs: TensorShape([]),
                        factory=_serialize_factory))
registry.register(OpDef("ParseTensor", inputs=["serialized: string"], outputs=["output: out_type"],
                        attrs={"out_type": None}, shape=lambda inputs, attrs: TensorShape(None),
                        factory=_parse_factory))
registry.register(OpDef("DecodeCompressed", inputs=["bytes: string"], outputs=["output: string"],
                        defaults={"compression_type": ""}, shape=lambda inputs, attrs: inputs[0].shape,
                        factory=_decompress_factory))
not_differentiable("SerializeTensor", "ParseTensor")


def serialize_tensor(tensor, name=None):
    """``tf.io.serialize_tensor``: ``tensor`` as the bytes of a ``TensorProto`` (a string scalar).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.io.serialize_tensor(tf.constant([1, 2]))))
    b'\\x08\\x03\\x12\\x04\\x12\\x02\\x08\\x02"\\x08\\x01\\x00\\x00\\x00\\x02\\x00\\x00\\x00'
    """
    return create_output("SerializeTensor", [tensor], name=name)


def parse_tensor(serialized, out_type, name=None):
    """``tf.io.parse_tensor``: the tensor a serialized ``TensorProto`` holds, which must be of
    ``out_type``; its shape is known only when it runs."""
    return create_output("ParseTensor", [serialized], {"out_type": dtypes.as_dtype(out_type)}, name=name)


def decode_compressed(bytes, compression_type="", name=None):  # noqa: A002 - TF's argument name
    """``tf.io.decode_compressed``: each string inflated from ``"ZLIB"`` or ``"GZIP"`` (``""``: as is)."""
    return create_output("DecodeCompressed", [bytes], {"compression_type": compression_type}, name=name)

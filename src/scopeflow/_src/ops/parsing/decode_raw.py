"""``DecodeRaw``: each string's bytes read as a vector of numbers (``tf.decode_raw``)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.op_builder import create_output, type_string
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common import dtype_lists

_OUT_TYPES = dtype_lists.types("float16,float32,float64,int32,uint16,uint8,int16,int8,int64,complex64,complex128,"
                               "bool,bfloat16")


def _shape(inputs, attrs):
    shape = inputs[0].shape
    return UNKNOWN if shape.ndims is None else TensorShape(shape.as_list() + [None])


def _decode_raw_factory(op, state):
    dtype = op._attrs["out_type"]
    native = np.dtype(dtype.as_numpy_dtype)
    stored = native.newbyteorder("<" if op._attrs.get("little_endian", True) else ">")  # complex: per part

    def decode_raw(values):
        strings = values.reshape(-1).tolist()
        size = len(strings[0]) if strings else 0
        for i, s in enumerate(strings):
            if len(s) != size:
                raise errors.InvalidArgumentError(
                    None, op, f"DecodeRaw requires input strings to all be the same size, but element {i} has size "
                              f"{size} != {len(s)}")
        if size == 0:
            return np.zeros(values.shape + (0,), native)
        if size % native.itemsize:
            raise errors.InvalidArgumentError(
                None, op, f"Input to DecodeRaw has length {size} that is not a multiple of {native.itemsize}, the "
                          f"size of {type_string(dtype)}")
        flat = np.frombuffer(b"".join(strings), stored).astype(native)
        return flat.reshape(values.shape + (size // native.itemsize,))
    return decode_raw


registry.register(OpDef("DecodeRaw", inputs=["bytes: string"], outputs=["output: out_type"],
                        attrs={"out_type": _OUT_TYPES}, defaults={"little_endian": True}, shape=_shape,
                        factory=_decode_raw_factory))


def decode_raw(input_bytes=None, out_type=None, little_endian=True, name=None, bytes=None):  # noqa: A002
    """Each string of ``input_bytes`` as a vector of ``out_type`` numbers (one more axis, of
    unknown length); all strings must have the same length, a multiple of the type's size.
    ``bytes`` is TF1's deprecated name of ``input_bytes``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.decode_raw(tf.constant([b"\\x01\\x00\\x02\\x00"]), tf.int16)
    ...     print(t.name, t.shape, tf.Session().run(t).tolist())
    DecodeRaw:0 (1, ?) [[1, 2]]
    """
    if input_bytes is not None and bytes is not None:
        raise ValueError("Cannot specify both 'bytes' and 'input_bytes'.")
    input_bytes = bytes if input_bytes is None else input_bytes
    if out_type is None:
        raise ValueError("decode_raw_v1() missing 1 positional argument: 'out_type'")
    out_type = dtypes.as_dtype(out_type)
    dtype_lists.check_allowed("out_type", out_type, _OUT_TYPES)
    return create_output("DecodeRaw", [input_bytes], {"out_type": out_type.base_dtype,
                                                      "little_endian": bool(little_endian)}, name=name)

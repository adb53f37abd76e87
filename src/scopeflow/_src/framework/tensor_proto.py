"""NumPy arrays to ``TensorProto`` messages and back, with TensorFlow's encoding choices
(``tf.make_tensor_proto`` and ``tf.make_ndarray``).

A tensor of more than one element of a fixed-width number type is written as raw bytes
(``tensor_content``); scalars, booleans, complex numbers, 16-bit unsigned integers and
strings as value lists; a value that fills its shape by repetition (``tf.zeros([3, 3])``)
as the values given, which a reader repeats, last one last.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src import protos
from scopeflow._src.framework import dtypes, tensor_util
from scopeflow._src.framework.tensor_shape import TensorShape

# dtype name -> the TensorProto field its values go in when they are not raw bytes
_VALUE_FIELD = {
    "float16": "half_val", "bfloat16": "half_val", "float32": "float_val", "float64": "double_val",
    "int32": "int_val", "int16": "int_val", "int8": "int_val", "uint8": "int_val", "uint16": "int_val",
    "qint8": "int_val", "quint8": "int_val", "qint16": "int_val", "quint16": "int_val", "qint32": "int_val",
    "int64": "int64_val", "uint32": "uint32_val", "uint64": "uint64_val", "bool": "bool_val",
    "complex64": "scomplex_val", "complex128": "dcomplex_val", "string": "string_val",
}
_RAW = frozenset({"float16", "bfloat16", "float32", "float64", "int32", "int16", "int8", "uint8", "int64",
                  "qint8", "quint8", "qint16", "quint16", "qint32", "uint32", "uint64"})


def shape_proto(shape: TensorShape, proto=None):
    """``shape`` as a ``TensorShapeProto`` (unknown dimensions are -1), written into ``proto``."""
    proto = protos.TensorShapeProto() if proto is None else proto
    proto.SetInParent()  # a scalar's shape is an empty message, written as one
    if shape.ndims is None:
        proto.unknown_rank = True
    else:
        for d in shape.as_list():
            proto.dim.add(size=-1 if d is None else d)
    return proto


def shape_from_proto(proto) -> TensorShape:
    if proto.unknown_rank:
        return TensorShape(None)
    return TensorShape([None if d.size < 0 else d.size for d in proto.dim])


def _repeated_value(array: np.ndarray):
    """The one value a broadcast array repeats (``np.broadcast_to``, all strides 0), else None."""
    if array.size > 1 and not any(array.strides):
        return array.reshape(-1)[:1]
    return None


def array_to_proto(array: np.ndarray, dtype=None, proto=None, shape=None):
    """``array`` as a ``TensorProto`` of ``dtype`` (default: the array's), written into ``proto``.
    With a ``shape`` of more elements than ``array`` has, the values are written as given, and
    a reader repeats the last one (TensorFlow's encoding of ``make_tensor_proto([1, 2], shape=[4])``)."""
    dtype = dtypes.as_dtype(array.dtype) if dtype is None else dtypes.as_dtype(dtype).base_dtype
    proto = protos.TensorProto() if proto is None else proto
    proto.dtype = dtype.as_datatype_enum
    shape_proto(TensorShape(array.shape if shape is None else shape), proto.tensor_shape)
    values = _repeated_value(array)
    if values is None:
        if dtype.name in _RAW and array.size > 1 and shape is None:
            proto.tensor_content = np.ascontiguousarray(array).tobytes()
            return proto
        values = array.reshape(-1)
    field = _VALUE_FIELD.get(dtype.name)
    if field is None:
        raise TypeError(f"Unsupported tensor dtype for a TensorProto: {dtype.name}")
    if field == "half_val":
        values = np.ascontiguousarray(values).view(np.uint16)
    elif field in ("scomplex_val", "dcomplex_val"):
        values = np.stack([values.real, values.imag], axis=-1).reshape(-1)
    elif field == "string_val":
        values = [v if isinstance(v, bytes) else str(v).encode() for v in values.tolist()]
    elif dtype.is_quantized:
        values = values.view(values.dtype[0])
    getattr(proto, field).extend(values.tolist() if isinstance(values, np.ndarray) else values)
    return proto


def proto_to_array(proto) -> np.ndarray:
    """The NumPy value of a ``TensorProto`` (TensorFlow's ``MakeNdarray``)."""
    dtype = dtypes.as_dtype(proto.dtype)
    shape = tuple(d.size for d in proto.tensor_shape.dim)
    size = int(np.prod(shape, dtype=np.int64))
    np_dt = np.dtype(dtype.as_numpy_dtype)
    if proto.tensor_content:
        return np.frombuffer(proto.tensor_content, dtype=np_dt).copy().reshape(shape)
    field = _VALUE_FIELD.get(dtype.name)
    if field is None:
        raise TypeError(f"Unsupported tensor type: {proto.dtype}")
    values = getattr(proto, field)
    if field == "half_val":
        flat = np.array(values, dtype=np.uint16).view(np_dt)
    elif field in ("scomplex_val", "dcomplex_val"):
        pairs = np.array(values, dtype=np.float32 if field == "scomplex_val" else np.float64).reshape(-1, 2)
        flat = (pairs[:, 0] + 1j * pairs[:, 1]).astype(np_dt)
    elif field == "string_val":
        flat = np.empty(len(values), dtype=object)
        flat[:] = list(values)
    elif dtype.is_quantized:
        flat = np.array(values, dtype=np_dt[0]).view(np_dt)
    else:
        flat = np.array(values, dtype=np_dt)
    if flat.size == size:
        return flat.reshape(shape)
    if flat.size == 0:
        return np.zeros(shape, dtype=np_dt)
    out = np.empty(size, dtype=np_dt)
    out[:flat.size] = flat[:size]
    out[flat.size:] = flat[-1]
    return out.reshape(shape)


def make_tensor_proto(values, dtype=None, shape=None, verify_shape=False, allow_broadcast=False):
    """A ``TensorProto`` holding ``values`` (TensorFlow's ``tf.make_tensor_proto``).

    >>> import scopeflow as tf
    >>> p = tf.make_tensor_proto([1.0, 2.0])
    >>> p.dtype, [d.size for d in p.tensor_shape.dim], tf.make_ndarray(p).tolist()
    (1, [2], [1.0, 2.0])
    """
    if allow_broadcast and verify_shape:
        raise ValueError("allow_broadcast and verify_shape are not both allowed.")
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype)
    array = tensor_util.to_ndarray(values, dtype, shape, verify_shape)
    if shape is not None and _repeated_value(array) is None:
        given = tensor_util.to_ndarray(values, dtype)
        if given.size != array.size:  # TF writes the values given; a reader repeats the last
            return array_to_proto(given, dtype, shape=array.shape)
    return array_to_proto(array, dtype)


def make_ndarray(tensor):
    """The NumPy array a ``TensorProto`` holds (TensorFlow's ``tf.make_ndarray``)."""
    return proto_to_array(tensor)

"""``tf.make_tensor_proto``'s encoding choices (field by field) and ``tf.make_ndarray``."""

import numpy as np

from tests.conformance.cases.graph_def._helpers import plain_array
from tests.conformance.harness import case, raises


def _fields(proto):
    """Each set field of a TensorProto as plain data, raw bytes as a list of byte values."""
    out = {}
    for field, value in proto.ListFields():
        if field.name == "tensor_shape":
            out[field.name] = None if value.unknown_rank else [d.size for d in value.dim]
        elif field.name == "tensor_content":
            out[field.name] = list(value)
        elif field.name == "string_val":
            out[field.name] = [v.decode("utf-8", "backslashreplace") for v in value]
        elif field.name == "dtype":
            out[field.name] = int(value)
        else:
            out[field.name] = list(value)
    return out


def _encode(tf, *values, **kwargs):
    return [_fields(tf.make_tensor_proto(v, **kwargs)) for v in values]


@case
def encode_float32(tf):
    return _encode(tf, 1.5, [1.0, 2.0], [[1.0], [2.0]], np.float32(3.0), np.zeros([0], np.float32))


@case
def encode_float64_and_float16(tf):
    return _encode(tf, np.float64(2.5), np.array([1.0, 2.0]), np.float16(1.5), np.array([1, 2], np.float16))


@case
def encode_bfloat16(tf):
    return _encode(tf, 1.5, [1.0, -2.0], dtype=tf.bfloat16)


@case
def encode_ints(tf):
    return [_encode(tf, 7, [1, 2, 3], dtype=dt) for dt in (tf.int8, tf.int16, tf.int32, tf.int64, tf.uint8)]


@case
def encode_wide_unsigned(tf):
    return [_encode(tf, 7, [1, 2, 3], dtype=dt) for dt in (tf.uint16, tf.uint32, tf.uint64)]


@case
def encode_python_ints_and_int64(tf):
    return _encode(tf, 3, [1, 2], 2 ** 40, [2 ** 40, 1], np.int64(5))


@case
def encode_bools(tf):
    return _encode(tf, True, [True, False], np.array([[True], [False]]))


@case
def encode_strings(tf):
    return _encode(tf, "a", [b"x", b"yz"], np.array(["p", "q"]), [["\u00e9"]], b"\xff")


@case
def encode_complex(tf):
    return _encode(tf, 1 + 2j, [1j, 2.0], np.array([1 - 1j], np.complex128), np.complex64(3 + 4j))


@case
def encode_quantized(tf):
    return [_encode(tf, np.array([1, 2], np.int8), dtype=tf.qint8),
            _encode(tf, np.array([1, 2], np.uint8), dtype=tf.quint8),
            _encode(tf, np.array([1, -2], np.int16), dtype=tf.qint16),
            _encode(tf, np.array([1, 2], np.uint16), dtype=tf.quint16),
            _encode(tf, np.array(5, np.int32), dtype=tf.qint32),
            _encode(tf, [(1,), (2,)], dtype=tf.qint8)]


@case
def encode_with_shape(tf):
    return _encode(tf, 1.0, 0, True, "s", [1.0, 2.0], shape=[2, 2]) + _encode(tf, [1, 2, 3, 4], shape=[2, 2])


@case
def encode_with_dtype_conversion(tf):
    return _encode(tf, [1, 2], 3, dtype=tf.float32) + _encode(tf, np.array([1.5]), dtype=tf.float32)


@case
def encode_errors(tf):
    return [raises(tf.make_tensor_proto, [1, 2, 3], shape=[2]),
            raises(tf.make_tensor_proto, [1.5], dtype=tf.int32),
            raises(tf.make_tensor_proto, [1, 2], shape=[3], verify_shape=True),
            raises(tf.make_tensor_proto, [1, 2], dtype=tf.qint8),
            raises(tf.make_tensor_proto, None),
            raises(tf.make_tensor_proto, [[1], [2, 3]])]


@case
def make_ndarray_round_trips(tf):
    values = [np.arange(6, dtype=np.float32).reshape(2, 3), np.array([1, -2], np.int8), np.array(2 ** 40),
              np.array([True, False]), np.array([b"a", b"bc"], dtype=object), np.array([1 + 2j], np.complex64),
              np.array([0.5, 1.5], np.float16), np.array([1, 2], np.uint16), np.zeros([2, 0], np.int32)]
    out = []
    for v in values:
        got = tf.make_ndarray(tf.make_tensor_proto(v))
        out.append([str(got.dtype), list(got.shape), plain_array(got)])
    return out


@case
def make_ndarray_of_filled_and_quantized(tf):
    filled = tf.make_ndarray(tf.make_tensor_proto(2.0, shape=[2, 3]))
    last = tf.make_ndarray(tf.make_tensor_proto([1, 2], shape=[4]))
    quant = tf.make_ndarray(tf.make_tensor_proto(np.array([3, 4], np.int8), dtype=tf.qint8))
    return [filled.tolist(), last.tolist(), str(quant.dtype), [int(q[0]) for q in quant]]


@case
def make_ndarray_of_const_attr(tf):
    c = tf.constant([[1, 2], [3, 4]], dtype=tf.int64)
    value = c.op.get_attr("value")
    return [type(value).__name__, tf.make_ndarray(value).tolist(), str(tf.make_ndarray(value).dtype)]

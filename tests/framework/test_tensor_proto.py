"""``tf.make_tensor_proto`` and ``tf.make_ndarray``: round trips for every dtype, quantized and
strings included, and TensorFlow's encoding choices (the expected fields below are TensorFlow
2.21's, as recorded in the ``graph_def`` conformance goldens ``encode_*``)."""

from __future__ import annotations

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.framework import tensor_proto


def _fields(proto) -> dict:
    return {f.name: (bytes(v) if f.name == "tensor_content" else
                     [d.size for d in v.dim] if f.name == "tensor_shape" else
                     v if f.name == "dtype" else list(v)) for f, v in proto.ListFields()}


NUMERIC = ["float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16",
           "uint32", "uint64", "complex64", "complex128", "bool"]


@pytest.mark.parametrize("name", NUMERIC)
@pytest.mark.parametrize("shape", [(), (3,), (2, 3), (0,), (2, 0)])
def test_numeric_round_trip(name, shape):
    dtype = tf.as_dtype(name)
    array = (np.arange(int(np.prod(shape))) % 2 == 0 if name == "bool" else
             np.arange(int(np.prod(shape))).astype(dtype.as_numpy_dtype)).reshape(shape)
    got = tf.make_ndarray(tf.make_tensor_proto(array, dtype=dtype))
    assert got.dtype == array.dtype and got.shape == shape
    np.testing.assert_array_equal(got, array)


@pytest.mark.parametrize("name", ["qint8", "quint8", "qint16", "quint16", "qint32"])
@pytest.mark.parametrize("shape", [(), (2,), (2, 2)])
def test_quantized_round_trip(name, shape):
    dtype = tf.as_dtype(name)
    raw = (np.arange(int(np.prod(shape))) + 1).reshape(shape).astype(dtype.as_numpy_dtype[0])
    proto = tf.make_tensor_proto(raw, dtype=dtype)
    got = tf.make_ndarray(proto)
    assert proto.dtype == dtype.as_datatype_enum and got.dtype == dtype.as_numpy_dtype
    np.testing.assert_array_equal(got.view(raw.dtype).reshape(shape), raw)


def test_strings_round_trip_as_bytes():
    values = np.array([[b"a", b"\xff\x00"], [b"", "\u00e9".encode()]], dtype=object)
    got = tf.make_ndarray(tf.make_tensor_proto(values))
    assert got.dtype == object and got.tolist() == values.tolist()
    assert tf.make_ndarray(tf.make_tensor_proto("text")).item() == b"text"
    assert tf.make_ndarray(tf.make_tensor_proto(np.array(["p", "q"]))).tolist() == [b"p", b"q"]


@pytest.mark.parametrize("values, kwargs, fields", [
    (1.5, {}, {"dtype": 1, "tensor_shape": [], "float_val": [1.5]}),
    ([1.0, 2.0], {}, {"dtype": 1, "tensor_shape": [2], "tensor_content": b"\x00\x00\x80?\x00\x00\x00@"}),
    (np.zeros([0], np.float32), {}, {"dtype": 1, "tensor_shape": [0]}),
    (np.float16(1.5), {}, {"dtype": 19, "tensor_shape": [], "half_val": [15872]}),
    (1.5, {"dtype": tf.bfloat16}, {"dtype": 14, "tensor_shape": [], "half_val": [16320]}),
    ([1.0, -2.0], {"dtype": tf.bfloat16}, {"dtype": 14, "tensor_shape": [2], "tensor_content": b"\x80?\x00\xc0"}),
    (7, {"dtype": tf.int64}, {"dtype": 9, "tensor_shape": [], "int64_val": [7]}),
    (2 ** 40, {}, {"dtype": 9, "tensor_shape": [], "int64_val": [2 ** 40]}),
    (7, {"dtype": tf.uint16}, {"dtype": 17, "tensor_shape": [], "int_val": [7]}),
    ([1, 2, 3], {"dtype": tf.uint16}, {"dtype": 17, "tensor_shape": [3], "int_val": [1, 2, 3]}),
    (7, {"dtype": tf.uint32}, {"dtype": 22, "tensor_shape": [], "uint32_val": [7]}),
    (7, {"dtype": tf.uint64}, {"dtype": 23, "tensor_shape": [], "uint64_val": [7]}),
    ([1, 2, 3], {"dtype": tf.int8}, {"dtype": 6, "tensor_shape": [3], "tensor_content": b"\x01\x02\x03"}),
    ([True, False], {}, {"dtype": 10, "tensor_shape": [2], "bool_val": [True, False]}),
    ([1j, 2.0], {}, {"dtype": 18, "tensor_shape": [2], "dcomplex_val": [0.0, 1.0, 2.0, 0.0]}),
    (np.complex64(3 + 4j), {}, {"dtype": 8, "tensor_shape": [], "scomplex_val": [3.0, 4.0]}),
    ([b"x", b"yz"], {}, {"dtype": 7, "tensor_shape": [2], "string_val": [b"x", b"yz"]}),
    (np.array([1, -2], np.int16), {"dtype": tf.qint16}, {"dtype": 15, "tensor_shape": [2],
                                                          "tensor_content": b"\x01\x00\xfe\xff"}),
    (np.array(5, np.int32), {"dtype": tf.qint32}, {"dtype": 13, "tensor_shape": [], "int_val": [5]}),
    ([(1,), (2,)], {"dtype": tf.qint8}, {"dtype": 11, "tensor_shape": [2], "tensor_content": b"\x01\x02"}),
    (1.0, {"shape": [2, 2]}, {"dtype": 1, "tensor_shape": [2, 2], "float_val": [1.0]}),
    ("s", {"shape": [2, 2]}, {"dtype": 7, "tensor_shape": [2, 2], "string_val": [b"s"]}),
    ([1.0, 2.0], {"shape": [2, 2]}, {"dtype": 1, "tensor_shape": [2, 2], "float_val": [1.0, 2.0]}),
    ([1, 2, 3, 4], {"shape": [2, 2]}, {"dtype": 3, "tensor_shape": [2, 2],
                                       "tensor_content": b"\x01\x00\x00\x00\x02\x00\x00\x00\x03\x00\x00\x00"
                                                         b"\x04\x00\x00\x00"}),
])
def test_encoding_is_tensorflows(values, kwargs, fields):
    assert _fields(tf.make_tensor_proto(values, **kwargs)) == fields


def test_a_shape_filled_by_repetition_reads_back_whole():
    assert tf.make_ndarray(tf.make_tensor_proto([1, 2], shape=[4])).tolist() == [1, 2, 2, 2]
    assert tf.make_ndarray(tf.make_tensor_proto(2.0, shape=[2, 3])).tolist() == [[2.0] * 3] * 2
    assert tf.make_ndarray(tf.make_tensor_proto([], shape=[2], dtype=tf.int32)).tolist() == [0, 0]


def test_a_broadcast_array_is_written_once():
    proto = tensor_proto.array_to_proto(np.broadcast_to(np.float32(0.5), (100, 100)))
    assert list(proto.float_val) == [0.5] and not proto.tensor_content
    assert tf.make_ndarray(proto).shape == (100, 100)


@pytest.mark.parametrize("call, error, message", [
    (lambda: tf.make_tensor_proto([1, 2, 3], shape=[2]), ValueError,
     "Too many elements provided. Takes at most 2, but got 3."),
    (lambda: tf.make_tensor_proto([1.5], dtype=tf.int32), TypeError, "Expected int32, but got 1.5 of type 'float'."),
    (lambda: tf.make_tensor_proto([1, 2], shape=[3], verify_shape=True), TypeError,
     "Expected Tensor's shape: (3,), but got (2,)."),
    (lambda: tf.make_tensor_proto([1, 2], dtype=tf.qint8), TypeError, "Expected qint8, but got 1 of type 'int'."),
    (lambda: tf.make_tensor_proto(None), ValueError, "None values not supported."),
])
def test_errors_are_tensorflows(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert str(info.value) == message

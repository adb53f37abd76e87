"""Const nodes of every dtype: the ``value`` tensor and ``dtype`` attributes."""

import numpy as np

from tests.conformance.cases.graph_def._helpers import nodes
from tests.conformance.harness import case, raises


def _consts(tf, *values, **kwargs):
    for i, v in enumerate(values):
        tf.constant(v, name=f"c{i}", **kwargs)
    return nodes(tf)


@case
def const_float32_scalar_vector_matrix(tf):
    return _consts(tf, 1.5, [1.0, 2.0, 3.0], [[1.0, 2.0], [3.0, 4.0]])


@case
def const_float64(tf):
    return _consts(tf, np.float64(2.25), np.array([1.0, -2.5], np.float64))


@case
def const_float16(tf):
    return _consts(tf, np.float16(0.5), np.array([1.0, 2.5, -3.0], np.float16))


@case
def const_bfloat16(tf):
    return _consts(tf, [1.0, 2.0], 0.5, dtype=tf.bfloat16)


@case
def const_ints(tf):
    return [_consts(tf, 7, [1, 2, 3], dtype=dt)[-2:] for dt in (tf.int8, tf.int16, tf.int32, tf.int64)]


@case
def const_unsigned(tf):
    return [_consts(tf, 7, [1, 2, 3], dtype=dt)[-2:] for dt in (tf.uint8, tf.uint16, tf.uint32, tf.uint64)]


@case
def const_int64_from_numpy(tf):
    return _consts(tf, np.int64(2 ** 40), np.array([[1, 2], [3, 4]], np.int64))


@case
def const_bool(tf):
    return _consts(tf, True, [True, False, True])


@case
def const_strings(tf):
    return _consts(tf, "hello", ["a", "bc", ""], [[b"x", b"yz"]])


@case
def const_non_utf8_bytes(tf):
    return _consts(tf, b"\xff\x00\x01", [b"\xfe", b"ok"])


@case
def const_complex(tf):
    return _consts(tf, 1 + 2j, np.array([1 - 1j, 2.5j], np.complex128), np.array([3 + 4j], np.complex64))


@case
def const_empty(tf):
    return _consts(tf, np.zeros([0], np.float32), np.zeros([2, 0], np.int32), [])


@case
def const_filled_by_shape(tf):
    """A scalar repeated to fill ``shape``, and a list whose last value fills the rest."""
    tf.constant(0.0, shape=[3, 3], name="zeros")
    tf.constant([1, 2], shape=[2, 3], name="last_repeats")
    tf.constant(True, shape=[2], name="trues")
    return nodes(tf)


@case
def const_with_dtype_cast(tf):
    return _consts(tf, [1, 2], 3, dtype=tf.float32)


@case
def const_quantized(tf):
    tf.constant(np.array([1, -2, 3], np.int8), dtype=tf.qint8, name="q8")
    tf.constant(np.array([4, 5], np.uint8), dtype=tf.quint8, name="qu8")
    tf.constant(np.array(7, np.int32), dtype=tf.qint32, name="q32")
    tf.constant(np.array([1, 2], np.int16), dtype=tf.qint16, name="q16")
    return nodes(tf)


@case
def const_quantized_python_values(tf):
    tf.constant([(1,), (2,)], dtype=tf.qint8, name="records")
    return [nodes(tf), raises(tf.constant, [1, 2], dtype=tf.quint8), raises(tf.constant, 3, dtype=tf.qint32)]


@case
def zeros_ones_fill(tf):
    tf.zeros([2, 3])
    tf.ones([4], tf.int32)
    tf.fill([2, 2], 7.0)
    tf.zeros_like(tf.constant([1.0, 2.0], name="v"))
    tf.ones_like(tf.constant([[1, 2]], name="w"))
    return nodes(tf)


@case
def zeros_large_and_dynamic(tf):
    tf.zeros([1001], name="big")
    n = tf.placeholder(tf.int32, [], name="n")
    tf.zeros([n, 2], name="dyn")
    return nodes(tf)


@case
def convert_to_tensor_names(tf):
    tf.convert_to_tensor([1.0, 2.0], name="conv")
    tf.convert_to_tensor(np.arange(6, dtype=np.int32).reshape(2, 3))
    tf.convert_to_tensor("s")
    return nodes(tf)


@case
def range_and_linspace(tf):
    tf.range(5)
    tf.range(1.0, 3.0, 0.5)
    tf.range(2, 10, 3, dtype=tf.int64)
    return nodes(tf)

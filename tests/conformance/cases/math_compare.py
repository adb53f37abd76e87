"""Conformance cases for comparisons, logical and bitwise ops, casts and ``clip_by_value``."""

import numpy as np

from tests.conformance.cases._math_helpers import describe, run_error, static, values
from tests.conformance.harness import case, raises, shape_of

_X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], np.float32)
_Y = np.array([2.0, 2.0, 7.0], np.float32)


def _xy(tf):
    return tf.constant(_X, name="x"), tf.constant(_Y, name="y")


@case
def comparisons_names_values(tf):
    x, y = _xy(tf)
    return describe(tf, [tf.less(x, y), tf.less_equal(x, y), tf.greater(x, y), tf.greater_equal(x, y),
                         tf.equal(x, y), tf.not_equal(x, y)])


@case
def comparison_operators(tf):
    x, y = _xy(tf)
    return describe(tf, [x < y, x <= y, x > y, x >= y, x < 3.0, 2.0 < x])


@case
def tensor_eq_is_identity_in_tf1(tf):
    x, y = _xy(tf)
    return [x == x, x == y, x != y, x.__eq__(x), len(tf.get_default_graph().get_operations())]


@case
def comparisons_python_values_and_ints(tf):
    i = tf.constant([1, 5, 9], name="i")
    return describe(tf, [tf.less(i, 5), tf.equal(i, [1, 2, 9]), tf.greater(3, i), tf.equal("a", "a")])


@case
def equal_on_strings_and_bools(tf):
    s = tf.constant(["a", "b"], name="s")
    b = tf.constant([True, False], name="b")
    return describe(tf, [tf.equal(s, "a"), tf.not_equal(b, True)])


@case
def comparison_errors(tf):
    x, y = _xy(tf)
    z = tf.constant([1.0, 2.0], name="z")
    return [raises(tf.less, x, z), raises(tf.equal, x, z), raises(tf.less, x, tf.constant([1, 2, 3])),
            raises(tf.greater, tf.constant([True]), tf.constant([False]))]


@case
def comparison_shapes(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    return [shape_of(x < 1.0), shape_of(tf.equal(x, tf.placeholder(tf.float32, [5, 1]))), (x < 1.0).dtype.name]


@case
def logical_ops(tf):
    p = tf.constant([True, True, False, False], name="p")
    q = tf.constant([True, False, True, False], name="q")
    return describe(tf, [tf.logical_and(p, q), tf.logical_or(p, q), tf.logical_not(p), tf.logical_xor(p, q),
                         p & q, p | q, p ^ q, ~p, tf.logical_xor(p, q, name="xor2")])


@case
def logical_dtype_errors(tf):
    x, _ = _xy(tf)
    return [raises(tf.logical_and, x, x), raises(tf.logical_not, x), raises(lambda: ~x)]


@case
def bitwise_ops_on_ints(tf):
    i = tf.constant([12, 10, -1], name="i")
    j = tf.constant([10, 6, 5], name="j")
    return describe(tf, [i & j, i | j, i ^ j, ~i, tf.bitwise.bitwise_and(i, j), tf.bitwise.invert(j)])


# -- casts ---------------------------------------------------------------------------------------
@case
def cast_names_and_values(tf):
    x = tf.constant([-1.7, -0.5, 0.0, 0.5, 1.7, 2.5], name="x")
    return describe(tf, [tf.cast(x, tf.int32), tf.cast(x, tf.bool), tf.cast(x, tf.float64), tf.cast(x, tf.uint8),
                         tf.cast(x, tf.int64, name="as_int64")])


@case
def cast_same_dtype_returns_input(tf):
    x, _ = _xy(tf)
    same = tf.cast(x, tf.float32)
    other = tf.cast(x, tf.int32)
    return [same is x, same.name, other.name, [op.name for op in tf.get_default_graph().get_operations()]]


@case
def cast_python_values(tf):
    return describe(tf, [tf.cast(1.5, tf.int32), tf.cast([1, 2], tf.float32), tf.cast(3, tf.int32),
                         tf.cast(True, tf.float32)])


@case
def cast_variable(tf):
    v = tf.Variable([1.5, 2.5], name="v")
    c = tf.cast(v, tf.float32)
    d = tf.cast(v, tf.int32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run([c, d])
    return [c.name, d.name, got]


@case
def cast_bools_and_ints(tf):
    b = tf.constant([True, False], name="b")
    i = tf.constant([0, 3, -2], name="i")
    return describe(tf, [tf.cast(b, tf.int32), tf.cast(b, tf.float32), tf.cast(i, tf.bool), tf.cast(i, tf.uint8)])


@case
def tf1_cast_helpers(tf):
    i = tf.constant([1, 2], name="i")
    x = tf.constant([1.5, -2.5], name="x")
    return describe(tf, [tf.to_float(i), tf.to_double(i), tf.to_int32(x), tf.to_int64(x), tf.to_float(x),
                         tf.to_int32(x, name="n")])


@case
def saturate_cast_values(tf):
    x = tf.constant([-1000.0, -1.5, 0.0, 200.0, 1000.0], name="x")
    return describe(tf, [tf.saturate_cast(x, tf.uint8), tf.saturate_cast(x, tf.int8),
                         tf.saturate_cast(tf.constant([70000, -5], name="i"), tf.int16)])


@case
def cast_static_shape(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    return [shape_of(tf.cast(x, tf.int32)), tf.cast(x, tf.int32).dtype.name]


# -- clip_by_value -------------------------------------------------------------------------------
@case
def clip_by_value_ops_and_values(tf):
    x, _ = _xy(tf)
    return describe(tf, [tf.clip_by_value(x, 2.0, 5.0), tf.clip_by_value(x, 0.0, 1.0, name="clip")])


@case
def clip_by_value_tensor_bounds(tf):
    x, y = _xy(tf)
    return describe(tf, [tf.clip_by_value(x, tf.constant([0.0, 3.0, 0.0]), y)])


@case
def clip_by_value_int(tf):
    i = tf.constant([-5, 0, 5, 10], name="i")
    return describe(tf, [tf.clip_by_value(i, 0, 6)])


@case
def clip_by_value_broadcasting_error(tf):
    x = tf.constant([1.0, 2.0], name="x")
    return [raises(tf.clip_by_value, x, tf.zeros([3, 2]), 5.0), raises(tf.clip_by_value, x, 0.0, tf.ones([2, 2]))]


@case
def logical_static_shapes(tf):
    p = tf.placeholder(tf.bool, [None, 1], name="p")
    q = tf.placeholder(tf.bool, [3], name="q")
    return static([tf.logical_and(p, q), tf.logical_not(p), tf.logical_xor(p, q)])


@case
def runtime_incompatible_broadcast(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    y = tf.placeholder(tf.float32, [None], name="y")
    return run_error(tf, tf.less(x, y), {x: [1.0, 2.0], y: [1.0, 2.0, 3.0]})


@case
def runtime_values_fed(tf):
    x = tf.placeholder(tf.float64, [None], name="x")
    return values(tf, [x < 0.5, tf.cast(x, tf.int16), tf.clip_by_value(x, -1.0, 1.0)], {x: [-3.5, 0.25, 9.0]})

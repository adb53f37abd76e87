"""The checks made while building only: ``assert_type``, ``assert_integer``, ``assert_scalar``,
``assert_proper_iterable``, ``assert_same_float_dtype``, ``is_numeric_tensor``; and the
``tf.debugging`` namespace."""

import numpy as np

from tests.conformance.harness import case, error_class, raises


@case
def assert_type(tf):
    ok = tf.assert_type(tf.constant(1.0), tf.float32)
    return [ok.name, ok.type, raises(lambda: tf.assert_type(tf.constant(1), tf.float32, message="m")),
            raises(lambda: tf.assert_type(tf.constant(1), "float64"))]


@case
def assert_integer(tf):
    ok = tf.assert_integer(tf.constant([1, 2], tf.int64))
    return [ok.name, raises(lambda: tf.assert_integer(tf.constant(1.5), message="ints")),
            raises(lambda: tf.assert_integer(tf.placeholder(tf.string, name="s")))]


@case
def assert_scalar(tf):
    ok = tf.assert_scalar(tf.constant(1.0))
    converted = tf.assert_scalar(3)
    return [ok.name, converted.name, raises(lambda: tf.assert_scalar(tf.zeros([2]), message="one")),
            raises(lambda: tf.assert_scalar(tf.placeholder(tf.float32, name="p")))]


@case
def assert_proper_iterable(tf):
    out = []
    for value in ([1], (1,), {1: 2}, "ab", b"ab", np.zeros(2), 3, None):
        out.append(raises(lambda v=value: tf.assert_proper_iterable(v)))
    return out + [error_class(tf.assert_proper_iterable, tf.constant([1]))]  # TF's class path is in the message


@case
def assert_same_float_dtype(tf):
    a, b = tf.constant(1.0), tf.constant(1.0, tf.float64)
    return [raises(lambda: tf.assert_same_float_dtype([a, a]).name),
            raises(lambda: tf.assert_same_float_dtype().name),
            raises(lambda: tf.assert_same_float_dtype(None, tf.float16).name),
            raises(lambda: tf.assert_same_float_dtype([a, b])),
            raises(lambda: tf.assert_same_float_dtype([a], tf.float64)),
            raises(lambda: tf.assert_same_float_dtype([tf.constant(1)])),
            raises(lambda: tf.assert_same_float_dtype([None, b]).name)]


@case
def is_numeric_tensor(tf):
    values = [tf.constant(1), tf.constant(1.0), tf.constant("a"), tf.constant(True), tf.constant([1 + 2j]), 1.0,
              np.zeros(2)]
    return [tf.is_numeric_tensor(v) for v in values]


@case
def debugging_namespace(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    finite = tf.debugging.assert_all_finite(x, "finite")
    checks = [tf.debugging.assert_equal(x, 1.0), tf.debugging.assert_rank(x, 1), tf.debugging.Assert(True, [x]),
              tf.debugging.check_numerics(x, "c"), tf.debugging.is_finite(x), tf.debugging.is_nan(x),
              tf.debugging.is_inf(x)]
    return [finite.name] + [c.name for c in checks] + [tf.debugging.is_numeric_tensor(x)]

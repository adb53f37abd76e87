"""Conformance cases for reductions (TF1 signatures), arg-max/min, cumulative sums and
products, ``reduce_logsumexp`` and ``count_nonzero``."""

import numpy as np

from tests.conformance.cases._math_helpers import describe, run_error, static, values
from tests.conformance.harness import case, op_summary, raises, shape_of

_X = np.array([[1.0, -2.0, 3.0], [4.0, 0.5, -6.0]], np.float32)
_I = np.array([[1, 7, 3], [4, -5, 6]], np.int32)


def _x(tf, value=_X, name="x"):
    return tf.constant(value, name=name)


@case
def reduce_mean_axis_keepdims_ops(tf):
    x = _x(tf)
    return describe(tf, tf.reduce_mean(x, axis=1, keepdims=True))


@case
def reduce_all_axes_builds_const(tf):
    x = _x(tf)
    return describe(tf, [tf.reduce_sum(x), tf.reduce_mean(x), tf.reduce_max(x), tf.reduce_min(x), tf.reduce_prod(x)])


@case
def reduce_axis_variants(tf):
    x = _x(tf)
    return describe(tf, [tf.reduce_sum(x, 0), tf.reduce_sum(x, [1]), tf.reduce_sum(x, [0, 1]), tf.reduce_sum(x, -1),
                         tf.reduce_sum(x, [-2, -1], keepdims=True), tf.reduce_sum(x, [])])


@case
def reduce_tf1_argument_names(tf):
    x = _x(tf)
    return describe(tf, [tf.reduce_sum(x, reduction_indices=[1]), tf.reduce_mean(x, keep_dims=True),
                         tf.reduce_max(x, reduction_indices=0, keep_dims=True), tf.math.reduce_sum(x, 1),
                         tf.reduce_min(x, axis=[0], name="lowest")])


@case
def reduce_conflicting_arguments(tf):
    x = _x(tf)
    return [raises(tf.reduce_sum, x, axis=0, reduction_indices=0),
            raises(tf.reduce_mean, x, keepdims=True, keep_dims=True)]


@case
def reduce_int_values(tf):
    i = _x(tf, _I, "i")
    return describe(tf, [tf.reduce_sum(i), tf.reduce_mean(i, 1), tf.reduce_max(i, 0), tf.reduce_min(i, 1),
                         tf.reduce_prod(i, 1), tf.reduce_mean(tf.constant([-3, 1, -1]))])


@case
def reduce_float64_values(tf):
    x = _x(tf, _X.astype(np.float64))
    return values(tf, [tf.reduce_sum(x, 1), tf.reduce_mean(x, 0), tf.reduce_prod(x, 0), tf.reduce_max(x, 1)])


@case
def reduce_any_all(tf):
    b = tf.constant([[True, False], [True, True]], name="b")
    return describe(tf, [tf.reduce_any(b), tf.reduce_all(b), tf.reduce_any(b, 1), tf.reduce_all(b, 0, keepdims=True)])


@case
def reduce_any_needs_bool(tf):
    return [raises(tf.reduce_any, _x(tf)), raises(tf.reduce_sum, tf.constant([True]))]


@case
def reduce_bad_axis(tf):
    x = _x(tf)
    return [raises(tf.reduce_sum, x, 5), raises(tf.reduce_mean, x, [0, -3]), raises(tf.reduce_max, x, [[0, 1]]),
            raises(tf.reduce_sum, x, 0.5)]


@case
def reduce_duplicate_axes_static(tf):
    x = _x(tf)
    return [shape_of(tf.reduce_sum(x, [0, 0])), shape_of(tf.reduce_sum(x, [1, -1], keepdims=True))]


@case
def reduce_runtime_axis_errors(tf):
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    a = tf.placeholder(tf.int32, name="a")
    s = tf.reduce_sum(x, a)
    return [run_error(tf, s, {x: _X, a: 5}), run_error(tf, s, {x: _X, a: [0, 0]})]


@case
def reduce_static_shapes_unknown(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    u = tf.placeholder(tf.float32, name="u")
    a = tf.placeholder(tf.int32, [2], name="a")
    return [shape_of(tf.reduce_sum(x, 1)), shape_of(tf.reduce_sum(x, 0, keepdims=True)), shape_of(tf.reduce_sum(x)),
            shape_of(tf.reduce_sum(x, a)), shape_of(tf.reduce_sum(x, a, keepdims=True)), shape_of(tf.reduce_sum(u)),
            shape_of(tf.reduce_sum(u, 1)), shape_of(tf.reduce_sum(u, keepdims=True)), shape_of(tf.reduce_max(u, 0))]


@case
def reduce_unknown_rank_and_scalar_ops(tf):
    u = tf.placeholder(tf.float32, name="u")
    s = tf.placeholder(tf.float32, [], name="s")
    return [static([tf.reduce_sum(u), tf.reduce_mean(s)]), op_summary(tf.get_default_graph())]


@case
def reduce_empty_inputs(tf):
    z = tf.zeros([0, 2])
    zi = tf.zeros([0, 2], tf.int32)
    return values(tf, [tf.reduce_sum(z, 0), tf.reduce_max(z, 0), tf.reduce_min(zi, 0), tf.reduce_mean(z, 0),
                       tf.reduce_prod(z, 0)])


@case
def reduce_axes_int64(tf):
    x = _x(tf)
    return describe(tf, [tf.reduce_sum(x, tf.constant([1], tf.int64)), tf.reduce_sum(x, np.int64(0))])


@case
def reduce_on_variable(tf):
    v = tf.Variable(_X, name="v")
    s = tf.reduce_sum(v, 1)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [s.name, shape_of(s), sess.run(s)]


@case
def reduce_logsumexp_ops_values(tf):
    x = _x(tf)
    return describe(tf, [tf.reduce_logsumexp(x, 1), tf.reduce_logsumexp(x, keepdims=True),
                         tf.reduce_logsumexp(x, axis=0, name="lse")])


@case
def reduce_logsumexp_extremes(tf):
    x = tf.constant([[1000.0, 1000.0], [-np.inf, -np.inf]], name="x")
    return values(tf, tf.reduce_logsumexp(x, 1))


@case
def count_nonzero_ops_values(tf):
    x = tf.constant([[0.0, 1.5, 0.0], [2.0, -1.0, 0.0]], name="x")
    b = tf.constant([True, False, True], name="b")
    return describe(tf, [tf.count_nonzero(x), tf.count_nonzero(x, 1), tf.count_nonzero(x, axis=0, keepdims=True,
                                                                                      dtype=tf.int32),
                         tf.count_nonzero(b), tf.count_nonzero(input_tensor=x, reduction_indices=[1])])


@case
def reduce_euclidean_norm_values(tf):
    x = _x(tf)
    return describe(tf, [tf.math.reduce_euclidean_norm(x), tf.math.reduce_euclidean_norm(x, 1, keepdims=True)])


# -- argmax / argmin -----------------------------------------------------------------------------
@case
def argmax_argmin_names_values(tf):
    x = _x(tf)
    return describe(tf, [tf.argmax(x, 1), tf.argmin(x, 0), tf.argmax(x), tf.argmax(x, dimension=1),
                         tf.argmin(x, axis=1, output_type=tf.int32), tf.math.argmax(x, -1, name="best")])


@case
def argmax_ints_bools_ties(tf):
    i = tf.constant([[3, 3, 1], [0, 5, 5]], name="i")
    b = tf.constant([False, True, True], name="b")
    return values(tf, [tf.argmax(i, 1), tf.argmin(i, 1), tf.argmax(b, 0)])


@case
def argmax_static_shapes(tf):
    x = tf.placeholder(tf.float32, [None, 3, 4], name="x")
    v = tf.placeholder(tf.float32, [5], name="v")
    u = tf.placeholder(tf.float32, name="u")
    d = tf.placeholder(tf.int32, [], name="d")
    return [shape_of(tf.argmax(x, 1)), shape_of(tf.argmax(x, -1)), shape_of(tf.argmax(v, 0)),
            shape_of(tf.argmax(u, 0)), shape_of(tf.argmax(x, d)), shape_of(tf.argmax(v, 7))]


@case
def argmax_errors(tf):
    x = _x(tf)
    return [raises(tf.argmax, x, 3), raises(tf.argmax, x, 1.0), raises(tf.argmax, x, 0, dimension=1),
            raises(tf.argmin, x, -3), raises(tf.argmax, x, tf.constant([0, 1]))]


@case
def argmax_runtime_errors(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    d = tf.placeholder(tf.int32, [], name="d")
    return [run_error(tf, tf.argmax(x, d), {x: _X, d: 2}), run_error(tf, tf.argmax(x, 0), {x: np.zeros((0, 3))})]


# -- cumsum / cumprod ------------------------------------------------------------------------------
@case
def cumsum_variants(tf):
    x = _x(tf)
    return describe(tf, [tf.cumsum(x), tf.cumsum(x, 1), tf.cumsum(x, 1, exclusive=True), tf.cumsum(x, 1, reverse=True),
                         tf.cumsum(x, -1, exclusive=True, reverse=True), tf.cumsum(x, axis=0, name="running")])


@case
def cumprod_variants(tf):
    x = _x(tf)
    i = _x(tf, _I, "i")
    return describe(tf, [tf.cumprod(x, 1), tf.cumprod(x, 1, exclusive=True), tf.cumprod(x, 0, reverse=True),
                         tf.math.cumprod(i, 1, exclusive=True, reverse=True)])


@case
def cumsum_python_input_and_shapes(tf):
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    return static([tf.cumsum([1, 2, 3]), tf.cumsum(x, 1), tf.cumsum(x, [0]), tf.cumsum(x, 5)])


@case
def cumsum_runtime_axis_error(tf):
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    a = tf.placeholder(tf.int32, [], name="a")
    return run_error(tf, tf.cumsum(x, a), {x: _X, a: 2})

"""Conformance cases for gathering and selecting: gather, gather_nd, scatter_nd,
unsorted_segment_sum, boolean_mask, where, one_hot, sequence_mask, range, unique."""

import numpy as np

from tests.conformance.cases._array_helpers import describe, run_error, static
from tests.conformance.harness import case, raises

_P = np.arange(12, dtype=np.float32).reshape(3, 4)


def _p(tf):
    return tf.constant(_P, name="p")


# -- gather --------------------------------------------------------------------------------------
@case
def gather_ops_and_values(tf):
    p = _p(tf)
    outs = [tf.gather(p, [2, 0]), tf.gather(p, [[1], [0]], axis=1, name="g"), tf.gather(p, 1),
            tf.gather(p, tf.constant([0, 0], tf.int64), axis=-1)]
    return describe(tf, outs)


@case
def gather_batch_dims(tf):
    p = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4), name="p")
    i = tf.constant([[0, 2], [1, 1]], name="i")
    outs = [tf.gather(p, i, batch_dims=1), tf.gather(p, i, axis=2, batch_dims=1), tf.gather(p, i, batch_dims=-1)]
    return describe(tf, outs)


@case
def gather_unknown_shapes(tf):
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    i = tf.placeholder(tf.int32, [None], name="i")
    a = tf.placeholder(tf.int32, [], name="a")
    outs = [tf.gather(x, i), tf.gather(x, i, axis=1), tf.gather(x, [[0, 1]]), tf.gather(x, i, axis=a),
            tf.gather(tf.placeholder(tf.float32, None, name="u"), i)]
    return static(outs)


@case
def gather_axis_out_of_range_error(tf):
    return raises(tf.gather, _p(tf), [0], axis=2)


@case
def gather_batch_dims_error(tf):
    return raises(tf.gather, _p(tf), [[0]], axis=1, batch_dims=2)


@case
def gather_float_indices_error(tf):
    return raises(tf.gather, _p(tf), [0.5])


@case
def gather_runtime_out_of_range(tf):
    i = tf.placeholder(tf.int32, [None], name="i")
    g = tf.gather(_p(tf), i)
    with tf.Session() as sess:
        return run_error(sess.run, g, {i: [0, 5]})


# -- gather_nd, scatter_nd -------------------------------------------------------------------------
@case
def gather_nd_ops_and_values(tf):
    p = _p(tf)
    outs = [tf.gather_nd(p, [[0, 1], [2, 3]]), tf.gather_nd(p, [[1], [0]], name="g"), tf.gather_nd(p, [1, 2]),
            tf.gather_nd(p, [[[0, 0]], [[2, 1]]])]
    return describe(tf, outs)


@case
def gather_nd_unknown(tf):
    x = tf.placeholder(tf.float32, [None, 4, 5], name="x")
    i = tf.placeholder(tf.int32, [None, 2], name="i")
    return static([tf.gather_nd(x, i), tf.gather_nd(x, tf.placeholder(tf.int32, [3, None], name="j"))])


@case
def gather_nd_index_depth_error(tf):
    return raises(tf.gather_nd, _p(tf), [[0, 1, 2]])


@case
def gather_nd_runtime_out_of_range(tf):
    i = tf.placeholder(tf.int32, [None, 2], name="i")
    g = tf.gather_nd(_p(tf), i)
    with tf.Session() as sess:
        return run_error(sess.run, g, {i: [[0, 1], [3, 0]]})


@case
def scatter_nd_ops_and_values(tf):
    outs = [tf.scatter_nd([[1], [3], [1]], [1.0, 2.0, 3.0], [5]),
            tf.scatter_nd(tf.constant([[0, 1], [2, 0]]), tf.constant([[5, 6], [7, 8]]), tf.constant([3, 2, 2]),
                          name="s")]
    return describe(tf, outs)


@case
def unsorted_segment_sum_values(tf):
    data = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], name="d")
    outs = [tf.unsorted_segment_sum(data, [0, 2, 0], 3), tf.unsorted_segment_sum(data, [1, -1, 1], 2, name="u")]
    return describe(tf, outs)


# -- boolean_mask ---------------------------------------------------------------------------------
@case
def boolean_mask_ops(tf):
    t = tf.constant(_P, name="t")
    m = tf.constant([True, False, True], name="m")
    return describe(tf, tf.boolean_mask(t, m))


@case
def boolean_mask_axis_and_2d(tf):
    t = tf.constant(_P, name="t")
    outs = [tf.boolean_mask(t, [True, False, True, True], axis=1),
            tf.boolean_mask(t, np.array([[True, False, False, True]] * 3), name="bm")]
    return describe(tf, outs)


@case
def boolean_mask_unknown(tf):
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    m = tf.placeholder(tf.bool, [None], name="m")
    return static(tf.boolean_mask(x, m))


@case
def boolean_mask_scalar_error(tf):
    return raises(tf.boolean_mask, _p(tf), True)


@case
def boolean_mask_shape_error(tf):
    return raises(tf.boolean_mask, _p(tf), [True, False])


# -- where, where_v2 --------------------------------------------------------------------------------
@case
def where_one_arg(tf):
    c = tf.constant([[True, False], [False, True]], name="c")
    outs = [tf.where(c), tf.where([1.0, 0.0, 2.0], name="w")]
    return describe(tf, outs)


@case
def where_three_args_select(tf):
    c = tf.constant([True, False, True], name="c")
    x = tf.constant([1.0, 2.0, 3.0], name="x")
    outs = [tf.where(c, x, -x), tf.where(c, x, [9.0, 9.0, 9.0], name="s")]
    return describe(tf, outs)


@case
def where_select_rank1_condition(tf):
    c = tf.constant([True, False], name="c")
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]], name="x")
    return describe(tf, tf.where(c, x, x * 10.0))


@case
def where_v2_broadcasting(tf):
    c = tf.constant([[True], [False]], name="c")
    x = tf.constant([1.0, 2.0, 3.0], name="x")
    outs = [tf.where_v2(c, x, 0.0), tf.where_v2(c, 1, 2, name="w"), tf.where_v2([True, False])]
    return describe(tf, outs)


@case
def where_one_of_x_y_error(tf):
    return raises(tf.where, tf.constant([True]), tf.constant([1.0]))


@case
def where_select_shape_error(tf):
    c = tf.placeholder(tf.bool, [2], name="c")
    return raises(tf.where, c, tf.placeholder(tf.float32, [3], name="x"), tf.placeholder(tf.float32, [3], name="y"))


@case
def where_v2_shape_error(tf):
    c = tf.placeholder(tf.bool, [2], name="c")
    return raises(tf.where_v2, c, tf.placeholder(tf.float32, [3], name="x"), tf.placeholder(tf.float32, [3], name="y"))


@case
def where_unknown_shapes(tf):
    c = tf.placeholder(tf.bool, [None, 3], name="c")
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    return static([tf.where(c), tf.where(c, x, x), tf.where_v2(c, x, 0.0), tf.where(tf.placeholder(tf.bool, None))])


# -- one_hot, sequence_mask, range ------------------------------------------------------------------
@case
def one_hot_ops_and_values(tf):
    outs = [tf.one_hot([0, 2, -1], 3), tf.one_hot([[1], [0]], 2, on_value=5, off_value=-1, name="oh"),
            tf.one_hot([1, 0], 3, axis=0, dtype=tf.float64), tf.one_hot(tf.constant([1, 2], tf.int64), 4, 1.0, 0.5)]
    return describe(tf, outs)


@case
def one_hot_unknown(tf):
    i = tf.placeholder(tf.int32, [None], name="i")
    d = tf.placeholder(tf.int32, [], name="d")
    return static([tf.one_hot(i, 4), tf.one_hot(i, d), tf.one_hot(i, 3, axis=0)])


@case
def one_hot_dtype_mismatch_error(tf):
    return raises(tf.one_hot, [0], 2, on_value=1.0, dtype=tf.int32)


@case
def one_hot_on_off_mismatch_error(tf):
    return raises(tf.one_hot, [0], 2, on_value=1.0, off_value=0)


@case
def one_hot_large_axis(tf):
    return static([tf.one_hot([1, 2], 3, axis=3), tf.one_hot([[1, 2]], 3, axis=-1), tf.one_hot([[1, 2]], 3, axis=1)])


@case
def sequence_mask_ops(tf):
    outs = [tf.sequence_mask([1, 3, 2], 4), tf.sequence_mask([[1], [2]], dtype=tf.float32, name="sm")]
    return describe(tf, outs)


@case
def sequence_mask_no_maxlen(tf):
    return describe(tf, tf.sequence_mask([2, 0, 1]))


@case
def sequence_mask_maxlen_not_scalar_error(tf):
    return raises(tf.sequence_mask, [1, 2], [3])


@case
def range_ops_and_values(tf):
    outs = [tf.range(5), tf.range(1, 7, 2, name="r"), tf.range(3.0), tf.range(0, 1, 0.25), tf.range(5, 1, -2),
            tf.range(4, dtype=tf.int64), tf.range(tf.constant(3))]
    return describe(tf, outs)


@case
def range_unknown(tf):
    n = tf.placeholder(tf.int32, [], name="n")
    return static([tf.range(n), tf.range(n, 5)])


@case
def range_zero_delta_error(tf):
    return raises(tf.range, 0, 3, 0)


@case
def range_wrong_direction_error(tf):
    return raises(tf.range, 3, 0, 1)


# -- unique ----------------------------------------------------------------------------------------
@case
def unique_ops_and_values(tf):
    y, idx = tf.unique(tf.constant([4, 1, 4, 2, 1], name="c"))
    y2, idx2 = tf.unique(tf.constant([2.0, 2.0]), out_idx=tf.int64, name="u")
    return describe(tf, [y, idx, y2, idx2])


# -- more static errors and shapes --------------------------------------------------------------------
@case
def gather_nd_scalar_indices_error(tf):
    return raises(tf.gather_nd, _p(tf), 1)


@case
def gather_scalar_params_error(tf):
    return raises(tf.gather, tf.placeholder(tf.float32, [], name="x"), [0])


@case
def gather_axis0_drops_batch_dims(tf):
    x = tf.placeholder(tf.float32, [2, 3, 4], name="x")
    return static([tf.gather(x, [[0]], axis=0, batch_dims=1), tf.gather(x, [[0], [1]], axis=1, batch_dims=1)])


@case
def gather_negative_batch_dims_error(tf):
    return raises(tf.gather, tf.placeholder(tf.float32, [2, 3, 4], name="x"), [[0]], axis=1, batch_dims=-3)


@case
def scatter_nd_shape_mismatch_error(tf):
    return raises(tf.scatter_nd, [[1]], [1.0, 2.0], [5])


@case
def scatter_nd_unknown_shapes(tf):
    i = tf.placeholder(tf.int32, [None, 1], name="i")
    u = tf.placeholder(tf.float32, [None, 3], name="u")
    return static(tf.scatter_nd(i, u, [5, 3]))


@case
def unsorted_segment_sum_shape_error(tf):
    return raises(tf.unsorted_segment_sum, tf.placeholder(tf.float32, [3, 2], name="d"), [0, 1], 3)


@case
def unsorted_segment_sum_shapes(tf):
    d = tf.placeholder(tf.float32, [3, 2], name="d")
    return static([tf.unsorted_segment_sum(d, [0, 1, 1], tf.placeholder(tf.int32, [], name="n")),
                   tf.unsorted_segment_sum(d, [[0, 1], [1, 0], [0, 0]], 3)])


@case
def unique_rank_error(tf):
    return raises(tf.unique, tf.placeholder(tf.float32, [2, 3], name="x"))


@case
def where_v2_three_way_broadcast(tf):
    c = tf.placeholder(tf.bool, [2, 1], name="c")
    return static([tf.where_v2(c, tf.placeholder(tf.float32, [3]), tf.placeholder(tf.float32, [4, 1, 1])),
                   tf.where(tf.placeholder(tf.bool, []), tf.placeholder(tf.float32, [2, 3]),
                            tf.placeholder(tf.float32, [2, 3]))])


@case
def select_matrix_condition_shape_error(tf):
    c = tf.placeholder(tf.bool, [2, 3], name="c")
    return raises(tf.where, c, tf.placeholder(tf.float32, [2, 3], name="x"),
                  tf.placeholder(tf.float32, [2, 4], name="y"))


@case
def select_vector_condition_length_error(tf):
    c = tf.placeholder(tf.bool, [3], name="c")
    return raises(tf.where, c, tf.placeholder(tf.float32, [2, 3], name="x"),
                  tf.placeholder(tf.float32, [2, 3], name="y"))


@case
def one_hot_negative_depth_error(tf):
    return raises(tf.one_hot, [1], -1)


@case
def one_hot_axis_below_minus_one_error(tf):
    return raises(tf.one_hot, [1], 2, axis=-2)


@case
def range_negative_delta_error(tf):
    return raises(tf.range, 0, 3, -1)


@case
def range_float_shape(tf):
    return static([tf.range(0, 1, 0.3), tf.range(10, 0, -3), tf.range(0.5, 2.0)])

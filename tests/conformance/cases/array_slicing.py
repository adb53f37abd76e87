"""Conformance cases for ``__getitem__`` (strided_slice), ``tf.strided_slice``, ``tf.slice`` and
``tf.reverse``: op structure, masks, static shapes, values and TensorFlow's errors."""

import numpy as np

from tests.conformance.cases._array_helpers import describe, run_error, static
from tests.conformance.harness import case, op_summary, raises

_A = np.arange(24, dtype=np.float32).reshape(2, 3, 4)


def _c(tf):
    return tf.constant(_A, name="a")


def _masks(t):
    return [t.op.get_attr(m) for m in ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask",
                                       "shrink_axis_mask")]


# -- __getitem__ ---------------------------------------------------------------------------------
@case
def getitem_newaxis_reverse_summary(tf):
    x = tf.placeholder(tf.float32, [4, 5], name="x")
    y = x[1:, ::-1, tf.newaxis]
    return [op_summary(tf.get_default_graph()), static(y), _masks(y)]


@case
def getitem_int_index(tf):
    a = _c(tf)
    outs = [a[0], a[1, 2], a[-1, -1, -1], a[0][1]]
    return [describe(tf, outs), [_masks(t) for t in outs]]


@case
def getitem_slices(tf):
    a = _c(tf)
    outs = [a[:, 1:], a[:1, :, ::2], a[..., 1], a[1, ...], a[:, tf.newaxis, 1:2], a[::-1], a[:, ::-2, 3:0:-1]]
    return [describe(tf, outs), [_masks(t) for t in outs]]


@case
def getitem_ellipsis_newaxis(tf):
    a = _c(tf)
    outs = [a[...], a[tf.newaxis], a[..., tf.newaxis], a[tf.newaxis, ..., tf.newaxis, 0], a[None, None]]
    return [describe(tf, outs), [_masks(t) for t in outs]]


@case
def getitem_out_of_range_slices_clamp(tf):
    a = _c(tf)
    outs = [a[5:], a[:, 1:100], a[-100:1], a[:, 10:0:-1], a[1:1]]
    return describe(tf, outs)


@case
def getitem_unknown_dims(tf):
    x = tf.placeholder(tf.float32, [None, 3, None], name="x")
    outs = [x[0], x[:, 1], x[1:], x[:, :2], x[..., ::-1], x[:, tf.newaxis], x[0, 0, 0], x[:, -1:]]
    return static(outs)


@case
def getitem_unknown_rank(tf):
    x = tf.placeholder(tf.float32, None, name="x")
    outs = [x[0], x[1:], x[..., 0], x[tf.newaxis]]
    return static(outs)


@case
def getitem_tensor_index(tf):
    a = _c(tf)
    i = tf.placeholder(tf.int32, [], name="i")
    outs = [a[i], a[:, i:], a[i, :, i + 1]]
    return [describe(tf, outs, {i: 1}), [_masks(t) for t in outs]]


@case
def getitem_int64_tensor_index(tf):
    a = _c(tf)
    i = tf.constant(1, dtype=tf.int64, name="i")
    outs = [a[i], a[:i]]
    return describe(tf, outs)


@case
def getitem_python_scalar_error(tf):
    return raises(lambda: _c(tf)[1.5])


@case
def getitem_float_tensor_error(tf):
    return raises(lambda: _c(tf)[tf.constant(1.0)])


@case
def getitem_vector_tensor_error(tf):
    return raises(lambda: _c(tf)[tf.constant([0, 1])])


@case
def getitem_index_out_of_bounds_error(tf):
    return raises(lambda: _c(tf)[2])


@case
def getitem_negative_index_out_of_bounds_error(tf):
    return raises(lambda: _c(tf)[:, -4])


@case
def getitem_too_many_indices_error(tf):
    return raises(lambda: _c(tf)[0, 0, 0, 0])


@case
def getitem_zero_stride_error(tf):
    return raises(lambda: _c(tf)[::0])


@case
def getitem_two_ellipsis_error(tf):
    return raises(lambda: _c(tf)[..., 0, ...])


@case
def getitem_runtime_out_of_bounds(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    y = x[3]
    with tf.Session() as sess:
        return run_error(sess.run, y, {x: np.zeros(2)})


@case
def getitem_bool_mask(tf):
    a = tf.constant([1.0, 2.0, 3.0], name="a")
    m = tf.constant([True, False, True], name="m")
    return describe(tf, [a[m]])


@case
def getitem_of_variable(tf):
    v = tf.Variable(_A, name="v")
    s = v[0, 1:]
    with tf.Session() as sess:
        sess.run(v.initializer)
        return [[o for o in op_summary(tf.get_default_graph()) if not o[0].startswith("v/")], static(s), sess.run(s)]


@case
def getitem_scalar_of_scalar_error(tf):
    return raises(lambda: tf.constant(1.0)[0])


# -- strided_slice ------------------------------------------------------------------------------
@case
def strided_slice_function(tf):
    a = _c(tf)
    outs = [tf.strided_slice(a, [0, 1], [2, 3]), tf.strided_slice(a, [0, 0, 0], [1, 3, 4], [1, 2, 3], name="s"),
            tf.strided_slice(a, [1, 0], [2, 0], end_mask=2, shrink_axis_mask=1),
            tf.strided_slice(a, [0], [0], ellipsis_mask=1), tf.strided_slice(a, [-1], [-3], [-1])]
    return describe(tf, outs)


@case
def strided_slice_new_axis_mask(tf):
    a = _c(tf)
    return describe(tf, [tf.strided_slice(a, [0, 0], [1, 1], new_axis_mask=1)])


@case
def strided_slice_length_mismatch_error(tf):
    return raises(tf.strided_slice, _c(tf), [0, 0], [1])


@case
def strided_slice_begin_rank_error(tf):
    return raises(tf.strided_slice, _c(tf), [[0]], [[1]], [[1]])


# -- slice -----------------------------------------------------------------------------------------
@case
def slice_ops_and_values(tf):
    a = _c(tf)
    outs = [tf.slice(a, [0, 1, 0], [1, 2, 3]), tf.slice(a, [1, 0, 2], [-1, -1, -1], name="s"),
            tf.slice(a, (0, 0, 0), (2, 3, 4))]
    return describe(tf, outs)


@case
def slice_unknown_shapes(tf):
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    b = tf.placeholder(tf.int32, [2], name="b")
    outs = [tf.slice(x, [0, 1], [2, -1]), tf.slice(x, [1, 1], [-1, 2]), tf.slice(x, b, [1, 2]), tf.slice(x, [0, 0], b),
            tf.slice(tf.placeholder(tf.float32, None, name="y"), [0, 0], [1, 1])]
    return static(outs)


@case
def slice_rank_mismatch_error(tf):
    return raises(tf.slice, _c(tf), [0], [1])


@case
def slice_size_out_of_range_is_static(tf):
    return static(tf.slice(_c(tf), [1, 0, 0], [2, 1, 1]))


@case
def slice_begin_size_length_error(tf):
    return raises(tf.slice, _c(tf), [0, 0, 0], [1, 1])


@case
def slice_negative_begin_is_static(tf):
    return static(tf.slice(_c(tf), [-1, 0, 0], [1, 1, 1]))


@case
def slice_runtime_error(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    s = tf.slice(x, [1], [3])
    with tf.Session() as sess:
        return run_error(sess.run, s, {x: np.zeros(2)})


# -- reverse ------------------------------------------------------------------------------------------
@case
def reverse_ops_and_values(tf):
    a = _c(tf)
    outs = [tf.reverse(a, [0]), tf.reverse(a, [1, -1], name="r"), tf.reverse_v2(a, [2]), tf.reverse(a, [])]
    return describe(tf, outs)


@case
def reverse_unknown(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    return static([tf.reverse(x, [1]), tf.reverse(tf.placeholder(tf.float32, None), [0])])


@case
def reverse_axis_out_of_range_error(tf):
    return raises(tf.reverse, _c(tf), [3])


@case
def reverse_duplicate_axis_error(tf):
    return raises(tf.reverse, _c(tf), [1, -2])


# -- more static errors ------------------------------------------------------------------------------
@case
def slice_size_below_minus_one_error(tf):
    return raises(tf.slice, _c(tf), [0, 0, 0], [-2, 1, 1])


@case
def slice_begin_size_lengths_differ_error(tf):
    return raises(tf.slice, tf.placeholder(tf.float32, [2, 3], name="x"), [0, 0], [1, 1, 1])


@case
def reverse_axis_matrix_error(tf):
    return raises(tf.reverse, _c(tf), [[1]])


@case
def getitem_shrink_negative_stride_error(tf):
    return raises(tf.strided_slice, _c(tf), [1], [0], [-1], shrink_axis_mask=1)


@case
def getitem_variable_index_tensor_and_ellipsis(tf):
    a = _c(tf)
    i = tf.placeholder(tf.int32, [], name="i")
    outs = [a[..., i], a[i, ..., tf.newaxis], a[:i, -1]]
    return describe(tf, outs, {i: 1})


@case
def getitem_scalar_takes_ellipsis_and_new_axes(tf):
    """A scalar takes ``...`` and ``tf.newaxis`` (no other index), statically and when fed."""
    x = tf.constant(3.0, name="x")
    p = tf.placeholder(tf.float32, name="p")
    outs = [x[...], x[tf.newaxis], x[..., tf.newaxis], x[tf.newaxis, ..., tf.newaxis], p[..., tf.newaxis],
            p[tf.newaxis, tf.newaxis]]
    return describe(tf, outs, {p: 2.0})


@case
def getitem_scalar_index_error(tf):
    return raises(lambda: tf.constant(3.0, name="x")[tf.newaxis, 0])


@case
def getitem_fed_scalar_index_error(tf):
    p = tf.placeholder(tf.float32, name="p")
    with tf.Session() as sess:
        return run_error(sess.run, p[0], {p: 2.0})

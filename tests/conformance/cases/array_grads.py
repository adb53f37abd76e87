"""Conformance cases for the gradients of array ops: the ops TensorFlow builds under
``gradients/<op>_grad/`` and the gradient values.

The gradient of ``gather`` (axis 0) is an ``IndexedSlices``; those cases compare values through
``tf.convert_to_tensor`` (its names and parts are checked by the ``indexed_slices`` area).
"""

import numpy as np

from tests.conformance.cases._array_helpers import grads
from tests.conformance.harness import case, run_error, shape_of, values

_A = np.arange(6, dtype=np.float32).reshape(2, 3) / 4.0
_W = np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]], np.float32)


def _x(tf, value=_A, name="x"):
    return tf.constant(value, name=name)


def _weighted(tf, y):
    """``sum(y * w)`` with a fixed pattern ``w`` of y's shape, so gradients are not all ones."""
    shape = y.shape.as_list()
    w = np.arange(1, 1 + int(np.prod(shape)), dtype=np.float32).reshape(shape) % 5 - 1.5
    return tf.reduce_sum(y * tf.constant(w, name="w"))


def _dense_grads(tf, ys, xs, feed=None):
    gs = tf.gradients(ys, xs)
    dense = [tf.convert_to_tensor(g) for g in gs if g is not None]
    with tf.Session() as sess:
        return {"shapes": [shape_of(g) for g in dense], "values": sess.run(dense, feed)}


# -- pass-through and reshaping ops -------------------------------------------------------------
@case
def grad_identity(tf):
    x = _x(tf)
    return grads(tf, tf.identity(x) * 2.0, x)


@case
def grad_placeholder_with_default(tf):
    x = _x(tf)
    return grads(tf, tf.placeholder_with_default(x, [None, 3]) * 3.0, x)


@case
def grad_stop_gradient_is_none(tf):
    x = _x(tf)
    return grads(tf, tf.stop_gradient(x) * x, x)


@case
def grad_shape_size_rank_are_none(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.cast(tf.shape(x)[0] + tf.size(x) + tf.rank(x), tf.float32)
    return [g is None for g in tf.gradients(y, x)]


@case
def grad_reshape(tf):
    x = _x(tf)
    return grads(tf, _weighted(tf, tf.reshape(x, [3, 2])), x)


@case
def grad_reshape_partial_shape(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.reduce_sum(tf.reshape(x, [-1]) * 2.0)
    return grads(tf, y, x, {x: _A})


@case
def grad_reshape_unknown_shape(tf):
    x = tf.placeholder(tf.float32, [None, None], name="x")
    y = tf.reduce_sum(tf.reshape(x, [-1]) * 2.0)
    return grads(tf, y, x, {x: _A})


@case
def grad_expand_dims_and_squeeze(tf):
    x = _x(tf)
    y = tf.squeeze(tf.expand_dims(x, 1), [1])
    return grads(tf, _weighted(tf, y), x)


@case
def grad_transpose(tf):
    x = _x(tf)
    return grads(tf, _weighted(tf, tf.transpose(x)), x)


@case
def grad_transpose_perm(tf):
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4), name="x")
    return grads(tf, _weighted(tf, tf.transpose(x, [2, 0, 1])), x)


@case
def grad_broadcast_to(tf):
    x = tf.constant([1.0, 2.0, 3.0], name="x")
    return grads(tf, _weighted(tf, tf.broadcast_to(x, [2, 3])), x)


@case
def grad_fill_value(tf):
    v = tf.constant(2.0, name="v")
    return grads(tf, _weighted(tf, tf.fill([2, 3], v)), v)


@case
def grad_zeros_like_ones_like_are_none(tf):
    _x(tf, name="x")
    y = tf.placeholder(tf.float32, [None, 3], name="y")
    return [g is None for g in tf.gradients(tf.zeros_like(y) + tf.ones_like(y) * 2.0, y)]


# -- joining and splitting -------------------------------------------------------------------------
@case
def grad_stack(tf):
    a = tf.constant([1.0, 2.0], name="a")
    b = tf.constant([3.0, 4.0], name="b")
    return grads(tf, _weighted(tf, tf.stack([a, b], axis=1)), [a, b])


@case
def grad_unstack(tf):
    x = _x(tf)
    u0, u1 = tf.unstack(x)
    return grads(tf, u0 * 2.0 + u1 * u1, x)


@case
def grad_unstack_one_output_used(tf):
    x = _x(tf)
    return grads(tf, tf.unstack(x, axis=1)[1] * 5.0, x)


@case
def grad_concat(tf):
    a = _x(tf, name="a")
    b = tf.constant([[9.0, 8.0, 7.0]], name="b")
    return grads(tf, _weighted(tf, tf.concat([a, b, a], 0)), [a, b])


@case
def grad_concat_unknown_shapes(tf):
    a = tf.placeholder(tf.float32, [None, 3], name="a")
    b = tf.placeholder(tf.float32, [None, 3], name="b")
    y = tf.reduce_sum(tf.concat([a, b], 1) * 2.0)
    return grads(tf, y, [a, b], {a: _A, b: _A[:, ::-1]})


@case
def grad_concat_negative_axis(tf):
    a = _x(tf, name="a")
    b = _x(tf, name="b")
    return grads(tf, _weighted(tf, tf.concat([a, b], -1)), [a, b])


@case
def grad_split_num(tf):
    x = tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3), name="x")
    p, q = tf.split(x, 2)
    return grads(tf, tf.reduce_sum(p * 2.0) + tf.reduce_sum(q * q), x)


@case
def grad_split_sizes(tf):
    x = tf.constant(np.arange(12, dtype=np.float32).reshape(3, 4), name="x")
    p, q, r = tf.split(x, [1, 2, 1], axis=1)
    return grads(tf, tf.reduce_sum(p * 3.0) + tf.reduce_sum(r), x)


@case
def grad_tile(tf):
    x = _x(tf)
    return grads(tf, _weighted(tf, tf.tile(x, [2, 3])), x)


@case
def grad_pad_constant(tf):
    x = _x(tf)
    return grads(tf, _weighted(tf, tf.pad(x, [[1, 0], [2, 1]])), x)


@case
def grad_pad_v2(tf):
    x = _x(tf)
    return grads(tf, _weighted(tf, tf.pad(x, [[1, 1], [0, 1]], constant_values=3.0)), x)


@case
def grad_mirror_pad_reflect(tf):
    x = _x(tf)
    return grads(tf, _weighted(tf, tf.pad(x, [[1, 1], [2, 2]], mode="REFLECT")), x)


@case
def grad_mirror_pad_symmetric(tf):
    x = _x(tf)
    return grads(tf, _weighted(tf, tf.pad(x, [[2, 1], [1, 3]], mode="SYMMETRIC")), x)


# -- slicing --------------------------------------------------------------------------------------------
@case
def grad_getitem(tf):
    x = _x(tf)
    return grads(tf, _weighted(tf, x[1:, ::-1, tf.newaxis]), x)


@case
def grad_getitem_shrink(tf):
    x = _x(tf)
    return grads(tf, x[1, 2] * 3.0 + x[0, 0], x)


@case
def grad_getitem_unknown_shape(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.reduce_sum(x[:, 1:] * 2.0)
    return grads(tf, y, x, {x: _A})


@case
def grad_strided_slice_function(tf):
    x = _x(tf)
    return grads(tf, _weighted(tf, tf.strided_slice(x, [0, 2], [2, 0], [1, -1])), x)


@case
def grad_slice(tf):
    x = _x(tf)
    return grads(tf, _weighted(tf, tf.slice(x, [0, 1], [2, 2])), x)


@case
def grad_slice_unknown_shape(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.reduce_sum(tf.slice(x, [1, 0], [-1, 2]) * 2.0)
    return grads(tf, y, x, {x: _A})


@case
def grad_reverse(tf):
    x = _x(tf)
    return grads(tf, _weighted(tf, tf.reverse(x, [1])), x)


# -- gathering and selecting ------------------------------------------------------------------------
@case
def grad_gather_axis0_dense_value(tf):
    x = _x(tf)
    return _dense_grads(tf, _weighted(tf, tf.gather(x, [1, 0, 1])), x)


@case
def grad_gather_axis1(tf):
    x = _x(tf)
    return grads(tf, _weighted(tf, tf.gather(x, [2, 2, 0], axis=1)), x)


@case
def grad_gather_batch_dims(tf):
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4), name="x")
    i = tf.constant([[0, 2], [1, 1]], name="i")
    return grads(tf, _weighted(tf, tf.gather(x, i, axis=2, batch_dims=1)), x)


@case
def grad_gather_through_mul_dense_value(tf):
    x = _x(tf)
    return _dense_grads(tf, tf.reduce_sum(tf.gather(x * 2.0, [1, 1])), x)


@case
def grad_gather_nd(tf):
    x = _x(tf)
    return grads(tf, _weighted(tf, tf.gather_nd(x, [[1, 2], [0, 0], [1, 2]])), x)


@case
def grad_gather_nd_rows_dense_value(tf):
    x = _x(tf)
    return _dense_grads(tf, _weighted(tf, tf.gather_nd(x, [[1], [1]])), x)


@case
def grad_scatter_nd(tf):
    u = tf.constant([1.0, 2.0, 3.0], name="u")
    return grads(tf, _weighted(tf, tf.scatter_nd([[1], [3], [1]], u, [5])), u)


@case
def grad_unsorted_segment_sum(tf):
    d = _x(tf, name="d")
    return grads(tf, _weighted(tf, tf.unsorted_segment_sum(d, [1, -1], 3)), d)


@case
def grad_boolean_mask_dense_value(tf):
    x = _x(tf)
    return _dense_grads(tf, tf.reduce_sum(tf.boolean_mask(x, [False, True]) * 3.0), x)


@case
def grad_where_select(tf):
    x = _x(tf, name="x")
    y = tf.constant(_W, name="y")
    c = tf.constant([[True, False, True], [False, False, True]], name="c")
    return grads(tf, _weighted(tf, tf.where(c, x, y)), [x, y])


@case
def grad_where_v2_broadcast(tf):
    x = tf.constant([1.0, 2.0, 3.0], name="x")
    y = tf.constant(5.0, name="y")
    c = tf.constant([[True], [False]], name="c")
    return grads(tf, _weighted(tf, tf.where_v2(c, x, y)), [x, y])


@case
def grad_one_hot_is_none(tf):
    on = tf.constant(2.0, name="on")
    return [g is None for g in tf.gradients(tf.one_hot([0, 1], 2, on_value=on, off_value=0.0), on)]


# -- second order ---------------------------------------------------------------------------------------
@case
def grad_of_grad_tile(tf):
    x = _x(tf)
    g = tf.gradients(_weighted(tf, tf.tile(x, [2, 1])) * 1.0, x)[0]
    return grads(tf, tf.reduce_sum(g * x * x), x, prefix="gradients_1")


@case
def grad_of_grad_pad(tf):
    x = _x(tf)
    g = tf.gradients(tf.reduce_sum(tf.pad(x * x, [[1, 0], [0, 1]])), x)[0]
    return grads(tf, tf.reduce_sum(g * g), x, prefix="gradients_1")


def _concat_grad_error(tf, a_shape, b_shape, g_shape):
    # with grad_ys given, the gradient never runs the concat itself: ConcatOffset is what
    # refuses inputs that do not concatenate
    a = tf.placeholder(tf.float32, name="a")
    b = tf.placeholder(tf.float32, name="b")
    g = tf.placeholder(tf.float32, name="g")
    ga, gb = tf.gradients(tf.concat([a, b], 1), [a, b], grad_ys=g)
    feed = {a: np.ones(a_shape, np.float32), b: np.ones(b_shape, np.float32), g: np.ones(g_shape, np.float32)}
    return run_error(tf, [ga, gb], feed)


@case
def grad_concat_mismatched_fed_shapes_error(tf):
    return _concat_grad_error(tf, (2, 3), (4, 5), (4, 8))


@case
def grad_concat_mismatched_fed_ranks_error(tf):
    return _concat_grad_error(tf, (2, 3), (2, 5, 1), (2, 8))


@case
def grad_concat_fed_shapes_values(tf):
    a = tf.placeholder(tf.float32, [None, None], name="a")
    b = tf.placeholder(tf.float32, [None, None], name="b")
    g = tf.placeholder(tf.float32, [None, None], name="g")
    ga, gb = tf.gradients(tf.concat([a, b], 0), [a, b], grad_ys=g)
    feed = {a: np.ones((1, 2), np.float32), b: np.ones((2, 2), np.float32),
            g: np.arange(6, dtype=np.float32).reshape(3, 2)}
    return values(tf, [ga, gb], feed)

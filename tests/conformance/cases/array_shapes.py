"""Conformance cases for shape ops: identity, placeholders, shape/size/rank, reshape,
expand_dims, squeeze, transpose, broadcast_to, stop_gradient, zeros/ones/fill and ``_like``."""

import numpy as np

from tests.conformance.cases._array_helpers import describe as _describe, run_error, static as _static
from tests.conformance.harness import case, op_summary, raises, shape_of


def _x(tf, shape=(2, 3), dtype=None, name="x"):
    dtype = dtype or tf.float32
    return tf.placeholder(dtype, shape, name=name)


# -- identity, stop_gradient, placeholders ---------------------------------------------------
@case
def identity_ops_and_value(tf):
    x = tf.constant([1.0, 2.0], name="c")
    return _describe(tf, [tf.identity(x), tf.identity(x, name="named")])


@case
def identity_of_python_list(tf):
    return _describe(tf, tf.identity([[1, 2], [3, 4]]))


@case
def stop_gradient_ops(tf):
    x = tf.constant([1.0, 2.0], name="c")
    return _describe(tf, [tf.stop_gradient(x), tf.stop_gradient(x * 2.0, name="sg")])


@case
def placeholder_attrs(tf):
    a = tf.placeholder(tf.float32, [None, 3], name="a")
    b = tf.placeholder(tf.int64, name="b")
    c = tf.placeholder("float", (), name="c")
    return [_static([a, b, c]), a.op.get_attr("dtype").name, shape_of(tf.TensorShape(a.op.get_attr("shape"))),
            shape_of(tf.TensorShape(b.op.get_attr("shape")))]


@case
def placeholder_with_default_ops(tf):
    p = tf.placeholder_with_default([1.0, 2.0], shape=[None], name="p")
    q = tf.placeholder_with_default(tf.constant([[1, 2]]), [1, 2])
    return [_describe(tf, [p, q]), shape_of(tf.TensorShape(p.op.get_attr("shape")))]


@case
def placeholder_with_default_fed(tf):
    p = tf.placeholder_with_default(tf.constant([1.0, 2.0]), shape=[None], name="p")
    with tf.Session() as sess:
        return [sess.run(p), sess.run(p, {p: [5.0, 6.0, 7.0]})]


@case
def placeholder_with_default_incompatible_error(tf):
    return raises(tf.placeholder_with_default, [1.0, 2.0], shape=[3])


@case
def placeholder_with_default_unknown_shape(tf):
    p = tf.placeholder_with_default(tf.constant([1.0, 2.0]), shape=None)
    return _static(p)


# -- shape, shape_n, size, rank --------------------------------------------------------------
@case
def shape_known_is_const(tf):
    x = _x(tf)
    return _describe(tf, [tf.shape(x), tf.shape(x, out_type=tf.int64, name="s64")], {x: np.zeros((2, 3))})


@case
def shape_partial_is_op(tf):
    x = _x(tf, (None, 3))
    s = tf.shape(x)
    return [_describe(tf, s, {x: np.zeros((4, 3))}), s.op.get_attr("out_type").name]


@case
def shape_unknown_rank(tf):
    x = _x(tf, None)
    return _describe(tf, tf.shape(x), {x: np.zeros((1, 2, 3))})


@case
def shape_of_python_value(tf):
    return _describe(tf, [tf.shape([[1, 2, 3]]), tf.shape(5.0)])


@case
def shape_n_ops(tf):
    x, y = _x(tf, (None, 3)), _x(tf, (4,), name="y")
    outs = tf.shape_n([x, y])
    return _describe(tf, outs, {x: np.zeros((2, 3)), y: np.zeros(4)})


@case
def size_ops(tf):
    x, y, z = _x(tf), _x(tf, (None, 3), name="y"), _x(tf, (None, 0), name="z")
    outs = [tf.size(x), tf.size(y), tf.size(z), tf.size(y, out_type=tf.int64)]
    return _describe(tf, outs, {y: np.zeros((5, 3)), z: np.zeros((2, 0))})


@case
def rank_ops(tf):
    x, y = _x(tf, (None, 3)), _x(tf, None, name="y")
    outs = [tf.rank(x), tf.rank(y), tf.rank([1, 2], name="r")]
    return _describe(tf, outs, {y: np.zeros((1, 1, 1, 1))})


# -- reshape ----------------------------------------------------------------------------------
@case
def reshape_ops_and_value(tf):
    x = tf.constant(np.arange(6, dtype=np.float32), name="c")
    return _describe(tf, [tf.reshape(x, [2, 3]), tf.reshape(x, [-1, 2]), tf.reshape(x, (3, -1), name="r")])


@case
def reshape_partial_shapes(tf):
    x = _x(tf, (None, 3))
    n = tf.placeholder(tf.int32, [], name="n")
    outs = [tf.reshape(x, [-1, 3, 1]), tf.reshape(x, [2, -1]), tf.reshape(x, tf.stack([2, n])),
            tf.reshape(x, [-1]), tf.reshape(x, tf.shape(x)), tf.reshape(x, [-1, -1])]
    return _static(outs)


@case
def reshape_shape_from_placeholder(tf):
    s = tf.placeholder(tf.int32, [3], name="s")
    return _static(tf.reshape(_x(tf), s))


@case
def reshape_unknown_rank_shape(tf):
    s = tf.placeholder(tf.int32, None, name="s")
    return _static(tf.reshape(_x(tf), s))


@case
def reshape_zero_elements(tf):
    return _static([tf.reshape(_x(tf, (0, 3)), [-1, 0]), tf.reshape(_x(tf, (0, 3), name="y"), [3, -1])])


@case
def reshape_element_count_error(tf):
    return raises(tf.reshape, _x(tf), [4, 2])


@case
def reshape_not_divisible_error(tf):
    return raises(tf.reshape, _x(tf), [4, -1])


@case
def reshape_rank2_shape_error(tf):
    return raises(tf.reshape, _x(tf), [[6]])


@case
def reshape_negative_dim_error(tf):
    return raises(tf.reshape, _x(tf), [-2, 3])


@case
def reshape_runtime_error(tf):
    x = _x(tf, (None, 3))
    r = tf.reshape(x, [4, -1])
    with tf.Session() as sess:
        return run_error(sess.run, r, {x: np.zeros((3, 3))})


# -- expand_dims, squeeze ---------------------------------------------------------------------
@case
def expand_dims_ops(tf):
    x = tf.constant([[1.0, 2.0, 3.0]], name="c")
    outs = [tf.expand_dims(x, 0), tf.expand_dims(x, -1), tf.expand_dims(x, 1, name="e"), tf.expand_dims(x, dim=2)]
    return _describe(tf, outs)


@case
def expand_dims_unknown(tf):
    return _static([tf.expand_dims(_x(tf, (None, 3)), 1), tf.expand_dims(_x(tf, None, name="y"), 0),
                    tf.expand_dims(_x(tf), tf.placeholder(tf.int32, [], name="a"))])


@case
def expand_dims_out_of_range_error(tf):
    return raises(tf.expand_dims, _x(tf), 3)


@case
def expand_dims_negative_out_of_range_error(tf):
    return raises(tf.expand_dims, _x(tf), -4)


@case
def expand_dims_no_axis_error(tf):
    return raises(tf.expand_dims, _x(tf), None)


@case
def squeeze_ops(tf):
    x = tf.constant(np.arange(6, dtype=np.float32).reshape(1, 2, 1, 3), name="c")
    outs = [tf.squeeze(x), tf.squeeze(x, [0]), tf.squeeze(x, axis=[-2, 0], name="s"), tf.squeeze(x, 2),
            tf.squeeze(x, squeeze_dims=[0])]
    return [_describe(tf, outs), [o.op.get_attr("squeeze_dims") for o in outs]]


@case
def squeeze_unknown(tf):
    return _static([tf.squeeze(_x(tf, (None, 1, 3))), tf.squeeze(_x(tf, (None, 1, 3), name="y"), [1]),
                    tf.squeeze(_x(tf, None, name="z"), [0])])


@case
def squeeze_not_one_error(tf):
    return raises(tf.squeeze, _x(tf), [0])


@case
def squeeze_out_of_range_error(tf):
    return raises(tf.squeeze, _x(tf, (2, 1)), [2])


@case
def squeeze_runtime_error(tf):
    x = _x(tf, None)
    s = tf.squeeze(x, [0])
    with tf.Session() as sess:
        return run_error(sess.run, s, {x: np.zeros((2, 3))})


# -- transpose, broadcast_to, invert_permutation ------------------------------------------------
@case
def transpose_ops(tf):
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4), name="c")
    return _describe(tf, [tf.transpose(x), tf.transpose(x, [1, 0, 2]), tf.transpose(x, perm=(2, 0, 1), name="t")])


@case
def transpose_unknown_rank(tf):
    x = _x(tf, None)
    t = tf.transpose(x)
    return _describe(tf, t, {x: np.arange(6, dtype=np.float32).reshape(1, 2, 3)})


@case
def transpose_perm_out_of_range_error(tf):
    return raises(tf.transpose, _x(tf), [0, 2])


@case
def transpose_perm_wrong_length_error(tf):
    return raises(tf.transpose, _x(tf), [0])


@case
def invert_permutation_ops(tf):
    return _describe(tf, tf.invert_permutation([2, 0, 1]))


@case
def broadcast_to_ops(tf):
    x = tf.constant([1.0, 2.0, 3.0], name="c")
    return _describe(tf, [tf.broadcast_to(x, [2, 3]), tf.broadcast_to(x, (2, 1, 3), name="b")])


@case
def broadcast_to_unknown(tf):
    n = tf.placeholder(tf.int32, [], name="n")
    return _static([tf.broadcast_to(_x(tf, (None, 3)), [4, 3]), tf.broadcast_to(_x(tf, (1,), name="y"), tf.stack([n, 2]))])


@case
def broadcast_to_error(tf):
    return raises(tf.broadcast_to, _x(tf), [3, 3])


@case
def broadcast_dynamic_shape_ops(tf):
    return _describe(tf, tf.broadcast_dynamic_shape(tf.constant([2, 1]), tf.constant([3])))


@case
def broadcast_static_shape_value(tf):
    return [shape_of(tf.broadcast_static_shape(tf.TensorShape([2, 1]), tf.TensorShape([None, 1, 3]))),
            raises(tf.broadcast_static_shape, tf.TensorShape([2]), tf.TensorShape([3]))]


# -- zeros, ones, fill and their _like ---------------------------------------------------------
@case
def zeros_ones_small_are_const(tf):
    outs = [tf.zeros([2, 3]), tf.ones((2,), tf.int32), tf.zeros([], tf.bool), tf.ones([2], "float64", name="o"),
            tf.zeros([1], tf.string)]
    return _describe(tf, outs)


@case
def zeros_large_is_fill(tf):
    outs = [tf.zeros([100, 100]), tf.ones([1000]), tf.zeros([999])]
    return [op_summary(tf.get_default_graph()), _static(outs)]


@case
def zeros_with_tensor_shape(tf):
    n = tf.placeholder(tf.int32, [], name="n")
    s = tf.placeholder(tf.int32, [2], name="s")
    outs = [tf.zeros([2, n]), tf.ones(s), tf.zeros(tf.shape(_x(tf, (None, 3))))]
    return [op_summary(tf.get_default_graph()), _static(outs)]


@case
def zeros_scalar_shape_tensor(tf):
    return [_static(tf.zeros(tf.constant(3))), op_summary(tf.get_default_graph())]


@case
def fill_ops(tf):
    outs = [tf.fill([2, 3], 1.5), tf.fill((2,), 7, name="f"), tf.fill([2], tf.constant(True))]
    return _describe(tf, outs)


@case
def fill_partial_dims(tf):
    n = tf.placeholder(tf.int32, [], name="n")
    return _static([tf.fill(tf.stack([n, 3]), 0.0), tf.fill(tf.placeholder(tf.int32, [2]), 0.0)])


@case
def fill_value_not_scalar_error(tf):
    return raises(tf.fill, [2, 3], [1.0])


@case
def fill_negative_dim_error(tf):
    return raises(tf.fill, [2, -3], 1.0)


@case
def zeros_like_known_and_unknown(tf):
    x, y = _x(tf), _x(tf, (None, 3), name="y")
    outs = [tf.zeros_like(x), tf.zeros_like(y), tf.zeros_like(x, dtype=tf.int32), tf.zeros_like(y, dtype=tf.int32),
            tf.zeros_like(x, optimize=False)]
    return [op_summary(tf.get_default_graph()), _static(outs)]


@case
def ones_like_known_and_unknown(tf):
    x, y = _x(tf), _x(tf, (None, 3), name="y")
    outs = [tf.ones_like(x), tf.ones_like(y), tf.ones_like(x, dtype=tf.int64), tf.ones_like(y, dtype=tf.bool, name="o")]
    return [op_summary(tf.get_default_graph()), _static(outs)]


@case
def zeros_ones_like_values(tf):
    y = _x(tf, (None, 3), name="y")
    outs = [tf.zeros_like(y), tf.ones_like(y), tf.zeros_like([1, 2]), tf.ones_like([[True]])]
    return _describe(tf, outs, {y: np.full((2, 3), 5.0)})


# -- more static errors ------------------------------------------------------------------------------
@case
def reshape_empty_list_shape(tf):
    r = tf.reshape(tf.constant([3.0], name="c"), [])
    return describe(tf, r)


@case
def fill_minus_one_dim_error(tf):
    return raises(tf.fill, [-1, 3], 1.0)


@case
def broadcast_to_rank_too_high_error(tf):
    return raises(tf.broadcast_to, _x(tf, (2, 3, 4)), [3, 4])


@case
def expand_dims_vector_axis_error(tf):
    return raises(tf.expand_dims, _x(tf), [0, 1])


@case
def invert_permutation_matrix_error(tf):
    return raises(tf.invert_permutation, [[0]])


@case
def placeholder_with_default_rank_error(tf):
    return raises(tf.placeholder_with_default, [1.0, 2.0], [2, 1])


@case
def placeholder_with_default_partial(tf):
    p = tf.placeholder_with_default(_x(tf, (None, 3)), [2, None])
    return _static(p)


@case
def shape_of_variable_and_list_autopack(tf):
    v = tf.Variable(np.zeros((2, 3), np.float32), name="v")
    n = tf.placeholder(tf.int32, [], name="n")
    outs = [tf.shape(v), tf.zeros([n, 3]), tf.reshape(v, [n, -1])]
    return [op_summary(tf.get_default_graph())[4:], _static(outs)]


@case
def tensor_shape_and_dimension_conversion(tf):
    outs = [tf.convert_to_tensor(tf.TensorShape([2, 3])), tf.convert_to_tensor(tf.Dimension(4)),
            tf.reshape(tf.zeros([6]), tf.TensorShape([3, 2]))]
    return [describe(tf, outs), raises(tf.convert_to_tensor, tf.TensorShape([None, 3]))]


@case
def reshape_first_invalid_size_error(tf):
    x = tf.placeholder(tf.float32, [6])
    return raises(tf.reshape, x, [2, -3, -5])

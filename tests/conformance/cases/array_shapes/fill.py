"""Shape ops: zeros, ones, fill and their ``_like``, and more static shape errors."""

import numpy as np

from tests.conformance.cases._array_helpers import describe as _describe
from tests.conformance.cases._array_helpers import static as _static
from tests.conformance.cases.array_shapes._helpers import _x
from tests.conformance.harness import case, op_summary, raises


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
    return _describe(tf, r)


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
    return [_describe(tf, outs), raises(tf.convert_to_tensor, tf.TensorShape([None, 3]))]


@case
def reshape_first_invalid_size_error(tf):
    x = tf.placeholder(tf.float32, [6])
    return raises(tf.reshape, x, [2, -3, -5])

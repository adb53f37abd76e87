"""Shape ops: reshape, expand_dims, squeeze, transpose, broadcast_to, invert_permutation."""

import numpy as np

from tests.conformance.cases._array_helpers import describe as _describe
from tests.conformance.cases._array_helpers import run_error
from tests.conformance.cases._array_helpers import static as _static
from tests.conformance.cases.array_shapes._helpers import _x
from tests.conformance.harness import case, raises, shape_of


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
    return _static([tf.broadcast_to(_x(tf, (None, 3)), [4, 3]),
                    tf.broadcast_to(_x(tf, (1,), name="y"), tf.stack([n, 2]))])


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

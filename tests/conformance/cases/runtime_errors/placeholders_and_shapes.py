"""Kernel (run-time) error messages: placeholders, matmul, joining and shape manipulation."""

import numpy as np

from tests.conformance.cases.runtime_errors._helpers import _kernel_error, _ph
from tests.conformance.harness import case


# -- placeholders ---------------------------------------------------------------------------------
@case
def placeholder_unfed_scalar(tf):
    return _kernel_error(tf, tf.placeholder(tf.float32, [], name="x"))


@case
def placeholder_unfed_unknown_rank(tf):
    return _kernel_error(tf, tf.placeholder(tf.float32, None, name="x"))


@case
def placeholder_unfed_partial_shape(tf):
    return _kernel_error(tf, tf.placeholder(tf.int32, [None, 3], name="x"))


@case
def placeholder_unfed_full_shape(tf):
    return _kernel_error(tf, tf.placeholder(tf.float64, [2, 3], name="x"))


@case
def placeholder_unfed_string_vector(tf):
    return _kernel_error(tf, tf.placeholder(tf.string, [4], name="x"))


@case
def placeholder_unfed_bool_unknown_dims(tf):
    return _kernel_error(tf, tf.placeholder(tf.bool, [None, None], name="x"))


@case
def placeholder_with_default_not_affected(tf):
    x = tf.placeholder_with_default([1.0, 2.0], [None], name="x")
    return _kernel_error(tf, x * 2.0)


# -- matmul ---------------------------------------------------------------------------------------
@case
def batch_matmul_size_mismatch(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    m = tf.matmul(a, b, name="mm")
    return [m.op.type, _kernel_error(tf, m, {a: np.zeros((2, 3)), b: np.zeros((4, 5))})]


@case
def batch_matmul_batched_size_mismatch(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    m = tf.matmul(a, b, name="mm")
    return _kernel_error(tf, m, {a: np.zeros((7, 2, 3)), b: np.zeros((7, 4, 5))})


@case
def batch_matmul_batch_dims_mismatch(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    m = tf.matmul(a, b, name="mm")
    return _kernel_error(tf, m, {a: np.zeros((2, 2, 3)), b: np.zeros((3, 3, 5))})


@case
def batch_matmul_transposed_mismatch(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    m = tf.matmul(a, b, transpose_a=True, adjoint_b=True, name="mm")
    return _kernel_error(tf, m, {a: np.zeros((2, 3)), b: np.zeros((4, 5))})


@case
def batch_matmul_vector_input(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    m = tf.matmul(a, b, name="mm")
    return [_kernel_error(tf, m, {a: np.zeros(3), b: np.zeros((3, 5))}),
            _kernel_error(tf, m, {a: np.zeros((2, 3)), b: np.zeros(3)}),
            _kernel_error(tf, m, {a: np.zeros(()), b: np.zeros((3, 3))})]


@case
def matmul_2d_size_mismatch(tf):
    a, b = _ph(tf, name="a", shape=[None, None]), _ph(tf, name="b", shape=[None, None])
    m = tf.matmul(a, b, name="mm")
    t = tf.matmul(a, b, transpose_b=True, name="mt")
    return [m.op.type, _kernel_error(tf, m, {a: np.zeros((2, 3)), b: np.zeros((4, 5))}),
            _kernel_error(tf, t, {a: np.zeros((2, 3)), b: np.zeros((4, 5))})]


# -- joining --------------------------------------------------------------------------------------
@case
def concat_ranks_differ(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    c = tf.concat([a, b], 0, name="c")
    return _kernel_error(tf, c, {a: np.zeros((2, 3)), b: np.zeros(4)})


@case
def concat_dimension_differs(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    c = tf.concat([a, b], 0, name="c")
    return _kernel_error(tf, c, {a: np.zeros((2, 3)), b: np.zeros((2, 4))})


@case
def concat_third_input_differs(tf):
    a, b, d = _ph(tf, name="a"), _ph(tf, name="b"), _ph(tf, name="d")
    c = tf.concat([a, b, d], 1, name="c")
    return _kernel_error(tf, c, {a: np.zeros((2, 3)), b: np.zeros((2, 1)), d: np.zeros((3, 1))})


@case
def concat_axis_out_of_range(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    axis = tf.placeholder(tf.int32, [], name="axis")
    c = tf.concat([a, b], axis, name="c")
    return [_kernel_error(tf, c, {a: np.zeros((2, 3)), b: np.zeros((2, 3)), axis: 2}),
            _kernel_error(tf, c, {a: np.zeros((2, 3)), b: np.zeros((2, 3)), axis: -3})]


@case
def pack_shapes_differ(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    s = tf.stack([a, b], name="s")
    return _kernel_error(tf, s, {a: np.zeros(3), b: np.zeros(2)})


@case
def pack_third_shape_differs(tf):
    a, b, d = _ph(tf, name="a"), _ph(tf, name="b"), _ph(tf, name="d")
    s = tf.stack([a, b, d], axis=1, name="s")
    return _kernel_error(tf, s, {a: np.zeros((2, 2)), b: np.zeros((2, 2)), d: np.zeros(2)})


# -- shape manipulation ---------------------------------------------------------------------------
@case
def transpose_perm_wrong_length(tf):
    x = _ph(tf)
    t = tf.transpose(x, [1, 0], name="t")
    return _kernel_error(tf, t, {x: np.zeros((2, 3, 4))})


@case
def transpose_perm_invalid(tf):
    x = _ph(tf)
    p = tf.placeholder(tf.int32, [None], name="p")
    t = tf.transpose(x, p, name="t")
    return [_kernel_error(tf, t, {x: np.zeros((2, 3)), p: [0, 0]}),
            _kernel_error(tf, t, {x: np.zeros((2, 3)), p: [0, 2]})]


@case
def tile_multiples_wrong_length(tf):
    x = _ph(tf)
    t = tf.tile(x, [2], name="t")
    return _kernel_error(tf, t, {x: np.zeros((2, 3))})


@case
def tile_negative_multiples(tf):
    x = _ph(tf)
    m = tf.placeholder(tf.int32, [None], name="m")
    t = tf.tile(x, m, name="t")
    return _kernel_error(tf, t, {x: np.zeros((2, 3)), m: [1, -1]})


@case
def fill_negative_dims(tf):
    d = tf.placeholder(tf.int32, [None], name="d")
    f = tf.fill(d, 1.0, name="f")
    return _kernel_error(tf, f, {d: [2, -1]})


@case
def fill_value_not_scalar(tf):
    v = _ph(tf, name="v")
    f = tf.fill([2, 2], v, name="f")
    return _kernel_error(tf, f, {v: [1.0, 2.0]})


@case
def range_delta_zero(tf):
    d = tf.placeholder(tf.int32, [], name="d")
    r = tf.range(0, 5, d, name="r")
    return _kernel_error(tf, r, {d: 0})


@case
def range_wrong_direction(tf):
    s = tf.placeholder(tf.int32, [], name="s")
    r = tf.range(s, 2, 1, name="r")
    down = tf.range(s, 9, -1, name="down")
    fr = tf.range(tf.cast(s, tf.float32), 2.0, 0.5, name="fr")
    return [_kernel_error(tf, r, {s: 5}), _kernel_error(tf, down, {s: 5}), _kernel_error(tf, fr, {s: 5})]


@case
def reshape_size_mismatch(tf):
    x = _ph(tf)
    r = tf.reshape(x, [2, 3], name="r")
    return _kernel_error(tf, r, {x: np.zeros(5)})


@case
def reshape_inferred_dim_mismatch(tf):
    x = _ph(tf)
    r = tf.reshape(x, [-1, 2], name="r")
    return _kernel_error(tf, r, {x: np.zeros(5)})


@case
def reshape_two_inferred_dims(tf):
    x = _ph(tf)
    s = tf.placeholder(tf.int32, [None], name="s")
    r = tf.reshape(x, s, name="r")
    return [_kernel_error(tf, r, {x: np.zeros(6), s: [-1, -1]}),
            _kernel_error(tf, r, {x: np.zeros(6), s: [2, -2]})]


@case
def expand_dims_axis_out_of_range(tf):
    x = _ph(tf)
    a = tf.placeholder(tf.int32, [], name="a")
    e = tf.expand_dims(x, a, name="e")
    return _kernel_error(tf, e, {x: np.zeros((2, 3)), a: 4})


@case
def squeeze_dim_not_one(tf):
    x = _ph(tf)
    s = tf.squeeze(x, [0], name="s")
    return _kernel_error(tf, s, {x: np.zeros((2, 3))})

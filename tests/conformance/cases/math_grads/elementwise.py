"""Gradients of the binary and unary math ops."""

import numpy as np

from tests.conformance.cases._math_helpers import grads
from tests.conformance.cases.math_grads._helpers import _A, _P, _ab, _loss
from tests.conformance.harness import case


# -- binary ops ----------------------------------------------------------------------------------
@case
def grad_add_same_shape(tf):
    a, _ = _ab(tf)
    c = tf.constant(_P, name="c")
    return grads(tf, tf.add(a, c), [a, c])


@case
def grad_add_broadcast(tf):
    a, b = _ab(tf)
    return grads(tf, _loss(tf, a + b), [a, b])


@case
def grad_sub_broadcast(tf):
    a, b = _ab(tf)
    return grads(tf, _loss(tf, b - a), [a, b])


@case
def grad_sub_same_shape(tf):
    a, _ = _ab(tf)
    c = tf.constant(_P, name="c")
    return grads(tf, a - c, [a, c])


@case
def grad_mul_same_shape_float32(tf):
    a, _ = _ab(tf)
    c = tf.constant(_P, name="c")
    return grads(tf, a * c, [a, c])


@case
def grad_mul_broadcast(tf):
    a, b = _ab(tf)
    return grads(tf, _loss(tf, a * b), [a, b])


@case
def grad_mul_float64_same_shape(tf):
    a = tf.constant(_A.astype(np.float64), name="a")
    c = tf.constant(_P.astype(np.float64), name="c")
    return grads(tf, a * c, [a, c])


@case
def grad_mul_by_scalar(tf):
    a, _ = _ab(tf)
    s = tf.constant(3.0, name="s")
    return grads(tf, _loss(tf, s * a), [a, s])


@case
def grad_div(tf):
    a, b = _ab(tf)
    return grads(tf, _loss(tf, a / b), [a, b])


@case
def grad_floordiv_is_none(tf):
    a, b = _ab(tf)
    return grads(tf, tf.floordiv(a, b) + a, [a, b])


@case
def grad_floormod(tf):
    a, b = _ab(tf)
    return grads(tf, _loss(tf, tf.floormod(a, b)), [a, b])


@case
def grad_pow(tf):
    p, b = _ab(tf, _P)
    return grads(tf, _loss(tf, tf.pow(p, b)), [p, b])


@case
def grad_pow_scalar_exponent(tf):
    a, _ = _ab(tf)
    return grads(tf, _loss(tf, a ** 3.0), a)


@case
def grad_maximum_minimum(tf):
    a, b = _ab(tf)
    return grads(tf, _loss(tf, tf.maximum(a, b) + tf.minimum(a, 0.5)), [a, b])


@case
def grad_squared_difference(tf):
    a, b = _ab(tf)
    return grads(tf, _loss(tf, tf.squared_difference(a, b)), [a, b])


@case
def grad_div_no_nan(tf):
    a = tf.constant(_A, name="a")
    b = tf.constant([2.0, 0.0, -4.0], name="b")
    return grads(tf, _loss(tf, tf.div_no_nan(a, b)), [a, b])


@case
def grad_add_n(tf):
    a, _ = _ab(tf)
    c = tf.constant(_P, name="c")
    return grads(tf, _loss(tf, tf.add_n([a, c, a])), [a, c])


@case
def grad_unknown_shapes_use_broadcast_gradient_args(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    return grads(tf, tf.reduce_sum(x * y), [x, y], feed={x: _A, y: [[2.0], [-1.0]]})


# -- unary ops ---------------------------------------------------------------------------------
@case
def grad_neg_abs_sign(tf):
    a, _ = _ab(tf)
    return [grads(tf, _loss(tf, -a), a), grads(tf, _loss(tf, tf.abs(a)), a, prefix="gradients_1"),
            grads(tf, _loss(tf, tf.sign(a)), a, prefix="gradients_2")]


@case
def grad_square_sqrt_rsqrt(tf):
    p = tf.constant(_P, name="p")
    return [grads(tf, _loss(tf, tf.square(p)), p), grads(tf, _loss(tf, tf.sqrt(p)), p, prefix="gradients_1"),
            grads(tf, _loss(tf, tf.rsqrt(p)), p, prefix="gradients_2")]


@case
def grad_exp_log_log1p(tf):
    p = tf.constant(_P, name="p")
    return [grads(tf, _loss(tf, tf.exp(p)), p), grads(tf, _loss(tf, tf.log(p)), p, prefix="gradients_1"),
            grads(tf, _loss(tf, tf.log1p(p)), p, prefix="gradients_2")]


@case
def grad_sin_cos(tf):
    a, _ = _ab(tf)
    return [grads(tf, _loss(tf, tf.sin(a)), a), grads(tf, _loss(tf, tf.cos(a)), a, prefix="gradients_1")]


@case
def grad_tanh_sigmoid_reciprocal(tf):
    a, _ = _ab(tf)
    return [grads(tf, _loss(tf, tf.tanh(a)), a), grads(tf, _loss(tf, tf.sigmoid(a)), a, prefix="gradients_1"),
            grads(tf, _loss(tf, tf.reciprocal(a)), a, prefix="gradients_2")]


@case
def grad_round_floor_ceil_are_none(tf):
    a, _ = _ab(tf)
    return [[g is None for g in tf.gradients([tf.round(a), tf.floor(a), tf.ceil(a)], a)],
            [g is None for g in tf.gradients(tf.round(a), a)]]


@case
def grad_cast(tf):
    a, _ = _ab(tf)
    return [grads(tf, _loss(tf, tf.cast(a, tf.float64)), a),
            [g is None for g in tf.gradients(tf.cast(a, tf.int32), a)]]


@case
def grad_clip_by_value(tf):
    a, _ = _ab(tf)
    return grads(tf, _loss(tf, tf.clip_by_value(a, -1.0, 2.0)), a)

"""Conformance cases for the gradients of the math ops: the ops TensorFlow builds under
``gradients/<op>_grad/``, the names of the results, their static shapes and values, and
second-order gradients."""

import numpy as np

from tests.conformance.cases._math_helpers import grads
from tests.conformance.harness import case, shape_of

_A = np.array([[1.5, -2.0, 3.0], [0.5, 4.0, -1.0]], np.float32)
_B = np.array([2.0, -0.5, 1.25], np.float32)
_P = np.array([[0.5, 1.5, 2.0], [3.0, 0.25, 1.0]], np.float32)


def _w(shape):
    n = int(np.prod(shape))
    return (np.arange(1, n + 1, dtype=np.float32).reshape(shape) % 4) - 1.25


def _loss(tf, y):
    """``sum(y * w)`` with a fixed pattern ``w``, so gradients are not all ones."""
    return tf.reduce_sum(y * tf.constant(_w(y.shape.as_list()), dtype=y.dtype, name="w"))


def _ab(tf, a=_A, b=_B):
    return tf.constant(a, name="a"), tf.constant(b, name="b")


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


# -- reductions ------------------------------------------------------------------------------------
@case
def grad_sum_all(tf):
    a, _ = _ab(tf)
    return grads(tf, tf.reduce_sum(a), a)


@case
def grad_sum_axis(tf):
    a, _ = _ab(tf)
    return grads(tf, _loss(tf, tf.reduce_sum(a, 1)), a)


@case
def grad_sum_twice_same_shape_uses_cache(tf):
    a, _ = _ab(tf)
    c = tf.constant(_P, name="c")
    return grads(tf, [_loss(tf, tf.reduce_sum(a, 0)), _loss(tf, tf.reduce_sum(c, 0))], [a, c])


@case
def grad_sum_keepdims_negative_axis(tf):
    a, _ = _ab(tf)
    return grads(tf, _loss(tf, tf.reduce_sum(a, -1, keepdims=True)), a)


@case
def grad_sum_unknown_shape(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    return [grads(tf, tf.reduce_sum(x, 1), x, feed={x: _A}), grads(tf, tf.reduce_sum(x), x, feed={x: _A},
                                                                   prefix="gradients_1")]


@case
def grad_mean(tf):
    a, _ = _ab(tf)
    return [grads(tf, tf.reduce_mean(a), a), grads(tf, _loss(tf, tf.reduce_mean(a, 0)), a, prefix="gradients_1")]


@case
def grad_mean_unknown_shape(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    return grads(tf, tf.reduce_mean(x, 0), x, feed={x: _A})


@case
def grad_max_min_ties(tf):
    x = tf.constant([[1.0, 3.0, 3.0], [2.0, 2.0, -1.0]], name="x")
    return [grads(tf, _loss(tf, tf.reduce_max(x, 1)), x), grads(tf, tf.reduce_min(x), x, prefix="gradients_1"),
            grads(tf, _loss(tf, tf.reduce_max(x, 0, keepdims=True)), x, prefix="gradients_2")]


@case
def grad_prod(tf):
    p = tf.constant([[0.5, 2.0, -3.0], [1.5, 0.0, 4.0]], name="p")
    return [grads(tf, _loss(tf, tf.reduce_prod(p, 1)), p), grads(tf, tf.reduce_prod(p), p, prefix="gradients_1")]


@case
def grad_reduce_logsumexp(tf):
    a, _ = _ab(tf)
    return grads(tf, _loss(tf, tf.reduce_logsumexp(a, 1)), a)


@case
def grad_euclidean_norm(tf):
    a, _ = _ab(tf)
    return grads(tf, _loss(tf, tf.math.reduce_euclidean_norm(a, 1)), a)


@case
def grad_cumsum_cumprod(tf):
    p = tf.constant(_P, name="p")
    return [grads(tf, _loss(tf, tf.cumsum(p, 1, exclusive=True)), p),
            grads(tf, _loss(tf, tf.cumprod(p, 1, reverse=True)), p, prefix="gradients_1")]


@case
def grad_argmax_is_none(tf):
    a, _ = _ab(tf)
    return [g is None for g in tf.gradients(tf.cast(tf.argmax(a, 1), tf.float32), a)]


# -- matmul, tensordot, einsum ---------------------------------------------------------------------
_M = np.arange(12, dtype=np.float32).reshape(3, 4) / 4.0 - 1.0


@case
def grad_matmul(tf):
    a = tf.constant(_A, name="a")
    m = tf.constant(_M, name="m")
    return grads(tf, _loss(tf, tf.matmul(a, m)), [a, m])


@case
def grad_matmul_transposes(tf):
    at = tf.constant(_A.T, name="at")
    mt = tf.constant(_M.T, name="mt")
    a = tf.constant(_A, name="a")
    m = tf.constant(_M, name="m")
    return [grads(tf, _loss(tf, tf.matmul(at, m, transpose_a=True)), [at, m]),
            grads(tf, _loss(tf, tf.matmul(a, mt, transpose_b=True)), [a, mt], prefix="gradients_1"),
            grads(tf, _loss(tf, tf.matmul(at, mt, transpose_a=True, transpose_b=True)), [at, mt],
                  prefix="gradients_2")]


@case
def grad_batch_matmul(tf):
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 8.0, name="x")
    y = tf.constant(np.arange(16, dtype=np.float32).reshape(2, 4, 2) / 5.0 - 1.0, name="y")
    return grads(tf, _loss(tf, tf.matmul(x, y)), [x, y])


@case
def grad_batch_matmul_broadcast(tf):
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 8.0, name="x")
    m = tf.constant(_M, name="m")
    return grads(tf, _loss(tf, tf.matmul(x, m, transpose_b=True)), [x, m])


@case
def grad_tensordot(tf):
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 8.0, name="x")
    m = tf.constant(_M, name="m")
    return grads(tf, _loss(tf, tf.tensordot(x, m, [[1, 2], [0, 1]])), [x, m])


@case
def grad_einsum(tf):
    a = tf.constant(_A, name="a")
    m = tf.constant(_M, name="m")
    return [grads(tf, _loss(tf, tf.einsum("ij,jk->ik", a, m)), [a, m]),
            grads(tf, _loss(tf, tf.einsum("ij->j", a)), a, prefix="gradients_1")]


# -- second order --------------------------------------------------------------------------------
@case
def second_order_tanh_sigmoid(tf):
    a, _ = _ab(tf)
    g1 = tf.gradients(tf.reduce_sum(tf.tanh(a) + tf.sigmoid(a)), a)[0]
    return grads(tf, g1, a, prefix="gradients_1")


@case
def second_order_mul_square_exp(tf):
    a, _ = _ab(tf)
    g1 = tf.gradients(_loss(tf, a * tf.square(a) + tf.exp(a)), a)[0]
    return grads(tf, g1, a, prefix="gradients_1")


@case
def second_order_sqrt_rsqrt_reciprocal(tf):
    p = tf.constant(_P, name="p")
    g1 = tf.gradients(_loss(tf, tf.sqrt(p) + tf.rsqrt(p) + tf.reciprocal(p)), p)[0]
    return grads(tf, g1, p, prefix="gradients_1")


@case
def second_order_matmul(tf):
    a = tf.constant(_A, name="a")
    m = tf.constant(_M, name="m")
    g1 = tf.gradients(tf.reduce_sum(tf.square(tf.matmul(a, m))), a)[0]
    return grads(tf, g1, [a, m], prefix="gradients_1")


@case
def second_order_div_pow(tf):
    p, b = _ab(tf, _P)
    g1 = tf.gradients(_loss(tf, p / b + p ** 2.0), p)[0]
    return grads(tf, g1, [p, b], prefix="gradients_1")


# -- composite graphs: every op name and gradient, as a TF1 model builds them ------------------------
def _all_ops(tf):
    return [[op.name, op.type] for op in tf.get_default_graph().get_operations()]


@case
def composite_regression_and_accuracy(tf):
    v = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="v")
    w = tf.get_variable("w", [2, 3], initializer=tf.ones_initializer())
    y = tf.placeholder(tf.float32, [None, 3], name="y")
    h = tf.matmul(v, w)
    loss = tf.reduce_mean(tf.square(y - h)) + 0.01 * tf.reduce_sum(v ** 2) - v[0, 0] / 2
    acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(h, 1), tf.argmax(y, 1)), tf.float32))
    z = tf.reduce_sum(tf.abs(v) * 2 + 1, axis=0, keepdims=True)
    gs = tf.gradients(loss + tf.reduce_sum(z), [v, w])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run([loss, acc] + gs, {y: [[1.0, 0.0, 0.0], [0.0, 2.0, 1.0]]})
    return [_all_ops(tf), got]


@case
def composite_elementwise_reductions_second_order(tf):
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    b = tf.Variable(tf.zeros([4]), name="b")
    s = tf.Variable(2.0, name="s")
    h = tf.tanh(x * s + b)
    m = tf.reduce_max(h, 1) + tf.reduce_min(h, 0)[0]
    p = tf.reduce_prod(h + 2.0, axis=-1)
    r = tf.sqrt(tf.reduce_sum(tf.square(h), 1) + 1e-6) * tf.rsqrt(tf.exp(h[:, 0]) + 1.0)
    t = tf.maximum(h, 0.1) + tf.minimum(h, -0.1) + tf.sigmoid(h) * tf.log1p(tf.abs(h))
    e = tf.einsum("bi,i->b", t, b + 1.0) + tf.tensordot(t, tf.ones([4, 2]), 1)[:, 1]
    c = tf.cumsum(h, 1, exclusive=True) * tf.cumprod(h + 1.5, 1, reverse=True)
    k = tf.squared_difference(h, b) / (s + 1.0) + tf.pow(tf.abs(h) + 1.0, s)
    total = (tf.reduce_mean(m) + tf.reduce_sum(p) + tf.reduce_sum(r) + tf.reduce_mean(e) + tf.reduce_sum(c)
             + tf.reduce_mean(k, [0, 1]))
    gs = tf.gradients(total, [x, b, s])
    g2 = tf.gradients(gs[2], [s, b])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run([total] + gs + g2, {x: np.arange(8, dtype=np.float32).reshape(2, 4) / 8.0 - 0.3})
    return [_all_ops(tf), got]


@case
def composite_unknown_shapes_dynamic_gradients(tf):
    x = tf.placeholder(tf.float32, [None, None], name="x")
    u = tf.placeholder(tf.float32, name="u")
    ax = tf.placeholder(tf.int32, [1], name="ax")
    w = tf.Variable(np.ones((3, 2), np.float32), name="w")
    a = tf.reduce_sum(x * 2.0, ax)
    b = tf.reduce_mean(x, 0)
    c = tf.reduce_max(u, 1, keepdims=True)
    d = tf.reduce_prod(x, ax, keepdims=True)
    e = tf.matmul(x, w) + tf.matmul(u, w)
    f = tf.reduce_mean(tf.reduce_min(x, ax)) + tf.reduce_sum(u)
    total = tf.reduce_sum(a) + tf.reduce_sum(b) + tf.reduce_sum(c) + tf.reduce_sum(d) + tf.reduce_sum(e) + f
    gs = tf.gradients(total, [x, u, w])
    shapes = [[t.name, shape_of(t)] for t in [a, b, c, d, e, f] + gs]
    xv = np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]], np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run([total] + gs, {x: xv, u: xv * 0.5, ax: [1]})
    return [_all_ops(tf), shapes, got]


# -- linear-algebra helpers and complex parts --------------------------------------------------------
@case
def grad_transpose(tf):
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 8.0, name="x")
    return [grads(tf, _loss(tf, tf.transpose(x, [2, 0, 1])), x),
            grads(tf, _loss(tf, tf.transpose(x)), x, prefix="gradients_1")]


@case
def grad_diag_and_diag_part(tf):
    d = tf.constant([1.0, -2.0, 0.5], name="d")
    m = tf.constant(_P[:, :2], name="m")
    return [grads(tf, _loss(tf, tf.diag(d)), d), grads(tf, _loss(tf, tf.diag_part(m)), m, prefix="gradients_1")]


@case
def grad_complex_parts(tf):
    x = tf.constant([1.0, -2.0, 0.5], name="x")
    y = tf.constant([0.5, 1.5, -1.0], name="y")
    c = tf.complex(x, y)
    out = tf.real(c * c) + tf.imag(c) * 3.0 + tf.abs(c) + tf.real(tf.conj(c) * c)
    return grads(tf, _loss(tf, out), [x, y])


@case
def grad_dynamic_stitch(tf):
    a = tf.constant(_A, name="a")
    b = tf.constant(_P[:1], name="b")
    out = tf.dynamic_stitch([tf.constant([2, 0]), tf.constant([1])], [a, b])
    return grads(tf, _loss(tf, out), [a, b])


@case
def second_order_einsum_and_batch_matmul(tf):
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 8.0, name="x")
    m = tf.constant(_M.T, name="m")
    g1 = tf.gradients(tf.reduce_sum(tf.square(tf.einsum("bij,jk->bik", x, m)) + tf.matmul(x, x, adjoint_b=True)), x)[0]
    return grads(tf, g1, [x, m], prefix="gradients_1")

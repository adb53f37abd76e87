"""Second-order gradients and composite graphs (every op name and gradient, as a TF1 model builds
them)."""

import numpy as np

from tests.conformance.cases._math_helpers import grads
from tests.conformance.cases.math_grads._helpers import _A, _M, _P, _ab, _loss
from tests.conformance.harness import case, shape_of


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


@case
def second_order_einsum_and_batch_matmul(tf):
    x = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 8.0, name="x")
    m = tf.constant(_M.T, name="m")
    g1 = tf.gradients(tf.reduce_sum(tf.square(tf.einsum("bij,jk->bik", x, m)) + tf.matmul(x, x, adjoint_b=True)), x)[0]
    return grads(tf, g1, [x, m], prefix="gradients_1")

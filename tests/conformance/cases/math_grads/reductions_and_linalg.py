"""Gradients of reductions, matmul, tensordot, einsum, the linear-algebra helpers and complex parts."""

import numpy as np

from tests.conformance.cases._math_helpers import grads
from tests.conformance.cases.math_grads._helpers import _A, _M, _P, _ab, _loss
from tests.conformance.harness import case


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

"""Gradients of the linear-algebra ops: values and names (the ops built by the simple rules)."""

import numpy as np

from tests.conformance.cases._math_helpers import grads
from tests.conformance.cases.linalg._helpers import BATCH, A, B, G, W, loss
from tests.conformance.harness import case, grad_info


@case
def grad_matrix_inverse(tf):
    g = tf.constant(G, name="g")
    return grads(tf, loss(tf, tf.matrix_inverse(g)), [g])


@case
def grad_matrix_inverse_adjoint_batch(tf):
    b = tf.constant(BATCH, name="b")
    return grads(tf, loss(tf, tf.matrix_inverse(b, adjoint=True)), [b])


@case
def grad_determinants(tf):
    g = tf.constant(G, name="g")
    return grads(tf, [tf.matrix_determinant(g), 2.0 * tf.linalg.slogdet(g)[1]], [g])


@case
def grad_cholesky_and_logdet(tf):
    a = tf.constant(A, name="a")
    return grad_info(tf, [loss(tf, tf.cholesky(a)), tf.linalg.logdet(a)], [a])


@case
def grad_matrix_solve(tf):
    g, b = tf.constant(G, name="g"), tf.constant(B, name="b")
    return grads(tf, [loss(tf, tf.matrix_solve(g, b)), loss(tf, tf.matrix_solve(g, b, adjoint=True))], [g, b])


@case
def grad_triangular_solve(tf):
    g, b = tf.constant(G, name="g"), tf.constant(B, name="b")
    return grads(tf, [loss(tf, tf.matrix_triangular_solve(g, b)),
                      loss(tf, tf.matrix_triangular_solve(g, b, lower=False, adjoint=True))], [g, b])


@case
def grad_triangular_solve_broadcast(tf):
    g, b = tf.constant(G, name="g"), tf.constant(np.stack([B, -B]), name="b")
    return grad_info(tf, loss(tf, tf.matrix_triangular_solve(g, b)), [g, b])


@case
def grad_eigh(tf):
    a = tf.constant(A, name="a")
    e, v = tf.self_adjoint_eig(a)
    return grad_info(tf, [loss(tf, e), tf.reduce_sum(tf.square(v[:, 0]) * tf.constant([1.0, 2.0, 3.0], tf.float64)),
                          loss(tf, tf.self_adjoint_eigvals(a))], [a])


@case
def grad_svd(tf):
    w = tf.constant(W, name="w")
    s, u, v = tf.svd(w)
    wt = tf.constant(W.T, name="wt")
    s2 = tf.svd(wt, compute_uv=False)
    return grad_info(tf, [loss(tf, s), tf.reduce_sum(tf.square(u) * tf.constant(np.arange(9.0).reshape(3, 3))),
                          loss(tf, s2)], [w, wt])


@case
def grad_qr(tf):
    w = tf.constant(W.T, name="w")
    q, r = tf.qr(w)
    return grad_info(tf, [loss(tf, r), loss(tf, tf.square(q))], [w])


@case
def grad_bands_and_diagonals(tf):
    m = tf.constant(W, name="m")
    d = tf.constant([1.0, 2.0, 3.0], tf.float64, name="d")
    return grads(tf, [loss(tf, tf.matrix_band_part(m, 1, 0)), loss(tf, tf.matrix_diag_part(m)),
                      loss(tf, tf.matrix_set_diag(m, d)), loss(tf, tf.matrix_diag(d))], [m, d])


@case
def grad_cross(tf):
    a = tf.constant([[1.0, 2.0, 3.0]], name="a")
    b = tf.constant([[-1.0, 0.5, 2.0]], name="b")
    return grads(tf, loss(tf, tf.cross(a, b)), [a, b])

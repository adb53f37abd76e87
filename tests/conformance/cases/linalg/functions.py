"""``tf.linalg``'s matrix functions and solvers: ops, names, static shapes and values."""

import numpy as np

from tests.conformance.cases._math_helpers import describe
from tests.conformance.cases.linalg._helpers import BATCH, A, B, G, W
from tests.conformance.harness import case


@case
def inverse_determinant_names(tf):
    a = tf.constant(G, name="a")
    return describe(tf, [tf.matrix_inverse(a), tf.linalg.inv(a, adjoint=True, name="inv_adj"),
                         tf.matrix_determinant(a), tf.linalg.det(a, name="d")])


@case
def inverse_batch_float32(tf):
    a = tf.constant(BATCH.astype(np.float32), name="a")
    return describe(tf, [tf.matrix_inverse(a), tf.matrix_determinant(a)])


@case
def slogdet_and_logdet(tf):
    a = tf.constant(A, name="a")
    g = tf.constant(-G, name="g")
    sign, logabs = tf.linalg.slogdet(g)
    return describe(tf, [sign, logabs, tf.linalg.logdet(a), tf.linalg.logdet(a, name="ld"),
                         *tf.linalg.slogdet(tf.constant(BATCH, name="batch"))])


@case
def cholesky_and_solves(tf):
    a = tf.constant(A, name="a")
    b = tf.constant(B, name="b")
    chol = tf.cholesky(a)
    return describe(tf, [chol, tf.linalg.cholesky(a, name="L"), tf.cholesky_solve(chol, b),
                         tf.linalg.cholesky_solve(chol, b, name="cs")])


@case
def cholesky_reads_the_lower_triangle(tf):
    a = tf.constant(np.tril(A) + np.triu(np.full((3, 3), 100.0), 1), name="a")
    return describe(tf, [tf.cholesky(a)])


@case
def matrix_solve_variants(tf):
    g = tf.constant(G, name="g")
    b = tf.constant(B, name="b")
    return describe(tf, [tf.matrix_solve(g, b), tf.linalg.solve(g, b, adjoint=True),
                         tf.matrix_solve(tf.constant(BATCH, name="batch"), tf.constant(np.stack([B] * 3), name="bs"))])


@case
def triangular_solve_names_and_values(tf):
    g = tf.constant(G, name="g")
    b = tf.constant(B, name="b")
    return describe(tf, [tf.matrix_triangular_solve(g, b), tf.linalg.triangular_solve(g, b, lower=False),
                         tf.matrix_triangular_solve(g, b, adjoint=True, name="ts"),
                         tf.linalg.triangular_solve(g, b, lower=False, adjoint=True)])


@case
def triangular_solve_broadcasts_batches(tf):
    g = tf.constant(G, name="g")
    b = tf.constant(np.stack([B, 2 * B]), name="b")
    return describe(tf, [tf.matrix_triangular_solve(g, b)])


@case
def eigh_values_and_vectors(tf):
    a = tf.constant(A, name="a")
    e, v = tf.self_adjoint_eig(a)
    e2, v2 = tf.linalg.eigh(tf.constant(BATCH[:1] + BATCH[:1].transpose(0, 2, 1), name="b"))
    vals = tf.self_adjoint_eigvals(a)
    return describe(tf, [e, tf.abs(v), vals, tf.linalg.eigvalsh(a, name="ev"), e2,
                         tf.matmul(v2 * e2[:, None, :], v2, transpose_b=True)])


@case
def svd_shapes_and_values(tf):
    w = tf.constant(W, name="w")
    s, u, v = tf.svd(w)
    s_full, u_full, v_full = tf.linalg.svd(w, full_matrices=True)
    only_s = tf.svd(tf.transpose(w), compute_uv=False)
    return describe(tf, [s, tf.abs(u), tf.abs(v), s_full, tf.abs(u_full), tf.abs(v_full), only_s,
                         tf.matmul(u * s[None, :], v, adjoint_b=True)])


@case
def svd_unknown_shape(tf):
    p = tf.placeholder(tf.float64, [None, None, 4], name="p")
    s, u, v = tf.svd(p)
    full = tf.svd(p, full_matrices=True)
    return {"static": [[t.name, t.shape.as_list()] for t in (s, u, v, *full)],
            "values": describe(tf, [s], {p: W[None]})["values"]}


@case
def determinant_of_singular_and_empty(tf):
    z = tf.constant(np.array([[1.0, 2.0], [2.0, 4.0]]), name="z")
    e = tf.constant(np.zeros((2, 0, 0)), name="e")
    return describe(tf, [tf.matrix_determinant(z), *tf.linalg.slogdet(z), tf.matrix_determinant(e),
                         *tf.linalg.slogdet(e)])


@case
def complex_inverse_and_determinant(tf):
    c = tf.constant(G + 1j * A, dtype=tf.complex128, name="c")
    return describe(tf, [tf.matrix_inverse(c), tf.matrix_determinant(c), tf.linalg.adjoint(c)])


@case
def lstsq_fast_and_regularised(tf):
    w = tf.constant(W.T, name="w")
    b = tf.constant(np.array([[1.0], [2.0], [0.5], [-1.0]]), name="b")
    wide = tf.constant(W, name="wide")
    return describe(tf, [tf.matrix_solve_ls(w, b), tf.linalg.lstsq(w, b, l2_regularizer=0.5),
                         tf.linalg.lstsq(wide, b[:3])])


@case
def lstsq_not_fast_builds_matrix_solve_ls(tf):
    w = tf.constant(W.T, name="w")
    b = tf.constant(np.array([[1.0], [2.0], [0.5], [-1.0]]), name="b")
    return describe(tf, [tf.matrix_solve_ls(w, b, fast=False)])


@case
def trace_adjoint_matvec(tf):
    w = tf.constant(W, name="w")
    x = tf.constant(np.array([1.0, -1.0, 2.0, 0.5]), name="x")
    return describe(tf, [tf.trace(w), tf.linalg.trace(tf.constant(BATCH, name="batch"), name="tr"),
                         tf.linalg.adjoint(w), tf.linalg.matvec(w, x), tf.linalg.matvec(w, x[:3], transpose_a=True)])


@case
def cross_products(tf):
    a = tf.constant(np.array([[1.0, 0.0, 0.0], [1.0, 2.0, 3.0]]), name="a")
    b = tf.constant(np.array([[0.0, 1.0, 0.0], [-1.0, 0.5, 2.0]]), name="b")
    i = tf.constant([[1, 2, 3]], name="i")
    return describe(tf, [tf.cross(a, b), tf.linalg.cross(a, b, name="c"), tf.cross(i, i * 2 + 1)])


@case
def norms_vector_and_matrix(tf):
    w = tf.constant(W, name="w")
    return describe(tf, [tf.norm(w), tf.norm(w, ord=1), tf.norm(w, ord=np.inf, axis=1),
                         tf.norm(w, ord=3, axis=0, keepdims=True), tf.linalg.norm(w, ord="fro", axis=[0, 1]),
                         tf.norm(w, ord=1, axis=(0, 1)), tf.norm(w, ord=np.inf, axis=(-2, -1)),
                         tf.norm(w, axis=-1, keep_dims=True, name="n")])


@case
def normalize_returns_both(tf):
    w = tf.constant(W, name="w")
    return describe(tf, list(tf.linalg.normalize(w, axis=1)))


@case
def linalg_aliases_of_existing_functions(tf):
    w = tf.constant(W, name="w")
    return describe(tf, [tf.linalg.matmul(w, w, transpose_b=True), tf.linalg.transpose(w),
                         tf.linalg.matrix_transpose(w), tf.linalg.eye(2), tf.linalg.tensor_diag([1.0, 2.0]),
                         tf.linalg.tensor_diag_part(tf.constant(A, name="a")),
                         tf.linalg.einsum("ij,kj->ik", w, w), tf.linalg.tensordot(w, w, [[1], [1]]),
                         tf.linalg.l2_normalize(w, axis=1), tf.linalg.global_norm([w])])

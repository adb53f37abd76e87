"""Shape errors at build time and kernel errors at run time, with TensorFlow's wording."""

import numpy as np

from tests.conformance.cases.linalg._helpers import G, W
from tests.conformance.harness import case, raises, run_error


@case
def non_square_static_shapes(tf):
    w = tf.constant(W, name="w")
    return [raises(tf.matrix_inverse, w), raises(tf.matrix_determinant, w), raises(tf.cholesky, w),
            raises(tf.self_adjoint_eig, w), raises(tf.linalg.slogdet, w), raises(tf.matrix_solve, w, w)]


@case
def rank_one_static_shapes(tf):
    v = tf.constant([1.0, 2.0], name="v")
    return [raises(tf.matrix_inverse, v), raises(tf.svd, v),
            raises(lambda: tf.matrix_band_part(v, 0, 0).shape.as_list()), raises(tf.matrix_diag_part, v),
            run_error(tf, tf.matrix_band_part(v, 0, 0))]


@case
def solve_shape_mismatches(tf):
    g = tf.constant(G, name="g")
    return [raises(tf.matrix_solve, g, tf.ones([2, 1], tf.float64)),
            raises(tf.matrix_triangular_solve, g, tf.ones([2, 1], tf.float64)),
            raises(tf.cross, tf.ones([2]), tf.ones([2])), raises(tf.cross, tf.ones([3]), tf.ones([4]))]


@case
def unsupported_dtypes(tf):
    i = tf.constant([[1, 2], [3, 4]], name="i")
    return [raises(tf.matrix_inverse, i), raises(tf.matrix_determinant, i), raises(tf.cholesky, i),
            raises(tf.svd, i)]


@case
def runtime_errors(tf):
    p = tf.placeholder(tf.float64, name="p")
    q = tf.placeholder(tf.float64, name="q")
    sing = np.array([[1.0, 2.0], [2.0, 4.0]])
    return [run_error(tf, tf.matrix_inverse(p), {p: np.ones((2, 3))}),
            run_error(tf, tf.matrix_inverse(p), {p: sing}),
            run_error(tf, tf.matrix_inverse(p), {p: np.ones(2)}),
            run_error(tf, tf.matrix_determinant(p), {p: np.ones((2, 3))}),
            run_error(tf, tf.cholesky(p), {p: np.ones((2, 3))}),
            run_error(tf, tf.matrix_solve(p, q), {p: sing, q: np.ones((2, 1))}),
            run_error(tf, tf.matrix_solve(p, q), {p: np.eye(2), q: np.ones((3, 1))}),
            run_error(tf, tf.matrix_triangular_solve(p, q), {p: np.eye(2), q: np.ones((3, 1))}),
            run_error(tf, tf.self_adjoint_eig(p), {p: np.ones((2, 3))}),
            run_error(tf, tf.svd(p), {p: np.ones(3)}),
            run_error(tf, tf.cross(p, q), {p: np.ones(2), q: np.ones(2)})]


@case
def band_and_diag_runtime_errors(tf):
    p = tf.placeholder(tf.float64, name="p")
    k = tf.placeholder(tf.int32, name="k")
    lo = tf.placeholder(tf.int64, name="lo")
    m = np.ones((3, 4))
    return [run_error(tf, tf.matrix_band_part(p, lo, -1), {p: m, lo: 5}),
            run_error(tf, tf.matrix_band_part(p, 0, lo), {p: m, lo: 6}),
            run_error(tf, tf.linalg.diag_part(p, k=k), {p: m, k: 4}),
            run_error(tf, tf.linalg.diag_part(p, k=k), {p: m, k: [-3, 0]}),
            run_error(tf, tf.linalg.diag_part(p, k=k), {p: m, k: [1, 0]}),
            run_error(tf, tf.linalg.set_diag(p, tf.ones([2], tf.float64)), {p: m})]


@case
def not_positive_definite_and_singular_triangle(tf):
    p = tf.placeholder(tf.float64, name="p")
    q = tf.placeholder(tf.float64, name="q")
    with tf.Session() as sess:
        chol = sess.run(tf.cholesky(p), {p: np.array([[1.0, 2.0], [2.0, 1.0]])})
        tri = sess.run(tf.matrix_triangular_solve(p, q), {p: np.zeros((2, 2)), q: np.ones((2, 1))})
    return {"chol_lower_nan": np.isnan(np.tril(chol)).all().item(), "tri": tri}

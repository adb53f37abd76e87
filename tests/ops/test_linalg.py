"""``tf.linalg`` behaviour the conformance goldens do not pin down: complex adjoints and their
gradients, failed Cholesky factors, the refused ``matrix_diag`` bands, lazy loading."""

import subprocess
import sys

import numpy as np
import pytest

import scopeflow as tf


@pytest.fixture(autouse=True)
def _graph():
    tf.reset_default_graph()


def test_adjoint_of_complex_matrices_conjugates_and_its_gradient_is_the_adjoint():
    c = tf.constant(np.array([[1 + 2j, 3 - 1j], [0.5j, 2.0]]), tf.complex128)
    adj = tf.linalg.adjoint(c)
    g = tf.gradients(tf.reduce_sum(tf.real(adj) * 2.0 + tf.imag(adj)), c)[0]
    with tf.Session() as sess:
        got, grad = sess.run([adj, g])
    assert adj.op.type == "ConjugateTranspose" and adj.op.name == "adjoint/matrix_transpose/transpose"
    np.testing.assert_array_equal(got, np.conj(sess_value(c)).T)
    np.testing.assert_allclose(grad, np.full((2, 2), 2.0 - 1j))


def sess_value(t):
    with tf.Session() as sess:
        return sess.run(t)


def test_cholesky_of_a_matrix_that_is_not_positive_definite_is_nan_in_its_lower_triangle():
    p = tf.placeholder(tf.float64)
    with tf.Session() as sess:
        got = sess.run(tf.cholesky(p), {p: np.array([[[4.0, 2.0], [2.0, 3.0]], [[1.0, 2.0], [2.0, 1.0]]])})
    np.testing.assert_allclose(got[0], np.linalg.cholesky([[4.0, 2.0], [2.0, 3.0]]))
    assert np.isnan(got[1][np.tril_indices(2)]).all() and got[1][0, 1] == 0.0


def test_matrix_diag_refuses_off_diagonal_bands_it_cannot_build():
    with pytest.raises(ValueError, match="main diagonal only"):
        tf.linalg.diag([1.0, 2.0], k=1)
    assert tf.linalg.diag([1.0, 2.0], k=tf.constant(0)).shape.as_list() == [2, 2]


def test_matrix_2_norm_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="no matrix 2-norm"):
        tf.norm(tf.ones([2, 2]), ord=2, axis=[0, 1])


def test_svd_reconstructs_batches_and_gradients_flow():
    x = tf.constant(np.random.default_rng(0).normal(size=(2, 4, 3)))
    s, u, v = tf.svd(x)
    back = tf.matmul(u * s[:, None, :], v, adjoint_b=True)
    g = tf.gradients(tf.reduce_sum(s), x)[0]
    with tf.Session() as sess:
        rebuilt, grad, want = sess.run([back, g, x])
    np.testing.assert_allclose(rebuilt, want, atol=1e-12)
    uu, _, vh = np.linalg.svd(want, full_matrices=False)
    np.testing.assert_allclose(grad, uu @ vh, atol=1e-10)


def test_linalg_loads_on_first_use():
    code = ("import sys, scopeflow as tf; assert 'scopeflow._src.ops.linalg' not in sys.modules; "
            "tf.matrix_inverse; assert 'scopeflow._src.ops.linalg.grads' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)

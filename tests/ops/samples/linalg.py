"""Samples of the linear-algebra ops (``tf.linalg``): decompositions, solvers, bands, diagonals."""

import numpy as np

from tests.ops.samples import F32, F64, sample


def _spd(x):
    return x @ np.swapaxes(x, -1, -2) + 3.0 * np.eye(x.shape[-1])


def _tf_spd(tf, x):
    return tf.matmul(x, x, transpose_b=True) + 3.0 * tf.eye(x.shape.as_list()[-1], dtype=x.dtype)


@sample("MatrixInverse", [F64(2, 3, 3, seed=1)], lambda x: np.linalg.inv(_spd(x)), second_order=True)
def _(tf, x):
    return tf.matrix_inverse(_tf_spd(tf, x))


@sample("MatrixInverse", [F64(3, 3, seed=2)], lambda x: np.linalg.inv(_spd(x)).T)
def _(tf, x):
    return tf.matrix_inverse(_tf_spd(tf, x), adjoint=True)


@sample("MatrixDeterminant", [F64(2, 3, 3, seed=3)], lambda x: np.linalg.det(x))
def _(tf, x):
    return tf.matrix_determinant(x)


@sample("LogMatrixDeterminant", [F64(2, 3, 3, seed=4)], lambda x: np.linalg.slogdet(x))
def _(tf, x):
    return tuple(tf.linalg.slogdet(x))


@sample("Cholesky", [F64(2, 3, 3, seed=5)], lambda x: np.linalg.cholesky(_spd(x)), second_order=True)
def _(tf, x):
    return tf.cholesky(_tf_spd(tf, x))


@sample("Cholesky", [F64(3, 3, seed=6)], lambda x: 2 * np.log(np.diag(np.linalg.cholesky(_spd(x)))).sum())
def _(tf, x):
    return tf.linalg.logdet(_tf_spd(tf, x))


@sample("MatrixSolve", [F64(2, 3, 3, seed=7), F64(2, 3, 2, seed=8)],
        lambda a, b: np.linalg.solve(_spd(a), b))
def _(tf, a, b):
    return tf.matrix_solve(_tf_spd(tf, a), b)


@sample("MatrixSolve", [F64(3, 3, seed=9), F64(3, 1, seed=10)], lambda a, b: np.linalg.solve(a.T + 3 * np.eye(3), b))
def _(tf, a, b):
    return tf.linalg.solve(a + 3 * tf.eye(3, dtype=tf.float64), b, adjoint=True)


def _tri(a, lower=True):
    return (np.tril(a) if lower else np.triu(a)) + 3.0 * np.eye(a.shape[-1])


@sample("MatrixTriangularSolve", [F64(2, 3, 3, seed=11), F64(2, 3, 2, seed=12)],
        lambda a, b: np.linalg.solve(_tri(a + 3 * np.eye(3)) - 3 * np.eye(3), b))
def _(tf, a, b):
    return tf.matrix_triangular_solve(a + 3 * tf.eye(3, dtype=tf.float64), b)


@sample("MatrixTriangularSolve", [F64(3, 3, seed=13), F64(2, 3, 2, seed=14)],
        lambda a, b: np.linalg.solve(np.triu(a + 3 * np.eye(3)).T, b))
def _(tf, a, b):
    return tf.linalg.triangular_solve(a + 3 * tf.eye(3, dtype=tf.float64), b, lower=False, adjoint=True)


@sample("SelfAdjointEigV2", [F64(2, 3, 3, seed=15)], lambda x: np.linalg.eigvalsh(x + np.swapaxes(x, -1, -2)))
def _(tf, x):
    return tf.self_adjoint_eigvals(x + tf.linalg.adjoint(x))


@sample("SelfAdjointEigV2", [F64(3, 3, seed=16)],
        lambda x: (np.linalg.eigh(x + x.T)[0], np.linalg.eigh(x + x.T)[1] ** 2))
def _(tf, x):
    e, v = tf.self_adjoint_eig(x + tf.transpose(x))
    return e, tf.square(v)


@sample("Svd", [F64(2, 4, 3, seed=17)], lambda x: np.linalg.svd(x, compute_uv=False))
def _(tf, x):
    return tf.svd(x, compute_uv=False)


def _svd_parts(x):
    u, s, vh = np.linalg.svd(x, full_matrices=False)
    return s, u ** 2, vh.T ** 2


@sample("Svd", [F64(3, 4, seed=18)], _svd_parts)
def _(tf, x):
    s, u, v = tf.svd(x)
    return s, tf.square(u), tf.square(v)


@sample("Svd", [F64(4, 3, seed=19)], _svd_parts)
def _(tf, x):
    s, u, v = tf.linalg.svd(x)
    return s, tf.square(u), tf.square(v)


@sample("MatrixBandPart", [F64(2, 4, 5, seed=20)], lambda x: np.triu(np.tril(x, 2), -1))
def _(tf, x):
    return tf.matrix_band_part(x, 1, 2)


@sample("MatrixDiagPartV3", [F64(2, 3, 4, seed=21)], lambda x: np.diagonal(x, axis1=-2, axis2=-1))
def _(tf, x):
    return tf.matrix_diag_part(x)


@sample("MatrixDiagPartV3", [F64(3, 4, seed=22)],
        lambda x: np.array([[x[0, 1], x[1, 2], x[2, 3]], [x[0, 0], x[1, 1], x[2, 2]], [x[1, 0], x[2, 1], 0.0]]))
def _(tf, x):
    return tf.linalg.diag_part(x, k=(-1, 1), align="RIGHT_LEFT")


@sample("MatrixDiagPartV3", [F64(3, 4, seed=22), F64(seed=29)],
        lambda x, p: np.array([[x[0, 0], x[1, 1], x[2, 2]], [x[1, 0], x[2, 1], p]]), grad=False)
def _(tf, x, p):  # a fed padding value: the JAX lowering moves it as an element
    return tf.linalg.diag_part(x, k=(-1, 0), padding_value=p)


def _set_diag(x, d):
    out = x.copy()
    idx = np.arange(3)
    out[..., idx, idx] = d
    return out


@sample("MatrixSetDiagV3", [F64(2, 3, 4, seed=23), F64(2, 3, seed=24)], _set_diag)
def _(tf, x, d):
    return tf.matrix_set_diag(x, d)


@sample("Cross", [F64(2, 3, seed=25), F64(2, 3, seed=26)], np.cross)
def _(tf, a, b):
    return tf.cross(a, b)


@sample("MatrixSolveLs", [F64(4, 2, seed=27), F64(4, 1, seed=28)],
        lambda a, b: np.linalg.lstsq(a, b, rcond=None)[0], grad=False)
def _(tf, a, b):
    return tf.matrix_solve_ls(a, b, fast=False)


@sample("MatrixSolveLs", [F32(2, 3, 5, seed=30), F32(2, 3, 2, seed=31)],  # a batch, fewer equations: min-norm
        lambda a, b: np.stack([np.linalg.lstsq(x, y, rcond=None)[0] for x, y in zip(a, b)]), grad=False,
        rtol=1e-4, atol=1e-5)
def _(tf, a, b):
    return tf.matrix_solve_ls(a, b, l2_regularizer=0.5, fast=False)


@sample("MatrixSolveLs", [F64(3, 2, seed=32) + 1j * F64(3, 2, seed=33), F64(3, 2, seed=34) + 0j],
        lambda a, b: np.linalg.lstsq(a, b, rcond=None)[0], grad=False)
def _(tf, a, b):
    return tf.matrix_solve_ls(a, b, fast=False)


@sample("ConjugateTranspose", [F64(2, 3, 4, seed=29)], lambda x: np.transpose(x, (0, 2, 1)))
def _(tf, x):
    from scopeflow._src.framework.op_builder import create
    return create("ConjugateTranspose", [x, np.array([0, 2, 1], np.int32)])._outputs[0]

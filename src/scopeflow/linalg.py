"""``tf.linalg``: matrix functions, decompositions and solvers of TF1's ``tf.compat.v1.linalg``.

Only re-exports; the code lives in ``scopeflow._src.ops.linalg``. Loaded on first use
(``tf.linalg``), with the linear-algebra ops. Not here (absent, not stubbed): the
``LinearOperator`` classes, ``lu``/``lu_solve``/``lu_matrix_inverse``/``lu_reconstruct``,
``expm``, ``logm``, ``sqrtm``, ``eigh_tridiagonal`` and the
tridiagonal functions.

>>> import scopeflow as tf
>>> x = tf.linalg.solve([[2.0, 0.0], [0.0, 4.0]], [[2.0], [2.0]])
>>> with tf.Session() as sess:
...     sess.run(x).ravel().tolist()
[1.0, 0.5]
"""

__all__ = ["adjoint", "band_part", "cholesky", "cholesky_solve", "cross", "det", "diag", "diag_part", "eigh",
           "eigvalsh", "einsum", "eye", "global_norm", "inv", "l2_normalize", "logdet", "lstsq", "matmul",
           "matrix_rank", "matrix_transpose", "matvec", "norm", "normalize", "pinv", "qr", "set_diag", "slogdet",
           "solve", "svd", "tensor_diag", "tensor_diag_part", "tensordot", "trace", "transpose", "triangular_solve"]

from scopeflow._src.ops.linalg import (
    adjoint,
    cholesky,
    cholesky_solve,
    cross,
    eye,
    logdet,
    matrix_band_part,
    matrix_determinant,
    matrix_diag,
    matrix_diag_part,
    matrix_inverse,
    matrix_rank,
    matrix_set_diag,
    matrix_solve,
    matrix_solve_ls,
    matrix_transpose,
    matrix_triangular_solve,
    matvec,
    norm,
    normalize,
    pinv,
    self_adjoint_eig,
    self_adjoint_eigvals,
    slogdet,
    svd,
    trace,
)
from scopeflow._src.ops.math.linalg import diag as tensor_diag
from scopeflow._src.ops.math.linalg import diag_part as tensor_diag_part
from scopeflow._src.ops.math.linalg import qr
from scopeflow._src.ops.math_ops import einsum, matmul, tensordot
from scopeflow._src.ops.nn.clip import global_norm
from scopeflow.nn import l2_normalize

band_part = matrix_band_part
det = matrix_determinant
diag = matrix_diag
diag_part = matrix_diag_part
eigh = self_adjoint_eig
eigvalsh = self_adjoint_eigvals
inv = matrix_inverse
lstsq = matrix_solve_ls
set_diag = matrix_set_diag
solve = matrix_solve
transpose = matrix_transpose
triangular_solve = matrix_triangular_solve

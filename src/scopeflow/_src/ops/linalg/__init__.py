"""The linear-algebra op package (``tf.linalg``): matrix functions and decompositions
(``decompositions.py``), bands and diagonals (``bands.py``), their wrappers (``api.py``) and
gradient rules (``grads.py``, registered here). Loaded on first use (``tf.linalg``,
``tf.matrix_inverse`` ...): most programs need none of it and ``import scopeflow`` must stay fast."""

from scopeflow._src.ops.linalg import grads  # noqa: F401 - the gradient rules
from scopeflow._src.ops.linalg.api import (
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
    matrix_set_diag,
    matrix_solve,
    matrix_solve_ls,
    matrix_transpose,
    matrix_triangular_solve,
    matvec,
    norm,
    normalize,
    self_adjoint_eig,
    self_adjoint_eigvals,
    slogdet,
    svd,
    trace,
)
from scopeflow._src.ops.linalg.pseudo import matrix_rank, pinv

__all__ = ["adjoint", "cholesky", "cholesky_solve", "cross", "eye", "logdet", "matrix_band_part", "matrix_determinant",
           "matrix_diag", "matrix_diag_part", "matrix_inverse", "matrix_rank", "matrix_set_diag", "matrix_solve",
           "matrix_solve_ls", "matrix_transpose", "matrix_triangular_solve", "matvec", "norm", "normalize", "pinv",
           "self_adjoint_eig", "self_adjoint_eigvals", "slogdet", "svd", "trace"]

"""``tf.linalg``'s functions, and their TF1 top-level aliases (``tf.matrix_inverse``,
``tf.cholesky``, ``tf.svd`` ...), built as TensorFlow builds them: the same ops, names and
name scopes. Loaded on first use, with the ops (``decompositions.py``, ``bands.py``) and
their gradient rules (``grads.py``).

>>> import scopeflow as tf
>>> a = tf.constant([[4.0, 2.0], [2.0, 3.0]])
>>> with tf.Session() as sess:
...     sess.run(tf.matrix_determinant(a)).round(4).item()
8.0
"""

from __future__ import annotations

import collections

import numpy as np

from scopeflow._src.framework import dtypes, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.linalg import bands, decompositions  # noqa: F401 - the op definitions
from scopeflow._src.ops.math.linalg import eye as static_eye

LogMatrixDeterminant = collections.namedtuple("LogMatrixDeterminant", ["sign", "log_abs_determinant"])


def matrix_inverse(input, adjoint=False, name=None):  # noqa: A002 - TensorFlow's argument names
    """The inverse of (a batch of) square matrices, or of their adjoints (``MatrixInverse``)."""
    return create_output("MatrixInverse", [input], {"adjoint": adjoint}, name=name)


def matrix_determinant(input, name=None):  # noqa: A002
    """The determinant of (a batch of) square matrices (``MatrixDeterminant``)."""
    return create_output("MatrixDeterminant", [input], name=name)


def slogdet(input, name=None):  # noqa: A002
    """``(sign, log_abs_determinant)`` of (a batch of) square matrices (``LogMatrixDeterminant``)."""
    return LogMatrixDeterminant(*create("LogMatrixDeterminant", [input], name=name)._outputs)


def cholesky(input, name=None):  # noqa: A002
    """The lower-triangular Cholesky factor of (a batch of) Hermitian positive-definite matrices;
    only the lower triangle is read (``Cholesky``). A matrix that is not positive definite gives
    NaN in its factor's lower triangle, as TF's kernel does (no error)."""
    return create_output("Cholesky", [input], name=name)


def logdet(matrix, name=None):
    """``log(det(matrix))`` of Hermitian positive-definite matrices, from their Cholesky factor."""
    with name_scope(name, "logdet", [matrix]):
        chol = cholesky(matrix)
        return 2.0 * math_ops.reduce_sum(math_ops.log(math_ops.real(matrix_diag_part(chol))), axis=[-1])


def matrix_solve(matrix, rhs, adjoint=False, name=None):
    """``X`` with ``matrix @ X = rhs`` (``adjoint(matrix)`` when ``adjoint``) (``MatrixSolve``)."""
    return create_output("MatrixSolve", [matrix, rhs], {"adjoint": adjoint}, name=name)


def matrix_triangular_solve(matrix, rhs, lower=True, adjoint=False, name=None):
    """``X`` with ``matrix @ X = rhs`` for triangular matrices (only the ``lower`` or upper
    triangle is read): a ``MatrixTriangularSolve`` under ``triangular_solve/``."""
    with name_scope(name, "triangular_solve", [matrix, rhs]):
        return create_output("MatrixTriangularSolve", [matrix, rhs], {"lower": lower, "adjoint": adjoint})


def cholesky_solve(chol, rhs, name=None):
    """``X`` with ``A @ X = rhs`` given ``chol``, the Cholesky factor of ``A``: two triangular solves."""
    with name_scope(name, "cholesky_solve", [chol, rhs]):
        y = create_output("MatrixTriangularSolve", [chol, rhs], {"lower": True, "adjoint": False})
        return create_output("MatrixTriangularSolve", [chol, y], {"lower": True, "adjoint": True})


def self_adjoint_eig(tensor, name=None):
    """``(e, v)``: the eigenvalues (ascending) and eigenvectors of (a batch of) self-adjoint
    matrices, from their lower triangle (``SelfAdjointEigV2``)."""
    e, v = create("SelfAdjointEigV2", [tensor], {"compute_v": True}, name=name)._outputs
    return e, v


def self_adjoint_eigvals(tensor, name=None):
    """The eigenvalues of (a batch of) self-adjoint matrices (``SelfAdjointEigV2``, no vectors)."""
    return create("SelfAdjointEigV2", [tensor], {"compute_v": False}, name=name)._outputs[0]


def svd(tensor, full_matrices=False, compute_uv=True, name=None):
    """``(s, u, v)`` with ``tensor = u @ diag(s) @ adjoint(v)`` (``Svd``); ``s`` alone unless
    ``compute_uv``. Note TF's order: ``s`` first, and ``v``, not its adjoint."""
    s, u, v = create("Svd", [tensor], {"compute_uv": compute_uv, "full_matrices": full_matrices},
                     name=name)._outputs
    return (math_ops.real(s), u, v) if compute_uv else math_ops.real(s)


def matrix_band_part(input, num_lower, num_upper, name=None):  # noqa: A002
    """The band of ``num_lower`` sub- and ``num_upper`` super-diagonals (negative: all) of
    (a batch of) matrices, zeros elsewhere (``MatrixBandPart``)."""
    return create_output("MatrixBandPart", [input, num_lower, num_upper], name=name)


def _padding(x, padding_value):
    return bool(padding_value) if getattr(x, "dtype", None) == dtypes.bool else padding_value


def matrix_diag(diagonal, name="diag", k=0, num_rows=-1, num_cols=-1, padding_value=0, align="RIGHT_LEFT"):
    """(A batch of) matrices with ``diagonal`` on their main diagonal (``MatrixDiagV3``).

    The diagonals ``k`` other than ``0`` are not built here (the ``MatrixDiagV3`` kernel fills
    the main diagonal only): ``k`` must be ``0``."""
    known = tensor_util.constant_value(k) if hasattr(k, "op") else np.asarray(k)
    if known is None or np.any(known != 0):
        raise ValueError(f"scopeflow's matrix_diag fills the main diagonal only (k=0); got k={k!r}")
    return create_output("MatrixDiagV3", [diagonal, k, num_rows, num_cols, _padding(diagonal, padding_value)],
                         {"align": align}, name=name)


def matrix_diag_part(input, name="diag_part", k=0, padding_value=0, align="RIGHT_LEFT"):  # noqa: A002
    """The diagonals ``k`` (an index or a ``(low, high)`` pair) of (a batch of) matrices,
    packed under ``align`` (``MatrixDiagPartV3``)."""
    return create_output("MatrixDiagPartV3", [input, k, _padding(input, padding_value)], {"align": align},
                         name=name)


def matrix_set_diag(input, diagonal, name="set_diag", k=0, align="RIGHT_LEFT"):  # noqa: A002
    """(A batch of) matrices with their diagonals ``k`` replaced by ``diagonal`` (``MatrixSetDiagV3``)."""
    return create_output("MatrixSetDiagV3", [input, diagonal, k], {"align": align}, name=name)


def trace(x, name=None):
    """The sum of the main diagonal of (a batch of) matrices."""
    with name_scope(name, "Trace", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        return math_ops.reduce_sum(matrix_diag_part(x), [-1], name=scope)


def matrix_transpose(a, name="matrix_transpose", conjugate=False):
    """``a`` with its last two dimensions swapped, conjugated when ``conjugate`` (a
    ``ConjugateTranspose`` for complex ``a``, else a ``Transpose``)."""
    with name_scope(name, values=[a]):
        a = convert_to_tensor(a, name="a")
        if not (conjugate and a.dtype.is_complex):
            return array_ops.transpose(a, perm=_matrix_perm(a))
        with name_scope(None, "transpose", [a]) as scope:
            return create_output("ConjugateTranspose", [a, _matrix_perm(a)], name=scope)


def _matrix_perm(a):
    rank = a.shape.ndims
    if rank is None:
        raise ValueError("scopeflow's matrix_transpose needs the rank of `a` (TF computes the permutation in "
                         "the graph)")
    return np.array(list(range(rank - 2)) + [rank - 1, rank - 2], np.int32)


def adjoint(matrix, name=None):
    """The conjugate transpose of (a batch of) matrices."""
    with name_scope(name, "adjoint", [matrix]):
        matrix = convert_to_tensor(matrix, name="matrix")
        return matrix_transpose(matrix, conjugate=True)


def matvec(a, b, transpose_a=False, adjoint_a=False, a_is_sparse=False, b_is_sparse=False, name=None):
    """The matrix-vector product ``a @ b`` over the last dimension of ``b``."""
    with name_scope(name, "MatVec", [a, b]):
        output = math_ops.matmul(a, array_ops.expand_dims(b, axis=-1), transpose_a=transpose_a, adjoint_a=adjoint_a,
                                 a_is_sparse=a_is_sparse, b_is_sparse=b_is_sparse)
        return array_ops.squeeze(output, axis=-1)


def cross(a, b, name=None):
    """The cross product of (batches of) 3-vectors (``Cross``)."""
    return create_output("Cross", [a, b], name=name)


def eye(num_rows, num_columns=None, batch_shape=None, dtype=dtypes.float32, name=None):
    """(A batch of) identity matrices, as TensorFlow builds them: sizes and ``batch_shape`` may
    be tensors (``MatrixDiagV3`` of ones when square, else ``MatrixSetDiagV3`` on zeros)."""
    if batch_shape is None and not hasattr(num_rows, "op") and not hasattr(num_columns, "op"):
        return static_eye(num_rows, num_columns, dtype=dtype, name=name)
    with name_scope(name, "eye", [num_rows, num_columns, batch_shape]):
        is_square = num_columns is None
        batch_shape = [] if batch_shape is None else batch_shape
        num_columns = num_rows if num_columns is None else num_columns
        if hasattr(num_rows, "op") or hasattr(num_columns, "op"):
            diag_size = math_ops.minimum(num_rows, num_columns)
        else:
            if not isinstance(num_rows, int) or not isinstance(num_columns, int):
                raise TypeError("num_rows and num_columns must be positive integer values.")
            is_square = num_rows == num_columns
            diag_size = min(num_rows, num_columns)
        if hasattr(batch_shape, "op") or hasattr(diag_size, "op"):
            batch_shape = convert_to_tensor(batch_shape, name="shape", dtype=dtypes.int32)
            diag_shape = array_ops.concat((batch_shape, [diag_size]), axis=0)
            shape = None if is_square else array_ops.concat((batch_shape, [num_rows, num_columns]), axis=0)
        else:
            diag_shape = list(batch_shape) + [diag_size]
            shape = None if is_square else list(batch_shape) + [num_rows, num_columns]
        diag_ones = array_ops.ones(diag_shape, dtype=dtype)
        if is_square:
            return matrix_diag(diag_ones)
        return matrix_set_diag(array_ops.zeros(shape, dtype=dtype), diag_ones)


def _gramian_cholesky(matrix, l2_regularizer, first_kind):
    gramian = math_ops.matmul(matrix, matrix, adjoint_a=first_kind, adjoint_b=not first_kind)
    if hasattr(l2_regularizer, "op") or l2_regularizer != 0:
        matrix_shape = array_ops.shape(matrix)
        small = matrix.shape.as_list()[-1 if first_kind else -2]
        identity = eye(matrix_shape[-1 if first_kind else -2], batch_shape=matrix_shape[:-2], dtype=matrix.dtype)
        identity.set_shape(matrix.shape[:-2].concatenate([small, small]))
        gramian += l2_regularizer * identity
    return create_output("Cholesky", [gramian])


def matrix_solve_ls(matrix, rhs, l2_regularizer=0.0, fast=True, name=None):
    """The least-squares solutions ``X`` of ``matrix @ X = rhs``: with ``fast``, from the
    Cholesky factor of the (regularised) Gramian, as TF's composite implementation; else the
    minimum-norm solution of a ``MatrixSolveLs`` op (``l2_regularizer`` then unused)."""
    matrix = convert_to_tensor(matrix, name="matrix")
    if matrix.dtype == dtypes.complex128 and l2_regularizer != 0:
        raise NotImplementedError("matrix_solve_ls is currently disabled for complex128 and l2_regularizer != 0 "
                                  "due to poor accuracy.")  # TF's own refusal, word for word
    if not fast or _io_bound(matrix):
        return create_output("MatrixSolveLs", [matrix, rhs, l2_regularizer], {"fast": fast}, name=name)
    with name_scope(name, "matrix_solve_ls", [matrix, rhs, l2_regularizer]):
        dims = matrix.shape.as_list()
        if dims is None or dims[-2] is None or dims[-1] is None:
            raise ValueError("scopeflow's matrix_solve_ls needs the matrices' static shape (TF builds a cond)")
        if dims[-2] >= dims[-1]:
            chol = _gramian_cholesky(matrix, l2_regularizer, first_kind=True)
            return cholesky_solve(chol, math_ops.matmul(matrix, rhs, adjoint_a=True))
        chol = _gramian_cholesky(matrix, l2_regularizer, first_kind=False)
        return math_ops.matmul(matrix, cholesky_solve(chol, rhs), adjoint_a=True)


def _io_bound(matrix):
    shape = matrix.shape
    if not shape.is_fully_defined():
        return False
    dims = shape.as_list()
    return (int(np.prod(dims)) * matrix.dtype.size > 256000 and int(np.prod(dims[:-2])) > min(dims[-2:]))


_MATRIX_NORMS = ["euclidean", "fro", 1, 2, np.inf]


def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None, keep_dims=None):  # noqa: A002
    """The vector or matrix norm of ``tensor`` (``'euclidean'``/``'fro'``, 1, ``inf`` or any
    positive p for vectors; over an ``axis`` pair, 1, ``inf`` and the Frobenius norm of matrices).
    The matrix 2-norm (largest singular value) is not built here."""
    if keepdims is not None and keep_dims is not None:
        raise ValueError("Cannot specify both 'keep_dims' and 'keepdims'")
    keepdims = bool(keepdims if keepdims is not None else keep_dims)
    is_matrix_norm = isinstance(axis, (tuple, list)) and len(axis) == 2
    if is_matrix_norm:
        axis = tuple(axis)
        if not isinstance(axis[0], int) or not isinstance(axis[1], int) or axis[0] == axis[1]:
            raise ValueError(f"'axis' must be None, an integer, or a tuple of 2 unique integers, got {axis}")
        if ord not in _MATRIX_NORMS:
            raise ValueError(f"'ord' must be a supported matrix norm in {_MATRIX_NORMS}, got {ord}")
        if ord in (2, 2.0):
            raise ValueError("scopeflow's norm has no matrix 2-norm (TF computes it from an Svd in a map_fn)")
    else:
        if not (isinstance(axis, int) or axis is None):
            raise ValueError(f"'axis' must be None, an integer, or a tuple of 2 unique integers, got {axis}")
        if (not np.isreal(ord) or ord <= 0) and ord not in ["euclidean", 1, 2, np.inf]:
            raise ValueError(f"'ord' must be a supported vector norm, got {ord}")
        if axis is not None:
            axis = (axis,)
    with name_scope(name, "norm", [tensor]):
        tensor = convert_to_tensor(tensor)
        if ord in ["fro", "euclidean", 2, 2.0]:
            result = math_ops.sqrt(math_ops.reduce_sum(tensor * math_ops.conj(tensor), axis, keepdims=True))
        else:
            result = math_ops.abs(tensor)
            if ord == 1:
                result = math_ops.reduce_sum(result, None if axis is None else axis[0], keepdims=True)
                if is_matrix_norm:
                    result = math_ops.reduce_max(result, axis[-1], keepdims=True)
            elif ord == np.inf:
                if is_matrix_norm:
                    result = math_ops.reduce_sum(result, axis[1], keepdims=True)
                result = math_ops.reduce_max(result, None if axis is None else axis[0], keepdims=True)
            else:
                result = math_ops.pow(math_ops.reduce_sum(math_ops.pow(result, ord), axis, keepdims=True), 1.0 / ord)
        if not keepdims:
            result = array_ops.squeeze(result, axis)
        return result


def normalize(tensor, ord="euclidean", axis=None, name=None):  # noqa: A002
    """``(tensor / norm, norm)``, the norm kept in its reduced dimensions (``norm``'s orders)."""
    with name_scope(name, "normalize", [tensor]):
        tensor = convert_to_tensor(tensor)
        result = math_ops.cast(norm(tensor, ord, axis, keepdims=True), tensor.dtype)
        return tensor / result, result


__all__ = ["adjoint", "cholesky", "cholesky_solve", "cross", "eye", "logdet", "matrix_band_part",
           "matrix_determinant", "matrix_diag", "matrix_diag_part", "matrix_inverse", "matrix_set_diag",
           "matrix_solve", "matrix_solve_ls", "matrix_transpose", "matrix_triangular_solve", "matvec", "norm",
           "normalize", "self_adjoint_eig", "self_adjoint_eigvals", "slogdet", "svd", "trace"]

"""The matrix functions of TensorFlow's ``linalg_ops``: ``MatrixInverse``, ``MatrixDeterminant``,
``LogMatrixDeterminant``, ``Cholesky``, ``MatrixSolve``, ``MatrixTriangularSolve``,
``SelfAdjointEigV2`` and ``Svd``, each over the last two dimensions of a batch of matrices.

The kernels run LAPACK through NumPy (``float16`` in ``float32``, as Eigen does), so values
agree with TensorFlow's Eigen kernels to rounding; eigenvectors and singular vectors are
unique only up to sign (a phase for complex matrices), as in TensorFlow.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import errors, registry
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError, merge_dim
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.shape_fns import broadcast_shapes

MATRIX_TYPES = dtype_lists.types("float64,float32,float16,complex64,complex128")
_DET_TYPES = dtype_lists.types("float16,float32,float64,complex64,complex128")


# -- shapes ------------------------------------------------------------------------------------------------
def matrix_dims(shape: TensorShape):
    """The dims of a batch of matrices (rank at least 2), ``None`` for an unknown rank."""
    dims = shape.as_tuple()
    if dims is not None and len(dims) < 2:
        raise ShapeError(f"Shape must be at least rank 2 but is rank {len(dims)}")
    return dims


def _square(dims):
    """The batch dims and the merged order of a batch of square matrices."""
    return dims[:-2], merge_dim(dims[-2], dims[-1])


def _square_shape(inputs, attrs):
    dims = matrix_dims(inputs[0].shape)
    if dims is None:
        return UNKNOWN
    batch, n = _square(dims)
    return TensorShape(batch + (n, n))


def _batch_shape(inputs, attrs):
    dims = matrix_dims(inputs[0].shape)
    if dims is None:
        return UNKNOWN
    merge_dim(dims[-1], dims[-2])  # TF's determinant shape functions merge the columns first
    return TensorShape(dims[:-2])


def _log_det_shape(inputs, attrs):
    shape = _batch_shape(inputs, attrs)
    return [shape, shape]


def _solve_shape(inputs, attrs):
    lhs, rhs = matrix_dims(inputs[0].shape), matrix_dims(inputs[1].shape)
    if lhs is None or rhs is None:
        return UNKNOWN
    if len(lhs) != len(rhs):
        raise ShapeError(f"Shape must be rank {len(lhs)} but is rank {len(rhs)}")
    batch = tuple(merge_dim(a, b) for a, b in zip(lhs[:-2], rhs[:-2]))
    _, n = _square(lhs)
    merge_dim(n, rhs[-2])
    return TensorShape(batch + (n, rhs[-1]))


def _triangular_solve_shape(inputs, attrs):
    lhs, rhs = matrix_dims(inputs[0].shape), matrix_dims(inputs[1].shape)
    if lhs is None or rhs is None:
        return UNKNOWN
    batch = broadcast_shapes(TensorShape(lhs[:-2]), TensorShape(rhs[:-2]))
    _, n = _square(lhs)
    merge_dim(n, rhs[-2])
    return TensorShape(batch.as_tuple() + (n, rhs[-1]))


def _eig_shape(inputs, attrs):
    dims = matrix_dims(inputs[0].shape)
    if dims is None:
        return [UNKNOWN, UNKNOWN]
    batch, n = _square(dims)
    v = TensorShape(batch + (n, n)) if attrs["compute_v"] else TensorShape([0])
    return [TensorShape(batch + (n,)), v]


def _svd_shape(inputs, attrs):
    dims = matrix_dims(inputs[0].shape)
    if dims is None:
        return [UNKNOWN, UNKNOWN, UNKNOWN]
    batch, m, n = dims[:-2], dims[-2], dims[-1]
    p = None if m is None or n is None else min(m, n)
    s = TensorShape(batch + (p,))
    if not attrs["compute_uv"]:
        return [s, TensorShape([0]), TensorShape([0])]
    full = attrs["full_matrices"]
    return [s, TensorShape(batch + (m, m if full else p)), TensorShape(batch + (n, n if full else p))]


# -- kernels -----------------------------------------------------------------------------------------------
def _work(x):
    """``x`` in a dtype LAPACK computes in (``float16`` as ``float32``)."""
    return x.astype(np.float32) if x.dtype == np.float16 else x


def check_matrices(op, x, square=True):
    """TF's ``LinearAlgebraOp`` input checks: rank at least 2, square unless ``square`` is false."""
    if x.ndim < 2:
        raise errors.InvalidArgumentError(None, op, f"Input tensor 0 must have rank >= 2, got {x.ndim}")
    if square and x.shape[-1] != x.shape[-2]:
        raise errors.InvalidArgumentError(None, op, "Input matrix must be square.")


def _adjoint(x):
    return np.conj(np.swapaxes(x, -1, -2))


def _inverse_factory(op, state):
    adjoint = bool(op.get_attr("adjoint"))

    def kernel(x):
        check_matrices(op, x)
        a = _work(x)
        if adjoint:
            a = _adjoint(a)
        if a.shape[-1] == 0:
            return np.empty(x.shape, x.dtype)
        try:
            with np.errstate(all="ignore"):
                out = np.linalg.inv(a)
        except np.linalg.LinAlgError:
            raise errors.InvalidArgumentError(None, op, "Input is not invertible.") from None
        return out.astype(x.dtype)
    return kernel


def _square_checked(fn):
    """The factory of a kernel that checks its input is a batch of square matrices, then runs ``fn``."""
    def factory(op, state):
        def kernel(x):
            check_matrices(op, x)
            return fn(x)
        return kernel
    return factory


def _determinant(x):
    a = _work(x)
    if a.shape[-1] == 0:
        return np.ones(x.shape[:-2], x.dtype)
    with np.errstate(all="ignore"):
        return np.linalg.det(a).astype(x.dtype)


def _log_determinant(x):
    a = _work(x)
    if a.shape[-1] == 0:
        return np.ones(x.shape[:-2], x.dtype), np.zeros(x.shape[:-2], x.dtype)
    with np.errstate(all="ignore"):
        sign, log_abs = np.linalg.slogdet(a)
    return sign.astype(x.dtype), log_abs.astype(x.dtype)


def _cholesky_factory(op, state):
    def kernel(x):
        check_matrices(op, x)
        a = _work(x)
        if a.shape[-1] == 0:
            return np.empty(x.shape, x.dtype)
        hermitian = np.tril(a) + np.conj(np.swapaxes(np.tril(a, -1), -1, -2))  # the lower triangle, as TF reads
        try:
            return np.linalg.cholesky(hermitian).astype(x.dtype)
        except np.linalg.LinAlgError:  # TF fills a failed factor's lower triangle with NaN (no error)
            return _cholesky_each(hermitian).astype(x.dtype)
    return kernel


def _cholesky_each(a):
    flat = a.reshape((-1,) + a.shape[-2:])
    out = np.zeros_like(flat)
    for i, m in enumerate(flat):
        try:
            out[i] = np.linalg.cholesky(m)
        except np.linalg.LinAlgError:
            out[i] = np.tril(np.full(m.shape, np.nan, dtype=m.dtype))
    return out.reshape(a.shape)


def _solve_factory(op, state):
    adjoint = bool(op.get_attr("adjoint"))

    def kernel(matrix, rhs):
        _check_solve(op, matrix, rhs)
        a, b = _work(matrix), _work(rhs)
        if adjoint:
            a = _adjoint(a)
        if a.shape[-1] == 0 or b.shape[-1] == 0:
            return np.zeros(rhs.shape, rhs.dtype)
        try:
            out = np.linalg.solve(a, b)
        except np.linalg.LinAlgError:
            raise errors.InvalidArgumentError(None, op, "Input matrix is not invertible.") from None
        return out.astype(rhs.dtype)
    return kernel


def _check_solve(op, matrix, rhs):
    """TF's checks of ``MatrixSolve``'s shapes."""
    check_matrices(op, matrix)
    a, b = np.shape(matrix), np.shape(rhs)
    if a[:-2] != b[:-2] or len(b) < 2 or a[-2] != b[-2]:
        raise errors.InvalidArgumentError(None, op, "Input matrix and rhs are incompatible.")


def triangular_solve_values(a, b, lower, adjoint):
    """``X`` with ``op(A) X = B`` for triangular ``A`` (only its ``lower`` or upper triangle
    read), batch dimensions broadcast: back substitution over the rows, as Eigen solves."""
    a = np.tril(a) if lower else np.triu(a)
    if adjoint:
        a, lower = _adjoint(a), not lower
    batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    a = np.broadcast_to(a, batch + a.shape[-2:])
    x = np.array(np.broadcast_to(b, batch + b.shape[-2:]), dtype=np.result_type(a, b))
    n = a.shape[-1]
    rows = range(n) if lower else range(n - 1, -1, -1)
    with np.errstate(all="ignore"):
        for i in rows:
            done = slice(0, i) if lower else slice(i + 1, n)
            acc = x[..., i, :] - np.einsum("...k,...kj->...j", a[..., i, done], x[..., done, :])
            x[..., i, :] = acc / a[..., i, i][..., None]
    return x


def _dims(shape):
    return "[" + ",".join(map(str, shape)) + "]"


def _triangular_solve_factory(op, state):
    lower, adjoint = bool(op.get_attr("lower")), bool(op.get_attr("adjoint"))

    def kernel(matrix, rhs):
        a, b = _work(matrix), _work(rhs)
        _check_triangular(op, a.shape, b.shape, lower, adjoint)
        return triangular_solve_values(a, b, lower, adjoint).astype(rhs.dtype)
    return kernel


def _check_triangular(op, a_shape, b_shape, lower, adjoint) -> tuple:
    """TF's checks of ``MatrixTriangularSolve``'s shapes; the broadcast batch shape."""
    try:
        batch = np.broadcast_shapes(a_shape[:-2], b_shape[:-2])
    except ValueError:
        raise errors.InvalidArgumentError(
            None, op, f"Incompatible shapes: [{','.join(map(str, a_shape))}] vs. "
                      f"[{','.join(map(str, b_shape))}]") from None
    if a_shape[-2] != b_shape[-2]:
        raise errors.InvalidArgumentError(
            None, op, f"In[0] mismatch In[1] shape: {a_shape[-1]} vs. {b_shape[-2]}: {_dims(a_shape)} "
                      f"{_dims(b_shape)} {int(lower)} {int(adjoint)}")
    return batch


def _eig_factory(op, state):
    compute_v = bool(op.get_attr("compute_v"))

    def kernel(x):
        check_matrices(op, x)
        a = _work(x)
        real = np.float32 if x.dtype == np.complex64 else np.float64 if x.dtype == np.complex128 else x.dtype
        if a.shape[-1] == 0:
            return np.empty(x.shape[:-1], x.dtype), np.empty(x.shape if compute_v else (0,), x.dtype)
        if not compute_v:
            e = np.linalg.eigvalsh(a, UPLO="L")
            return e.astype(real).astype(x.dtype), np.zeros((0,), x.dtype)
        e, v = np.linalg.eigh(a, UPLO="L")
        return e.astype(real).astype(x.dtype), v.astype(x.dtype)
    return kernel


def _svd_factory(op, state):
    compute_uv, full = bool(op.get_attr("compute_uv")), bool(op.get_attr("full_matrices"))

    def kernel(x):
        check_matrices(op, x, square=False)
        a = _work(x)
        m, n = x.shape[-2], x.shape[-1]
        p = min(m, n)
        if p == 0:
            s = np.zeros(x.shape[:-2] + (0,), x.dtype)
            if not compute_uv:
                return s, np.zeros((0,), x.dtype), np.zeros((0,), x.dtype)
            u = np.broadcast_to(np.eye(m, m if full else 0, dtype=x.dtype), x.shape[:-2] + (m, m if full else 0))
            v = np.broadcast_to(np.eye(n, n if full else 0, dtype=x.dtype), x.shape[:-2] + (n, n if full else 0))
            return s, np.array(u), np.array(v)
        if not compute_uv:
            s = np.linalg.svd(a, compute_uv=False)
            return s.astype(x.dtype), np.zeros((0,), x.dtype), np.zeros((0,), x.dtype)
        u, s, vh = np.linalg.svd(a, full_matrices=full)
        return s.astype(x.dtype), u.astype(x.dtype), _adjoint(vh).astype(x.dtype)
    return kernel


# -- lowerings (the JAX target): TF's shape checks, then XLA's decompositions; values that make
# TF raise (a singular matrix) give what XLA gives (inf, NaN), as value errors do on that target --
def _lowered(compute, square=True):
    """The lowering that checks ``op``'s matrices as its kernel does, then ``compute(op, jx, a)``
    on them (``float16`` computed in ``float32``, as the kernels do); empty matrices keep the
    NumPy kernel, which only reads their shape."""
    def lower(op, jx):
        kernel = jx.kernel(op)

        def run(x):
            check_matrices(op, x, square)
            if 0 in np.shape(x)[-2:]:
                return kernel(np.zeros(np.shape(x), x.dtype))
            return compute(op, jx, x.astype(np.float32) if x.dtype == np.float16 else x)
        return run
    return lower


def _lowered_inverse(op, jx, a):
    return jx.jnp.linalg.inv(jx.jnp.conj(jx.jnp.swapaxes(a, -1, -2)) if op.get_attr("adjoint") else a)


def _lowered_cholesky(op, jx, a):
    jnp = jx.jnp
    return jnp.linalg.cholesky(jnp.tril(a) + jnp.conj(jnp.swapaxes(jnp.tril(a, -1), -1, -2)))


def _lowered_eig(op, jx, a):
    if not op.get_attr("compute_v"):
        return jx.jnp.linalg.eigvalsh(a, UPLO="L"), np.zeros((0,), a.dtype)
    return jx.jnp.linalg.eigh(a, UPLO="L", symmetrize_input=False)


def _lowered_svd(op, jx, a):
    jnp = jx.jnp
    if not op.get_attr("compute_uv"):
        return jnp.linalg.svd(a, compute_uv=False), np.zeros((0,), a.dtype), np.zeros((0,), a.dtype)
    u, s, vh = jnp.linalg.svd(a, full_matrices=bool(op.get_attr("full_matrices")))
    return s, u, jnp.conj(jnp.swapaxes(vh, -1, -2))


def _lower_solve(op, jx):
    def run(matrix, rhs):
        _check_solve(op, matrix, rhs)
        if 0 in np.shape(matrix)[-1:] + np.shape(rhs)[-1:]:
            return np.zeros(np.shape(rhs), rhs.dtype)
        a = jx.jnp.conj(jx.jnp.swapaxes(matrix, -1, -2)) if op.get_attr("adjoint") else matrix
        return jx.jnp.linalg.solve(a, rhs)
    return run


def _lower_triangular_solve(op, jx):
    lower, adjoint = bool(op.get_attr("lower")), bool(op.get_attr("adjoint"))

    def run(matrix, rhs):
        batch = _check_triangular(op, np.shape(matrix), np.shape(rhs), lower, adjoint)
        a = jx.jnp.broadcast_to(matrix, batch + np.shape(matrix)[-2:])
        b = jx.jnp.broadcast_to(rhs, batch + np.shape(rhs)[-2:])
        return jx.lax.linalg.triangular_solve(a, b, left_side=True, lower=lower, transpose_a=adjoint,
                                              conjugate_a=adjoint)
    return run


registry.register(OpDef("MatrixInverse", inputs=["input: T"], outputs=["output: T"], attrs={"T": MATRIX_TYPES},
                        shape=_square_shape, factory=_inverse_factory, defaults={"adjoint": False},
                        lower=_lowered(_lowered_inverse)))
registry.register(OpDef("MatrixDeterminant", inputs=["input: T"], outputs=["output: T"], attrs={"T": _DET_TYPES},
                        shape=_batch_shape, factory=_square_checked(_determinant),
                        lower=_lowered(lambda op, jx, a: jx.jnp.linalg.det(a))))
registry.register(OpDef("LogMatrixDeterminant", inputs=["input: T"], outputs=["sign: T", "log_abs_determinant: T"],
                        attrs={"T": _DET_TYPES}, shape=_log_det_shape, factory=_square_checked(_log_determinant),
                        lower=_lowered(lambda op, jx, a: tuple(jx.jnp.linalg.slogdet(a)))))
registry.register(OpDef("Cholesky", inputs=["input: T"], outputs=["output: T"], attrs={"T": MATRIX_TYPES},
                        shape=_square_shape, factory=_cholesky_factory, lower=_lowered(_lowered_cholesky)))
registry.register(OpDef("MatrixSolve", inputs=["matrix: T", "rhs: T"], outputs=["output: T"],
                        attrs={"T": MATRIX_TYPES}, shape=_solve_shape, factory=_solve_factory,
                        defaults={"adjoint": False}, lower=_lower_solve))
registry.register(OpDef("MatrixTriangularSolve", inputs=["matrix: T", "rhs: T"], outputs=["output: T"],
                        attrs={"T": dtype_lists.types("bfloat16,float64,float32,float16,complex64,complex128")},
                        shape=_triangular_solve_shape, factory=_triangular_solve_factory,
                        defaults={"lower": True, "adjoint": False}, lower=_lower_triangular_solve))
registry.register(OpDef("SelfAdjointEigV2", inputs=["input: T"], outputs=["e: T", "v: T"],
                        attrs={"T": MATRIX_TYPES}, shape=_eig_shape, factory=_eig_factory,
                        defaults={"compute_v": True}, lower=_lowered(_lowered_eig)))
registry.register(OpDef("Svd", inputs=["input: T"], outputs=["s: T", "u: T", "v: T"], attrs={"T": MATRIX_TYPES},
                        shape=_svd_shape, factory=_svd_factory,
                        defaults={"compute_uv": True, "full_matrices": False}, lower=_lowered(_lowered_svd, False)))


def _solve_ls_shape(inputs, attrs):
    lhs, rhs = matrix_dims(inputs[0].shape), matrix_dims(inputs[1].shape)
    if inputs[2].shape.ndims not in (None, 0):
        raise ShapeError(f"Shape must be rank 0 but is rank {inputs[2].shape.ndims}")
    if lhs is None or rhs is None:
        return UNKNOWN
    batch = tuple(merge_dim(a, b) for a, b in zip(lhs[:-2], rhs[:-2]))
    merge_dim(lhs[-2], rhs[-2])
    return TensorShape(batch + (lhs[-1], rhs[-1]))


def _check_solve_ls(op, matrix, rhs):
    check_matrices(op, matrix, square=False)
    a, b = np.shape(matrix), np.shape(rhs)
    if a[:-2] != b[:-2] or len(b) < 2 or a[-2] != b[-2]:
        raise errors.InvalidArgumentError(None, op, "Input matrix and rhs are incompatible.")


def _solve_ls_factory(op, state):
    def kernel(matrix, rhs, l2_regularizer):
        _check_solve_ls(op, matrix, rhs)
        a, b = _work(matrix), _work(rhs)
        out = np.zeros(a.shape[:-2] + (a.shape[-1], b.shape[-1]), np.result_type(a, b))
        for index in np.ndindex(a.shape[:-2]):
            out[index] = np.linalg.lstsq(a[index], b[index], rcond=None)[0]
        return out.astype(rhs.dtype)
    return kernel


def _lower_solve_ls(op, jx):
    """The kernel's minimum-norm least squares (``l2_regularizer`` unused, as there), by XLA's
    SVD for each matrix of the batch; empty matrices keep the kernel, which reads their shapes."""
    jnp, kernel = jx.jnp, jx.kernel(op)
    solve = jx.jax.vmap(lambda a, b: jnp.linalg.lstsq(a, b)[0])

    def run(matrix, rhs, l2_regularizer):
        _check_solve_ls(op, matrix, rhs)
        (m, n), k = np.shape(matrix)[-2:], np.shape(rhs)[-1]
        if 0 in (m, n, k):
            return kernel(np.zeros(np.shape(matrix), matrix.dtype), np.zeros(np.shape(rhs), rhs.dtype), 0.0)
        a, b = (x.astype(np.float32) if x.dtype == np.float16 else x for x in (matrix, rhs))
        batch = np.shape(matrix)[:-2]
        return solve(a.reshape((-1, m, n)), b.reshape((-1, m, k))).reshape(batch + (n, k)).astype(rhs.dtype)
    return run


registry.register(OpDef("MatrixSolveLs", inputs=["matrix: T", "rhs: T", "l2_regularizer: float64"],
                        outputs=["output: T"], attrs={"T": MATRIX_TYPES}, shape=_solve_ls_shape,
                        factory=_solve_ls_factory, defaults={"fast": True}, lower=_lower_solve_ls))

"""Gradients of the linear-algebra ops, as TensorFlow's ``linalg_grad.py`` and
``array_grad.py`` build them (``MatrixInverse`` ... ``Svd``, the band and diagonal ops, ``Qr``,
``Cross``). ``MatrixSolveLs`` has none, as in TensorFlow."""

from __future__ import annotations

from scopeflow._src.framework import tensor_util
from scopeflow._src.framework.default_graph import control_dependencies
from scopeflow._src.framework.registry import gradient, not_differentiable
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.linalg import api
from scopeflow._src.ops.linalg.api import adjoint, matrix_band_part, matrix_diag_part, matrix_set_diag

not_differentiable("MatrixSolveLs")


@gradient("MatrixInverse")
def _matrix_inverse_grad(op, grad):
    ainv = op._outputs[0]
    adj = op.get_attr("adjoint")
    return -math_ops.matmul(ainv, math_ops.matmul(grad, ainv, adjoint_a=adj, adjoint_b=not adj),
                            adjoint_a=not adj)


@gradient("MatrixDeterminant")
def _matrix_determinant_grad(op, grad):
    c = op._outputs[0]
    a_adj_inv = api.matrix_inverse(op._inputs[0], adjoint=True)
    multipliers = array_ops.reshape(grad * c, array_ops.concat([array_ops.shape(c), [1, 1]], 0))
    return multipliers * a_adj_inv


@gradient("LogMatrixDeterminant")
def _log_matrix_determinant_grad(op, _, grad_b):
    c = op._outputs[1]
    a_adj_inv = api.matrix_inverse(op._inputs[0], adjoint=True)
    multipliers = array_ops.reshape(grad_b, array_ops.concat([array_ops.shape(c), [1, 1]], 0))
    return multipliers * a_adj_inv


@gradient("Cholesky")
def _cholesky_grad(op, grad):
    lower = op._outputs[0]
    num_rows = array_ops.shape(lower)[-1]
    batch_shape = array_ops.shape(lower)[:-2]
    l_inverse = api.matrix_triangular_solve(lower, api.eye(num_rows, batch_shape=batch_shape, dtype=lower.dtype))
    middle = math_ops.matmul(lower, grad, adjoint_a=True)
    middle = matrix_set_diag(middle, 0.5 * matrix_diag_part(middle))
    middle = matrix_band_part(middle, -1, 0)
    grad_a = math_ops.matmul(math_ops.matmul(l_inverse, middle, adjoint_a=True), l_inverse)
    grad_a += adjoint(grad_a)
    return grad_a * 0.5


def _triangular_solve_right(x, r):
    """``x @ adjoint(inverse(r))`` for upper-triangular ``r``."""
    return adjoint(api.matrix_triangular_solve(r, adjoint(x), lower=False, adjoint=False))


def _qr_grad_deep(q, r, dq, dr):
    qdq = math_ops.matmul(q, dq, adjoint_a=True)
    qdq_ = qdq - adjoint(qdq)
    rdr = math_ops.matmul(r, dr, adjoint_b=True)
    rdr_ = rdr - adjoint(rdr)
    tril = matrix_band_part(qdq_ + rdr_, -1, 0)
    grad_a = math_ops.matmul(q, dr + _triangular_solve_right(tril, r))
    grad_b = _triangular_solve_right(dq - math_ops.matmul(q, qdq), r)
    ret = grad_a + grad_b
    if q.dtype.is_complex:
        m = rdr - adjoint(qdq)
        eyem = matrix_set_diag(array_ops.zeros_like(m), matrix_diag_part(m))
        correction = eyem - math_ops.cast(math_ops.real(eyem), q.dtype)
        ret = ret + _triangular_solve_right(math_ops.matmul(q, adjoint(correction)), r)
    return ret


@gradient("Qr")
def _qr_grad(op, dq, dr):
    q, r = op._outputs
    rows, cols = r.shape.as_list()[-2:] if r.shape.ndims is not None else (None, None)
    if rows is None or cols is None:
        raise NotImplementedError(f"QrGrad not implemented with dynamic shapes. Received r.shape: {r.shape}")
    q_rows, q_cols = q.shape.as_list()[-2:]
    if rows > cols and q_rows == q_cols:
        raise NotImplementedError(f"QrGrad not implemented when nrows > ncols and full_matrices is true. Received "
                                  f"r.shape={r.shape} with nrows={rows}and ncols={cols}.")
    if q_rows >= cols:
        return _qr_grad_deep(q, r, dq, dr)
    a = op._inputs[0]
    y = a[..., :, q_rows:]
    u = r[..., :, :q_rows]
    dv = dr[..., :, q_rows:]
    du = dr[..., :, :q_rows]
    dy = math_ops.matmul(q, dv)
    dx = _qr_grad_deep(q, u, dq + math_ops.matmul(y, dv, adjoint_b=True), du)
    return array_ops.concat([dx, dy], axis=-1)


@gradient("MatrixSolve")
def _matrix_solve_grad(op, grad):
    a, c = op._inputs[0], op._outputs[0]
    adj = op.get_attr("adjoint")
    grad_b = api.matrix_solve(a, grad, adjoint=not adj)
    grad_a = -math_ops.matmul(c, grad_b, adjoint_b=True) if adj else -math_ops.matmul(grad_b, c, adjoint_b=True)
    return grad_a, grad_b


@gradient("MatrixTriangularSolve")
def _matrix_triangular_solve_grad(op, grad):
    a, b = op._inputs
    c = op._outputs[0]
    adj, lower = op.get_attr("adjoint"), op.get_attr("lower")
    grad_b = api.matrix_triangular_solve(a, grad, lower=lower, adjoint=not adj)
    grad_a = -math_ops.matmul(c, grad_b, adjoint_b=True) if adj else -math_ops.matmul(grad_b, c, adjoint_b=True)
    grad_a = matrix_band_part(grad_a, -1, 0) if lower else matrix_band_part(grad_a, 0, -1)
    if a.shape.is_fully_defined() and b.shape.is_fully_defined() and a.shape[:-2] == b.shape[:-2]:
        return grad_a, grad_b
    a_shape, b_shape = array_ops.shape(a), array_ops.shape(b)
    ra, rb = array_ops.broadcast_gradient_args(a_shape[:-2], b_shape[:-2])
    grad_a = array_ops.reshape(math_ops.reduce_sum(grad_a, axis=ra), a_shape)
    grad_b = array_ops.reshape(math_ops.reduce_sum(grad_b, axis=rb), b_shape)
    return grad_a, grad_b


def _safe_reciprocal(x, epsilon=1e-20):
    return x * math_ops.reciprocal(x * x + epsilon)


@gradient("SelfAdjointEigV2")
def _self_adjoint_eig_grad(op, grad_e, grad_v):
    e = op._outputs[0]
    with control_dependencies([t for t in (grad_e, grad_v) if t is not None]):
        if op.get_attr("compute_v"):
            v = op._outputs[1]
            f = matrix_set_diag(_safe_reciprocal(array_ops.expand_dims(e, -2) - array_ops.expand_dims(e, -1)),
                                array_ops.zeros_like(e))
            grad_a = math_ops.matmul(v, math_ops.matmul(
                api.matrix_diag(grad_e) + f * math_ops.matmul(v, grad_v, adjoint_a=True), v, adjoint_b=True))
        else:
            _, v = api.self_adjoint_eig(op._inputs[0])
            grad_a = math_ops.matmul(v, math_ops.matmul(api.matrix_diag(grad_e), v, adjoint_b=True))
        grad_a = matrix_band_part(grad_a + adjoint(grad_a), -1, 0)
        return matrix_set_diag(grad_a, 0.5 * matrix_diag_part(grad_a))


@gradient("Svd")
def _svd_grad(op, grad_s, grad_u, grad_v):
    a = op._inputs[0]
    a_shape = a.shape.with_rank_at_least(2)
    grad_s = math_ops.cast(grad_s, a.dtype)
    grad_s_mat = api.matrix_diag(grad_s)
    if not op.get_attr("compute_uv"):
        _, u, v = api.svd(a, compute_uv=True)
        grad_a = math_ops.matmul(u, math_ops.matmul(grad_s_mat, v, adjoint_b=True))
        grad_a.set_shape(a_shape)
        return grad_a
    full_matrices = op.get_attr("full_matrices")
    m, n = a_shape.as_list()[-2:]
    if m is None or n is None:
        raise NotImplementedError("SVD gradient has not been implemented for input with unknown inner matrix "
                                  "shape.")
    s, u, v = op._outputs
    s = math_ops.cast(s, a.dtype)
    use_adjoint = m > n
    if use_adjoint:
        m, n, u, v, grad_u, grad_v = n, m, v, u, grad_v, grad_u
    with control_dependencies([grad_s, grad_u, grad_v]):
        if full_matrices and abs(m - n) > 1:
            raise NotImplementedError(f"svd gradient is not implemented for abs(m - n) > 1 when full_matrices is "
                                      f"True. Received: m={m} and n={n} from op input={a} with shape={a_shape}.")
        grad_a = _svd_grad_wide(a, s, u, v, grad_s_mat, grad_u, grad_v, m, n, full_matrices)
        if use_adjoint:
            grad_a = api.matrix_transpose(grad_a, conjugate=True)
        grad_a.set_shape(a_shape)
        return grad_a


def _svd_grad_wide(a, s, u, v, grad_s_mat, grad_u, grad_v, m, n, full_matrices):
    """TF's SVD gradient of an ``m x n`` matrix with ``m <= n``."""
    s_mat = api.matrix_diag(s)
    s2 = math_ops.square(s)
    f = matrix_set_diag(_safe_reciprocal(array_ops.expand_dims(s2, -2) - array_ops.expand_dims(s2, -1)),
                        array_ops.zeros_like(s))
    s_inv_mat = api.matrix_diag(_safe_reciprocal(s))
    v1 = v[..., :, :m]
    grad_v1 = grad_v[..., :, :m]
    u_gu = math_ops.matmul(u, grad_u, adjoint_a=True)
    v_gv = math_ops.matmul(v1, grad_v1, adjoint_a=True)
    f_u = f * u_gu
    f_v = f * v_gv
    term1_nouv = (grad_s_mat + math_ops.matmul(f_u + adjoint(f_u), s_mat) +
                  math_ops.matmul(s_mat, f_v + adjoint(f_v)))
    result = math_ops.matmul(u, math_ops.matmul(term1_nouv, v1, adjoint_b=True))
    if m != n:
        gv1t = api.matrix_transpose(grad_v1, conjugate=True)
        gv1t_v1 = math_ops.matmul(gv1t, v1)
        term2_nous = gv1t - math_ops.matmul(gv1t_v1, v1, adjoint_b=True)
        if full_matrices:
            v2 = v[..., :, m:n]
            grad_v2 = grad_v[..., :, m:n]
            v1t_gv2 = math_ops.matmul(v1, grad_v2, adjoint_a=True)
            term2_nous -= math_ops.matmul(v1t_gv2, v2, adjoint_b=True)
        u_s_inv = math_ops.matmul(u, s_inv_mat)
        result = result + math_ops.matmul(u_s_inv, term2_nous)
    if a.dtype.is_complex:
        s_shape = array_ops.shape(s)
        eye = api.eye(s_shape[-1], batch_shape=s_shape[:-1], dtype=a.dtype)
        lower = eye * v_gv
        term3_nouv = math_ops.matmul(s_inv_mat, adjoint(lower) - lower)
        result += 1 / 2. * math_ops.matmul(u, math_ops.matmul(term3_nouv, v1, adjoint_b=True))
    return result


@gradient("MatrixBandPart")
def _matrix_band_part_grad(op, grad):
    return matrix_band_part(grad, op._inputs[1], op._inputs[2]), None, None


@gradient("MatrixDiagV3")
def _matrix_diag_grad(op, grad):
    return matrix_diag_part(grad, k=op._inputs[1], align=op.get_attr("align").decode()), None, None, None, None


@gradient("MatrixDiagPartV3")
def _matrix_diag_part_grad(op, grad):
    matrix_shape = op._inputs[0].shape[-2:]
    align = op.get_attr("align").decode()
    if matrix_shape.is_fully_defined() and _main_diagonal(op._inputs[1]):
        rows, cols = matrix_shape.as_list()
        return api.matrix_diag(grad, k=op._inputs[1], num_rows=rows, num_cols=cols, align=align), None, None
    return matrix_set_diag(array_ops.zeros_like(op._inputs[0]), grad, k=op._inputs[1], align=align), None, None


def _main_diagonal(k):
    value = tensor_util.constant_value(k)
    return value is not None and not value.any()


@gradient("MatrixSetDiagV3")
def _matrix_set_diag_grad(op, grad):
    align = op.get_attr("align").decode()
    diag_shape = op._inputs[1].shape
    if not diag_shape.is_fully_defined():
        diag_shape = array_ops.shape(op._inputs[1])
    grad_input = matrix_set_diag(grad, array_ops.zeros(diag_shape, dtype=grad.dtype), k=op._inputs[2], align=align)
    grad_diag = matrix_diag_part(grad, k=op._inputs[2], align=align)
    return grad_input, grad_diag, None


@gradient("Cross")
def _cross_grad(op, grad):
    u, v = op._inputs
    return api.cross(v, grad), api.cross(grad, u)


@gradient("ConjugateTranspose")
def _conjugate_transpose_grad(op, grad):
    return array_ops.transpose(grad, array_ops.invert_permutation(op._inputs[1]), conjugate=True), None

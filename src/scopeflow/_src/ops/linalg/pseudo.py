"""``tf.linalg.matrix_rank`` and ``tf.linalg.pinv``: the rank and the Moore-Penrose
pseudo-inverse of (batches of) matrices from their singular values, built as TensorFlow's
``linalg_impl`` builds them."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import control_dependencies, name_scope
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.array.selection import where_v2
from scopeflow._src.ops.debugging.rank_asserts import assert_rank_at_least
from scopeflow._src.ops.linalg.api import svd


def _validated(a, validate_args):
    """TF's ``_maybe_validate_matrix``: a float matrix, its rank checked now or, with
    ``validate_args`` and an unknown rank, when the graph runs."""
    if not a.dtype.is_floating:
        raise TypeError(f"Input `a` must have `float`-like `dtype` (saw {a.dtype.name}).")
    if a.shape.ndims is not None:
        if a.shape.ndims < 2:
            raise ValueError(f"Input `a` must have at least 2 dimensions (saw: {a.shape.ndims}).")
    elif validate_args:
        with control_dependencies([assert_rank_at_least(a, rank=2,
                                                        message="Input `a` must have at least 2 dimensions.")]):
            return array_ops.identity(a)
    return a


def matrix_rank(a, tol=None, validate_args=False, name=None):
    """The number of singular values of each matrix above ``tol`` (by default ``eps * max(M, N) *
    max(s)``), as ``int32``."""
    with name_scope(name or "matrix_rank"):
        a = _validated(convert_to_tensor(a, preferred_dtype=dtypes.float32, name="a"), validate_args)
        s = svd(a, compute_uv=False)
        if tol is None:
            dims = a.shape[-2:]
            m = np.max(dims.as_list()) if dims.is_fully_defined() else \
                math_ops.reduce_max(array_ops.shape(a)[-2:])
            eps = np.finfo(a.dtype.as_numpy_dtype).eps
            tol = eps * math_ops.cast(m, a.dtype) * math_ops.reduce_max(s, axis=-1, keepdims=True)
        return math_ops.reduce_sum(math_ops.cast(s > tol, dtypes.int32), axis=-1)


def pinv(a, rcond=None, validate_args=False, name=None):
    """The Moore-Penrose pseudo-inverse of (a batch of) matrices: singular values at most
    ``rcond * max(s)`` (by default ``10 * max(M, N) * eps``) count as zero."""
    with name_scope(name or "pinv"):
        a = _validated(convert_to_tensor(a, name="a"), validate_args)
        dtype = a.dtype.as_numpy_dtype
        if rcond is None:
            rows, cols = (a.shape.as_list()[i] if a.shape.ndims is not None and a.shape.as_list()[i] is not None
                          else array_ops.shape(a)[i] for i in (-2, -1))
            if isinstance(rows, int) and isinstance(cols, int):
                largest = float(max(rows, cols))
            else:
                largest = math_ops.cast(math_ops.maximum(rows, cols), dtype)
            rcond = 10. * largest * np.finfo(dtype).eps
        rcond = convert_to_tensor(rcond, dtype=a.dtype, name="rcond")
        singular_values, left, right = svd(a, full_matrices=False, compute_uv=True)
        cutoff = rcond * math_ops.reduce_max(singular_values, axis=-1)
        singular_values = where_v2(singular_values > array_ops.expand_dims(cutoff, -1), singular_values,
                                   np.array(np.inf, dtype))
        a_pinv = math_ops.matmul(right / array_ops.expand_dims(singular_values, -2), left, adjoint_b=True)
        if a.shape.ndims is not None:
            a_pinv.set_shape(a.shape[:-2].concatenate([a.shape[-1], a.shape[-2]]))
        return a_pinv

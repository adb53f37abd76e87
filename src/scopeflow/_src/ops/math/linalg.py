"""Linear-algebra ops: ``Transpose`` (with ``InvertPermutation`` in its gradient), ``Qr``,
``Diag``/``DiagPart``, ``MatrixDiagV3`` (``eye``) and ``matrix_transpose``.

``Qr`` and ``MatrixDiagV3`` have no gradient here (TF has one); they only serve the
orthogonal and identity initializers.
"""

from __future__ import annotations

import collections

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.ops_scope import name_scope
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import OpDef, ShapeError
from scopeflow._src.framework.tensor_shape import TensorShape, UNKNOWN
from scopeflow._src.ops import array_ops, op_dtypes, shape_fns
from scopeflow._src.ops.shape_fns import dims_text
from scopeflow._src.ops.unary_ops import sign  # noqa: F401 - initializers use linalg_ops.sign


def _qr_shape(inputs, attrs):
    dims = inputs[0].shape.as_tuple()
    if dims is None:
        return [UNKNOWN, UNKNOWN]
    m, n = dims[-2], dims[-1]
    k = None if m is None or n is None else min(m, n)
    full = attrs["full_matrices"]
    return [TensorShape(dims[:-2] + (m, m if full else k)), TensorShape(dims[:-2] + (m if full else k, n))]


def _qr_factory(op, state):
    mode = "complete" if op._attrs["full_matrices"] else "reduced"
    return lambda a: tuple(x.astype(a.dtype) for x in np.linalg.qr(a, mode=mode))


registry.register(OpDef("Qr", inputs=["input: T"], outputs=["q: T", "r: T"],
                        attrs={"T": op_dtypes.types("float64,float32,float16,complex64,complex128")},
                        shape=_qr_shape, factory=_qr_factory))


def _diag_part_shape(inputs, attrs):
    dims = inputs[0].shape.as_tuple()
    if dims is None:
        return UNKNOWN
    if len(dims) % 2:
        raise ShapeError(f"Input must have even rank <= 6, input rank is {len(dims)}")
    n = len(dims) // 2
    return TensorShape([shape_fns.merge_dim(a, b) for a, b in zip(dims[:n], dims[n:])])


def _diag_part(x):
    n = x.ndim // 2
    if x.ndim % 2 or x.shape[:n] != x.shape[n:]:  # NumPy would take the diagonal of any reshape
        raise errors.InvalidArgumentError(None, None, _diag_part_problem(x.shape))
    flat = x.reshape(int(np.prod(x.shape[:n])), -1)
    return np.diagonal(flat).reshape(x.shape[:n]).copy()


def _diag_part_problem(shape):
    if len(shape) % 2:
        return f"The rank of the tensor should be {' ' * 41}even and positive, got shape {dims_text(shape)}"
    n = len(shape) // 2
    i = next(i for i in range(n) if shape[i] != shape[i + n])
    return f"Invalid shape {dims_text(shape)}: dimensions {i} and {i + n} do not match."


def _diag_shape(inputs, attrs):
    dims = inputs[0].shape.as_tuple()
    return UNKNOWN if dims is None else TensorShape(dims + dims)


def _diag(d):
    d = np.asarray(d)
    out = np.zeros((d.size, d.size), dtype=d.dtype)
    out[np.arange(d.size), np.arange(d.size)] = d.ravel()
    return out.reshape(d.shape + d.shape)


_DIAG_TYPES = op_dtypes.types("bfloat16,float16,float32,float64,int32,int64,complex64,complex128")
registry.register(OpDef("DiagPart", inputs=["input: T"], outputs=["diagonal: T"], attrs={"T": _DIAG_TYPES},
                        shape=_diag_part_shape, kernel=_diag_part, grad=lambda op, grad: diag(grad)))
registry.register(OpDef("Diag", inputs=["diagonal: T"], outputs=["output: T"], attrs={"T": _DIAG_TYPES},
                        shape=_diag_shape, kernel=_diag, grad=lambda op, grad: diag_part(grad)))


def _transpose_shape(inputs, attrs):
    """TF's ``TransposeShapeFn``."""
    dims, perm_shape = inputs[0].shape.as_tuple(), inputs[1].shape
    perm = shape_fns.evaluate_constant(inputs[1])
    n_perm = perm_shape.num_elements()
    if dims is None and n_perm is None and perm is None:
        return UNKNOWN
    rank = len(dims) if dims is not None else n_perm if n_perm is not None else perm.size
    if dims is None and rank < 2:
        return inputs[0].shape
    if perm_shape.ndims is not None and perm_shape.ndims != 1:
        raise ShapeError(f"Shape must be rank 1 but is rank {perm_shape.ndims}")
    if n_perm is not None and n_perm != rank:
        raise ShapeError(f"Dimension must be {rank} but is {n_perm}")
    if perm is None:
        return TensorShape([None] * rank)
    out = []
    for p in perm.tolist():
        if p >= rank or p < -rank:
            raise ShapeError(f"perm dim {p} is out of range of input rank {rank}",
                             shape_fns.computed_suffix(1, perm))
        out.append(None if dims is None else dims[p])
    return TensorShape(out)


def _transpose_grad(op, grad):
    return [transpose(grad, array_ops.invert_permutation(op._inputs[1])), None]


def _transpose_fold(t):
    value = tensor_util.constant_value(t.op._inputs[0])
    perm = tensor_util.constant_value(t.op._inputs[1])
    return None if value is None or perm is None else np.transpose(value, perm.tolist())


def _transpose_kernel(x, perm):
    try:
        return np.transpose(x, tuple(int(p) for p in perm))
    except (ValueError, TypeError):  # words TF's message on the error path only
        raise errors.InvalidArgumentError(None, None, _transpose_message(np.ndim(x), np.asarray(perm))) from None


def _transpose_message(rank, perm):
    if perm.ndim != 1:
        return f"perm must be rank 1, got shape {dims_text(perm.shape)}"
    if perm.size != rank:
        return f"transpose expects a vector of size {rank}. But input(1) is a vector of size {perm.size}"
    for p in perm.tolist():
        if not -rank <= p < rank:
            return f"{p + rank if p < 0 else p} is out of range [0 .. {rank})"
    seen = set(p % rank for p in perm.tolist())
    missing = next(i for i in range(rank) if i not in seen)
    return f"{missing} is missing from {{{','.join(map(str, perm.tolist()))}}}."


registry.register(OpDef("Transpose", inputs=["x: T", "perm: Tperm"], outputs=["y: T"],
                        attrs={"Tperm": op_dtypes.INDEX}, shape=_transpose_shape, kernel=_transpose_kernel,
                        fold=_transpose_fold, grad=_transpose_grad))


def _matrix_diag_shape(inputs, attrs):
    rows = tensor_util.constant_value(inputs[2])
    cols = tensor_util.constant_value(inputs[3])
    diag = inputs[0].shape.as_tuple()
    if rows is None or cols is None or diag is None:
        return UNKNOWN
    n = diag[-1]
    rows, cols = int(rows), int(cols)
    return TensorShape(diag[:-1] + (n if rows < 0 else rows, n if cols < 0 else cols))


def _matrix_diag(diag, k, num_rows, num_cols, padding):
    n = diag.shape[-1]
    rows = n if num_rows < 0 else int(num_rows)
    cols = n if num_cols < 0 else int(num_cols)
    out = np.full(diag.shape[:-1] + (rows, cols), padding, dtype=diag.dtype)
    idx = np.arange(min(n, rows, cols))
    out[..., idx, idx] = diag[..., idx]
    return out


registry.register(OpDef("MatrixDiagV3", inputs=["diagonal: T", "k: int32", "num_rows: int32", "num_cols: int32",
                                                 "padding_value: T"],
                        outputs=["output: T"], shape=_matrix_diag_shape, kernel=_matrix_diag))


def qr(input, full_matrices=False, name=None):  # noqa: A002
    """The QR decomposition ``(q, r)`` of (batches of) matrices (a ``Qr`` op)."""
    return Qr(*create("Qr", [input], {"full_matrices": full_matrices}, name=name).outputs)


Qr = collections.namedtuple("Qr", ["q", "r"])


def diag_part(input, name=None):  # noqa: A002
    """The diagonal of a ``2k``-rank tensor (a ``DiagPart`` op)."""
    return create("DiagPart", [input], name=name)._outputs[0]


def diag(diagonal, name=None):
    """A ``2k``-rank tensor with ``diagonal`` on its diagonal (a ``Diag`` op)."""
    return create("Diag", [diagonal], name=name)._outputs[0]


def transpose(a, perm=None, name="transpose", conjugate=False):
    """``a`` with its dimensions permuted by ``perm`` (reversed by default): a ``Transpose``.

    >>> import scopeflow as tf
    >>> tf.transpose(tf.ones([2, 3])).shape.as_list()
    [3, 2]
    """
    from scopeflow._src.framework.operation import Tensor

    with name_scope(name, "transpose", [a]) as scope:
        if not isinstance(a, Tensor):
            a = convert_to_tensor(a, name="a")
        if conjugate and a.dtype.is_complex:
            from scopeflow._src.ops.unary_ops import conj
            a = conj(a)
        if perm is None:
            rank = a.shape.ndims
            if rank is None:
                limit = create("Rank", [a])._outputs[0] - 1
                perm = create("Range", [limit, -1, -1], {"Tidx": dtypes.int32})._outputs[0]
            else:
                perm = np.arange(rank - 1, -1, -1, dtype=np.int32)
        attrs = {} if hasattr(perm, "dtype") and not isinstance(perm, np.ndarray) else {"Tperm": dtypes.int32}
        return create("Transpose", [a, perm], attrs, name=scope)._outputs[0]


def matrix_transpose(a, name="matrix_transpose", conjugate=False):
    """``a`` with its last two dimensions swapped (a ``Transpose`` in a ``matrix_transpose`` scope).

    Differs from TF: ``a`` must have a known rank, and ``conjugate`` is ignored (TF builds a
    ``ConjugateTranspose`` for complex inputs; the result differs only for complex ``a``).
    """
    with name_scope(name, values=[a]):
        a = convert_to_tensor(a, name="a")
        rank = a.shape.ndims
        perm = list(range(rank - 2)) + [rank - 1, rank - 2]
        return transpose(a, perm=perm)


def eye(num_rows, num_columns=None, batch_shape=None, dtype=dtypes.float32, name=None):
    """An identity matrix (``MatrixDiagV3`` of ones), as TensorFlow builds it."""
    with name_scope(name, default_name="eye", values=[num_rows, num_columns]):
        is_square = num_columns is None
        num_columns = num_rows if is_square else num_columns
        diag_size = min(num_rows, num_columns)
        diag_ones = array_ops.ones([diag_size], dtype=dtype)
        with name_scope("diag") as scope:
            k = constant(0, dtype=dtypes.int32, name="k")
            rows = constant(num_rows, dtype=dtypes.int32, name="num_rows")
            cols = constant(num_columns, dtype=dtypes.int32, name="num_cols")
            pad = constant(0, dtype=dtype, name="padding_value")
            return create("MatrixDiagV3", [diag_ones, k, rows, cols, pad], {"align": "RIGHT_LEFT"},
                          name=scope)._outputs[0]

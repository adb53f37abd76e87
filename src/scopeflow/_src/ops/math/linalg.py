"""Linear-algebra ops: ``Qr``, ``Diag``/``DiagPart`` and ``MatrixDiagV3`` (``eye``).
(``Transpose`` is an array op: ``array/transpose.py``.)

``Qr`` and ``MatrixDiagV3`` have no gradient here (TF has one); they only serve the
orthogonal and identity initializers.
"""

from __future__ import annotations

import collections

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError, merge_dim
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.array.creation import ones
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import moves_elements
from scopeflow._src.ops.common.shape_fns import dims_text


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
                        attrs={"T": dtype_lists.types("float64,float32,float16,complex64,complex128")},
                        shape=_qr_shape, factory=_qr_factory, defaults={"full_matrices": False}))


def _diag_part_shape(inputs, attrs):
    dims = inputs[0].shape.as_tuple()
    if dims is None:
        return UNKNOWN
    if len(dims) % 2:
        raise ShapeError(f"Input must have even rank <= 6, input rank is {len(dims)}")
    n = len(dims) // 2
    return TensorShape([merge_dim(a, b) for a, b in zip(dims[:n], dims[n:])])


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


def _lower_diag(op, jx):
    def diag(d):
        n = int(np.prod(d.shape, dtype=np.int64))
        rows = np.arange(n)
        return jx.jnp.zeros((n, n), d.dtype).at[rows, rows].set(d.reshape(-1)).reshape(d.shape + d.shape)
    return diag


_DIAG_TYPES = dtype_lists.types("bfloat16,float16,float32,float64,int32,int64,complex64,complex128")
registry.register(OpDef("DiagPart", inputs=["input: T"], outputs=["diagonal: T"], attrs={"T": _DIAG_TYPES},
                        shape=_diag_part_shape, kernel=_diag_part,
                        lower=moves_elements()))
registry.register(OpDef("Diag", inputs=["diagonal: T"], outputs=["output: T"], attrs={"T": _DIAG_TYPES},
                        shape=_diag_shape, kernel=_diag,
                        lower=_lower_diag))


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
                        outputs=["output: T"], shape=_matrix_diag_shape, kernel=_matrix_diag,
                        defaults={"align": "RIGHT_LEFT"}, lower=moves_elements(lambda n: (0, 4))))


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


def eye(num_rows, num_columns=None, batch_shape=None, dtype=dtypes.float32, name=None):
    """An identity matrix (``MatrixDiagV3`` of ones), as TensorFlow builds it."""
    with name_scope(name, default_name="eye", values=[num_rows, num_columns]):
        is_square = num_columns is None
        num_columns = num_rows if is_square else num_columns
        diag_size = min(num_rows, num_columns)
        diag_ones = ones([diag_size], dtype=dtype)
        with name_scope("diag") as scope:
            k = constant(0, dtype=dtypes.int32, name="k")
            square = is_square or num_rows == num_columns  # TF's matrix_diag(ones): sizes left to the op
            rows = constant(-1 if square else num_rows, dtype=dtypes.int32, name="num_rows")
            cols = constant(-1 if square else num_columns, dtype=dtypes.int32, name="num_cols")
            pad = constant(0, dtype=dtype, name="padding_value")
            return create("MatrixDiagV3", [diag_ones, k, rows, cols, pad], {"align": "RIGHT_LEFT"},
                          name=scope)._outputs[0]

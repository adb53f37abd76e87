"""The few linear-algebra ops TF1's initializers build: Qr, DiagPart, Sign, Transpose, eye."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry, tensor_util
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.ops_scope import name_scope
from scopeflow._src.framework.registry import FLOAT, OpDef, ShapeError, create
from scopeflow._src.framework.tensor_shape import TensorShape, UNKNOWN
from scopeflow._src.ops import array_ops, shape_fns


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


registry.register(OpDef("Qr", inputs=["input: T"], outputs=["q: T", "r: T"], attrs={"T": FLOAT},
                        shape=_qr_shape, factory=_qr_factory))


def _diag_part_shape(inputs, attrs):
    dims = inputs[0].shape.as_tuple()
    if dims is None:
        return UNKNOWN
    if len(dims) % 2:
        raise ShapeError(f"Input must have even rank <= 6, input rank is {len(dims)}")
    return TensorShape(dims[:len(dims) // 2])


def _diag_part(x):
    n = x.ndim // 2
    flat = x.reshape(int(np.prod(x.shape[:n])), -1)
    return np.diagonal(flat).reshape(x.shape[:n]).copy()


registry.register(OpDef("DiagPart", inputs=["input: T"], outputs=["diagonal: T"], shape=_diag_part_shape,
                        kernel=_diag_part))
registry.register(OpDef("Sign", inputs=["x: T"], outputs=["y: T"], shape=shape_fns.unchanged, kernel=np.sign))


def _transpose_shape(inputs, attrs):
    perm = tensor_util.constant_value(inputs[1])
    dims = inputs[0].shape.as_tuple()
    if perm is None or dims is None:
        return UNKNOWN if dims is None else TensorShape([None] * len(dims))
    return TensorShape([dims[int(p)] for p in perm])


registry.register(OpDef("Transpose", inputs=["x: T", "perm: Tperm"], outputs=["y: T"], shape=_transpose_shape,
                        kernel=lambda x, perm: np.transpose(x, tuple(int(p) for p in perm))))


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
    return create("Qr", [input], {"full_matrices": full_matrices}, name=name).outputs


def diag_part(input, name=None):  # noqa: A002
    return create("DiagPart", [input], name=name)._outputs[0]


def sign(x, name=None):
    return create("Sign", [x], name=name)._outputs[0]


def transpose(a, perm=None, name="transpose", conjugate=False):
    with name_scope(name, "transpose", [a]) as scope:
        a = convert_to_tensor(a, name="a")
        if perm is None:
            rank = a.shape.ndims
            perm = list(range(rank - 1, -1, -1))
        return create("Transpose", [a, constant(perm, name="perm") if not hasattr(perm, "op") else perm],
                      {"Tperm": dtypes.int32}, name=scope)._outputs[0]


def matrix_transpose(a, name="matrix_transpose", conjugate=False):
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

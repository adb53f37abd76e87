"""Parts of matrices: ``MatrixBandPart``, ``MatrixDiagPartV3`` and ``MatrixSetDiagV3`` (the
diagonals ``k`` of a batch of matrices, packed as TensorFlow packs them under ``align``),
``ConjugateTranspose`` (``adjoint`` of complex matrices) and ``Cross`` (the cross product of
3-vectors)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError, merge_dim, merge_shapes
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.array.transpose import _transpose_kernel, _transpose_shape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import checked, moves_elements, same_code, static_ints
from scopeflow._src.ops.linalg.decompositions import matrix_dims

ALIGNS = ("LEFT_RIGHT", "RIGHT_LEFT", "LEFT_LEFT", "RIGHT_RIGHT")


# -- MatrixBandPart ----------------------------------------------------------------------------------------
def _scalar_input(shape: TensorShape):
    if shape.ndims not in (None, 0):
        raise ShapeError(f"Shape must be rank 0 but is rank {shape.ndims}")


def _band_shape(inputs, attrs):
    _scalar_input(inputs[1].shape)
    _scalar_input(inputs[2].shape)
    return inputs[0].shape


def _band_factory(op, state):
    def kernel(x, num_lower, num_upper):
        if x.ndim < 2:
            raise errors.InvalidArgumentError(None, op, f"input must be at least 2-dim, received shape: "
                                                        f"[{','.join(map(str, x.shape))}]")
        lower, upper = int(num_lower), int(num_upper)
        m, n = x.shape[-2:]
        if lower > m:
            raise errors.InvalidArgumentError(
                None, op, f"num_lower must be negative or less or equal to number of rows ({m}) got: {lower}")
        if upper > n:
            raise errors.InvalidArgumentError(
                None, op, f"num_upper must be negative or less or equal to number of columns ({n}) got: {upper}")
        offset = np.arange(n)[None, :] - np.arange(m)[:, None]  # column - row
        keep = np.ones((m, n), bool)
        if lower >= 0:
            keep &= offset >= -lower
        if upper >= 0:
            keep &= offset <= upper
        return np.where(keep, x, np.zeros((), x.dtype))
    return kernel


registry.register(OpDef("MatrixBandPart", inputs=["input: T", "num_lower: Tindex", "num_upper: Tindex"],
                        outputs=["band: T"], attrs={"Tindex": dtype_lists.INDEX}, shape=_band_shape,
                        factory=_band_factory, defaults={"Tindex": dtypes.int64},
                        lower=same_code(factory=_band_factory)))  # the band's bounds must be known when compiling


# -- the diagonals k ---------------------------------------------------------------------------------------
def diag_range(k) -> tuple[int, int]:
    """``(lower, upper)`` of ``k``: one diagonal index or a pair."""
    k = np.asarray(k).reshape(-1)
    return int(k[0]), int(k[-1])


def _diag_layout(m, n, lower, upper, align):
    """For each diagonal ``d`` from ``upper`` down to ``lower``: its length and offset in a row of
    ``max_len`` (TF's packing: super-diagonals aligned by the first half of ``align``)."""
    max_len = min(m + min(upper, 0), n - max(lower, 0))
    left_super, left_sub = align.startswith("LEFT"), align.endswith("LEFT")
    layout = []
    for d in range(upper, lower - 1, -1):
        length = min(m + min(0, d), n - max(0, d))
        right = (d >= 0 and not left_super) or (d <= 0 and not left_sub)
        layout.append((d, length, max_len - length if right else 0))
    return max_len, layout


def _positions(d, length):
    j = np.arange(max(length, 0))
    return (j - min(d, 0), j + max(d, 0))


def _check_k(op, lower, upper, m, n):
    """TF's kernel checks of the diagonal range, in its order and words."""
    if not (-m < lower < n or lower == 0):
        raise errors.InvalidArgumentError(
            None, op, f"lower_diag_index is out of bound: {lower}. It must be between {-m} and {n}")
    if not (-m < upper < n or upper == 0):
        raise errors.InvalidArgumentError(
            None, op, f"upper_diag_index is out of bound: {upper} It must be between {-m} and {n}")
    if lower > upper:
        raise errors.InvalidArgumentError(
            None, op, f"lower_diag_index must not be larger than upper_diag_index: {lower} > {upper}")


def _diag_part_factory(op, state):
    align = op.get_attr("align").decode()

    def kernel(x, k, padding):
        if x.ndim < 2:
            raise errors.InvalidArgumentError(None, op, f"input must be at least 2-dim, received shape: "
                                                        f"[{','.join(map(str, x.shape))}]")
        lower, upper = diag_range(k)
        m, n = x.shape[-2:]
        _check_k(op, lower, upper, m, n)
        max_len, layout = _diag_layout(m, n, lower, upper, align)
        out = np.full(x.shape[:-2] + (len(layout), max(max_len, 0)), padding, dtype=x.dtype)
        for row, (d, length, offset) in enumerate(layout):
            rows, cols = _positions(d, length)
            out[..., row, offset:offset + length] = x[..., rows, cols]
        return out[..., 0, :] if lower == upper else out
    return kernel


def _set_diag_factory(op, state):
    align = op.get_attr("align").decode()

    def kernel(x, diagonal, k):
        lower, upper = diag_range(k)
        m, n = x.shape[-2:]
        _check_k(op, lower, upper, m, n)
        max_len, layout = _diag_layout(m, n, lower, upper, align)
        diag = diagonal[..., None, :] if lower == upper else diagonal
        want = x.shape[:-2] + (len(layout), max_len)
        if diag.shape != want:
            expected = want[:-2] + want[-1:] if lower == upper else want
            raise errors.InvalidArgumentError(
                None, op, f"diagonal must have the same shape as expected. expected: "
                          f"[{','.join(map(str, expected))}], received: [{','.join(map(str, diagonal.shape))}]")
        out = np.array(x)
        for row, (d, length, offset) in enumerate(layout):
            rows, cols = _positions(d, length)
            out[..., rows, cols] = diag[..., row, offset:offset + length]
        return out
    return kernel


def _known_k(t):
    value = tensor_util.constant_value(t)
    return None if value is None else diag_range(value)


def _diag_part_shape(inputs, attrs):
    dims = matrix_dims(inputs[0].shape)
    k = _known_k(inputs[1])
    if dims is None or k is None:
        return UNKNOWN
    lower, upper = k
    m, n = dims[-2:]
    length = None if m is None or n is None else min(m + min(upper, 0), n - max(lower, 0))
    return TensorShape(dims[:-2] + (() if lower == upper else (upper - lower + 1,)) + (length,))


def _set_diag_shape(inputs, attrs):
    dims = matrix_dims(inputs[0].shape)
    k = _known_k(inputs[2])
    diag = inputs[1].shape
    if dims is not None and k is not None and diag.ndims is not None:
        lower, upper = k
        extra = 1 if lower == upper else 2
        if diag.ndims != len(dims) - 2 + extra:
            raise ShapeError(f"Shape must be rank {len(dims) - 2 + extra} but is rank {diag.ndims}")
        merge_shapes(TensorShape(dims[:-2]), TensorShape(diag.as_tuple()[:len(dims) - 2]))
    return inputs[0].shape


_ALIGN = {"align": "RIGHT_LEFT"}
registry.register(OpDef("MatrixDiagPartV3", inputs=["input: T", "k: int32", "padding_value: T"],
                        outputs=["diagonal: T"], shape=_diag_part_shape, factory=_diag_part_factory,
                        defaults=_ALIGN, lower=moves_elements(lambda n: (0, 2))))
registry.register(OpDef("MatrixSetDiagV3", inputs=["input: T", "diagonal: T", "k: int32"], outputs=["output: T"],
                        shape=_set_diag_shape, factory=_set_diag_factory, defaults=_ALIGN,
                        lower=moves_elements(lambda n: (0, 1))))


# -- Cross -------------------------------------------------------------------------------------------------
def _cross_shape(inputs, attrs):
    shape = merge_shapes(inputs[0].shape, inputs[1].shape)
    if shape.ndims is not None:
        if shape.ndims < 1:
            raise ShapeError(f"Shape must be at least rank 1 but is rank {shape.ndims}")
        merge_dim(shape.as_tuple()[-1], 3) if shape.as_tuple()[-1] in (None, 3) else _not_three(shape)
    return shape


def _not_three(shape):
    raise ShapeError(f"Dimension must be 3 but is {shape.as_tuple()[-1]}")


def _cross_factory(op, state):
    def kernel(a, b):
        if a.shape != b.shape:
            raise errors.InvalidArgumentError(
                None, op, f"Both inputs must be of same shape: [{','.join(map(str, a.shape))}] vs. "
                          f"[{','.join(map(str, b.shape))}]")
        if a.ndim < 1:
            raise errors.InvalidArgumentError(None, op, "Input must be at least 1D[]")
        if a.shape[-1] != 3:
            raise errors.FailedPreconditionError(None, op, "Cross-products are only defined for 3-element vectors.")
        return np.cross(a, b).astype(a.dtype)
    return kernel


registry.register(OpDef("Cross", inputs=["a: T", "b: T"], outputs=["product: T"], attrs={"T": dtype_lists.REAL},
                        shape=_cross_shape, factory=_cross_factory, lower=same_code(factory=_cross_factory)))


# -- ConjugateTranspose ------------------------------------------------------------------------------------
def _conjugate_transpose(x, perm):
    return np.conj(_transpose_kernel(x, perm))


def _lower_conjugate_transpose(op, jx):
    return lambda x, perm: jx.jnp.conj(jx.jnp.transpose(x, static_ints(perm, "perm")))


registry.register(OpDef("ConjugateTranspose", inputs=["x: T", "perm: Tperm"], outputs=["y: T"],
                        attrs={"Tperm": dtype_lists.INDEX}, shape=_transpose_shape, kernel=_conjugate_transpose,
                        defaults={"Tperm": dtypes.int32}, lower=checked(_lower_conjugate_transpose)))

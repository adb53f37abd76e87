"""``SparseAdd`` (sparse + sparse, with a threshold on the sums), its gradient op
``SparseAddGrad``, and ``SparseTensorDenseAdd`` (sparse + dense): ``tf.sparse.add``.

``SparseAdd`` merges its operands as TF's kernel does, one pass over both index lists taking
the smaller row-major index first, so operands in row-major order give a sum in that order
(and unordered ones the same order as TF). A sum of two entries at the same index is kept only
when its magnitude reaches ``thresh``; a lone entry is always kept.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor, SparseTensorValue
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.array.broadcast import broadcast_static_shape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import checked
from scopeflow._src.ops.common.shape_context import shape_fn
from scopeflow._src.ops.sparse.common import argument_lookup, first_unordered, gather_rows, require, row_keys, to_sparse


def merge_order(a_indices: np.ndarray, b_indices: np.ndarray):
    """TF's merge of two index lists: arrays ``(ia, ib)``, for each output entry in order its
    position in ``a`` and in ``b`` (``-1`` where it has none; both when the indices are equal).

    TF walks both lists once, taking the smaller row-major index first; for operands in
    row-major order without repeats that is their sorted union, computed here with one sort.
    """
    if a_indices.shape[1] and first_unordered(a_indices) is None and first_unordered(b_indices) is None:
        return _sorted_union(a_indices, b_indices)
    return _walk(row_keys(a_indices), row_keys(b_indices))


def row_major_keys(rows: np.ndarray):
    """One int64 per index row, ordered as the rows are in row-major order (``None`` when a
    coordinate is negative or the keys would overflow)."""
    if not rows.size:
        return np.zeros(len(rows), np.int64)
    if rows.min() < 0:
        return None
    sizes = rows.max(axis=0).astype(object) + 1
    if np.prod(sizes) >= 2 ** 62:
        return None
    return np.ravel_multi_index(tuple(rows.T), tuple(int(d) for d in sizes)).astype(np.int64)


def _sort_two(a_rows, b_rows):
    """Both lists' rows in row-major order, an ``a`` row right before an equal ``b`` row:
    ``(sorted rows' equality with the row before, source (0: a, 1: b), position in its list)``."""
    n, m = len(a_rows), len(b_rows)
    rows = np.concatenate([a_rows, b_rows])
    src = np.concatenate([np.zeros(n, np.int8), np.ones(m, np.int8)])
    pos = np.concatenate([np.arange(n), np.arange(m)])
    keys = row_major_keys(rows)
    if keys is not None:
        order = np.argsort(keys, kind="stable")  # a before b where equal: a comes first
        keys = keys[order]
        same = np.zeros(len(keys), bool)
        same[1:] = keys[1:] == keys[:-1]
    else:
        order = np.lexsort((src, *rows.T[::-1]))
        rows = rows[order]
        same = np.zeros(len(rows), bool)
        if len(rows) > 1:
            same[1:] = (rows[1:] == rows[:-1]).all(axis=1)
    return same, src[order], pos[order]


def _sorted_union(a_indices, b_indices):
    twin, src, pos = _sort_two(a_indices, b_indices)
    ia, ib = np.where(src == 0, pos, -1), np.where(src == 1, pos, -1)
    at = np.flatnonzero(twin)
    ib[at - 1] = pos[at]
    return ia[~twin], ib[~twin]


def _walk(a, b):
    """The merge as TF's kernel walks it (operands in any order)."""
    i = j = 0
    ia, ib = [], []
    while i < len(a) and j < len(b):
        if a[i] < b[j]:
            ia.append(i), ib.append(-1)
            i += 1
        elif a[i] > b[j]:
            ia.append(-1), ib.append(j)
            j += 1
        else:
            ia.append(i), ib.append(j)
            i += 1
            j += 1
    ia.extend(range(i, len(a)))
    ib.extend([-1] * (len(a) - i))
    ia.extend([-1] * (len(b) - j))
    ib.extend(range(j, len(b)))
    return np.array(ia, np.int64), np.array(ib, np.int64)


def merged_rows(a_indices, b_indices, ia, ib):
    """The index rows of a merge's entries."""
    return np.where((ia >= 0)[:, None], a_indices[np.maximum(ia, 0)] if len(a_indices) else 0,
                    b_indices[np.maximum(ib, 0)] if len(b_indices) else 0).astype(np.int64).reshape(
        len(ia), a_indices.shape[1])


# -- SparseAdd -------------------------------------------------------------------------------------
@shape_fn
def _sparse_add_shape(ctx, attrs):
    ctx.with_rank(2, 1)
    n = ctx.dims(2)
    return [TensorShape([None, None if n is None else n[0]]), TensorShape([None]), ctx.shape(2)]


def _sparse_add_factory(op, state):
    def sparse_add(a_ind, a_val, a_shape, b_ind, b_val, b_shape, thresh):
        require(op, a_ind.ndim == 2 and b_ind.ndim == 2,
                f"Input indices should be matrices but received shapes: {_text(a_ind)} and {_text(b_ind)}")
        require(op, a_val.ndim == 1 and b_val.ndim == 1,
                f"Input values should be vectors but received shapes: {_text(a_val)} and {_text(b_val)}")
        require(op, a_ind.shape[1] == b_ind.shape[1],
                f"Input indices must have the same dimension, got {a_ind.shape[1]} and {b_ind.shape[1]}")
        for d, (x, y) in enumerate(zip(a_shape.tolist(), b_shape.tolist())):
            require(op, x == y, f"Operands' shapes do not match: got {x} and {y} for dimension {d}")
        ia, ib = merge_order(a_ind, b_ind)
        has_a, has_b = ia >= 0, ib >= 0
        values = np.zeros(len(ia), a_val.dtype)
        values[has_a] += a_val[ia[has_a]]
        values[has_b] += b_val[ib[has_b]]
        keep = ~(has_a & has_b) | (np.abs(values) >= thresh)
        return merged_rows(a_ind, b_ind, ia, ib)[keep], values[keep], a_shape
    return sparse_add


def _text(x):
    return str(list(x.shape)).replace(" ", "")


registry.register(OpDef(
    "SparseAdd", inputs=["a_indices: int64", "a_values: T", "a_shape: int64", "b_indices: int64", "b_values: T",
                         "b_shape: int64", "thresh: Treal"],
    outputs=["sum_indices: int64", "sum_values: T", "sum_shape: int64"],
    attrs={"T": dtype_lists.NUMBER, "Treal": dtype_lists.REAL}, shape=_sparse_add_shape, factory=_sparse_add_factory))


# -- SparseAddGrad ---------------------------------------------------------------------------------
@shape_fn
def _sparse_add_grad_shape(ctx, attrs):
    a, b = ctx.dims(1), ctx.dims(2)
    return [TensorShape([None if a is None else a[0]]), TensorShape([None if b is None else b[0]])]


def _sparse_add_grad_factory(op, state):
    def sparse_add_grad(grad, a_ind, b_ind, sum_ind):
        a_grad = np.zeros(len(a_ind), grad.dtype)
        b_grad = np.zeros(len(b_ind), grad.dtype)
        ia, ib = merge_order(a_ind, b_ind)
        rows = merged_rows(a_ind, b_ind, ia, ib)
        found = _positions(rows, sum_ind)
        if found is not None:  # each sum entry is a merge entry, both in row-major order: one lookup
            a_grad[ia[found][ia[found] >= 0]] = grad[ia[found] >= 0]
            b_grad[ib[found][ib[found] >= 0]] = grad[ib[found] >= 0]
            return a_grad, b_grad
        here, sums = row_keys(rows), row_keys(sum_ind)
        k = 0
        for e, key in enumerate(here):  # the sum's entries are the merge's, less those under the threshold
            if k < len(sums) and sums[k] == key:
                if ia[e] >= 0:
                    a_grad[ia[e]] = grad[k]
                if ib[e] >= 0:
                    b_grad[ib[e]] = grad[k]
                k += 1
        return a_grad, b_grad
    return sparse_add_grad


def _positions(rows, sum_rows):
    """Where each of ``sum_rows`` is in ``rows`` when both are in strict row-major order and
    every sum row is found; ``None`` otherwise (TF's walk then decides)."""
    if not rows.shape[1] or first_unordered(rows) is not None or first_unordered(sum_rows) is not None:
        return None
    same, src, pos = _sort_two(rows, sum_rows)  # a merge row right before the equal sum row
    at = np.flatnonzero(src == 1)
    before = at - 1
    if (before < 0).any() or (src[before] != 0).any() or not same[at].all():
        return None
    found = np.empty(len(sum_rows), np.int64)
    found[pos[at]] = pos[before]
    return found


def _lower_sparse_add_grad(op, jx):
    """Each operand's entries looked up among the sum's (by row, as ``SparseAdd`` leaves a
    sum: each entry at its index, no index twice)."""
    def run(grad, a_ind, b_ind, sum_ind):
        return gather_rows(jx, grad, a_ind, sum_ind), gather_rows(jx, grad, b_ind, sum_ind)
    return run


registry.register(OpDef(
    "SparseAddGrad", inputs=["backprop_val_grad: T", "a_indices: int64", "b_indices: int64", "sum_indices: int64"],
    outputs=["a_val_grad: T", "b_val_grad: T"], attrs={"T": dtype_lists.NUMBER},
    shape=_sparse_add_grad_shape, factory=_sparse_add_grad_factory, lower=_lower_sparse_add_grad))


def sparse_add_grad(backprop_val_grad, a_indices, b_indices, sum_indices, name=None):
    """The gradients of ``SparseAdd``'s two value inputs (``SparseAddGrad``)."""
    return create("SparseAddGrad", [backprop_val_grad, a_indices, b_indices, sum_indices], name=name).outputs


# -- SparseTensorDenseAdd --------------------------------------------------------------------------
def _sparse_dense_add_factory(op, state):
    def sparse_tensor_dense_add(indices, values, shape, dense):
        require(op, shape.size == dense.ndim,
                f"Two operands have different ranks; received: {shape.size} and {dense.ndim}")
        for d, (x, y) in enumerate(zip(shape.tolist(), dense.shape)):
            require(op, x == y, f"Dimension {d} does not equal (no broadcasting is supported): sparse side {x} vs "
                                f"dense side {y}")
        out = np.array(dense, copy=True)
        if len(indices):
            bad = np.argwhere((indices < 0) | (indices >= np.array(dense.shape)))
            if bad.size:
                i, d = (int(v) for v in bad[0])
                require(op, False, f"Sparse tensor has an invalid index on dimension {d}: a_indices({i},{d}) = "
                                   f"{int(indices[i, d])}, dense tensor shape: {' '.join(map(str, dense.shape))}")
            np.add.at(out, tuple(indices.T), values)
        return out
    return sparse_tensor_dense_add


def _lower_sparse_dense_add(op, jx):
    """XLA's scatter-add (an index out of range is dropped, where TF raises)."""
    def run(indices, values, shape, dense):
        return jx.jnp.asarray(dense).at[tuple(jx.jnp.asarray(indices).T)].add(values, mode="drop")
    return run


registry.register(OpDef(
    "SparseTensorDenseAdd", inputs=["a_indices: Tindices", "a_values: T", "a_shape: Tindices", "b: T"],
    outputs=["output: T"], attrs={"T": dtype_lists.NUMBER, "Tindices": dtype_lists.INDEX},
    shape=lambda inputs, attrs: inputs[3].shape, factory=_sparse_dense_add_factory,
    lower=checked(_lower_sparse_dense_add, data=lambda n: (0, 1, 3))))


def sparse_add(a, b, threshold=None, thresh=None):
    """``a + b`` where at least one is a ``SparseTensor`` (``tf.sparse.add``): two sparse
    operands give a ``SparseTensor`` (``SparseAdd``; sums below ``threshold`` in magnitude are
    dropped), a sparse and a dense one a dense ``Tensor`` (``SparseTensorDenseAdd``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     a = tf.SparseTensor([[0, 0], [1, 1]], [1.0, 2.0], [2, 2])
    ...     s = tf.sparse.add(a, a)
    ...     print(s.shape, tf.Session().run(s).values.tolist())
    (2, 2) [2.0, 4.0]
    """
    threshold = argument_lookup("threshold", threshold, "thresh", thresh)
    threshold = 0 if threshold is None else threshold
    classes = (SparseTensor, SparseTensorValue)
    if not any(isinstance(x, classes) for x in (a, b)):
        raise TypeError("At least one input should be SparseTensor; do you mean to use tf.add()?")
    if not all(isinstance(x, classes) for x in (a, b)):
        if isinstance(b, classes):
            a, b = b, a
        return create_output("SparseTensorDenseAdd", [a.indices, a.values, a.dense_shape, b])
    a, b = to_sparse(a), to_sparse(b)
    threshold = convert_to_tensor(threshold, dtype=a.values.dtype.real_dtype.base_dtype, name="threshold")
    op = create("SparseAdd", [a.indices, a.values, a.dense_shape, b.indices, b.values, b.dense_shape, threshold])
    output_ind, output_val, output_shape = op.outputs
    a.get_shape().assert_is_compatible_with(b.get_shape())
    static_shape = broadcast_static_shape(a.get_shape(), b.get_shape())
    if static_shape.is_fully_defined():
        output_shape = static_shape.as_list()
    return SparseTensor(output_ind, output_val, output_shape)

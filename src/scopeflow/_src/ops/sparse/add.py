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
from scopeflow._src.ops.common.shape_context import shape_fn
from scopeflow._src.ops.sparse.common import argument_lookup, require, row_keys, to_sparse


def merge_order(a_indices: np.ndarray, b_indices: np.ndarray):
    """TF's merge of two index lists: a list of ``(i, j)`` pairs, ``i`` into ``a`` or ``None``
    and ``j`` into ``b`` or ``None`` (both when the indices are equal), in output order."""
    a, b = row_keys(a_indices), row_keys(b_indices)
    i = j = 0
    out = []
    while i < len(a) and j < len(b):
        if a[i] < b[j]:
            out.append((i, None))
            i += 1
        elif a[i] > b[j]:
            out.append((None, j))
            j += 1
        else:
            out.append((i, j))
            i += 1
            j += 1
    out.extend((k, None) for k in range(i, len(a)))
    out.extend((None, k) for k in range(j, len(b)))
    return out


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
        rows, values = [], []
        for i, j in merge_order(a_ind, b_ind):
            if j is None:
                rows.append(a_ind[i])
                values.append(a_val[i])
            elif i is None:
                rows.append(b_ind[j])
                values.append(b_val[j])
            else:
                s = a_val[i] + b_val[j]
                if np.abs(s) >= thresh:
                    rows.append(a_ind[i])
                    values.append(s)
        indices = np.array(rows, np.int64).reshape(len(rows), a_ind.shape[1])
        return indices, np.array(values, dtype=a_val.dtype).reshape(len(values)), a_shape
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
        sums = row_keys(sum_ind)
        a, b = row_keys(a_ind), row_keys(b_ind)
        k = 0
        for i, j in merge_order(a_ind, b_ind):
            here = a[i] if i is not None else b[j]
            if k < len(sums) and sums[k] == here:
                if i is not None:
                    a_grad[i] = grad[k]
                if j is not None:
                    b_grad[j] = grad[k]
                k += 1
        return a_grad, b_grad
    return sparse_add_grad


registry.register(OpDef(
    "SparseAddGrad", inputs=["backprop_val_grad: T", "a_indices: int64", "b_indices: int64", "sum_indices: int64"],
    outputs=["a_val_grad: T", "b_val_grad: T"], attrs={"T": dtype_lists.NUMBER},
    shape=_sparse_add_grad_shape, factory=_sparse_add_grad_factory))


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


registry.register(OpDef(
    "SparseTensorDenseAdd", inputs=["a_indices: Tindices", "a_values: T", "a_shape: Tindices", "b: T"],
    outputs=["output: T"], attrs={"T": dtype_lists.NUMBER, "Tindices": dtype_lists.INDEX},
    shape=lambda inputs, attrs: inputs[3].shape, factory=_sparse_dense_add_factory))


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

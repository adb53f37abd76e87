"""``tf.sparse.transpose``, ``tf.sparse.expand_dims`` and ``tf.sparse.softmax``
(``SparseSoftmax``: a softmax over the entries that share all but the last coordinate).
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.array.creation import range as range_
from scopeflow._src.ops.array.creation import zeros
from scopeflow._src.ops.array.gather import gather
from scopeflow._src.ops.array.joining import concat
from scopeflow._src.ops.array.selection import where_v2
from scopeflow._src.ops.array.shapes import rank as rank_of
from scopeflow._src.ops.array.shapes import shape as shape_of
from scopeflow._src.ops.array.slicing import slice as slice_
from scopeflow._src.ops.array.transpose import transpose
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import static
from scopeflow._src.ops.sparse.common import check_components, require, row_major_strides
from scopeflow._src.ops.sparse.reorder import sparse_reorder


def sparse_transpose(sp_input, perm=None, name=None) -> SparseTensor:
    """``sp_input`` with its dimensions permuted by ``perm`` (reversed by default), reordered.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st = tf.sparse.transpose(tf.SparseTensor([[0, 2]], [1], [2, 3]))
    ...     print(st.shape, tf.Session().run(st).indices.tolist())
    (3, 2) [[2, 0]]
    """
    with name_scope(name, "SparseTranspose", [sp_input.indices, sp_input.values, sp_input.dense_shape]):
        if perm is None:
            if sp_input.shape.rank is not None:
                rank = sp_input.shape.rank
                perm = rank - 1 - np.arange(0, rank, 1)
            else:
                rank = rank_of(sp_input)
                perm = rank - 1 - range_(0, rank, 1)
        transposed_indices = transpose(gather(transpose(sp_input.indices), perm))
        perm_ = tensor_util.constant_value(convert_to_tensor(perm))
        if perm_ is not None and sp_input.get_shape().is_fully_defined():
            old_shape = sp_input.get_shape().as_list()
            transposed_dense_shape = [old_shape[p] for p in perm_.tolist()]
        else:
            transposed_dense_shape = gather(sp_input.dense_shape, perm)
        return sparse_reorder(SparseTensor(transposed_indices, sp_input.values, transposed_dense_shape))


def sparse_expand_dims(sp_input, axis=None, name=None) -> SparseTensor:
    """``sp_input`` with a dimension of size 1 inserted at ``axis`` (last by default).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st = tf.sparse.expand_dims(tf.SparseTensor([[1]], [5], [3]), 0)
    ...     print(tf.Session().run(st).dense_shape.tolist())
    [1, 3]
    """
    rank = sp_input.dense_shape.get_shape()[0]
    if rank is None:
        rank = shape_of(sp_input.dense_shape)[0]
    axis = -1 if axis is None else axis
    with name_scope(name, "expand_dims", [sp_input.indices, sp_input.values, sp_input.dense_shape]):
        if isinstance(axis, (int, np.integer)) and not isinstance(axis, bool):
            axis = convert_to_tensor(axis, name="axis", dtype=dtypes.int32)
        elif not isinstance(axis, Tensor):
            raise TypeError("axis must be an integer value in range [-rank(sp_input) - 1, rank(sp_input)]")
        axis = where_v2(axis >= 0, axis, axis + rank + 1)
        column_size = shape_of(sp_input.indices)[0]
        new_index = zeros([column_size, 1], dtype=dtypes.int64)
        indices_before = slice_(sp_input.indices, [0, 0], [-1, axis])
        indices_after = slice_(sp_input.indices, [0, axis], [-1, -1])
        indices = concat([indices_before, new_index, indices_after], axis=1)
        shape_before = slice_(sp_input.dense_shape, [0], [axis])
        shape_after = slice_(sp_input.dense_shape, [axis], [-1])
        new_shape = convert_to_tensor([1], name="new_shape", dtype=dtypes.int64)
        dense_shape = concat([shape_before, new_shape, shape_after], axis=0)
        return SparseTensor(indices=indices, values=sp_input.values, dense_shape=dense_shape)


# -- SparseSoftmax ---------------------------------------------------------------------------------
def _check_softmax(op, indices, values, shape):
    """TF's checks (of shapes only: the JAX lowering runs them on its traced inputs too)."""
    check_components(op, indices, values, shape)
    require(op, shape.size >= 2, f"Input should have rank >= 2, but received shape: "
                                 f"{' '.join(str(int(d)) for d in shape.tolist())}")


def _softmax_factory(op, state):
    def sparse_softmax(indices, values, shape):
        _check_softmax(op, indices, values, shape)
        if not len(values):
            return values.copy()
        _, group = np.unique(indices[:, :-1], axis=0, return_inverse=True)
        group = group.reshape(-1)
        top = np.full(group.max() + 1, -np.inf, values.dtype)
        np.maximum.at(top, group, values)
        e = np.exp(values - top[group])
        total = np.zeros_like(top)
        np.add.at(total, group, e)
        return (e / total[group]).astype(values.dtype)
    return sparse_softmax


def _lower_softmax(op, jx):
    """A softmax over segments: the entries that share all but the last coordinate, numbered
    by their row-major position in the dense shape (which must be known when compiling)."""
    jnp = jx.jnp

    def run(indices, values, shape):
        shape = static(shape, "sp_shape")
        _check_softmax(op, indices, values, shape)
        if not len(values):
            return jnp.asarray(values)
        group = (jnp.asarray(indices)[:, :-1] * row_major_strides(shape[:-1])).sum(axis=1)
        count = int(np.prod(shape[:-1], dtype=np.int64))
        e = jnp.exp(values - jx.jax.ops.segment_max(values, group, count)[group])
        return e / jx.jax.ops.segment_sum(e, group, count)[group]
    return run


registry.register(OpDef(
    "SparseSoftmax", inputs=["sp_indices: int64", "sp_values: T", "sp_shape: int64"], outputs=["output: T"],
    attrs={"T": dtype_lists.types("float16,float32,float64")},
    shape=lambda inputs, attrs: TensorShape([inputs[1].shape.as_tuple()[0] if inputs[1].shape.ndims else None]),
    factory=_softmax_factory, lower=_lower_softmax))


def sparse_softmax(sp_input, name=None) -> SparseTensor:
    """A softmax over the values that share all but the last index (``SparseSoftmax``); the
    implicit zeros take no part.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st = tf.sparse.softmax(tf.SparseTensor([[0, 0], [0, 2]], [1.0, 1.0], [1, 3]))
    ...     print(tf.Session().run(st.values).tolist())
    [0.5, 0.5]
    """
    with name_scope(name, "SparseSoftmax", [sp_input.indices, sp_input.values]):
        out_vals = create_output("SparseSoftmax", [sp_input.indices, sp_input.values, sp_input.dense_shape])
        return SparseTensor(sp_input.indices, out_vals, sp_input.dense_shape)

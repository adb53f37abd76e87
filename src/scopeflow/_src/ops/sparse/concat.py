"""``SparseConcat``: sparse tensors joined along one dimension (``tf.sparse.concat``).

The kernel offsets each input's indices along ``concat_dim`` and sorts the result into
row-major order, as TF's does; with ``expand_nonconcat_dim`` the wrapper first gives every
input the largest size of each other dimension, with TF's ops.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry, tensor_shape
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.array.joining import concat
from scopeflow._src.ops.array.shapes import reshape
from scopeflow._src.ops.common.shape_context import merge_dim, merge_shapes, shape_fn
from scopeflow._src.ops.math.reduction import reduce_max
from scopeflow._src.ops.sparse.common import argument_lookup, require, to_sparse_list
from scopeflow._src.ops.sparse.reorder import row_major_order


@shape_fn
def _concat_shape(ctx, attrs):
    n = attrs["N"]
    rows, cols, shape = 0, None, TensorShape([None])
    for i in range(n):
        ctx.with_rank(i, 2)
        ctx.with_rank(i + n, 1)
        ctx.with_rank(i + 2 * n, 1)
        ind, val = ctx.dims(i) or (None, None), ctx.dims(i + n) or (None,)
        count = merge_dim(ind[0], val[0], ctx)
        rows = None if rows is None or count is None else rows + count
        cols = merge_dim(cols, ind[1], ctx)
        shape = merge_shapes(shape, ctx.shape(i + 2 * n), ctx)
    return [TensorShape([rows, cols]), TensorShape([rows]), shape]


def _concat_factory(op, state):
    n, axis = op._attrs["N"], op._attrs["concat_dim"]

    def sparse_concat(*args):
        inds, vals, shapes = args[:n], args[n:2 * n], args[2 * n:]
        rank = shapes[0].size
        require(op, -rank <= axis < rank, f"Concat dimension must be in range [{-rank}, {rank}), got {axis}")
        dim = axis % rank if rank else 0
        for i, s in enumerate(shapes):
            require(op, s.size == rank, f"Ranks of all input tensors must match: expected {rank} but got {s.size} "
                                        f"at position {i}")
            for d in range(rank):
                require(op, d == dim or s[d] == shapes[0][d],
                        f"Input shapes must match: expected {shapes[0][d]} for dimension {d} but got {s[d]} at "
                        f"position {i}")
        offsets = np.cumsum([0] + [int(s[dim]) for s in shapes[:-1]])
        parts = []
        for ind, off in zip(inds, offsets):
            ind = np.array(ind, np.int64, copy=True).reshape(-1, rank)
            ind[:, dim] += off
            parts.append(ind)
        indices = np.concatenate(parts) if parts else np.zeros((0, rank), np.int64)
        values = np.concatenate(vals)
        order = row_major_order(indices)
        out_shape = np.array(shapes[0], np.int64, copy=True)
        out_shape[dim] = sum(int(s[dim]) for s in shapes)
        return indices[order], values[order], out_shape
    return sparse_concat


registry.register(OpDef(
    "SparseConcat", inputs=["indices: N * int64", "values: N * T", "shapes: N * int64"],
    outputs=["output_indices: int64", "output_values: T", "output_shape: int64"],
    shape=_concat_shape, factory=_concat_factory))


def _expanded_shapes(shapes, axis):
    max_shape = reduce_max(concat([reshape(s, [1, -1]) for s in shapes], 0), 0)
    return [concat([max_shape[:axis], s[-1:] if axis == -1 else s[axis:axis + 1],
                    [] if axis == -1 else max_shape[axis + 1:]], 0) for s in shapes]


def sparse_concat(axis, sp_inputs, name=None, expand_nonconcat_dim=False, concat_dim=None,
                  expand_nonconcat_dims=None):
    """The ``SparseTensor``s of ``sp_inputs`` joined along ``axis`` (``SparseConcat``); other
    dimensions must match unless ``expand_nonconcat_dim``, which takes the largest of each.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     a = tf.SparseTensor([[0, 0]], [1], [2, 2])
    ...     c = tf.sparse.concat(1, [a, a])
    ...     print(c.shape, tf.Session().run(c).indices.tolist())
    (2, 4) [[0, 0], [0, 2]]
    """
    expand_nonconcat_dim = argument_lookup("expand_nonconcat_dims", expand_nonconcat_dims, "expand_nonconcat_dim",
                                           expand_nonconcat_dim)
    axis = argument_lookup("axis", axis, "concat_dim", concat_dim)
    sp_inputs = to_sparse_list(sp_inputs)
    if len(sp_inputs) == 1:
        return sp_inputs[0]
    inds = [sp.indices for sp in sp_inputs]
    vals = [sp.values for sp in sp_inputs]
    shapes = [sp.dense_shape for sp in sp_inputs]
    if expand_nonconcat_dim:
        shapes = _expanded_shapes(shapes, axis)
    op = create("SparseConcat", [inds, vals, shapes], {"concat_dim": axis}, name=name)
    output_ind, output_val, output_shape = op.outputs
    input_shapes = [sp.shape for sp in sp_inputs]
    if all(s.rank is not None for s in input_shapes):
        if expand_nonconcat_dim:
            static = [max(tensor_shape.dimension_at_index(s, d) for s in input_shapes)
                      for d in range(input_shapes[0].rank)]
        else:
            static = input_shapes[0].as_list()
        static[axis] = tensor_shape.dimension_value(sum(tensor_shape.dimension_at_index(s, axis) for s in input_shapes))
    else:
        static = tensor_shape.unknown_shape()
    if all(s.is_fully_defined() for s in input_shapes):
        return SparseTensor(output_ind, output_val, convert_to_tensor(static, dtype=dtypes.int64))
    output = SparseTensor(output_ind, output_val, output_shape)
    output.set_shape(TensorShape(static))
    return output

"""Row-wise sparse ops and constructors: ``SparseFillEmptyRows`` (and its gradient op),
``tf.sparse.retain`` (keep the entries a mask selects) and ``tf.sparse_placeholder``.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry, tensor_shape, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.array.gather import gather
from scopeflow._src.ops.array.identity import identity, placeholder, placeholder_with_default
from scopeflow._src.ops.array.selection import where_v2
from scopeflow._src.ops.array.shapes import reshape
from scopeflow._src.ops.common.lowering import same_code
from scopeflow._src.ops.common.shape_context import merge_dim, shape_fn
from scopeflow._src.ops.sparse.common import check_components, require, to_sparse


# -- SparseFillEmptyRows ---------------------------------------------------------------------------
@shape_fn
def _fill_shape(ctx, attrs):
    ctx.with_rank(0, 2)
    ctx.with_rank(1, 1)
    ctx.with_rank(2, 1)
    ctx.with_rank(3, 0)
    ind, val, shp = ctx.dims(0) or (None, None), ctx.dims(1) or (None,), ctx.dims(2) or (None,)
    n = merge_dim(ind[0], val[0], ctx)
    merge_dim(ind[1], shp[0], ctx)
    if shp[0] == 0:
        raise ctx.error("dense_shape must not be empty")
    rows = ctx.shape_value(2).as_tuple()
    return [TensorShape([None, shp[0]]), TensorShape([None]), TensorShape([None if not rows else rows[0]]),
            TensorShape([n])]


def _fill_factory(op, state):
    def sparse_fill_empty_rows(indices, values, shape, default):
        check_components(op, indices, values, shape)
        require(op, np.ndim(default) == 0, "Default value must be a scalar")
        require(op, shape.size > 0, "Dense shape must not be empty")
        n, rows = len(indices), int(shape[0])
        if rows == 0:
            require(op, n == 0, f"Received SparseTensor with dense_shape[0] = 0 but indices.shape[0] = {n}")
            return (np.zeros((0, shape.size), np.int64), values[:0], np.zeros(0, bool), np.zeros(0, np.int64))
        row = indices[:, 0]
        bad = np.flatnonzero((row < 0) | (row >= rows))
        if bad.size:  # TF's bounds check is unsigned: a negative row is ">= rows" too
            require(op, False, f"indices({int(bad[0])}, 0) is invalid: {int(row[bad[0]])} >= {rows}")
        counts = np.bincount(row, minlength=rows)
        empty = counts == 0
        sizes = np.where(empty, 1, counts)
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        total = int(sizes.sum())
        out_ind = np.zeros((total, shape.size), np.int64)
        out_val = np.full(total, default, dtype=values.dtype)
        order = np.argsort(row, kind="stable")
        within = np.arange(n) - np.concatenate([[0], np.cumsum(counts)[:-1]])[row[order]]
        reverse = np.empty(n, np.int64)
        reverse[order] = starts[row[order]] + within
        out_ind[reverse] = indices
        out_val[reverse] = values
        out_ind[starts[empty], 0] = np.flatnonzero(empty)
        return out_ind, out_val, empty, reverse
    return sparse_fill_empty_rows


registry.register(OpDef(
    "SparseFillEmptyRows", inputs=["indices: int64", "values: T", "dense_shape: int64", "default_value: T"],
    outputs=["output_indices: int64", "output_values: T", "empty_row_indicator: bool", "reverse_index_map: int64"],
    shape=_fill_shape, factory=_fill_factory))


def _fill_grad_kernel(reverse_index_map, grad_values):
    unused = np.isin(np.arange(len(grad_values)), reverse_index_map, invert=True)  # the filled rows' entries
    return grad_values[reverse_index_map], np.sum(grad_values, where=unused, dtype=grad_values.dtype)


registry.register(OpDef(
    "SparseFillEmptyRowsGrad", inputs=["reverse_index_map: int64", "grad_values: T"],
    outputs=["d_values: T", "d_default_value: T"],
    shape=lambda inputs, attrs: [TensorShape([inputs[0].shape.as_tuple()[0] if inputs[0].shape.ndims else None]),
                                 TensorShape([])],
    kernel=_fill_grad_kernel, lower=same_code(kernel=_fill_grad_kernel)))


def sparse_fill_empty_rows(sp_input, default_value, name=None):
    """``sp_input`` with an entry ``default_value`` at column 0 of each empty row, and a bool
    vector saying which rows were empty (``SparseFillEmptyRows``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st, empty = tf.sparse.fill_empty_rows(tf.SparseTensor([[1, 1]], [5], [3, 2]), -1)
    ...     print(tf.Session().run([st.values, empty])[0].tolist())
    [-1, 5, -1]
    """
    sp_input = to_sparse(sp_input)
    with name_scope(name, "SparseFillEmptyRows", [sp_input.indices, sp_input.values, sp_input.dense_shape]):
        default_value = convert_to_tensor(default_value, dtype=sp_input.values.dtype)
        op = create("SparseFillEmptyRows", [sp_input.indices, sp_input.values, sp_input.dense_shape, default_value])
        output_indices, output_values, empty_row_indicator, _ = op.outputs
        return SparseTensor(output_indices, output_values, sp_input.dense_shape), empty_row_indicator


def sparse_fill_empty_rows_grad(reverse_index_map, grad_values, name=None):
    """The gradients of ``SparseFillEmptyRows``' values and default (``SparseFillEmptyRowsGrad``)."""
    return create("SparseFillEmptyRowsGrad", [reverse_index_map, grad_values], name=name).outputs


# -- retain and placeholders -------------------------------------------------------------------------
def sparse_retain(sp_input, to_retain) -> SparseTensor:
    """The entries of ``sp_input`` where the 1-D bool ``to_retain`` is true.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st = tf.sparse.retain(tf.SparseTensor([[0, 0], [1, 1]], [1, 2], [2, 2]), [False, True])
    ...     print(tf.Session().run(st).values.tolist())
    [2]
    """
    sp_input = to_sparse(sp_input)
    to_retain = convert_to_tensor(to_retain)
    retain_shape = to_retain.get_shape()
    retain_shape.assert_has_rank(1)
    if sp_input.values.get_shape().dims is not None:
        sp_input.values.get_shape().dims[0].assert_is_compatible_with(
            tensor_shape.dimension_at_index(retain_shape, 0))
    where_true = reshape(where_v2(to_retain), [-1])
    new_indices = gather(sp_input.indices, where_true)
    new_values = gather(sp_input.values, where_true)
    return SparseTensor(new_indices, new_values, identity(sp_input.dense_shape))


def sparse_placeholder(dtype, shape=None, name=None) -> SparseTensor:
    """A ``SparseTensor`` of placeholders to feed (with a ``SparseTensorValue`` or a tuple).

    Its ``dense_shape`` is a ``Placeholder`` when ``shape`` is ``None``, else a
    ``PlaceholderWithDefault`` of ``shape`` (``-1``/``None`` for unknown dimensions).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     sp = tf.sparse_placeholder(tf.float32, shape=[None, 4], name="x")
    ...     print(sp.indices.name, sp.shape)
    x/indices:0 (?, 4)
    """
    shape_name = None if name is None else name + "/shape"
    default_shape_name = None if name is None else name + "/shape_default"
    if shape is None:
        rank = None
        dense_shape = placeholder(dtypes.int64, shape=[rank], name=shape_name)
        dense_shape_default = tensor_util.constant_value_as_shape(dense_shape)
    else:
        if isinstance(shape, Tensor):
            rank = shape.get_shape()[0]
            dense_shape_default = tensor_util.constant_value_as_shape(shape)
        else:
            rank = len(shape)
            dense_shape_default = TensorShape(tuple(None if dim == -1 else dim for dim in shape))
            shape = tuple(tensor_shape.dimension_value(dim) for dim in shape)
            shape = tuple(-1 if dim is None else dim for dim in shape)
            shape = convert_to_tensor(shape, dtype=dtypes.int64, name=default_shape_name)
        dense_shape = placeholder_with_default(shape, shape=shape.shape, name=shape_name)
    result = SparseTensor(
        values=placeholder(dtype, shape=[None], name=None if name is None else name + "/values"),
        indices=placeholder(dtypes.int64, shape=[None, rank], name=None if name is None else name + "/indices"),
        dense_shape=dense_shape)
    result.set_shape(dense_shape_default)
    return result

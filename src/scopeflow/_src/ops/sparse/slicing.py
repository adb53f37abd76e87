"""``SparseSlice`` (and its gradient op ``SparseSliceGrad``) and ``SparseSplit``: the entries
of a sparse tensor inside a box, or in each of ``num_split`` pieces along one dimension
(``tf.sparse.slice``, ``tf.sparse.split``).

As TF's kernels, a slice keeps the entries with ``start <= index < start + size``, shifted by
``start``, in input order, and its dense shape is ``size`` cut at the input's end; a split
gives the first ``dim % num_split`` pieces one more row than the others.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.sparse.common import (
    argument_lookup,
    check_components,
    dims_text,
    gather_rows,
    require,
    to_sparse,
)


def _index_shape(shape_input):
    dims = shape_input.shape.as_tuple()
    return TensorShape([None, None if dims is None else dims[0]])


# -- SparseSlice -----------------------------------------------------------------------------------
def _slice_factory(op, state):
    def sparse_slice(indices, values, shape, start, size):
        check_components(op, indices, values, shape)
        require(op, start.ndim == 1, f"Input start should be a vector but received shape {dims_text(start.shape)}")
        require(op, size.ndim == 1, f"Input size should be a vector but received shape {dims_text(size.shape)}")
        require(op, start.size == shape.size, f"Expected start to be a vector of length {shape.size} but got length "
                                              f"{start.size}")
        require(op, size.size == shape.size, f"Expected size to be a vector of length {shape.size} but got length "
                                             f"{size.size}")
        end = np.minimum(start + size, shape)
        keep = ((indices >= start) & (indices < end)).all(axis=1) if len(indices) else np.zeros(0, bool)
        out_shape = np.maximum(end - start, 0).astype(np.int64)
        return (indices[keep] - start).astype(np.int64), values[keep], out_shape
    return sparse_slice


registry.register(OpDef(
    "SparseSlice", inputs=["indices: int64", "values: T", "shape: int64", "start: int64", "size: int64"],
    outputs=["output_indices: int64", "output_values: T", "output_shape: int64"],
    shape=lambda inputs, attrs: [_index_shape(inputs[2]), TensorShape([None]), inputs[2].shape],
    factory=_slice_factory))


def _slice_grad_kernel(grad, input_indices, input_start, output_indices):
    out = np.zeros(len(input_indices), grad.dtype)
    if len(output_indices):
        position = {tuple(row): k for k, row in enumerate((output_indices + input_start).tolist())}
        for i, row in enumerate(input_indices.tolist()):
            k = position.get(tuple(row))
            if k is not None:
                out[i] = grad[k]
    return out


registry.register(OpDef(
    "SparseSliceGrad", inputs=["backprop_val_grad: T", "input_indices: int64", "input_start: int64",
                               "output_indices: int64"],
    outputs=["val_grad: T"], attrs={"T": dtype_lists.NUMBER},
    shape=lambda inputs, attrs: TensorShape([inputs[1].shape.as_tuple()[0] if inputs[1].shape.ndims else None]),
    kernel=_slice_grad_kernel,
    lower=lambda op, jx: lambda grad, indices, start, out_indices: gather_rows(jx, grad, indices, out_indices + start)))


def sparse_slice(sp_input, start, size, name=None) -> SparseTensor:
    """The entries of ``sp_input`` in the box ``[start, start + size)``, shifted to start at 0
    (``SparseSlice``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st = tf.sparse.slice(tf.SparseTensor([[0, 1], [2, 3]], [1, 2], [3, 4]), [1, 1], [2, 3])
    ...     print(tf.Session().run(st).indices.tolist())
    [[1, 2]]
    """
    sp_input = to_sparse(sp_input)
    start = convert_to_tensor(start, dtypes.int64)
    size = convert_to_tensor(size, dtypes.int64)
    with name_scope(name, "SparseSlice", [sp_input.indices, sp_input.values, sp_input.dense_shape]) as scope:
        op = create("SparseSlice", [sp_input.indices, sp_input.values, sp_input.dense_shape, start, size], name=scope)
        return SparseTensor(*op.outputs)


def sparse_slice_grad(backprop_val_grad, input_indices, input_start, output_indices, name=None):
    """The gradient of ``SparseSlice``'s values (``SparseSliceGrad``)."""
    return create("SparseSliceGrad", [backprop_val_grad, input_indices, input_start, output_indices],
                  name=name).outputs[0]


# -- SparseSplit -----------------------------------------------------------------------------------
def _split_factory(op, state):
    n = op._attrs["num_split"]

    def sparse_split(split_dim, indices, values, shape):
        check_components(op, indices, values, shape)
        rank = shape.size
        dim = int(split_dim)
        require(op, -rank <= dim < rank, f"Input axis should be in range [{-rank}, {rank}), got {dim}")
        dim %= rank
        size = int(shape[dim])
        require(op, 1 <= n <= size, f"Input num_split should be between 1 and the splitting dimension size ({size}), "
                                    f"got {n}")
        sizes = [size // n + (1 if i < size % n else 0) for i in range(n)]
        starts = np.cumsum([0] + sizes)
        piece = np.searchsorted(starts[1:], indices[:, dim], side="right") if len(indices) else np.zeros(0, int)
        out_ind, out_val, out_shape = [], [], []
        for i in range(n):
            mask = piece == i
            ind = indices[mask].copy()
            ind[:, dim] -= starts[i]
            shp = shape.copy()
            shp[dim] = sizes[i]
            out_ind.append(ind.astype(np.int64))
            out_val.append(values[mask])
            out_shape.append(shp.astype(np.int64))
        return (*out_ind, *out_val, *out_shape)
    return sparse_split


def _split_shape(inputs, attrs):
    n = attrs["num_split"]
    return [_index_shape(inputs[3])] * n + [TensorShape([None])] * n + [inputs[3].shape] * n


registry.register(OpDef(
    "SparseSplit", inputs=["split_dim: int64", "indices: int64", "values: T", "shape: int64"],
    outputs=["output_indices: num_split * int64", "output_values: num_split * T", "output_shape: num_split * int64"],
    shape=_split_shape, factory=_split_factory))


class _KeywordRequired:
    def __repr__(self):
        return "KeywordRequired()"


def sparse_split(keyword_required=_KeywordRequired(), sp_input=None, num_split=None, axis=None, name=None,  # noqa: B008
                 split_dim=None) -> list:
    """``sp_input`` cut into ``num_split`` ``SparseTensor``s along ``axis`` (``SparseSplit``);
    arguments by keyword only, as in TF.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     parts = tf.sparse.split(sp_input=tf.SparseTensor([[0, 4]], [1], [1, 5]), num_split=2, axis=1)
    ...     print([v.dense_shape.tolist() for v in tf.Session().run(parts)])
    [[1, 3], [1, 2]]
    """
    if not isinstance(keyword_required, _KeywordRequired):
        raise ValueError("Keyword arguments are required for this function.")
    if sp_input is None:
        raise ValueError("sp_input is required")
    if num_split is None:
        raise ValueError("num_split is required")
    if axis is None:
        raise ValueError("axis is required")
    axis = argument_lookup("axis", axis, "split_dim", split_dim)
    sp_input = to_sparse(sp_input)
    op = create("SparseSplit", [axis, sp_input.indices, sp_input.values, sp_input.dense_shape],
                {"num_split": int(num_split)}, name=name)
    outs = op.outputs
    n = int(num_split)
    return [SparseTensor(outs[i], outs[n + i], outs[2 * n + i]) for i in range(n)]

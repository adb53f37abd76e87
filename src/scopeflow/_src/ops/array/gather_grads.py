"""Gradients of the gather and scatter ops, built with the public calls TensorFlow uses so
that the ops inside ``gradients/<op>_grad/`` get TensorFlow's names.

As in TensorFlow, the gradient of an axis-0 ``gather`` and of a ``gather_nd`` with one
index column is an ``IndexedSlices(values, indices, dense_shape)``: the gathered rows
only; a gradient that arrives as ``IndexedSlices`` is made dense first (``to_dense_quietly``).
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes, tensor_util
from scopeflow._src.framework.default_graph import colocate_with
from scopeflow._src.framework.indexed_slices import IndexedSlices, to_dense_quietly
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import gradient
from scopeflow._src.ops import array_ops, math_ops


def _cast_if_needed(x, dtype):
    return x if x.dtype.base_dtype == dtype else math_ops.cast(x, dtype)


@gradient("GatherV2")
def _gather_v2_grad(op, grad):
    """TF's ``_GatherV2Grad`` (``IndexedSlices`` for axis 0)."""
    params, indices, axis = op.inputs
    with colocate_with(params):  # params can be large: TF computes its shape next to it
        params_shape = array_ops.shape(params)
    indices_size = array_ops.expand_dims(array_ops.size(indices), 0)
    axis_static = tensor_util.constant_value(axis)
    batch_dims = int(op._attrs["batch_dims"])
    if batch_dims < 0:
        if indices.shape.ndims is None:
            raise ValueError(f"Currently, it is unsupported to take the gradient of tf.gather when batch_dims < 0 "
                             f"and the rank of the indices is unknown. Please pass a positive batch_dims or use "
                             f"tf.ensure_shape to update the shape of indices when calling tf.gather. Got "
                             f"batch_dims={batch_dims} and indices={indices}")
        batch_dims += indices.shape.ndims
    if axis_static is not None and int(axis_static) == 0:
        values_shape = array_ops.concat([indices_size, params_shape[1:]], 0)
        values = array_ops.reshape(to_dense_quietly(grad), values_shape)
        flat_indices = array_ops.reshape(indices, indices_size)
        return [IndexedSlices(values, flat_indices, params_shape), None, None]
    params_grad = _gather_grad_along_axis(to_dense_quietly(grad), params_shape, indices, axis, batch_dims)
    return [array_ops.reshape(params_grad, array_ops.shape(params)), None, None]


def _gather_grad_along_axis(grad, params_shape, indices, axis, batch_dims):

    outer_shape = params_shape[:axis]
    inner_shape = params_shape[axis:][1:]
    values_shape = array_ops.concat([outer_shape, [-1], inner_shape], 0)
    values_dims = array_ops.size(values_shape)
    axis_dims = array_ops.size(outer_shape)
    outer_batches = array_ops.range(batch_dims)
    batch_axis = array_ops.range(batch_dims, axis_dims)
    inner_axes = array_ops.range(axis_dims + 1, values_dims)
    values = array_ops.reshape(grad, values_shape)
    transpose_dims = array_ops.concat([outer_batches, [axis_dims], batch_axis, inner_axes], 0)
    values_transpose = array_ops.transpose(values, transpose_dims)
    params_shape_transpose = array_ops.gather(params_shape, transpose_dims)
    params_grad = _batch_gather_grad(params_shape_transpose, values_transpose, indices, batch_dims,
                                     params_shape[axis])
    invert_dims = array_ops.concat([outer_batches, batch_axis + 1, [batch_dims], inner_axes], 0)
    return array_ops.transpose(params_grad, invert_dims)


def _batch_gather_grad(params_shape, values, indices, batch_dims, gather_dim_size):
    """TF's ``_BatchGatherGrad``."""
    indices_size = array_ops.expand_dims(array_ops.size(indices), 0)
    if batch_dims:
        values_shape = array_ops.shape(values)
        outer_shape = values_shape[:batch_dims]
        inner_shape = values_shape[batch_dims:][1:]
        batch_size = create("Prod", [outer_shape, [0]], {"keep_dims": False})._outputs[0]
        flat_values_shape = array_ops.concat([[-1], inner_shape], 0)
        gather_dim_size = gather_dim_size * batch_size
        indices = _batch_indices(params_shape, indices, batch_dims)
        values = array_ops.reshape(values, flat_values_shape)
    indices = array_ops.reshape(indices, indices_size)
    params_grad = array_ops.unsorted_segment_sum(values, indices, gather_dim_size)
    if batch_dims:
        params_grad = array_ops.reshape(params_grad, array_ops.concat([outer_shape, flat_values_shape], 0))
    return params_grad


def _batch_indices(params_shape, indices, batch_dims):
    """TF's ``_GetBatchIndices``: add the batch offsets to ``indices``."""
    dtype = indices.dtype.base_dtype
    casted = _cast_if_needed(params_shape, dtype)
    accum = array_ops.ones((), dtype=dtype)
    batch_indices = indices
    for dim in range(batch_dims, 0, -1):
        dim_value = casted[dim - 1]
        accum = accum * casted[dim]
        start = array_ops.zeros((), dtype=dtype)
        step = array_ops.ones((), dtype=dtype)
        dim_indices = array_ops.range(start, dim_value, step)
        dim_indices = dim_indices * accum
        dim_shape = array_ops.concat([array_ops.tile([1], [dim - 1]), [dim_value],
                                      array_ops.tile([1], [array_ops.rank(indices) - dim])], axis=0)
        batch_indices = batch_indices + array_ops.reshape(dim_indices, dim_shape)
    return batch_indices


@gradient("GatherNd")
def _gather_nd_grad(op, grad):
    """TF's ``_GatherNdGrad``."""
    ref, indices = op.inputs
    ref_shape = array_ops.shape(ref, out_type=indices.dtype.base_dtype)
    dims = indices.shape.as_tuple()
    if dims is not None and len(dims) == 2 and dims[-1] == 1:
        return [IndexedSlices(grad, array_ops.squeeze(indices, axis=-1), ref_shape), None]
    policy = op._attrs.get("bad_indices_policy", "")
    return [array_ops.scatter_nd(indices, grad, ref_shape, bad_indices_policy=policy), None]


@gradient("ScatterNd")
def _scatter_nd_grad(op, grad):
    """TF's ``_ScatterNdGrad``: gather the gradient at the scattered indices."""
    return [None, array_ops.gather_nd(grad, op.inputs[0]), None]


def _gather_drop_negatives(params, ids):
    """TF's ``_GatherDropNegatives``: ``params[ids]`` with zeros where ``ids < 0``."""
    clipped = math_ops.maximum(ids, array_ops.zeros_like(ids))
    gathered = array_ops.gather(params, clipped)
    is_positive = math_ops.greater_equal(ids, 0)
    positive_shape = array_ops.shape(is_positive)
    extra = array_ops.rank(gathered) - array_ops.rank(is_positive)
    broadcastable = array_ops.concat([positive_shape, array_ops.ones([extra], dtype=positive_shape.dtype.base_dtype)],
                                     axis=0)
    is_positive = array_ops.reshape(is_positive, broadcastable)
    is_positive = is_positive & array_ops.ones_like(gathered, dtype=dtypes.bool)
    return array_ops.where_v2(is_positive, gathered, array_ops.zeros_like(gathered))


@gradient("UnsortedSegmentSum")
def _unsorted_segment_sum_grad(op, grad):
    """TF's ``_UnsortedSegmentSumGrad``."""
    return [_gather_drop_negatives(grad, op.inputs[1]), None, None]

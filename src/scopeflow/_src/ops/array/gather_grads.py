"""Gradients of the gather and scatter ops, built with the public calls TensorFlow uses so
that the ops inside ``gradients/<op>_grad/`` get TensorFlow's names.

Where TensorFlow returns ``IndexedSlices(values, indices, dense_shape)`` (axis-0 ``gather``,
``gather_nd`` with one index column), scopeflow returns the dense tensor TensorFlow would
convert it to: ``unsorted_segment_sum(values, indices, dense_shape[0])``.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes, tensor_util


def _dense(values, indices, dense_shape):
    """The dense form of ``IndexedSlices(values, indices, dense_shape)`` (TF's conversion)."""
    from scopeflow._src.ops.gather_ops import unsorted_segment_sum
    return unsorted_segment_sum(values, indices, dense_shape[0])


def _cast_if_needed(x, dtype):
    from scopeflow._src.ops.math_ops import cast
    return x if x.dtype.base_dtype == dtype else cast(x, dtype)


def gather_v2_grad(op, grad):
    """TF's ``_GatherV2Grad`` (dense for axis 0, see the module docstring)."""
    from scopeflow._src.ops.joining_ops import concat
    from scopeflow._src.ops.shape_ops import expand_dims, reshape, shape, size

    params, indices, axis = op.inputs
    params_shape = shape(params)
    indices_size = expand_dims(size(indices), 0)
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
        values_shape = concat([indices_size, params_shape[1:]], 0)
        values = reshape(grad, values_shape)
        flat_indices = reshape(indices, indices_size)
        return [_dense(values, flat_indices, params_shape), None, None]
    params_grad = _gather_grad_along_axis(grad, params_shape, indices, axis, batch_dims)
    return [reshape(params_grad, shape(params)), None, None]


def _gather_grad_along_axis(grad, params_shape, indices, axis, batch_dims):
    from scopeflow._src.ops.creation_ops import range as range_
    from scopeflow._src.ops.gather_ops import gather
    from scopeflow._src.ops.joining_ops import concat
    from scopeflow._src.ops.linalg_ops import transpose
    from scopeflow._src.ops.shape_ops import reshape, size

    outer_shape = params_shape[:axis]
    inner_shape = params_shape[axis:][1:]
    values_shape = concat([outer_shape, [-1], inner_shape], 0)
    values_dims = size(values_shape)
    axis_dims = size(outer_shape)
    outer_batches = range_(batch_dims)
    batch_axis = range_(batch_dims, axis_dims)
    inner_axes = range_(axis_dims + 1, values_dims)
    values = reshape(grad, values_shape)
    transpose_dims = concat([outer_batches, [axis_dims], batch_axis, inner_axes], 0)
    values_transpose = transpose(values, transpose_dims)
    params_shape_transpose = gather(params_shape, transpose_dims)
    params_grad = _batch_gather_grad(params_shape_transpose, values_transpose, indices, batch_dims,
                                     params_shape[axis])
    invert_dims = concat([outer_batches, batch_axis + 1, [batch_dims], inner_axes], 0)
    return transpose(params_grad, invert_dims)


def _batch_gather_grad(params_shape, values, indices, batch_dims, gather_dim_size):
    """TF's ``_BatchGatherGrad``."""
    from scopeflow._src.framework.op_builder import create
    from scopeflow._src.ops.gather_ops import unsorted_segment_sum
    from scopeflow._src.ops.joining_ops import concat
    from scopeflow._src.ops.shape_ops import expand_dims, reshape, shape, size

    indices_size = expand_dims(size(indices), 0)
    if batch_dims:
        values_shape = shape(values)
        outer_shape = values_shape[:batch_dims]
        inner_shape = values_shape[batch_dims:][1:]
        batch_size = create("Prod", [outer_shape, [0]], {"keep_dims": False})._outputs[0]
        flat_values_shape = concat([[-1], inner_shape], 0)
        gather_dim_size = gather_dim_size * batch_size
        indices = _batch_indices(params_shape, indices, batch_dims)
        values = reshape(values, flat_values_shape)
    indices = reshape(indices, indices_size)
    params_grad = unsorted_segment_sum(values, indices, gather_dim_size)
    if batch_dims:
        params_grad = reshape(params_grad, concat([outer_shape, flat_values_shape], 0))
    return params_grad


def _batch_indices(params_shape, indices, batch_dims):
    """TF's ``_GetBatchIndices``: add the batch offsets to ``indices``."""
    from scopeflow._src.ops.creation_ops import ones, range as range_, zeros
    from scopeflow._src.ops.joining_ops import concat
    from scopeflow._src.ops.tile_ops import tile
    from scopeflow._src.ops.shape_ops import rank, reshape

    dtype = indices.dtype.base_dtype
    casted = _cast_if_needed(params_shape, dtype)
    accum = ones((), dtype=dtype)
    batch_indices = indices
    for dim in range(batch_dims, 0, -1):
        dim_value = casted[dim - 1]
        accum = accum * casted[dim]
        start = zeros((), dtype=dtype)
        step = ones((), dtype=dtype)
        dim_indices = range_(start, dim_value, step)
        dim_indices = dim_indices * accum
        dim_shape = concat([tile([1], [dim - 1]), [dim_value], tile([1], [rank(indices) - dim])], axis=0)
        batch_indices = batch_indices + reshape(dim_indices, dim_shape)
    return batch_indices


def gather_nd_grad(op, grad):
    """TF's ``_GatherNdGrad`` (dense where TF builds ``IndexedSlices``)."""
    from scopeflow._src.ops.gather_ops import scatter_nd
    from scopeflow._src.ops.shape_ops import shape, squeeze

    ref, indices = op.inputs
    ref_shape = shape(ref, out_type=indices.dtype.base_dtype)
    dims = indices.shape.as_tuple()
    if dims is not None and len(dims) == 2 and dims[-1] == 1:
        return [_dense(grad, squeeze(indices, axis=-1), ref_shape), None]
    return [scatter_nd(indices, grad, ref_shape, bad_indices_policy=op._attrs.get("bad_indices_policy", "")), None]


def scatter_nd_grad(op, grad):
    """TF's ``_ScatterNdGrad``: gather the gradient at the scattered indices."""
    from scopeflow._src.ops.gather_ops import gather_nd
    return [None, gather_nd(grad, op.inputs[0]), None]


def _gather_drop_negatives(params, ids):
    """TF's ``_GatherDropNegatives``: ``params[ids]`` with zeros where ``ids < 0``."""
    from scopeflow._src.ops import math_ops
    from scopeflow._src.ops.creation_ops import ones, ones_like, zeros_like
    from scopeflow._src.ops.gather_ops import gather
    from scopeflow._src.ops.joining_ops import concat
    from scopeflow._src.ops.selection_ops import where_v2
    from scopeflow._src.ops.shape_ops import rank, reshape, shape

    clipped = math_ops.maximum(ids, zeros_like(ids))
    gathered = gather(params, clipped)
    is_positive = math_ops.greater_equal(ids, 0)
    positive_shape = shape(is_positive)
    broadcastable = concat([positive_shape, ones([rank(gathered) - rank(is_positive)],
                                                 dtype=positive_shape.dtype.base_dtype)], axis=0)
    is_positive = reshape(is_positive, broadcastable)
    is_positive = is_positive & ones_like(gathered, dtype=dtypes.bool)
    return where_v2(is_positive, gathered, zeros_like(gathered))


def unsorted_segment_sum_grad(op, grad):
    """TF's ``_UnsortedSegmentSumGrad``."""
    return [_gather_drop_negatives(grad, op.inputs[1]), None, None]

"""Gradients of ``segments.py``'s ops, with the calls of TF's ``math_grad.py`` in its order
(``_SegmentMinOrMaxGrad``, ``_SegmentProdGrad``, ``_GatherDropNegatives`` ...)."""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.registry import gradient
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.math import segments
from scopeflow._src.ops.sparse.segments import segment_sum


@gradient("SegmentMean")
def _segment_mean_grad(op, grad):
    data_rank = array_ops.rank(op._inputs[0])
    segment_ids_shape = array_ops.shape(op._inputs[1])
    remaining_shape = array_ops.ones(array_ops.expand_dims(data_rank - 1, 0), dtype=segment_ids_shape.dtype)
    ones_shape = array_ops.concat([segment_ids_shape, remaining_shape], 0)
    ones = array_ops.ones(ones_shape, dtype=grad.dtype)
    scaled_grad = math_ops.divide(grad, segment_sum(ones, op._inputs[1]))
    return array_ops.gather(scaled_grad, op._inputs[1]), None


@gradient("SegmentMin", "SegmentMax")
def _segment_min_or_max_grad(op, grad):
    zeros = array_ops.zeros_like(op._inputs[0], dtype=op._inputs[0].dtype)
    gathered_outputs = array_ops.gather(op._outputs[0], op._inputs[1])
    is_selected = math_ops.equal(op._inputs[0], gathered_outputs)
    num_selected = segment_sum(math_ops.cast(is_selected, grad.dtype), op._inputs[1])
    weighted_grads = math_ops.divide(grad, num_selected)
    gathered_grads = array_ops.gather(weighted_grads, op._inputs[1])
    return array_ops.where_v2(is_selected, gathered_grads, zeros), None


@gradient("SegmentProd")
def _segment_prod_grad(op, grad):
    data, segment_ids = op._inputs
    is_zero = math_ops.equal(data, 0)
    num_zeros = segment_sum(math_ops.cast(is_zero, dtype=dtypes.int32), segment_ids)
    grad = array_ops.where_v2(math_ops.greater(num_zeros, 1), array_ops.zeros_like(grad), grad)
    non_zero_data = array_ops.where_v2(is_zero, array_ops.ones_like(data), data)
    non_zero_prod = segments.segment_prod(non_zero_data, segment_ids)
    gathered_prod = array_ops.gather(op._outputs[0], segment_ids)
    gathered_non_zero_prod = array_ops.gather(non_zero_prod, segment_ids)
    prod_divided_by_el = gathered_prod / non_zero_data
    partial_derivative = array_ops.where_v2(is_zero, gathered_non_zero_prod, prod_divided_by_el)
    gathered_grad = array_ops.gather(grad, segment_ids)
    return gathered_grad * partial_derivative, None


def _gather_drop_negatives(params, ids, zero_clipped_indices=None, is_positive=None):
    """TF's ``_GatherDropNegatives``: ``params[ids]``, zeros where ``ids < 0``, with the clipped
    indices and the mask for reuse."""
    if zero_clipped_indices is None:
        zero_clipped_indices = math_ops.maximum(ids, array_ops.zeros_like(ids))
    gathered = array_ops.gather(params, zero_clipped_indices)
    if is_positive is None:
        is_positive = math_ops.greater_equal(ids, 0)
        is_positive_shape = array_ops.shape(is_positive)
        broadcastable_shape = array_ops.concat(
            [is_positive_shape, array_ops.ones([array_ops.rank(gathered) - array_ops.rank(is_positive)],
                                               dtype=is_positive_shape.dtype)], axis=0)
        is_positive = array_ops.reshape(is_positive, broadcastable_shape)
        is_positive = is_positive & array_ops.ones_like(gathered, dtype=dtypes.bool)
    zero_slice = array_ops.zeros_like(gathered)
    return array_ops.where_v2(is_positive, gathered, zero_slice), zero_clipped_indices, is_positive


@gradient("UnsortedSegmentMin", "UnsortedSegmentMax")
def _unsorted_segment_min_or_max_grad(op, grad):
    gathered_outputs, zero_clipped_indices, is_positive = _gather_drop_negatives(op._outputs[0], op._inputs[1])
    is_selected = math_ops.equal(op._inputs[0], gathered_outputs)
    is_selected = math_ops.logical_and(is_selected, is_positive)
    num_selected = array_ops.unsorted_segment_sum(math_ops.cast(is_selected, grad.dtype), op._inputs[1],
                                                  op._inputs[2])
    weighted_grads = math_ops.divide(grad, num_selected)
    gathered_grads, _, _ = _gather_drop_negatives(weighted_grads, None, zero_clipped_indices, is_positive)
    zeros = array_ops.zeros_like(gathered_grads)
    return array_ops.where_v2(is_selected, gathered_grads, zeros), None, None


@gradient("UnsortedSegmentProd")
def _unsorted_segment_prod_grad(op, grad):
    data, ids, num = op._inputs
    is_zero = math_ops.equal(data, 0)
    num_zeros = array_ops.unsorted_segment_sum(math_ops.cast(is_zero, dtype=dtypes.int32), ids, num)
    grad = array_ops.where_v2(math_ops.greater(num_zeros, 1), array_ops.zeros_like(grad), grad)
    non_zero_data = array_ops.where_v2(is_zero, array_ops.ones_like(data), data)
    non_zero_prod = segments.unsorted_segment_prod(non_zero_data, ids, num)
    zero_clipped_indices = math_ops.maximum(ids, array_ops.zeros_like(ids))
    gathered_prod = array_ops.gather(op._outputs[0], zero_clipped_indices)
    gathered_non_zero_prod = array_ops.gather(non_zero_prod, zero_clipped_indices)
    prod_divided_by_el = gathered_prod / data
    partial_derivative = array_ops.where_v2(is_zero, gathered_non_zero_prod, prod_divided_by_el)
    gathered_grad = _gather_drop_negatives(grad, ids, zero_clipped_indices)[0]
    return gathered_grad * partial_derivative, None, None

"""Gradients of the reductions, built with the same public calls, in the same order, as
TensorFlow's ``math_grad.py`` (so ``gradients/Sum_grad/Tile`` and friends get TF's names)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, tensor_util
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import colocate_with, device
from scopeflow._src.framework.registry import gradient, not_differentiable
from scopeflow._src.ops import array_ops, math_ops

not_differentiable("Any", "All")


def _static_kept_dims_and_scaling(shape, axes):
    """``(output shape with kept dims, tile multiples)`` for a fully known shape and constant
    axes. TF computes them with graph ops that it then folds (and caches per graph, so the
    ops appear once per (shape, axes)); we build the same ops for their names and compute
    the values with NumPy."""
    graph = default_graph()
    cache = graph._reduced_shapes
    key = (shape, axes)
    if key not in cache:
        kept = math_ops.reduced_shape(shape, axes)
        divisor = math_ops.maximum(kept, 1)
        _ = shape // divisor  # TF's `_SafeShapeDiv` leaves this FloorDiv in the graph
        scaling = np.array(shape, dtype=np.int32) // np.maximum(kept, 1)
        cache[key] = (tuple(int(d) for d in kept), tuple(int(d) for d in scaling))
    return cache[key]


@gradient("Sum")
def _sum_grad(op, grad):
    """``Sum``: reshape the gradient to the kept dims and tile (or broadcast) it back."""
    x, axes_t = op._inputs
    shape = x.shape.as_tuple()
    if shape is not None:
        axes = tensor_util.constant_value(axes_t)
        if axes is not None:
            rank = len(shape)
            if np.array_equal(axes, np.arange(rank)):
                grad = array_ops.reshape(grad, [1] * rank)
                if None not in shape:
                    input_shape = constant(list(shape), dtype=dtypes.int32)
                else:
                    input_shape = array_ops.shape(x)
                return [array_ops.tile(grad, input_shape), None]
            if None not in shape:
                kept, scaling = _static_kept_dims_and_scaling(shape, tuple(np.reshape(axes, -1).tolist()))
                grad = array_ops.reshape(grad, kept)
                return [array_ops.tile(grad, scaling), None]
    input_shape = array_ops.shape(x)
    if not op._attrs["keep_dims"]:
        with colocate_with(input_shape):
            kept = math_ops.reduced_shape(input_shape, axes_t)
        grad = array_ops.reshape(grad, kept)
    return [array_ops.broadcast_to(grad, input_shape), None]


@gradient("Mean")
def _mean_grad(op, grad):
    """``Mean``: the ``Sum`` gradient divided by the number of reduced elements."""
    sum_g = _sum_grad(op, grad)[0]
    in_shape, out_shape = op._inputs[0].shape.as_tuple(), op._outputs[0].shape.as_tuple()
    if in_shape is not None and out_shape is not None and None not in in_shape and None not in out_shape:
        factor = int(np.prod(in_shape, dtype=np.int64)) // max(int(np.prod(out_shape, dtype=np.int64)), 1)
        factor = constant(factor, dtype=sum_g.dtype.base_dtype)
    else:
        input_shape = array_ops.shape(op._inputs[0])
        input_rank = array_ops.size(input_shape)
        axes = math_ops.cast(op._inputs[1], input_rank.dtype)
        axes = (axes + input_rank) % input_rank
        factor = math_ops.reduce_prod(array_ops.gather(input_shape, axes))
    return math_ops.truediv(sum_g, math_ops.cast(factor, sum_g.dtype.base_dtype)), None


@gradient("Max", "Min")
def _min_or_max_grad(op, grad):
    """``Max``/``Min``: the gradient flows to the selected elements, split evenly on ties."""
    input_shape = array_ops.shape(op._inputs[0])
    y = op._outputs[0]
    if not op._attrs["keep_dims"]:
        kept = math_ops.reduced_shape(input_shape, op._inputs[1])
        y = array_ops.reshape(y, kept)
        grad = array_ops.reshape(grad, kept)
    else:
        kept = array_ops.shape(y)
    indicators = math_ops.cast(math_ops.equal(y, op._inputs[0]), grad.dtype.base_dtype)
    num_selected = array_ops.reshape(math_ops.reduce_sum(indicators, op._inputs[1]), kept)
    return [math_ops.divide(indicators, num_selected) * grad, None]


@gradient("Prod")
def _prod_grad(op, grad):
    """``Prod``: products of everything but each entry, from two exclusive cumulative products."""
    x = op._inputs[0]
    input_shape = array_ops.shape(x)
    reduction_indices = array_ops.reshape(op._inputs[1], [-1])
    if not op._attrs["keep_dims"]:
        grad = array_ops.reshape(grad, math_ops.reduced_shape(input_shape, op._inputs[1]))
    grad = array_ops.broadcast_to(grad, input_shape)
    with device("/cpu:0"):  # TF keeps these shape computations on the CPU
        rank = array_ops.rank(x)
        reduction_indices = math_ops.cast(reduction_indices, rank.dtype)
        reduced = (reduction_indices + rank) % rank
        idx = array_ops.range(0, rank)
        other, _ = math_ops.list_diff(idx, reduced)
        perm = array_ops.concat([reduced, other], 0)
        reduced_num = math_ops.reduce_prod(array_ops.gather(input_shape, reduced))
        other_num = math_ops.reduce_prod(array_ops.gather(input_shape, other))
    permuted = array_ops.transpose(x, perm)
    permuted_shape = array_ops.shape(permuted)
    reshaped = array_ops.reshape(permuted, (reduced_num, other_num))
    left = math_ops.cumprod(reshaped, axis=0, exclusive=True)
    right = math_ops.cumprod(reshaped, axis=0, exclusive=True, reverse=True)
    y = array_ops.reshape(math_ops.conj(left) * math_ops.conj(right), permuted_shape)
    out = grad * array_ops.transpose(y, array_ops.invert_permutation(perm))
    return array_ops.reshape(out, input_shape), None


@gradient("EuclideanNorm")
def _euclidean_norm_grad(op, grad):
    """``EuclideanNorm``: ``x / (norm / grad)``."""
    output = op._outputs[0]
    if not op._attrs["keep_dims"]:
        kept = math_ops.reduced_shape(array_ops.shape(op._inputs[0]), op._inputs[1])
        output = array_ops.reshape(output, kept)
        grad = array_ops.reshape(grad, kept)
    return math_ops.truediv(op._inputs[0], output / grad), None

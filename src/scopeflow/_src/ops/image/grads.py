"""The gradients of the resize ops (TF's ``image_grad.py``): ``ResizeBilinearGrad``,
``ResizeBicubicGrad`` (float inputs only, as in TF) and ``ResizeNearestNeighborGrad`` ops; the
flips and transposes differentiate through their ``ReverseV2``/``Transpose`` ops."""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import gradient, not_differentiable
from scopeflow._src.ops import array_ops

not_differentiable("ResizeBilinearGrad")
# TF: NotDifferentiable (DrawBoundingBoxesV2 has no rule at all)
not_differentiable("DrawBoundingBoxes", "SampleDistortedBoundingBoxV2")
_BICUBIC_GRAD_TYPES = (dtypes.float32, dtypes.float64)


def _flags(op):
    return {"align_corners": op._attrs["align_corners"], "half_pixel_centers": op._attrs["half_pixel_centers"]}


@gradient("ResizeNearestNeighbor")
def _resize_nearest_neighbor_grad(op, grad):
    image = op.inputs[0]
    shape = image.shape[1:3]
    size = shape.as_list() if shape.is_fully_defined() else array_ops.shape(image)[1:3]
    return [create_output("ResizeNearestNeighborGrad", [grad, size], _flags(op)), None]


@gradient("ResizeBilinear")
def _resize_bilinear_grad(op, grad):
    return [create_output("ResizeBilinearGrad", [grad, op.inputs[0]], _flags(op)), None]


@gradient("ResizeBicubic")
def _resize_bicubic_grad(op, grad):
    if op.inputs[0].dtype not in _BICUBIC_GRAD_TYPES:
        return [None, None]
    return [create_output("ResizeBicubicGrad", [grad, op.inputs[0]], _flags(op)), None]

"""The gradient of ``CropAndResize`` (TF's ``image_grad.py``): ``CropAndResizeGradImage`` for a
float image, ``CropAndResizeGradBoxes`` always; none for the box indices and the crop size."""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import gradient
from scopeflow._src.ops import array_ops

_IMAGE_GRAD_TYPES = (dtypes.float16, dtypes.float32, dtypes.float64)


@gradient("CropAndResize")
def _crop_and_resize_grad(op, grad):
    image = op.inputs[0]
    image_shape = image.shape.as_list() if image.shape.is_fully_defined() else array_ops.shape(image)
    grad0 = None
    if image.dtype in _IMAGE_GRAD_TYPES:
        grad0 = create_output("CropAndResizeGradImage", [grad, op.inputs[1], op.inputs[2], image_shape],
                              {"T": op.get_attr("T"), "method": op.get_attr("method")})
    grad1 = create_output("CropAndResizeGradBoxes", [grad, op.inputs[0], op.inputs[1], op.inputs[2]])
    return [grad0, grad1, None, None]

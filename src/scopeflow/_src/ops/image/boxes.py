"""Bounding boxes drawn on images: ``DrawBoundingBoxes`` and ``DrawBoundingBoxesV2``
(``tf.image.draw_bounding_boxes``), pixel for pixel as TF's kernel draws them: each box's four
one-pixel lines at ``coordinate * (size - 1)`` truncated toward zero, clipped to the image, a
line outside it left out, boxes drawn in order in TF's colour table (or the given ``colors``),
cycling. TF1 programs draw their sampled crops for the image summary (Inception's preprocessing).
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError, shape_text
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import dtype_lists

# TF's DefaultColorTable (RGBA): yellow, blue, red, lime, purple, olive, maroon, navy, aqua, fuchsia
_COLORS = np.array([[1, 1, 0, 1], [0, 0, 1, 1], [1, 0, 0, 1], [0, 1, 0, 1], [0.5, 0, 0.5, 1], [0.5, 0.5, 0, 1],
                    [0.5, 0, 0, 1], [0, 0, 0.5, 1], [0, 1, 1, 1], [1, 0, 1, 1]], np.float32)


def _shape(inputs, attrs):
    images, boxes = inputs[0].shape, inputs[1].shape
    if images.ndims is not None and images.ndims != 4:
        raise ShapeError(f"Shape must be rank 4 but is rank {images.ndims}")
    if boxes.ndims is not None and boxes.ndims != 3:
        raise ShapeError(f"Shape must be rank 3 but is rank {boxes.ndims}")
    depth = images.as_list()[-1] if images.ndims is not None else None
    if depth is not None and depth not in (1, 3, 4):
        raise ShapeError("Channel depth should be either 1 (GRY), 3 (RGB), or 4 (RGBA)")
    return images


def _color_table(op, colors, depth):
    if colors is None:
        table = _COLORS.copy()
        if depth == 1:
            table[:, 0] = 1
        return table
    colors = np.asarray(colors, np.float32)
    if colors.ndim != 2:
        shape = shape_text(TensorShape(colors.shape))
        raise errors.InvalidArgumentError(None, op, f"colors must be a 2-D matrix{shape}")
    if colors.shape[1] < depth:
        raise errors.InvalidArgumentError(
            None, op, f"colors must have equal or more channels than the image provided: "
                      f"{shape_text(TensorShape(colors.shape))}")
    return colors if len(colors) else _color_table(op, None, depth)


def _factory(op, state):
    def draw(images, boxes, colors=None):
        if images.ndim != 4:
            raise errors.InvalidArgumentError(None, op, "The rank of the images should be 4")
        batch, height, width, depth = images.shape
        if boxes.shape[0] != batch:
            raise errors.InvalidArgumentError(None, op, "The batch sizes should be the same")
        table = _color_table(op, colors, depth)
        canvas = images.copy()
        for b in range(batch):
            for i, box in enumerate(np.asarray(boxes[b], np.float32)):
                color = table[i % len(table), :depth].astype(canvas.dtype)
                top, left = int(box[0] * np.float32(height - 1)), int(box[1] * np.float32(width - 1))
                bottom, right = int(box[2] * np.float32(height - 1)), int(box[3] * np.float32(width - 1))
                if top > bottom or left > right or top >= height or bottom < 0 or left >= width or right < 0:
                    continue  # TF logs a warning and skips the box
                rows = slice(max(top, 0), min(bottom, height - 1) + 1)
                cols = slice(max(left, 0), min(right, width - 1) + 1)
                if top >= 0:
                    canvas[b, top, cols] = color
                if bottom < height:
                    canvas[b, bottom, cols] = color
                if left >= 0:
                    canvas[b, rows, left] = color
                if right < width:
                    canvas[b, rows, right] = color
        return canvas
    return draw


_FLOATS = (dtypes.float32, dtypes.float16)
_T = {"T": dtype_lists.types("float32,float16")}
registry.register(OpDef("DrawBoundingBoxes", inputs=["images: T", "boxes: float32"], outputs=["output: T"],
                        attrs=_T, defaults={"T": dtypes.float32}, shape=_shape, factory=_factory))
registry.register(OpDef("DrawBoundingBoxesV2", inputs=["images: T", "boxes: float32", "colors: float32"],
                        outputs=["output: T"], attrs=_T, defaults={"T": dtypes.float32}, shape=_shape,
                        factory=_factory))


def draw_bounding_boxes(images, boxes, name=None, colors=None):
    """``images`` (``[batch, height, width, 1, 3 or 4]``, float) with the outline of each box of
    ``boxes`` (``[batch, num_boxes, 4]``: ``y_min, x_min, y_max, x_max`` in [0, 1]) drawn on it;
    ``colors`` (``[num_colors, channels]``) replaces TF's colour table (``DrawBoundingBoxesV2``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     drawn = tf.image.draw_bounding_boxes(tf.zeros([1, 3, 3, 1]), [[[0.0, 0.0, 1.0, 1.0]]])
    ...     print(drawn.name, tf.Session().run(drawn)[0, ..., 0].tolist())
    DrawBoundingBoxes:0 [[1.0, 1.0, 1.0], [1.0, 0.0, 1.0], [1.0, 1.0, 1.0]]
    """
    op_type = "DrawBoundingBoxes" if colors is None else "DrawBoundingBoxesV2"
    with name_scope(name, op_type) as scope:
        if not isinstance(images, Tensor):  # TF: its own dtype first, then T's default (float32)
            first = convert_to_tensor(images, name="images")
            images = first if first.dtype in _FLOATS else convert_to_tensor(images, name="images", dtype=dtypes.float32)
        inputs = [images, boxes] if colors is None else [images, boxes, colors]
        return create_output(op_type, inputs, {}, name=scope)

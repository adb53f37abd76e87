"""``NonMaxSuppressionV3`` (``tf.image.non_max_suppression``): TF's greedy selection of boxes by
score (ties to the lower index), dropping each box whose IoU with a kept one exceeds
``iou_threshold`` and every box scoring at most ``score_threshold``; IoU in the boxes' dtype
with TF's formula (corners in any order, an empty box overlaps nothing). Object detectors
written for TF1 (YOLO and SSD ports) post-process with it.
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

_FLOATS = (dtypes.float32, dtypes.float16)


def _shape(inputs, attrs):
    boxes, scores, size, iou, score = (t.shape for t in inputs)
    for shape, rank in ((boxes, 2), (scores, 1), (size, 0), (iou, 0), (score, 0)):
        if shape.ndims is not None and shape.ndims != rank:
            raise ShapeError(f"Shape must be rank {rank} but is rank {shape.ndims}")
    if boxes.ndims is not None:
        columns = boxes.as_list()[1]
        if columns is not None and columns != 4:
            raise ShapeError(f"Dimension must be 4 but is {columns}")
        count = boxes.as_list()[0]
        other = scores.as_list()[0] if scores.ndims is not None else None
        if count is not None and other is not None and count != other:
            raise ShapeError(f"Dimensions must be equal, but are {count} and {other}")
    return TensorShape([None])


def _iou(boxes, i, selected):
    """TF's IOU of box ``i`` with each of ``selected`` (an index array), in the boxes' dtype."""
    a, b = boxes[i], boxes[selected]
    ymin_i, ymax_i = min(a[0], a[2]), max(a[0], a[2])
    xmin_i, xmax_i = min(a[1], a[3]), max(a[1], a[3])
    ymin_j, ymax_j = np.minimum(b[:, 0], b[:, 2]), np.maximum(b[:, 0], b[:, 2])
    xmin_j, xmax_j = np.minimum(b[:, 1], b[:, 3]), np.maximum(b[:, 1], b[:, 3])
    area_i = (ymax_i - ymin_i) * (xmax_i - xmin_i)
    area_j = (ymax_j - ymin_j) * (xmax_j - xmin_j)
    zero = boxes.dtype.type(0)
    inter = np.maximum(np.minimum(ymax_i, ymax_j) - np.maximum(ymin_i, ymin_j), zero) * \
        np.maximum(np.minimum(xmax_i, xmax_j) - np.maximum(xmin_i, xmin_j), zero)
    with np.errstate(divide="ignore", invalid="ignore"):
        iou = inter / (area_i + area_j - inter)
    return np.where((area_i <= 0) | (area_j <= 0), zero, iou)


def _factory(op, state):
    def non_max_suppression(boxes, scores, max_output_size, iou_threshold, score_threshold):
        for value, what in ((max_output_size, "max_output_size"), (iou_threshold, "iou_threshold"),
                            (score_threshold, "score_threshold")):
            if np.ndim(value):
                raise errors.InvalidArgumentError(
                    None, op, f"{what} must be 0-D, got shape {shape_text(TensorShape(np.shape(value)))}")
        iou_threshold = float(iou_threshold)
        if not 0 <= iou_threshold <= 1:
            raise errors.InvalidArgumentError(None, op, "iou_threshold must be in [0, 1]")
        if np.ndim(boxes) != 2:
            raise errors.InvalidArgumentError(None, op, f"boxes must be 2-D{shape_text(TensorShape(np.shape(boxes)))}")
        if boxes.shape[1] != 4:
            raise errors.InvalidArgumentError(
                None, op, f"boxes must have 4 columns (Dimension must be 4 but is {boxes.shape[1]})")
        if np.ndim(scores) != 1 or scores.shape[0] != boxes.shape[0]:
            other = scores.shape[0] if np.ndim(scores) else 0
            raise errors.InvalidArgumentError(
                None, op, f"scores has incompatible shape (Dimensions must be equal, but are {boxes.shape[0]} and "
                          f"{other})")
        limit = int(max_output_size)
        if limit < 0:
            raise errors.InvalidArgumentError(None, op, "output size must be non-negative")
        threshold = boxes.dtype.type(iou_threshold)
        order = sorted((i for i in range(len(scores)) if scores[i] > score_threshold), key=lambda i: (-scores[i], i))
        selected = []
        for i in order:
            if len(selected) >= limit:
                break
            if not selected or not (_iou(boxes, i, np.array(selected)) > threshold).any():
                selected.append(i)
        return np.array(selected, np.int32)
    return non_max_suppression


registry.register(OpDef(
    "NonMaxSuppressionV3", inputs=["boxes: T", "scores: T", "max_output_size: int32", "iou_threshold: T_threshold",
                                   "score_threshold: T_threshold"],
    outputs=["selected_indices: int32"], attrs={"T": dtype_lists.types("float16,float32"),
                                                "T_threshold": dtype_lists.types("float16,float32")},
    defaults={"T": dtypes.float32, "T_threshold": dtypes.float32}, shape=_shape, factory=_factory))


def _floats(value, name):
    """TF's conversion for an input typed by an attr defaulting to float32: its own dtype first."""
    if isinstance(value, Tensor):
        return value
    first = convert_to_tensor(value, name=name)
    return first if first.dtype in _FLOATS else convert_to_tensor(value, name=name, dtype=dtypes.float32)


def non_max_suppression(boxes, scores, max_output_size, iou_threshold=0.5, score_threshold=float("-inf"),
                        name=None):
    """The indices (``int32``) of at most ``max_output_size`` boxes kept by greedy non-maximum
    suppression, highest score first.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     kept = tf.image.non_max_suppression([[0, 0, 1, 1], [0, 0.1, 1, 1.1], [0, 2, 1, 3]], [0.9, 0.8, 0.7], 3)
    ...     print(kept.name, tf.Session().run(kept).tolist())
    non_max_suppression/NonMaxSuppressionV3:0 [0, 2]
    """
    with name_scope(name, "non_max_suppression"):
        iou_threshold = convert_to_tensor(iou_threshold, name="iou_threshold")
        score_threshold = convert_to_tensor(score_threshold, name="score_threshold")
        with name_scope("NonMaxSuppressionV3") as scope:
            inputs = [_floats(boxes, "boxes"), _floats(scores, "scores"), max_output_size, iou_threshold,
                      score_threshold]
            return create_output("NonMaxSuppressionV3", inputs, {}, name=scope)

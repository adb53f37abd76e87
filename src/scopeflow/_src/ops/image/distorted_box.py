"""``SampleDistortedBoundingBoxV2`` (``tf.image.sample_distorted_bounding_box``): a random crop
covering at least ``min_object_covered`` of one of the given boxes, with an aspect ratio and an
area in the given ranges, as TF's kernel draws it (up to ``max_attempts`` tries, else the whole
image); its outputs feed ``tf.slice`` (``begin``, ``size``) and ``tf.image.draw_bounding_boxes``
(``bboxes``). TF1's Inception/slim preprocessing crops every training image this way. The random
numbers are NumPy's, not TF's (as for every random op here); the checks and errors are TF's.
"""

from __future__ import annotations

import math

import numpy as np

from scopeflow._src.framework import errors, registry
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError, shape_text
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import dtype_lists

_INT32_MAX = 2 ** 31 - 1


def _g(values) -> str:
    return ", ".join("%g" % np.float32(v) for v in values)


def _shape(inputs, attrs):
    size, boxes, covered = (t.shape for t in inputs)
    for shape, rank in ((size, 1), (boxes, 3), (covered, 0)):
        if shape.ndims is not None and shape.ndims != rank:
            raise ShapeError(f"Shape must be rank {rank} but is rank {shape.ndims}")
    for shape, axis, want in ((size, 0, 3), (boxes, 2, 4)):
        dim = shape.as_list()[axis] if shape.ndims is not None else None
        if dim is not None and dim != want:
            raise ShapeError(f"Dimension must be {want} but is {dim}")
    return [TensorShape([3]), TensorShape([3]), TensorShape([1, 1, 4])]


def _check_attrs(op, attrs):
    ratio, area = list(attrs["aspect_ratio_range"]), list(attrs["area_range"])
    if len(ratio) != 2:
        raise errors.InvalidArgumentError(None, op, "Aspect ratio range field must specify 2 dimensions")
    if not (ratio[0] > 0 and ratio[1] > 0):
        raise errors.InvalidArgumentError(None, op, f"Aspect ratio range must be non-negative: [{_g(ratio)}]")
    if len(area) != 2:
        raise errors.InvalidArgumentError(None, op, "Area range field must specify 2 dimensions")
    if not (area[0] > 0 and area[1] > 0):
        raise errors.InvalidArgumentError(None, op, f"Area range must be non-negative: [{_g(area)}]")
    if not (area[0] <= 1 and area[1] <= 1):
        raise errors.InvalidArgumentError(None, op, f"Area range must be less then or equal to 1.0: [{_g(area)}]")
    if attrs["max_attempts"] <= 0:
        raise errors.InvalidArgumentError(None, op, f"Max attempts must be non-negative: {attrs['max_attempts']}")
    return ratio, area


def _text(value) -> str:
    return shape_text(TensorShape(np.shape(value)))


def _check_inputs(op, size, boxes, covered):
    if size.ndim != 1:
        raise errors.InvalidArgumentError(None, op, f"image_size must be 1-dimensional{_text(size)}")
    if size.shape[0] != 3:
        raise errors.InvalidArgumentError(None, op, f"image_size must contain 3 elements{_text(size)}")
    if boxes.ndim != 3:
        raise errors.InvalidArgumentError(
            None, op, f"input boxes must be 3-dimensional [batch, num_boxes, coords]: {_text(boxes)}")
    if boxes.shape[-1] != 4:
        raise errors.InvalidArgumentError(None, op, f"bounding boxes must have shape [4] or [*, 4], got {_text(boxes)}")
    if np.ndim(covered):
        raise errors.InvalidArgumentError(None, op, f"min_object_covered must be 0-D, got shape {_text(covered)}")
    if float(covered) < 0:
        raise errors.InvalidArgumentError(None, op, "Min object covered must be non-negative: %g" % float(covered))
    height, width = int(size[0]), int(size[1])
    for what, value in (("height", height), ("width", width)):
        if value < 0 or value >= _INT32_MAX:
            raise errors.InvalidArgumentError(None, op, f"image {what} cannot be >= int32 max")
    for value in boxes.reshape(-1):
        if not 0.0 <= value <= 1.0:
            raise errors.InvalidArgumentError(
                None, op, "All bounding box coordinates must be in [0.0, 1.0]: %g" % value)
    return height, width


def _random_crop(rng, width, height, min_area_fraction, max_area_fraction, ratio):
    """TF's ``GenerateRandomCrop``: a ``(x, y, w, h)`` or None."""
    if max_area_fraction <= 0 or ratio <= 0 or width <= 0 or height <= 0 or min_area_fraction > max_area_fraction:
        return None
    min_area = min_area_fraction * width * height
    max_area = max_area_fraction * width * height
    h = int(np.rint(math.sqrt(min_area / ratio)))
    max_h = int(np.rint(math.sqrt(max_area / ratio)))
    if np.rint(max_h * ratio) > width:
        max_h = int((width + 0.5 - 1e-7) / ratio)
        if np.rint(max_h * ratio) > width:
            max_h -= 1
    max_h = min(max_h, height)
    h = min(h, max_h)
    if h < max_h:
        h += int(rng.integers(max_h - h + 1))
    w = int(np.rint(h * ratio))
    area = float(w * h)
    if area < min_area:
        h += 1
        w = int(np.rint(h * ratio))
        area = float(w * h)
    if area > max_area:
        h -= 1
        w = int(np.rint(h * ratio))
        area = float(w * h)
    if area < min_area or area > max_area or w > width or h > height or w <= 0 or h <= 0:
        return None
    y = int(rng.integers(height - h)) if h < height else 0
    x = int(rng.integers(width - w)) if w < width else 0
    return x, y, w, h


def _covers(crop, boxes, fraction):
    x, y, w, h = crop
    for x0, y0, x1, y1 in boxes:
        area = (x1 - x0) * (y1 - y0)
        if area <= 0:
            continue
        inter = max(0, min(x + w, x1) - max(x, x0)) * max(0, min(y + h, y1) - max(y, y0))
        if inter / area >= fraction:
            return True
    return False


def _factory(op, state):
    attrs = {name: op.get_attr(name) for name in ("seed", "seed2", "aspect_ratio_range", "area_range",
                                                   "max_attempts", "use_image_if_no_bounding_boxes", "T")}
    seed, seed2 = attrs["seed"], attrs["seed2"]
    rng = np.random.default_rng([seed, seed2] if seed or seed2 else None)
    out_dtype = attrs["T"].as_numpy_dtype

    def sample(size, boxes, covered):
        ratio_range, area_range = _check_attrs(op, attrs)
        size, boxes = np.asarray(size), np.asarray(boxes, np.float32)
        height, width = _check_inputs(op, size, boxes, covered)
        rects = [(int(np.float32(b[1] * width)), int(np.float32(b[0] * height)), int(np.float32(b[3] * width)),
                  int(np.float32(b[2] * height))) for b in boxes.reshape(-1, 4)]
        if not rects:
            if not attrs["use_image_if_no_bounding_boxes"]:
                raise errors.InvalidArgumentError(
                    None, op, "No bounding boxes provided as input. One must enable use_image_if_no_bounding_boxes "
                              "if you wish to not provide any bounding boxes.")
            rects = [(0, 0, width, height)]
        crop = None
        for _ in range(attrs["max_attempts"]):
            ratio = float(np.float32(rng.random() * (ratio_range[1] - ratio_range[0]) + ratio_range[0]))
            candidate = _random_crop(rng, width, height, area_range[0], area_range[1], ratio)
            if candidate is not None and _covers(candidate, rects, float(covered)):
                crop = candidate
                break
        x, y, w, h = crop or (0, 0, width, height)
        with np.errstate(divide="ignore", invalid="ignore"):  # an empty image: NaN, as TF's float division
            bboxes = (np.array([y, x, y + h, x + w], np.float32) / np.array([height, width] * 2, np.float32))
        bboxes = bboxes.reshape(1, 1, 4)
        return (np.array([y, x, 0], out_dtype), np.array([h, w, -1], out_dtype), bboxes)
    return sample


registry.register(OpDef(
    "SampleDistortedBoundingBoxV2", inputs=["image_size: T", "bounding_boxes: float32", "min_object_covered: float32"],
    outputs=["begin: T", "size: T", "bboxes: float32"], attrs={"T": dtype_lists.types("uint8,int8,int16,int32,int64")},
    defaults={"seed": 0, "seed2": 0, "aspect_ratio_range": [0.75, 1.33], "area_range": [0.05, 1.0],
              "max_attempts": 100, "use_image_if_no_bounding_boxes": False},
    shape=_shape, factory=_factory, stateful=True))


def sample_distorted_bounding_box(image_size, bounding_boxes, seed=None, seed2=None, min_object_covered=0.1,
                                  aspect_ratio_range=None, area_range=None, max_attempts=None,
                                  use_image_if_no_bounding_boxes=None, name=None):
    """``(begin, size, bboxes)`` of a random crop of an image of ``image_size`` (``[height, width,
    channels]``) that covers at least ``min_object_covered`` of one of ``bounding_boxes``
    (``[batch, N, 4]``, ``y_min, x_min, y_max, x_max`` in [0, 1]). As TF1's wrapper, ``seed`` and
    ``seed2`` are the op's attributes (no graph-level seed).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     begin, size, bboxes = tf.image.sample_distorted_bounding_box([32, 48, 3], [[[0.1, 0.2, 0.5, 0.9]]])
    ...     print(begin.name, size.shape, bboxes.shape)
    sample_distorted_bounding_box/SampleDistortedBoundingBoxV2:0 (3,) (1, 1, 4)
    """
    # TF's generated wrapper sets every attr, defaults included (they show in the node's text)
    attrs = {"seed": int(seed or 0), "seed2": int(seed2 or 0),
             "aspect_ratio_range": [float(v) for v in (aspect_ratio_range or (0.75, 1.33))],
             "area_range": [float(v) for v in (area_range or (0.05, 1.0))],
             "max_attempts": 100 if max_attempts is None else int(max_attempts),
             "use_image_if_no_bounding_boxes": bool(use_image_if_no_bounding_boxes)}
    with name_scope(name, "sample_distorted_bounding_box"):
        op = create("SampleDistortedBoundingBoxV2", [image_size, bounding_boxes, min_object_covered], attrs,
                    name=name)
        return tuple(op.outputs)

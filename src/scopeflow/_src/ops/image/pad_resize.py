"""TF1's ``tf.image.resize_image_with_pad``: resize keeping the aspect ratio, then pad with
zeros to the target size, built as TF's ``_resize_image_with_pad_common`` builds it."""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.ops import math_ops
from scopeflow._src.ops.control.control_flow_ops import with_dependencies
from scopeflow._src.ops.image.checks import assert_condition, check_at_least_3d, image_dimensions, is_tensor
from scopeflow._src.ops.image.crops import _as_batch, _unbatch, pad_to_bounding_box
from scopeflow._src.ops.image.resize import ResizeMethod, resize_images


def _max(x, y):
    return math_ops.maximum(x, y) if is_tensor(x) or is_tensor(y) else max(x, y)


def resize_image_with_pad(image, target_height, target_width, method=ResizeMethod.BILINEAR, align_corners=False):
    """``image`` (3-D or a 4-D batch) resized by ``method`` to fit ``target_height x
    target_width`` with its aspect ratio kept, then centred and padded with zeros.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.image.resize_image_with_pad(tf.ones([4, 8, 3]), 8, 8).shape)
    (8, 8, 3)
    """
    with name_scope(None, "resize_image_with_pad", [image]):
        image, is_batch = _as_batch(image)
        checks = check_at_least_3d(image, require_static=False)
        checks += assert_condition(target_width > 0, ValueError, "target_width must be > 0.")
        checks += assert_condition(target_height > 0, ValueError, "target_height must be > 0.")
        image = with_dependencies(checks, image)
        _, height, width, _ = image_dimensions(image, rank=4)
        f_height = math_ops.cast(height, dtype=dtypes.float32)
        f_width = math_ops.cast(width, dtype=dtypes.float32)
        f_target_height = math_ops.cast(target_height, dtype=dtypes.float32)
        f_target_width = math_ops.cast(target_width, dtype=dtypes.float32)
        ratio = _max(f_width / f_target_width, f_height / f_target_height)
        resized_height_float = f_height / ratio
        resized_width_float = f_width / ratio
        resized_height = math_ops.cast(math_ops.floor(resized_height_float), dtype=dtypes.int32)
        resized_width = math_ops.cast(math_ops.floor(resized_width_float), dtype=dtypes.int32)
        padding_height = (f_target_height - resized_height_float) / 2
        padding_width = (f_target_width - resized_width_float) / 2
        f_padding_height = math_ops.floor(padding_height)
        f_padding_width = math_ops.floor(padding_width)
        p_height = _max(0, math_ops.cast(f_padding_height, dtype=dtypes.int32))
        p_width = _max(0, math_ops.cast(f_padding_width, dtype=dtypes.int32))
        resized = resize_images(image, [resized_height, resized_width], method, align_corners=align_corners)
        padded = pad_to_bounding_box(resized, p_height, p_width, target_height, target_width)
        if padded.shape.ndims is None:
            raise ValueError("padded contains no shape.")
        image_dimensions(padded, rank=4)
        return _unbatch(padded, is_batch)

"""Pixel values: ``tf.image.convert_image_dtype``, brightness and contrast (``AdjustContrastv2``),
``per_image_standardization`` and the grayscale conversions, built as TensorFlow builds them."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.common import dtype_lists, shape_fns
from scopeflow._src.ops.common.lowering import same_code
from scopeflow._src.ops.control.control_flow_ops import with_dependencies
from scopeflow._src.ops.debugging.binary_asserts import assert_equal, assert_greater_equal
from scopeflow._src.ops.image.checks import assert_at_least_3d
from scopeflow._src.ops.random import random_ops


def convert_image_dtype(image, dtype, saturate=False, name=None):
    """``image`` converted to ``dtype``, its values rescaled: floats are in [0, 1), integers
    in [0, dtype.max]; ``saturate`` clips before a cast that could overflow.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.image.convert_image_dtype(tf.constant([0.0, 0.5, 1.0]), tf.uint8)
    ...     print(t.name, tf.Session().run(t).tolist())
    convert_image:0 [0, 127, 255]
    """
    image = convert_to_tensor(image, name="image")
    dtype = dtypes.as_dtype(dtype)
    if not dtype.is_floating and not dtype.is_integer:
        raise AttributeError("dtype must be either floating point or integer")
    if not image.dtype.is_floating and not image.dtype.is_integer:
        raise AttributeError("image dtype must be either floating point or integer")
    if dtype == image.dtype:
        return array_ops.identity(image, name=name)
    with name_scope(name, "convert_image", [image]) as name:
        cast = math_ops.saturate_cast if saturate else math_ops.cast
        if image.dtype.is_integer and dtype.is_integer:
            scale_in, scale_out = image.dtype.max, dtype.max
            if scale_in > scale_out:
                return cast(math_ops.floordiv(image, (scale_in + 1) // (scale_out + 1)), dtype, name=name)
            return math_ops.multiply(cast(image, dtype), (scale_out + 1) // (scale_in + 1), name=name)
        if image.dtype.is_floating and dtype.is_floating:
            return math_ops.cast(image, dtype, name=name)
        if image.dtype.is_integer:
            return math_ops.multiply(math_ops.cast(image, dtype), 1. / image.dtype.max, name=name)
        return cast(math_ops.multiply(image, dtype.max + 0.5), dtype, name=name)


def _as_float(image):
    return image if image.dtype in (dtypes.float16, dtypes.float32) else convert_image_dtype(image, dtypes.float32)


def adjust_brightness(image, delta):
    """``image`` plus ``delta`` (in the [0, 1) scale of float images), converted back to its dtype.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.image.adjust_brightness(tf.constant([[[0.25]]]), 0.5)
    ...     print(t.name, tf.Session().run(t).tolist())
    adjust_brightness/Identity:0 [[[0.75]]]
    """
    with name_scope(None, "adjust_brightness", [image, delta]) as name:
        image = convert_to_tensor(image, name="image")
        flt = _as_float(image)
        adjusted = math_ops.add(flt, math_ops.cast(delta, flt.dtype), name=name)
        return convert_image_dtype(adjusted, image.dtype, saturate=True)


def _adjust_contrast_kernel(images, contrast_factor):
    values = images.astype(np.float32)
    means = values.mean(axis=(-3, -2), keepdims=True, dtype=np.float32)
    return ((values - means) * np.float32(contrast_factor) + means).astype(images.dtype)


registry.register(OpDef("AdjustContrastv2", inputs=["images: T", "contrast_factor: float"], outputs=["output: T"],
                        attrs={"T": dtype_lists.types("half,float")}, defaults={"T": dtypes.float32},
                        shape=shape_fns.unchanged, kernel=_adjust_contrast_kernel,
                        lower=same_code(kernel=_adjust_contrast_kernel)))


def adjust_contrast(images, contrast_factor):
    """Each channel of each image moved away from (or toward) its mean by ``contrast_factor``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.image.adjust_contrast(tf.constant([[[0.25], [0.75]]]), 2.0)
    ...     print(t.name, tf.Session().run(t).tolist())
    adjust_contrast/Identity:0 [[[0.0], [1.0]]]
    """
    with name_scope(None, "adjust_contrast", [images, contrast_factor]) as name:
        images = convert_to_tensor(images, name="images")
        adjusted = create_output("AdjustContrastv2", [_as_float(images), contrast_factor], {}, name=name)
        return convert_image_dtype(adjusted, images.dtype, saturate=True)


def random_brightness(image, max_delta, seed=None):
    """``adjust_brightness`` by a delta drawn uniformly from [-max_delta, max_delta).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.image.random_brightness(tf.zeros([2, 2, 3]), 0.2, seed=1).shape)
    (2, 2, 3)
    """
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")
    delta = random_ops.random_uniform([], -max_delta, max_delta, seed=seed)
    return adjust_brightness(image, delta)


def random_contrast(image, lower, upper, seed=None):
    """``adjust_contrast`` by a factor drawn uniformly from [lower, upper).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.image.random_contrast(tf.zeros([2, 2, 3]), 0.2, 1.8, seed=1).shape)
    (2, 2, 3)
    """
    if upper <= lower:
        raise ValueError("upper must be > lower.")
    if lower < 0:
        raise ValueError("lower must be non-negative.")
    factor = random_ops.random_uniform([], lower, upper, seed=seed)
    return adjust_contrast(image, factor)


def _reduce_std(values, axis):
    with name_scope("reduce_std"):
        with name_scope("reduce_variance"):
            means = math_ops.reduce_mean(values, axis=axis, keepdims=True)
            variance = math_ops.reduce_mean(math_ops.square(values - means), axis=axis, keepdims=True)
        return math_ops.sqrt(variance)


def per_image_standardization(image):
    """Each image scaled to mean 0 and variance 1: ``(x - mean) / max(stddev, 1 / sqrt(pixels))``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.image.per_image_standardization(tf.constant([[[1.0], [3.0]]]))
    ...     print(t.name, tf.Session().run(t).tolist())
    per_image_standardization:0 [[[-1.0], [1.0]]]
    """
    with name_scope(None, "per_image_standardization", [image]) as scope:
        image = assert_at_least_3d(convert_to_tensor(image, name="image"))
        image = math_ops.cast(image, dtype=dtypes.float32)
        num_pixels = math_ops.reduce_prod(array_ops.shape(image)[-3:])
        mean = math_ops.reduce_mean(image, axis=[-1, -2, -3], keepdims=True)
        stddev = _reduce_std(image, axis=[-1, -2, -3])
        adjusted = math_ops.maximum(stddev, math_ops.rsqrt(math_ops.cast(num_pixels, dtypes.float32)))
        image -= mean
        return math_ops.divide(image, adjusted, name=scope)


def rgb_to_grayscale(images, name=None):
    """The luma of RGB ``images`` (weights 0.2989, 0.5870, 0.1140), one channel, in their dtype.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.image.rgb_to_grayscale(tf.zeros([2, 2, 3])).shape)
    (2, 2, 1)
    """
    with name_scope(name, "rgb_to_grayscale", [images]) as name:
        images = convert_to_tensor(images, name="images")
        flt = convert_image_dtype(images, dtypes.float32)
        gray = array_ops.expand_dims(math_ops.tensordot(flt, [0.2989, 0.5870, 0.1140], [-1, -1]), -1)
        return convert_image_dtype(gray, images.dtype, name=name)


def _check_grayscale(image):
    try:
        shape = image.shape.with_rank(2) if image.shape.ndims is None else image.shape.with_rank_at_least(2)
    except ValueError:
        raise ValueError(f"A grayscale image (shape {image.shape}) must be at least two-dimensional.") from None
    if shape.is_fully_defined():
        if shape[-1] != 1:
            raise ValueError("Last dimension of a grayscale image should be size 1.")
        return []
    last = array_ops.shape(image)[-1]
    checks = [assert_equal(last, 1, message="Last dimension of a grayscale image should be size 1.")]
    rank = array_ops.rank(image)
    return checks + [assert_greater_equal(rank, 3, message="A grayscale image must be at least two-dimensional.")]


def grayscale_to_rgb(images, name=None):
    """One-channel ``images`` with the channel repeated three times.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.image.grayscale_to_rgb(tf.zeros([2, 2, 1])).shape)
    (2, 2, 3)
    """
    with name_scope(name, "grayscale_to_rgb", [images]) as name:
        images = convert_to_tensor(images, name="images")
        images = with_dependencies(_check_grayscale(images), images)
        rank_1 = array_ops.expand_dims(array_ops.rank(images) - 1, 0)
        multiples = array_ops.concat([array_ops.ones(rank_1, dtype=dtypes.int32), array_ops.expand_dims(3, 0)], 0)
        rgb = array_ops.tile(images, multiples, name=name)
        rgb.set_shape(images.shape[:-1].concatenate([3]))
        return rgb

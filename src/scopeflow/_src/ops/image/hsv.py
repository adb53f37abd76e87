"""Hue, saturation and value: ``RGBToHSV``, ``HSVToRGB``, ``AdjustHue`` and ``AdjustSaturation``
with TF's float32 formulas (the hexcone model; hue in [0, 1)), and their wrappers, random ones
included (``random_hue``, ``random_saturation``: the colour distortions of TF1's Inception
preprocessing)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops.common import dtype_lists, shape_fns
from scopeflow._src.ops.common.lowering import same_code
from scopeflow._src.ops.image.color import convert_image_dtype
from scopeflow._src.ops.random import random_ops

_F = np.float32


def _to_hsv(rgb):
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    v = np.maximum(np.maximum(r, g), b)
    spread = v - np.minimum(np.minimum(r, g), b)
    s = np.where(v > 0, spread / np.where(v > 0, v, _F(1)), _F(0))  # no division by zero: jax.numpy has no errstate
    norm = _F(1) / (_F(6) * np.where(spread > 0, spread, _F(1)))
    h = np.where(r == v, norm * (g - b), np.where(g == v, norm * (b - r) + _F(2 / 6), norm * (r - g) + _F(4 / 6)))
    h = np.where(spread > 0, h, _F(0))
    return np.where(h < 0, h + _F(1), h).astype(rgb.dtype), s.astype(rgb.dtype), v


def _from_hsv(h, s, v):
    dh = h * _F(6)
    dr = np.clip(np.abs(dh - _F(3)) - _F(1), 0, 1)
    dg = np.clip(_F(2) - np.abs(dh - _F(2)), 0, 1)
    db = np.clip(_F(2) - np.abs(dh - _F(4)), 0, 1)
    one_minus_s = _F(1) - s
    return np.stack([(one_minus_s + s * d) * v for d in (dr, dg, db)], -1)


def _rgb_to_hsv_kernel(images):
    return np.stack(_to_hsv(images), -1).astype(images.dtype)


def _hsv_to_rgb_kernel(images):
    return _from_hsv(images[..., 0], images[..., 1], images[..., 2]).astype(images.dtype)


def _adjust_hue_kernel(images, delta):
    h, s, v = _to_hsv(images.astype(_F))
    h = np.fmod(h + delta, _F(1))  # delta: a float32 scalar
    h = np.where(h < 0, h + _F(1), h)
    return _from_hsv(h, s, v).astype(images.dtype)


def _adjust_saturation_kernel(images, scale):
    h, s, v = _to_hsv(images.astype(_F))
    return _from_hsv(h, np.clip(s * scale, 0, 1), v).astype(images.dtype)  # scale: a float32 scalar


_HSV_TYPES = dtype_lists.types("float16,bfloat16,float32,float64")
_ADJUST_TYPES = dtype_lists.types("float16,float32")
_HELPERS = (_to_hsv, _from_hsv)  # compute on values: jax.numpy's on the JAX target
registry.register(OpDef("RGBToHSV", inputs=["images: T"], outputs=["output: T"], attrs={"T": _HSV_TYPES},
                        defaults={"T": dtypes.float32}, shape=shape_fns.unchanged, kernel=_rgb_to_hsv_kernel,
                        lower=same_code(kernel=_rgb_to_hsv_kernel, helpers=_HELPERS)))
registry.register(OpDef("HSVToRGB", inputs=["images: T"], outputs=["output: T"], attrs={"T": _HSV_TYPES},
                        defaults={"T": dtypes.float32}, shape=shape_fns.unchanged, kernel=_hsv_to_rgb_kernel,
                        lower=same_code(kernel=_hsv_to_rgb_kernel, helpers=_HELPERS)))
registry.register(OpDef("AdjustHue", inputs=["images: T", "delta: float"], outputs=["output: T"],
                        attrs={"T": _ADJUST_TYPES}, defaults={"T": dtypes.float32}, shape=shape_fns.unchanged,
                        kernel=_adjust_hue_kernel, lower=same_code(kernel=_adjust_hue_kernel, helpers=_HELPERS)))
registry.register(OpDef("AdjustSaturation", inputs=["images: T", "scale: float"], outputs=["output: T"],
                        attrs={"T": _ADJUST_TYPES}, defaults={"T": dtypes.float32}, shape=shape_fns.unchanged,
                        kernel=_adjust_saturation_kernel,
                        lower=same_code(kernel=_adjust_saturation_kernel, helpers=_HELPERS)))


def rgb_to_hsv(images, name=None):
    """RGB ``images`` (floats in [0, 1], channels last) as hue, saturation and value.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.image.rgb_to_hsv([[0.0, 1.0, 0.0]])).tolist())
    [[0.3333333432674408, 1.0, 1.0]]
    """
    return create_output("RGBToHSV", [images], {}, name=name)


def hsv_to_rgb(images, name=None):
    """HSV ``images`` back to RGB.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.image.hsv_to_rgb([[0.0, 1.0, 1.0]])).tolist())
    [[1.0, 0.0, 0.0]]
    """
    return create_output("HSVToRGB", [images], {}, name=name)


def _adjust(op_type, image, amount, name, default_name):
    with name_scope(name, default_name, [image]):
        image = convert_to_tensor(image, name="image")
        flt = image if image.dtype in (dtypes.float16, dtypes.float32) else convert_image_dtype(image, dtypes.float32)
        return convert_image_dtype(create_output(op_type, [flt, amount], {}), image.dtype)


def adjust_hue(image, delta, name=None):
    """``image`` with ``delta`` (in [-1, 1]) added to each pixel's hue, which wraps around.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.image.adjust_hue([[[1.0, 0.0, 0.0]]], 1 / 3)).round(4).tolist())
    [[[0.0, 1.0, 0.0]]]
    """
    return _adjust("AdjustHue", image, delta, name, "adjust_hue")


def adjust_saturation(image, saturation_factor, name=None):
    """``image`` with each pixel's saturation multiplied by ``saturation_factor`` (clipped to [0, 1]).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.image.adjust_saturation([[[1.0, 0.5, 0.5]]], 0.0)).tolist())
    [[[1.0, 1.0, 1.0]]]
    """
    return _adjust("AdjustSaturation", image, saturation_factor, name, "adjust_saturation")


def random_hue(image, max_delta, seed=None):
    """``adjust_hue`` by a delta drawn uniformly from [-max_delta, max_delta); ``max_delta`` in [0, 0.5].

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.image.random_hue(tf.zeros([2, 2, 3]), 0.2, seed=1).name)
    adjust_hue/Identity:0
    """
    if max_delta > 0.5:
        raise ValueError("max_delta must be <= 0.5.")
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")
    delta = random_ops.random_uniform([], -max_delta, max_delta, seed=seed)
    return adjust_hue(image, delta)


def random_saturation(image, lower, upper, seed=None):
    """``adjust_saturation`` by a factor drawn uniformly from [lower, upper), ``0 <= lower < upper``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.image.random_saturation(tf.zeros([2, 2, 3]), 0.5, 1.5, seed=1).shape)
    (2, 2, 3)
    """
    if upper <= lower:
        raise ValueError("upper must be > lower.")
    if lower < 0:
        raise ValueError("lower must be non-negative.")
    saturation_factor = random_ops.random_uniform([], lower, upper, seed=seed)
    return adjust_saturation(image, saturation_factor)

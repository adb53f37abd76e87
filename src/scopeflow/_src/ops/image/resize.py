"""The resize ops (``ResizeBilinear``, ``ResizeNearestNeighbor``, ``ResizeBicubic``, ``ResizeArea``,
``ResizeBilinearGrad``, ``ResizeNearestNeighborGrad``) and ``tf.image.resize_images`` (TF1's
``tf.image.resize``), which builds them under ``resize/``. Kernels: ``resize_kernels.py``."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import TensorShape, dimension_at_index
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import jax_add_at, numpy_as_jax, same_code
from scopeflow._src.ops.common.shape_context import shape_fn
from scopeflow._src.ops.image import resize_kernels
from scopeflow._src.ops.image.checks import image_dimensions

_IMAGE_TYPES = dtype_lists.types("int8,uint8,int16,uint16,int32,int64,float16,float32,float64,bfloat16")
_BILINEAR_TYPES = dtype_lists.types("int8,uint8,int16,uint16,int32,int64,bfloat16,float16,float32,float64,bfloat16")


class ResizeMethod:
    """TF1's resize methods (``tf.image.ResizeMethod``), the ``method`` of ``resize_images``."""
    BILINEAR = 0
    NEAREST_NEIGHBOR = 1
    BICUBIC = 2
    AREA = 3


@shape_fn
def _resize_shape(ctx, attrs):
    ctx.with_rank(0, 4)
    ctx.with_rank(1, 1)
    n = ctx.dims(1)
    if n is not None and n[0] is not None and n[0] != 2:
        raise ctx.error(f"Dimension must be 2 but is {n[0]}")
    images = ctx.dims(0) or (None,) * 4
    size = ctx.value(1)
    height, width = (None, None) if size is None else (int(size[0]), int(size[1]))
    return TensorShape([images[0], height, width, images[3]])


def _checked_size(op, images, size, attrs):
    if attrs.get("half_pixel_centers") and attrs.get("align_corners"):
        raise errors.InvalidArgumentError(None, op, "If half_pixel_centers is True, align_corners must be False.")
    if images.ndim != 4:
        raise errors.InvalidArgumentError(None, op, f"input must be 4-dimensional{list(images.shape)}")
    height, width = (int(x) for x in np.reshape(size, -1)[:2])
    if height <= 0 or width <= 0:
        raise errors.InvalidArgumentError(None, op, "output dimensions must be positive")
    if images.shape[1] <= 0 or images.shape[2] <= 0:
        raise errors.InvalidArgumentError(None, op, "input image must be of non-zero size")
    return height, width


def _resize_factory(sample, keeps_dtype=False):
    def factory(op, state):
        attrs = {k: op._attrs[k] for k in ("align_corners", "half_pixel_centers") if k in op._attrs}

        def kernel(images, size):
            out = sample(images, _checked_size(op, images, size, attrs), **attrs)
            return out.astype(images.dtype, copy=False) if keeps_dtype else out
        return kernel
    return factory


_FLAGS = {"align_corners": False, "half_pixel_centers": False}
for _op_type, _types, _sample, _keeps in (
        ("ResizeBilinear", _BILINEAR_TYPES, resize_kernels.resize_bilinear, False),
        ("ResizeNearestNeighbor", _IMAGE_TYPES, resize_kernels.resize_nearest, True),
        ("ResizeBicubic", _IMAGE_TYPES, resize_kernels.resize_bicubic, False)):
    registry.register(OpDef(_op_type, inputs=["images: T", "size: int32"],
                            outputs=["resized_images: T" if _keeps else "resized_images: float"],
                            attrs={"T": _types}, defaults=_FLAGS, shape=_resize_shape,
                            factory=_resize_factory(_sample, _keeps),
                            lower=same_code(factory=_resize_factory(_sample, _keeps))))
registry.register(OpDef("ResizeArea", inputs=["images: T", "size: int32"], outputs=["resized_images: float"],
                        attrs={"T": _IMAGE_TYPES}, defaults={"align_corners": False}, shape=_resize_shape,
                        factory=_resize_factory(resize_kernels.resize_area),
                        lower=lambda op, jx: _resize_factory(numpy_as_jax(resize_kernels.resize_area, jx))(op, None)))


def _spread_factory(spread, add_at=resize_kernels.add_at):
    def factory(op, state):
        flags = {k: op._attrs[k] for k in _FLAGS}

        def kernel(grads, original_image):
            out = spread(grads, original_image.shape, add_at=add_at, **flags)
            return out.astype(original_image.dtype, copy=False)
        return kernel
    return factory


def _lower_spread(spread):
    """The lowering of a resize gradient: its kernel, adding by XLA's scatter-add."""
    return lambda op, jx: _spread_factory(spread, jax_add_at(jx))(op, None)


def _nearest_grad_factory(op, state, add_at=resize_kernels.add_at):
    flags = {k: op._attrs[k] for k in _FLAGS}

    def kernel(grads, size):
        return resize_kernels.resize_nearest_grad(grads, [int(x) for x in size], add_at=add_at, **flags)
    return kernel


def _nearest_grad_shape(inputs, attrs):
    grads = inputs[0].shape.as_tuple() or (None,) * 4
    size = tensor_util.constant_value(inputs[1])
    height, width = (None, None) if size is None else (int(size[0]), int(size[1]))
    return TensorShape([grads[0], height, width, grads[3]])


registry.register(OpDef("ResizeBilinearGrad", inputs=["grads: float", "original_image: T"], outputs=["output: T"],
                        attrs={"T": dtype_lists.types("float32,bfloat16,float16,float64")}, defaults=_FLAGS,
                        shape=lambda inputs, attrs: inputs[1].shape,
                        factory=_spread_factory(resize_kernels.resize_bilinear_grad),
                        lower=_lower_spread(resize_kernels.resize_bilinear_grad)))
registry.register(OpDef("ResizeBicubicGrad", inputs=["grads: float", "original_image: T"], outputs=["output: T"],
                        attrs={"T": dtype_lists.types("float32,float64")}, defaults=_FLAGS,
                        shape=lambda inputs, attrs: inputs[1].shape,
                        factory=_spread_factory(resize_kernels.resize_bicubic_grad),
                        lower=_lower_spread(resize_kernels.resize_bicubic_grad)))
registry.register(OpDef("ResizeNearestNeighborGrad", inputs=["grads: T", "size: int32"], outputs=["output: T"],
                        attrs={"T": dtype_lists.types("uint8,int8,int32,float16,float32,float64,bfloat16")},
                        defaults=_FLAGS, shape=_nearest_grad_shape, factory=_nearest_grad_factory,
                        lower=lambda op, jx: _nearest_grad_factory(op, None, jax_add_at(jx))))


def _resize_op(op_type):
    def resize(images, size, align_corners=False, name=None, half_pixel_centers=False):
        attrs = {"align_corners": bool(align_corners)}
        if op_type != "ResizeArea":
            attrs["half_pixel_centers"] = bool(half_pixel_centers)
        return create_output(op_type, [images, size], attrs, name=name)
    resize.__name__ = resize.__qualname__ = "resize_" + op_type[6:].lower().replace("neighbor", "_neighbor")
    return resize


resize_bilinear = _resize_op("ResizeBilinear")
resize_bilinear.__doc__ = """``images`` (``[batch, height, width, channels]``) resized to ``size`` by bilinear
interpolation (a ``ResizeBilinear`` op; float32 values).

>>> import scopeflow as tf
>>> with tf.Graph().as_default():
...     t = tf.image.resize_bilinear([[[[0.0], [1.0]]]], [1, 4])
...     print(t.name, tf.Session().run(t).ravel().tolist())
ResizeBilinear:0 [0.0, 0.5, 1.0, 1.0]
"""
resize_nearest_neighbor = _resize_op("ResizeNearestNeighbor")
resize_nearest_neighbor.__doc__ = """``images`` resized to ``size`` by copying the nearest pixel
(a ``ResizeNearestNeighbor`` op; dtype kept).

>>> import scopeflow as tf
>>> with tf.Graph().as_default():
...     print(tf.Session().run(tf.image.resize_nearest_neighbor([[[[1], [2]]]], [1, 4])).ravel().tolist())
[1, 1, 2, 2]
"""
resize_bicubic = _resize_op("ResizeBicubic")
resize_bicubic.__doc__ = """``images`` resized to ``size`` by Keys' cubic interpolation (a ``ResizeBicubic`` op).

>>> import scopeflow as tf
>>> with tf.Graph().as_default():
...     print(tf.image.resize_bicubic(tf.zeros([1, 4, 4, 3]), [8, 8]).shape)
(1, 8, 8, 3)
"""
resize_area = _resize_op("ResizeArea")
resize_area.__doc__ = """``images`` resized to ``size`` by averaging the area each output pixel covers
(a ``ResizeArea`` op; ``half_pixel_centers`` is not an attribute of it and is ignored).

>>> import scopeflow as tf
>>> with tf.Graph().as_default():
...     print(tf.Session().run(tf.image.resize_area([[[[1.0], [3.0]]]], [1, 1])).ravel().tolist())
[2.0]
"""

_RESIZERS = {ResizeMethod.BILINEAR: resize_bilinear, ResizeMethod.NEAREST_NEIGHBOR: resize_nearest_neighbor,
             ResizeMethod.BICUBIC: resize_bicubic, ResizeMethod.AREA: resize_area,
             "bilinear": resize_bilinear, "nearest": resize_nearest_neighbor, "bicubic": resize_bicubic,
             "area": resize_area}


def _aspect_size(images, size):
    _, height, width, _ = image_dimensions(images, rank=4)
    scale_h = math_ops.cast(size[0], dtypes.float32) / math_ops.cast(height, dtypes.float32)
    scale_w = math_ops.cast(size[1], dtypes.float32) / math_ops.cast(width, dtypes.float32)
    scale = math_ops.minimum(scale_h, scale_w)
    new_h = math_ops.cast(math_ops.round(scale * math_ops.cast(height, dtypes.float32)), dtypes.int32)
    new_w = math_ops.cast(math_ops.round(scale * math_ops.cast(width, dtypes.float32)), dtypes.int32)
    return convert_to_tensor([new_h, new_w], dtypes.int32, name="size")


def resize_images(images, size, method=ResizeMethod.BILINEAR, align_corners=False, preserve_aspect_ratio=False,
                  name=None):
    """``images`` (3-D or a 4-D batch) resized to ``size`` = ``[new_height, new_width]`` by ``method``
    (a ``ResizeMethod``), under ``resize/``; unchanged when the size already matches.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     t = tf.image.resize_images(tf.zeros([4, 4, 3]), [8, 6])
    ...     print(t.name, t.shape)
    resize/Squeeze:0 (8, 6, 3)
    """
    with name_scope(name, "resize", [images, size]):
        images = convert_to_tensor(images, name="images")
        if images.shape.ndims is None:
            raise ValueError("'images' contains no shape.")
        is_batch = images.shape.ndims == 4
        if images.shape.ndims == 3:
            images = array_ops.expand_dims(images, 0)
        elif not is_batch:
            raise ValueError("'images' must have either 3 or 4 dimensions.")
        _, height, width, _ = images.shape.as_list()
        try:
            size = convert_to_tensor(size, dtypes.int32, name="size")
        except (TypeError, ValueError):
            raise ValueError("'size' must be a 1-D int32 Tensor") from None
        if not size.shape.is_compatible_with([2]):
            raise ValueError("'size' must be a 1-D Tensor of 2 elements: new_height, new_width")
        if preserve_aspect_ratio:
            size = _aspect_size(images, size)
        known = tensor_util.constant_value_as_shape(size)
        new_h, new_w = dimension_at_index(known, 0).value, dimension_at_index(known, 1).value
        if None not in (new_w, width, new_h, height) and (width, height) == (new_w, new_h):
            return images if is_batch else array_ops.squeeze(images, axis=[0])
        if method not in _RESIZERS:
            raise ValueError(f"Resize method is not implemented: {method}")
        images = _RESIZERS[method](images, size, align_corners=align_corners)
        images.set_shape([None, new_h, new_w, None])
        return images if is_batch else array_ops.squeeze(images, axis=[0])

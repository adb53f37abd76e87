"""TF's image functions built of other ops: gamma, the YIQ/YUV colour spaces, total variation,
Sobel edges and image gradients (``image_ops_impl.py``), with TF's op names and errors."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.ops import array_ops, math_ops, nn_ops
from scopeflow._src.ops.control.control_flow_ops import with_dependencies
from scopeflow._src.ops.image.checks import assert_condition
from scopeflow._src.ops.image.color import convert_image_dtype
from scopeflow._src.ops.parsing.substr import substr

_RGB_TO_YIQ = [[0.299, 0.59590059, 0.2115], [0.587, -0.27455667, -0.52273617], [0.114, -0.32134392, 0.31119955]]
_YIQ_TO_RGB = [[1, 1, 1], [0.95598634, -0.27201283, -1.10674021], [0.6208248, -0.64720424, 1.70423049]]
_RGB_TO_YUV = [[0.299, -0.14714119, 0.61497538], [0.587, -0.28886916, -0.51496512], [0.114, 0.43601035, -0.10001026]]
_YUV_TO_RGB = [[1, 1, 1], [0, -0.394642334, 2.03206185], [1.13988303, -0.58062185, 0]]


def adjust_gamma(image, gamma=1, gain=1):
    """``tf.image.adjust_gamma``: ``gain * image ** gamma`` on a float image (an integer image is
    converted to float32 and back, saturating); a negative Python ``gamma`` is a ``ValueError``.

    >>> from scopeflow._src.client.session import Session
    >>> Session().run(adjust_gamma([[[0.25]]], gamma=0.5)).ravel().tolist()
    [0.5]
    """
    with name_scope(None, "adjust_gamma", [image, gamma, gain]):
        image = convert_to_tensor(image, name="image")
        orig_dtype = image.dtype
        flt_image = image if orig_dtype in (dtypes.float16, dtypes.float32) else convert_image_dtype(image,
                                                                                                     dtypes.float32)
        assert_op = assert_condition(gamma >= 0, ValueError, "Gamma should be a non-negative real number.")
        if assert_op:
            gamma = with_dependencies(assert_op, gamma)
        adjusted = gain * flt_image ** gamma
        return convert_image_dtype(adjusted, orig_dtype, saturate=True)


def _colour_space(kernel, name, doc):
    def convert(images):
        images = convert_to_tensor(images, name="images")
        matrix = convert_to_tensor(kernel, dtype=images.dtype, name="kernel")
        ndims = images.shape.ndims
        return math_ops.tensordot(images, matrix, axes=[[ndims - 1], [0]])
    convert.__name__ = convert.__qualname__ = name
    convert.__doc__ = doc
    return convert


rgb_to_yiq = _colour_space(_RGB_TO_YIQ, "rgb_to_yiq",
                           "``tf.image.rgb_to_yiq``: the last axis (RGB) times TF's YIQ matrix (a ``Tensordot``).")
yiq_to_rgb = _colour_space(_YIQ_TO_RGB, "yiq_to_rgb", "``tf.image.yiq_to_rgb``: the inverse of ``rgb_to_yiq``.")
rgb_to_yuv = _colour_space(_RGB_TO_YUV, "rgb_to_yuv",
                           "``tf.image.rgb_to_yuv``: the last axis (RGB) times TF's YUV matrix (a ``Tensordot``).")
yuv_to_rgb = _colour_space(_YUV_TO_RGB, "yuv_to_rgb", "``tf.image.yuv_to_rgb``: the inverse of ``rgb_to_yuv``.")


def total_variation(images, name=None):
    """``tf.image.total_variation``: the sum of absolute differences of neighbouring pixels, of
    one 3-D image (a scalar) or per image of a 4-D batch."""
    with name_scope(name, "total_variation"):
        ndims = images.shape.ndims
        if ndims == 3:
            dif1 = images[1:, :, :] - images[:-1, :, :]
            dif2 = images[:, 1:, :] - images[:, :-1, :]
            axis = None
        elif ndims == 4:
            dif1 = images[:, 1:, :, :] - images[:, :-1, :, :]
            dif2 = images[:, :, 1:, :] - images[:, :, :-1, :]
            axis = [1, 2, 3]
        else:
            raise ValueError("'images' must be either 3 or 4-dimensional.")
        return math_ops.reduce_sum(math_ops.abs(dif1), axis=axis) + math_ops.reduce_sum(math_ops.abs(dif2), axis=axis)


def sobel_edges(image):
    """``tf.image.sobel_edges``: the vertical and horizontal Sobel responses of each channel of a
    4-D batch (reflect-padded, a depthwise convolution), shape ``[b, h, w, d, 2]``."""
    static_shape = image.shape
    image_shape = array_ops.shape(image)
    kernels = np.expand_dims(np.transpose(np.asarray([[[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
                                                      [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]]), (1, 2, 0)), -2)
    kernels_tf = array_ops.tile(constant(kernels, dtype=image.dtype), [1, 1, image_shape[-1], 1],
                                name="sobel_filters")
    padded = array_ops.pad(image, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="REFLECT")
    output = nn_ops.depthwise_conv2d(padded, kernels_tf, [1, 1, 1, 1], "VALID")
    output = array_ops.reshape(output, shape=array_ops.concat([image_shape, [2]], 0))
    output.set_shape(static_shape.concatenate([2]))
    return output


def image_gradients(image):
    """``tf.image.image_gradients``: ``(dy, dx)``, the forward differences of a 4-D batch along
    height and width, zero in the last row and column."""
    if image.shape.ndims != 4:
        raise ValueError(f"image_gradients expects a 4D tensor [batch_size, h, w, d], not {image.shape}.")
    image_shape = array_ops.shape(image)
    batch_size, height, width, depth = array_ops.unstack(image_shape)
    dy = image[:, 1:, :, :] - image[:, :-1, :, :]
    dx = image[:, :, 1:, :] - image[:, :, :-1, :]
    shape = array_ops.stack([batch_size, 1, width, depth])
    dy = array_ops.reshape(array_ops.concat([dy, array_ops.zeros(shape, image.dtype)], 1), image_shape)
    shape = array_ops.stack([batch_size, height, 1, depth])
    dx = array_ops.reshape(array_ops.concat([dx, array_ops.zeros(shape, image.dtype)], 2), image_shape)
    return dy, dx


def is_jpeg(contents, name=None):
    """``tf.image.is_jpeg`` / ``tf.io.is_jpeg``: whether the bytes start as a JPEG does
    (``\\xff\\xd8\\xff``; false positives possible, as in TF)."""
    with name_scope(name, "is_jpeg"):
        return math_ops.equal(substr(contents, 0, 3), b"\xff\xd8\xff", name=name)

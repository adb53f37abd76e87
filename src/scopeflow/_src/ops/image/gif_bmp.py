"""GIF and BMP files as images: ``DecodeGif`` (every frame, ``[frames, height, width, 3]``) and
``DecodeBmp``, through Pillow (the extra ``images``), with TF's checks: each op refuses the
other's format, naming the op to use instead."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import errors, registry
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.image.codecs import UNKNOWN_FORMAT, _decoded, _pillow, gif_frames, image_format

_DECODER = {"JPEG": "decode_jpeg", "PNG": "decode_png", "GIF": "decode_gif", "BMP": "decode_bmp"}


def _scalar_contents(inputs):
    rank = inputs[0].shape.ndims
    if rank not in (None, 0):
        raise ShapeError(f"Shape must be rank 0 but is rank {rank}")


def _contents(op, value):
    data = np.asarray(value).item()
    kind = image_format(data)
    if kind is None:
        raise errors.InvalidArgumentError(None, op, UNKNOWN_FORMAT)
    return data, kind


def _gif_factory(op, state):
    def decode_gif(contents):
        data, kind = _contents(op, contents)
        if kind == "BMP":
            raise errors.InvalidArgumentError(None, op, "Trying to decode BMP format using a wrong op. Use "
                                                        "`decode_bmp` or `decode_image` instead. Op used: DecodeGif")
        return gif_frames(op, data) if kind == "GIF" else _decoded(op, data, 3)[None]
    return decode_gif


def _bmp_factory(op, state):
    channels = op._attrs["channels"]

    def decode_bmp(contents):
        if channels not in (0, 3, 4):
            raise errors.InvalidArgumentError(None, op, f"`channels` must be 0, 3 or 4 for BMP, but got {channels}")
        data, kind = _contents(op, contents)
        if kind != "BMP":
            raise errors.InvalidArgumentError(
                None, op, f"Trying to decode {kind} format using DecodeBmp op. Use `{_DECODER[kind]}` or "
                          f"`decode_image` instead.")
        return _decoded(op, data, channels)
    return decode_bmp


def _gif_shape(inputs, attrs):
    _scalar_contents(inputs)
    return TensorShape([None, None, None, 3])


def _bmp_shape(inputs, attrs):
    _scalar_contents(inputs)
    return TensorShape([None, None, attrs["channels"] or None])


registry.register(OpDef("DecodeGif", inputs=["contents: string"], outputs=["image: uint8"], shape=_gif_shape,
                        factory=_gif_factory))
registry.register(OpDef("DecodeBmp", inputs=["contents: string"], outputs=["image: uint8"], defaults={"channels": 0},
                        shape=_bmp_shape, factory=_bmp_factory))


def decode_gif(contents, name=None):
    """Every frame of a GIF file, ``uint8`` ``[frames, height, width, 3]`` (a PNG or JPEG is one frame).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     one = tf.io.decode_gif(tf.image.encode_png(tf.zeros([2, 2, 3], tf.uint8)))
    ...     print(one.shape, tf.Session().run(one).shape)
    (?, ?, ?, 3) (1, 2, 2, 3)
    """
    _pillow()
    return create_output("DecodeGif", [contents], {}, name=name)


def decode_bmp(contents, channels=0, name=None):
    """The ``uint8`` pixels of a BMP file, ``[height, width, channels]`` (``channels`` 0, 3 or 4)."""
    _pillow()
    return create_output("DecodeBmp", [contents], {"channels": int(channels)}, name=name)

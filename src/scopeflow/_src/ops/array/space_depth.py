"""``SpaceToDepth`` and ``DepthToSpace`` (blocks of pixels moved into channels and back), and
TF1's ``space_to_batch``/``batch_to_space`` (square blocks over ``SpaceToBatchND``/
``BatchToSpaceND``). Loaded on first use (``layout.py``). ``NCHW`` is computed here too (TF's CPU
has no kernel for it: "No OpKernel was registered")."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import errors, registry
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common.lowering import moves_elements
from scopeflow._src.ops.nn.space_batch import batch_to_space_nd, space_to_batch_nd

FORMATS = ("NHWC", "NCHW", "NCHW_VECT_C")


def _nhwc_dims(dims, data_format):
    """``(batch, height, width, depth)`` of a 4-D shape in ``data_format``."""
    return dims if data_format == "NHWC" else (dims[0], dims[2], dims[3], dims[1])


def _in_format(dims, data_format):
    b, h, w, c = dims
    return TensorShape((b, h, w, c) if data_format == "NHWC" else (b, c, h, w))


def _rank4(shape):
    dims = shape.as_tuple()
    if dims is not None and len(dims) != 4:
        raise ShapeError(f"Shape must be rank 4 but is rank {len(dims)}")
    return dims


def _divided(size, by):
    if size is None:
        return None
    if size % by:
        raise ShapeError(f"Dimension size must be evenly divisible by {by} but is {size}")
    return size // by


def _space_to_depth_shape(inputs, attrs):
    dims = _rank4(inputs[0].shape)
    if dims is None:
        return UNKNOWN
    bs, fmt = attrs["block_size"], attrs.get("data_format", "NHWC")
    b, h, w, c = _nhwc_dims(dims, fmt)
    return _in_format((b, _divided(h, bs), _divided(w, bs), None if c is None else c * bs * bs), fmt)


def _depth_to_space_shape(inputs, attrs):
    dims = _rank4(inputs[0].shape)
    if dims is None:
        return UNKNOWN
    bs, fmt = attrs["block_size"], attrs.get("data_format", "NHWC")
    b, h, w, c = _nhwc_dims(dims, fmt)
    return _in_format((b, None if h is None else h * bs, None if w is None else w * bs, _divided(c, bs * bs)), fmt)


def _to_nhwc(x, fmt):
    return x if fmt == "NHWC" else x.transpose(0, 2, 3, 1)


def _from_nhwc(x, fmt):
    return np.ascontiguousarray(x if fmt == "NHWC" else x.transpose(0, 3, 1, 2))


def _check_rank4(op, x):
    if x.ndim != 4:
        raise errors.InvalidArgumentError(None, op, f"Input rank should be 4 instead of {x.ndim}")


def _space_to_depth_factory(op, state):
    bs, fmt = op.get_attr("block_size"), op.get_attr("data_format").decode()

    def kernel(x):
        _check_rank4(op, x)
        y = _to_nhwc(x, fmt)
        b, h, w, c = y.shape
        if h % bs or w % bs:
            raise errors.InvalidArgumentError(
                None, op, f"Image width {w} and height {h} should be divisible by block_size: {bs}")
        y = y.reshape(b, h // bs, bs, w // bs, bs, c).transpose(0, 1, 3, 2, 4, 5)
        return _from_nhwc(y.reshape(b, h // bs, w // bs, bs * bs * c), fmt)
    return kernel


def _depth_to_space_factory(op, state):
    bs, fmt = op.get_attr("block_size"), op.get_attr("data_format").decode()

    def kernel(x):
        _check_rank4(op, x)
        y = _to_nhwc(x, fmt)
        b, h, w, c = y.shape
        if c % (bs * bs):
            raise errors.InvalidArgumentError(
                None, op, f"Input depth dimension {c} should be divisible by: {bs * bs}")
        y = y.reshape(b, h, w, bs, bs, c // (bs * bs)).transpose(0, 1, 3, 2, 4, 5)
        return _from_nhwc(y.reshape(b, h * bs, w * bs, c // (bs * bs)), fmt)
    return kernel


registry.register(OpDef("SpaceToDepth", inputs=["input: T"], outputs=["output: T"], shape=_space_to_depth_shape,
                        factory=_space_to_depth_factory, defaults={"data_format": "NHWC"}, lower=moves_elements()))
registry.register(OpDef("DepthToSpace", inputs=["input: T"], outputs=["output: T"], shape=_depth_to_space_shape,
                        factory=_depth_to_space_factory, defaults={"data_format": "NHWC"}, lower=moves_elements()))


def _block_attrs(op_type, block_size, data_format):
    if not isinstance(block_size, (int, np.integer)) or isinstance(block_size, bool):
        raise TypeError(f"Expected int for argument 'block_size' not {block_size!r}.")
    if block_size < 2:
        raise ValueError(f"Attr 'block_size' of '{op_type}' Op passed {block_size} less than minimum 2.")
    return {"block_size": int(block_size), "data_format": data_format}


def space_to_depth(input, block_size, name=None, data_format="NHWC"):  # noqa: A002 - TensorFlow's names
    """Move each ``block_size x block_size`` block of pixels into the channels (``SpaceToDepth``).

    >>> import scopeflow as tf
    >>> tf.space_to_depth(tf.zeros([1, 4, 6, 3]), 2).shape.as_list()
    [1, 2, 3, 12]
    """
    return create_output("SpaceToDepth", [input], _block_attrs("SpaceToDepth", block_size, data_format), name=name)


def depth_to_space(input, block_size, name=None, data_format="NHWC"):  # noqa: A002
    """Move channels into ``block_size x block_size`` blocks of pixels (``DepthToSpace``)."""
    return create_output("DepthToSpace", [input], _block_attrs("DepthToSpace", block_size, data_format), name=name)


def _square_block(block_size, block_shape):
    if block_shape is not None:
        if block_size is not None:
            raise ValueError("Cannot specify both 'block_shape' and 'block_size'")
        block_size = block_shape
    return np.array([block_size, block_size], dtype=np.int64)


def space_to_batch(input, paddings, block_size=None, name=None, block_shape=None):  # noqa: A002
    """TF1's ``space_to_batch``: ``space_to_batch_nd`` with a square ``block_size`` on a 4-D input."""
    result = space_to_batch_nd(input, block_shape=_square_block(block_size, block_shape), paddings=paddings,
                               name=name)
    result.set_shape(result.shape.with_rank(4))
    return result


def batch_to_space(input, crops, block_size, name=None, block_shape=None):  # noqa: A002
    """TF1's ``batch_to_space``: ``batch_to_space_nd`` with a square ``block_size`` on a 4-D input."""
    result = batch_to_space_nd(input, block_shape=_square_block(block_size, block_shape), crops=crops, name=name)
    result.set_shape(result.shape.with_rank(4))
    return result

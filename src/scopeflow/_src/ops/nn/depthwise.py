"""Depthwise 2-D convolution (``DepthwiseConv2dNative``) and its backprop ops, with TF's wrappers.

Kernels loop over the KH*KW window taps, multiplying each strided view by the tap's
``(C, multiplier)`` weights with broadcasting; output channel ``c * multiplier + m``.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops import array_ops
from scopeflow._src.ops.common import attr_defaults, dtype_lists
from scopeflow._src.ops.nn import window_lowerings as wl
from scopeflow._src.ops.nn import windows as wu
from scopeflow._src.ops.nn.conv import backprop_filter_shape, backprop_input_shape, conv_shape, create_conv
from scopeflow._src.ops.nn.conv_kernels import filter_factory, forward_factory, input_factory


def _depthwise(x, w, attrs):
    n, h, wd, c = x.shape
    kh, kw, _, m = w.shape
    plan = wu.Windows(attrs, h, wd, kh, kw)
    out = np.zeros((n, plan.oh, plan.ow, c, m), dtype=np.result_type(x, w))
    for t, view in plan.taps(plan.pad(x)):
        out += view[..., None] * w[t // kw, t % kw]
    return out.reshape(n, plan.oh, plan.ow, c * m)


def _depthwise_backprop_input(shape, w, dy, attrs):
    n, h, wd, c = shape
    kh, kw, _, m = w.shape
    plan = wu.Windows(attrs, h, wd, kh, kw)
    dy = dy.reshape(n, plan.oh, plan.ow, c, m)
    ph, pw = plan.padded_size(h, wd)
    dxp = np.zeros((n, ph, pw, c), dtype=dy.dtype)
    for t, view in plan.taps(dxp):
        view += np.sum(dy * w[t // kw, t % kw], axis=-1)
    return np.ascontiguousarray(plan.crop(dxp, h, wd))


def _depthwise_backprop_filter(x, fshape, dy, attrs):
    n, h, wd, c = x.shape
    kh, kw, _, m = fshape
    plan = wu.Windows(attrs, h, wd, kh, kw)
    dy = dy.reshape(-1, c, m)
    dw = np.zeros((kh, kw, c, m), dtype=dy.dtype)
    for t, view in plan.taps(plan.pad(x)):
        dw[t // kw, t % kw] = np.einsum("pc,pcm->cm", view.reshape(-1, c), dy)
    return dw


registry.register(OpDef("DepthwiseConv2dNative", inputs=["input: T", "filter: T"], outputs=["output: T"],
                        attrs={"T": dtype_lists.FLOATING}, shape=lambda i, a: conv_shape(i, a, depthwise=True),
                        factory=forward_factory(_depthwise, depthwise=True), defaults=attr_defaults.CONV,
                        lower=lambda op, jx: wl.conv(op, jx, depthwise=True)))
registry.register(OpDef("DepthwiseConv2dNativeBackpropInput",
                        inputs=["input_sizes: int32", "filter: T", "out_backprop: T"], outputs=["output: T"],
                        attrs={"T": dtype_lists.FLOATING},
                        shape=lambda i, a: backprop_input_shape(i, a, depthwise=True),
                        factory=input_factory(_depthwise_backprop_input), defaults=attr_defaults.CONV,
                        lower=lambda op, jx: wl.conv_backprop_input(op, jx, depthwise=True)))
registry.register(OpDef("DepthwiseConv2dNativeBackpropFilter",
                        inputs=["input: T", "filter_sizes: int32", "out_backprop: T"], outputs=["output: T"],
                        attrs={"T": dtype_lists.FLOATING}, shape=backprop_filter_shape,
                        factory=filter_factory(_depthwise_backprop_filter), defaults=attr_defaults.CONV,
                        lower=lambda op, jx: wl.conv_backprop_filter(op, jx, depthwise=True)))


def depthwise_conv2d_native(input, filter, strides, padding, data_format="NHWC",  # noqa: A002
                            dilations=(1, 1, 1, 1), name=None):
    """Depthwise 2-D convolution (a ``DepthwiseConv2dNative`` op): channel ``c`` is convolved
    with ``filter[:, :, c, :]``, giving ``C * channel_multiplier`` outputs."""
    return create_conv("DepthwiseConv2dNative", [input, filter], strides, padding, data_format, dilations, name=name)


def depthwise_conv2d_native_backprop_input(input_sizes, filter, out_backprop, strides, padding,  # noqa: A002
                                           data_format="NHWC", dilations=(1, 1, 1, 1), name=None):
    """The gradient of ``depthwise_conv2d_native`` with respect to its input."""
    return create_conv("DepthwiseConv2dNativeBackpropInput", [input_sizes, filter, out_backprop], strides, padding,
                       data_format, dilations, name=name)


def depthwise_conv2d_native_backprop_filter(input, filter_sizes, out_backprop, strides, padding,  # noqa: A002
                                            data_format="NHWC", dilations=(1, 1, 1, 1), name=None):
    """The gradient of ``depthwise_conv2d_native`` with respect to its filter."""
    return create_conv("DepthwiseConv2dNativeBackpropFilter", [input, filter_sizes, out_backprop], strides, padding,
                       data_format, dilations, name=name)


def depthwise_conv2d(input, filter, strides, padding, rate=None, name=None, data_format=None,  # noqa: A002
                     dilations=None):
    """``tf.nn.depthwise_conv2d``: ``depthwise_conv2d_native`` inside a ``depthwise`` scope; with
    ``rate`` above 1 it runs between ``SpaceToBatchND`` and ``BatchToSpaceND``, as in TF."""
    rate = dilations if dilations is not None else rate
    with name_scope(name, "depthwise", [input, filter]) as scope:
        input = convert_to_tensor(input, name="tensor_in")
        filter = convert_to_tensor(filter, name="filter_in")
        rate = [1, 1] if rate is None else list(rate)
        filter_shape = array_ops.shape(filter)
        if any(r != 1 for r in rate):
            # dilated: SpaceToBatchND and its kin load on first use (import time), with their gradients
            from scopeflow._src.ops.nn.volumetric import with_space_to_batch

            def op(converted, _, converted_padding):
                return depthwise_conv2d_native(converted, filter, strides, converted_padding,
                                               data_format=data_format or "NHWC", name=scope)
            return with_space_to_batch(input, rate, padding, op, filter_shape=filter_shape,
                                       data_format=data_format)
        convert_to_tensor(rate, dtypes.int32, name="dilation_rate")
        if any(r < 1 for r in rate):
            raise ValueError(f"`dilation_rate` must be positive. Received: dilation_rate={np.array(rate)}")
        channel_index = 1 if (data_format or "NHWC").startswith("NC") else 3
        dil = wu.get_sequence(rate, 2, channel_index, "dilations")
        return depthwise_conv2d_native(input, filter, strides, padding, data_format=data_format or "NHWC",
                                       dilations=dil, name=scope)

"""``tf.nn.separable_conv2d``: a depthwise convolution, then a 1x1 pointwise one, built as TF
builds them (``separable_conv2d/depthwise``, a ``DepthwiseConv2dNative``, then a ``Conv2D``
named ``separable_conv2d``); with ``rate`` above 1 the depthwise step runs between
``SpaceToBatchND`` and ``BatchToSpaceND`` (``with_space_to_batch``), as in TF."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.ops import array_ops
from scopeflow._src.ops.nn.conv import conv2d
from scopeflow._src.ops.nn.depthwise import depthwise_conv2d_native


def separable_conv2d(input, depthwise_filter, pointwise_filter, strides, padding, rate=None,  # noqa: A002
                     name=None, data_format=None, dilations=None):
    """A depthwise separable 2-D convolution.

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.float32, [None, 8, 8, 3])
    >>> y = tf.nn.separable_conv2d(x, tf.ones([3, 3, 3, 2]), tf.ones([1, 1, 6, 4]), [1, 1, 1, 1], "SAME")
    >>> y.op.type, y.shape.as_list()
    ('Conv2D', [None, 8, 8, 4])
    """
    if dilations is not None and rate is not None:
        raise ValueError("Cannot specify both 'dilations' and 'rate'.")
    rate = dilations if dilations is not None else rate
    with name_scope(name, "separable_conv2d", [input, depthwise_filter, pointwise_filter]) as scope:
        input = convert_to_tensor(input, name="tensor_in")
        depthwise_filter = convert_to_tensor(depthwise_filter, name="depthwise_filter")
        pointwise_filter = convert_to_tensor(pointwise_filter, name="pointwise_filter")
        pointwise_shape = pointwise_filter.shape.with_rank(4)
        pointwise_shape.dims[0].assert_is_compatible_with(1)
        pointwise_shape.dims[1].assert_is_compatible_with(1)
        rate = [1, 1] if rate is None else [int(r) for r in np.atleast_1d(rate)]
        filter_shape = array_ops.shape(depthwise_filter)

        def op(converted, _, converted_padding):
            return depthwise_conv2d_native(converted, depthwise_filter, strides, converted_padding,
                                           data_format=data_format or "NHWC", name="depthwise")
        if any(r != 1 for r in rate):
            # dilated: SpaceToBatchND and its kin load on first use (import time), with their gradients
            from scopeflow._src.ops.nn.volumetric import with_space_to_batch

            depthwise = with_space_to_batch(input, rate, padding, op, filter_shape=filter_shape,
                                            data_format=data_format)
        else:
            convert_to_tensor(rate, dtypes.int32, name="dilation_rate")
            depthwise = op(input, 2, padding)
        return conv2d(depthwise, pointwise_filter, [1, 1, 1, 1], padding="VALID",
                      data_format=data_format or "NHWC", name=scope)

"""``SeparableConv1D`` and ``SeparableConv2D`` with ``separable_conv1d`` and ``separable_conv2d``.

Variables ``depthwise_kernel`` (``[*kernel_size, in_channels, depth_multiplier]``),
``pointwise_kernel`` (``[1, ..., in_channels * depth_multiplier, filters]``) and ``bias``; the
ops are ``tf.nn.separable_conv2d``'s (``separable_conv2d/depthwise`` then a ``Conv2D`` named
``separable_conv2d``), the 1-D layer's inside ``ExpandDims``/``Squeeze`` as tf-keras builds it.
"""

from __future__ import annotations

from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.layers import conv_utils, lookup
from scopeflow._src.layers.convolutional import _Conv
from scopeflow._src.layers.input_spec import InputSpec
from scopeflow._src.ops import array_ops, nn_ops
from scopeflow._src.ops.nn.separable import separable_conv2d as nn_separable_conv2d
from scopeflow._src.variables import initializers


class _SeparableConv(_Conv):
    """A depthwise convolution per input channel, then a pointwise one mixing the channels."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                 dilation_rate=1, depth_multiplier=1, activation=None, use_bias=True, depthwise_initializer=None,
                 pointwise_initializer=None, bias_initializer=initializers.zeros_initializer(),
                 depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None, pointwise_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
                         dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
                         bias_initializer=bias_initializer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer, bias_constraint=bias_constraint,
                         trainable=trainable, name=name, **kwargs)
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = lookup.get_initializer(depthwise_initializer)
        self.pointwise_initializer = lookup.get_initializer(pointwise_initializer)
        self.depthwise_regularizer, self.pointwise_regularizer = depthwise_regularizer, pointwise_regularizer
        self.depthwise_constraint, self.pointwise_constraint = depthwise_constraint, pointwise_constraint

    def build(self, input_shape):
        input_shape = TensorShape(input_shape)
        axis = self._channel_axis()
        channels = self._input_channel(input_shape)
        self.input_spec = InputSpec(ndim=self.rank + 2, axes={axis: channels})
        self.depthwise_kernel = self.add_weight(
            name="depthwise_kernel", shape=self.kernel_size + (channels, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
        self.pointwise_kernel = self.add_weight(
            name="pointwise_kernel", shape=(1,) * self.rank + (self.depth_multiplier * channels, self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint, trainable=True, dtype=self.dtype)
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.filters,), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint,
                                        trainable=True, dtype=self.dtype)
        self.built = True

    def _format4(self):
        return conv_utils.convert_data_format(self.data_format, 4)


class SeparableConv1D(_SeparableConv):
    """A depthwise separable 1-D convolution (``ExpandDims``, ``separable_conv2d``, ``Squeeze``).

    >>> import scopeflow as tf
    >>> y = tf.layers.separable_conv1d(tf.placeholder(tf.float32, [None, 10, 3]), 4, 3, depth_multiplier=2)
    >>> y.name, y.shape.as_list()
    ('separable_conv1d/Squeeze:0', [None, 8, 4])
    """

    rank = 1

    def call(self, inputs):
        if self.padding == "causal":
            inputs = array_ops.pad(inputs, self._causal_padding(inputs))
        if self.data_format == "channels_last":
            strides, spatial_start = (1, *self.strides * 2, 1), 1
        else:
            strides, spatial_start = (1, 1, *self.strides * 2), 2
        inputs = array_ops.expand_dims(inputs, spatial_start)
        depthwise_kernel = array_ops.expand_dims(self.depthwise_kernel, 0)
        pointwise_kernel = array_ops.expand_dims(self.pointwise_kernel, 0)
        outputs = nn_separable_conv2d(inputs, depthwise_kernel, pointwise_kernel, strides=list(strides),
                                      padding=self._op_padding(), rate=(1, *self.dilation_rate),
                                      data_format=self._format4())
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias, data_format=self._format4())
        outputs = array_ops.squeeze(outputs, [spatial_start])
        return self.activation(outputs) if self.activation is not None else outputs


class SeparableConv2D(_SeparableConv):
    """A depthwise separable 2-D convolution.

    >>> import scopeflow as tf
    >>> y = tf.layers.separable_conv2d(tf.placeholder(tf.float32, [None, 6, 6, 3]), 4, 3)
    >>> y.name, y.shape.as_list()
    ('separable_conv2d/BiasAdd:0', [None, 4, 4, 4])
    """

    rank = 2

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
                 dilation_rate=(1, 1), depth_multiplier=1, activation=None, use_bias=True, depthwise_initializer=None,
                 pointwise_initializer=None, bias_initializer=initializers.zeros_initializer(),
                 depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None, pointwise_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
                         dilation_rate=dilation_rate, depth_multiplier=depth_multiplier, activation=activation,
                         use_bias=use_bias, depthwise_initializer=depthwise_initializer,
                         pointwise_initializer=pointwise_initializer, bias_initializer=bias_initializer,
                         depthwise_regularizer=depthwise_regularizer, pointwise_regularizer=pointwise_regularizer,
                         bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                         depthwise_constraint=depthwise_constraint, pointwise_constraint=pointwise_constraint,
                         bias_constraint=bias_constraint, trainable=trainable, name=name, **kwargs)

    def call(self, inputs):
        strides = (1, *self.strides, 1) if self.data_format == "channels_last" else (1, 1, *self.strides)
        outputs = nn_separable_conv2d(inputs, self.depthwise_kernel, self.pointwise_kernel, strides=list(strides),
                                      padding=self.padding.upper(), dilations=self.dilation_rate,
                                      data_format=self._format4())
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias, data_format=self._format4())
        return self.activation(outputs) if self.activation is not None else outputs


def _functional(cls, inputs, name, reuse, **arguments):
    return cls(name=name, _reuse=reuse, _scope=name, **arguments)(inputs)


def separable_conv1d(inputs, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                     dilation_rate=1, depth_multiplier=1, activation=None, use_bias=True, depthwise_initializer=None,
                     pointwise_initializer=None, bias_initializer=initializers.zeros_initializer(),
                     depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
                     activity_regularizer=None, depthwise_constraint=None, pointwise_constraint=None,
                     bias_constraint=None, trainable=True, name=None, reuse=None):
    """Functional ``SeparableConv1D``: ``name`` opens the layer's variable scope, ``reuse`` shares it."""
    return _functional(SeparableConv1D, inputs, name, reuse, filters=filters, kernel_size=kernel_size,
                       strides=strides, padding=padding, data_format=data_format, dilation_rate=dilation_rate,
                       depth_multiplier=depth_multiplier, activation=activation, use_bias=use_bias,
                       depthwise_initializer=depthwise_initializer, pointwise_initializer=pointwise_initializer,
                       bias_initializer=bias_initializer, depthwise_regularizer=depthwise_regularizer,
                       pointwise_regularizer=pointwise_regularizer, bias_regularizer=bias_regularizer,
                       activity_regularizer=activity_regularizer, depthwise_constraint=depthwise_constraint,
                       pointwise_constraint=pointwise_constraint, bias_constraint=bias_constraint,
                       trainable=trainable)


def separable_conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
                     dilation_rate=(1, 1), depth_multiplier=1, activation=None, use_bias=True,
                     depthwise_initializer=None, pointwise_initializer=None,
                     bias_initializer=initializers.zeros_initializer(), depthwise_regularizer=None,
                     pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                     depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None, trainable=True,
                     name=None, reuse=None):
    """Functional ``SeparableConv2D``: ``name`` opens the layer's variable scope, ``reuse`` shares it."""
    return _functional(SeparableConv2D, inputs, name, reuse, filters=filters, kernel_size=kernel_size,
                       strides=strides, padding=padding, data_format=data_format, dilation_rate=dilation_rate,
                       depth_multiplier=depth_multiplier, activation=activation, use_bias=use_bias,
                       depthwise_initializer=depthwise_initializer, pointwise_initializer=pointwise_initializer,
                       bias_initializer=bias_initializer, depthwise_regularizer=depthwise_regularizer,
                       pointwise_regularizer=pointwise_regularizer, bias_regularizer=bias_regularizer,
                       activity_regularizer=activity_regularizer, depthwise_constraint=depthwise_constraint,
                       pointwise_constraint=pointwise_constraint, bias_constraint=bias_constraint,
                       trainable=trainable)

"""``Conv2DTranspose`` and ``Conv3DTranspose`` with ``conv2d_transpose`` and ``conv3d_transpose``.

Both build their output shape from ``tf.shape`` (``Shape``, ``strided_slice``, ``stack``) as
tf-keras does, then one ``Conv2DBackpropInput`` (``Conv3DBackpropInputV2``) op named
``conv2d_transpose/conv2d_transpose`` (``conv3d_transpose/conv3d_transpose``). The 2-D layer
takes static spatial sizes as Python numbers; the 3-D one always reads them from the shape
tensor (``mul``/``add`` ops), as tf-keras's does.
"""

from __future__ import annotations

from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.layers import conv_utils, kernel_bias
from scopeflow._src.layers.convolutional import Conv2D, Conv3D
from scopeflow._src.layers.input_spec import InputSpec
from scopeflow._src.ops import array_ops, nn_ops
from scopeflow._src.variables import initializers


def _build_transpose(layer, input_shape, class_name):
    """A transposed convolution's ``build``: the kernel ``kernel_size + (filters, in_channels)`` and bias."""
    input_shape = TensorShape(input_shape)
    ndim = layer.rank + 2
    if len(input_shape) != ndim:
        raise ValueError(f"Inputs should have rank {ndim}. Received input_shape={input_shape}.")
    axis = layer._channel_axis()
    if input_shape.dims[axis].value is None:
        raise ValueError(f"The channel dimension of the inputs to `{class_name}` should be defined. The "
                         f"input_shape received is {input_shape}, where axis {axis} (0-based) is the channel "
                         f"dimension, which found to be `None`.")
    channels = int(input_shape[axis])
    layer.input_spec = InputSpec(ndim=ndim, axes={axis: channels})
    kernel_bias.add_kernel_and_bias(layer, layer.kernel_size + (layer.filters, channels), (layer.filters,))
    layer.built = True


class Conv2DTranspose(Conv2D):
    """The transpose of ``Conv2D`` (a "deconvolution"), kernel shape ``[h, w, filters, in_channels]``.

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.float32, [None, 4, 4, 3])
    >>> y = tf.layers.conv2d_transpose(x, 2, 3, strides=2, padding="same")
    >>> y.name, y.shape.as_list()
    ('conv2d_transpose/BiasAdd:0', [None, 8, 8, 2])
    """

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
                 activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=initializers.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
                 **kwargs):
        super().__init__(filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
                         activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, trainable=trainable,
                         name=name, **kwargs)

    def build(self, input_shape):
        _build_transpose(self, input_shape, "Conv2DTranspose")

    def _output_length(self, length, i):
        return conv_utils.deconv_output_length(length, self.kernel_size[i], padding=self.padding,
                                               stride=self.strides[i], dilation=self.dilation_rate[i])

    def call(self, inputs):
        inputs_shape = array_ops.shape(inputs)
        batch_size = inputs_shape[0]
        h_axis, w_axis = (2, 3) if self.data_format == "channels_first" else (1, 2)
        dims = inputs.shape.as_list() if inputs.shape.rank is not None else [None] * 4
        height = dims[h_axis] if dims[h_axis] is not None else inputs_shape[h_axis]
        width = dims[w_axis] if dims[w_axis] is not None else inputs_shape[w_axis]
        out_h, out_w = self._output_length(height, 0), self._output_length(width, 1)
        if self.data_format == "channels_first":
            output_shape = (batch_size, self.filters, out_h, out_w)
        else:
            output_shape = (batch_size, out_h, out_w, self.filters)
        output_shape_tensor = array_ops.stack(list(output_shape))
        _ = output_shape_tensor[0]  # tf-keras's backend slices the batch size here (an unused strided_slice_1)
        outputs = nn_ops.conv2d_transpose(inputs, self.kernel, output_shape_tensor, strides=self._full(self.strides),
                                            padding=self.padding.upper(), data_format=self._tf_data_format)
        if inputs.shape.rank:
            outputs.set_shape(self.compute_output_shape(inputs.shape))
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias, data_format=self._tf_data_format)
        return self.activation(outputs) if self.activation is not None else outputs

    def compute_output_shape(self, input_shape):
        out = TensorShape(input_shape).as_list()
        c_axis, h_axis, w_axis = (1, 2, 3) if self.data_format == "channels_first" else (3, 1, 2)
        out[c_axis] = self.filters
        out[h_axis] = self._output_length(out[h_axis], 0)
        out[w_axis] = self._output_length(out[w_axis], 1)
        return TensorShape(out)


class Conv3DTranspose(Conv3D):
    """The transpose of ``Conv3D``, kernel shape ``[d, h, w, filters, in_channels]``.

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.float32, [None, 4, 4, 4, 3])
    >>> y = tf.layers.conv3d_transpose(x, 2, 3, strides=2, padding="same")
    >>> y.name, y.shape.as_list()
    ('conv3d_transpose/BiasAdd:0', [None, 8, 8, 8, 2])
    """

    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid", data_format="channels_last",
                 activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=initializers.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
                 **kwargs):
        super().__init__(filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
                         activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, trainable=trainable,
                         name=name, **kwargs)

    def build(self, input_shape):
        _build_transpose(self, input_shape, "Conv3DTranspose")

    def _spatial_axes(self):
        return (2, 3, 4) if self.data_format == "channels_first" else (1, 2, 3)

    def call(self, inputs):
        # the 3-D ops load on first use (import time)
        from scopeflow._src.ops.nn import volumetric

        inputs_shape = array_ops.shape(inputs)
        batch_size = inputs_shape[0]
        sizes = [inputs_shape[a] for a in self._spatial_axes()]
        out = [conv_utils.deconv_output_length(size, self.kernel_size[i], padding=self.padding,
                                               stride=self.strides[i]) for i, size in enumerate(sizes)]
        if self.data_format == "channels_first":
            output_shape = (batch_size, self.filters, *out)
        else:
            output_shape = (batch_size, *out, self.filters)
        outputs = volumetric.conv3d_transpose(inputs, self.kernel, array_ops.stack(list(output_shape)),
                                              self._full(self.strides), data_format=self._tf_data_format,
                                              padding=self.padding.upper())
        if inputs.shape.rank:
            outputs.set_shape(self.compute_output_shape(inputs.shape))
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias,
                                      data_format=conv_utils.convert_data_format(self.data_format, 4))
        return self.activation(outputs) if self.activation is not None else outputs

    def compute_output_shape(self, input_shape):
        out = TensorShape(input_shape).with_rank(5).as_list()
        channel = 1 if self.data_format == "channels_first" else 4
        out[channel] = self.filters
        for i, axis in enumerate(self._spatial_axes()):
            out[axis] = conv_utils.deconv_output_length(out[axis], self.kernel_size[i], padding=self.padding,
                                                        stride=self.strides[i])
        return TensorShape(out)


def conv2d_transpose(inputs, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
                     activation=None, use_bias=True, kernel_initializer=None,
                     bias_initializer=initializers.zeros_initializer(), kernel_regularizer=None,
                     bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                     trainable=True, name=None, reuse=None):
    """Functional ``Conv2DTranspose``."""
    layer = Conv2DTranspose(filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
                            data_format=data_format, activation=activation, use_bias=use_bias,
                            kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                            kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                            activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                            bias_constraint=bias_constraint, trainable=trainable, name=name, _reuse=reuse,
                            _scope=name)
    return layer(inputs)


def conv3d_transpose(inputs, filters, kernel_size, strides=(1, 1, 1), padding="valid", data_format="channels_last",
                     activation=None, use_bias=True, kernel_initializer=None,
                     bias_initializer=initializers.zeros_initializer(), kernel_regularizer=None,
                     bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                     trainable=True, name=None, reuse=None):
    """Functional ``Conv3DTranspose``."""
    layer = Conv3DTranspose(filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
                            data_format=data_format, activation=activation, use_bias=use_bias,
                            kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                            kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                            activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                            bias_constraint=bias_constraint, trainable=trainable, name=name, _reuse=reuse,
                            _scope=name)
    return layer(inputs)

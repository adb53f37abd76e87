"""``Conv2D`` and ``Conv2DTranspose`` with their functional forms ``conv2d`` and ``conv2d_transpose``.

The ops are tf-keras's: ``conv2d/Conv2D`` then ``conv2d/BiasAdd``; the transpose builds its
output shape from ``tf.shape`` (``Shape``, ``strided_slice``, ``stack``) and a
``Conv2DBackpropInput`` op named ``conv2d_transpose/conv2d_transpose``. Difference from
TensorFlow: a dilated ``Conv2D`` is one ``Conv2D`` op with a ``dilations`` attribute, where
``tf.nn.convolution`` builds ``SpaceToBatchND``/``BatchToSpaceND`` around it (same values).
"""

from __future__ import annotations

from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.layers import conv_utils, kernel_bias
from scopeflow._src.layers.base import Layer
from scopeflow._src.layers.input_spec import InputSpec
from scopeflow._src.ops import array_ops, nn_ops
from scopeflow._src.variables import initializers


class Conv2D(Layer):
    """A 2-D convolution layer (``activation(conv2d(inputs, kernel) + bias)``).

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.float32, [None, 8, 8, 3])
    >>> y = tf.layers.conv2d(x, 4, 3, strides=2, padding="same")
    >>> y.name, y.shape.as_list()
    ('conv2d/BiasAdd:0', [None, 4, 4, 4])
    """

    rank = 2

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
                 dilation_rate=(1, 1), activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=initializers.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
                 **kwargs):
        super().__init__(trainable=trainable, name=name, activity_regularizer=activity_regularizer, **kwargs)
        if isinstance(filters, float):
            filters = int(filters)
        if filters is not None and filters <= 0:
            raise ValueError(f"Invalid value for argument `filters`. Expected a strictly positive value. Received "
                             f"filters={filters}.")
        self.filters = filters
        self.kernel_size = conv_utils.normalize_tuple(kernel_size, self.rank, "kernel_size")
        self.strides = conv_utils.normalize_tuple(strides, self.rank, "strides", allow_zero=True)
        self.padding = conv_utils.normalize_padding(padding)
        self.data_format = conv_utils.normalize_data_format(data_format)
        self.dilation_rate = conv_utils.normalize_tuple(dilation_rate, self.rank, "dilation_rate")
        kernel_bias.configure(self, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                              bias_regularizer, kernel_constraint, bias_constraint)
        self.input_spec = InputSpec(min_ndim=self.rank + 2)
        self._validate_init()
        self._tf_data_format = conv_utils.convert_data_format(self.data_format, self.rank + 2)

    def _validate_init(self):
        if not all(self.kernel_size):
            raise ValueError(f"The argument `kernel_size` cannot contain 0(s). Received: {self.kernel_size}")
        if not all(self.strides):
            raise ValueError(f"The argument `strides` cannot contains 0(s). Received: {self.strides}")
        if self.padding == "causal":
            raise ValueError("Causal padding is only supported for `Conv1D`and `SeparableConv1D`.")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(f"`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: "
                             f"strides={self.strides} and dilation_rate={self.dilation_rate}")

    def _channel_axis(self):
        return -1 - self.rank if self.data_format == "channels_first" else -1

    def _input_channel(self, input_shape):
        axis = self._channel_axis()
        if input_shape.dims[axis].value is None:
            raise ValueError(f"The channel dimension of the inputs should be defined. The input_shape received is "
                             f"{input_shape}, where axis {axis} (0-based) is the channel dimension, which found to "
                             f"be `None`.")
        return int(input_shape[axis])

    def build(self, input_shape):
        input_shape = TensorShape(input_shape)
        channels = self._input_channel(input_shape)
        self.compute_output_shape(input_shape)
        kernel_bias.add_kernel_and_bias(self, self.kernel_size + (channels, self.filters), (self.filters,))
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={self._channel_axis(): channels})
        self.built = True

    def _full(self, values):
        return [1, *values, 1] if self.data_format == "channels_last" else [1, 1, *values]

    def call(self, inputs):
        input_shape = inputs.shape
        padding = self.padding.upper() if isinstance(self.padding, str) else self.padding
        outputs = nn_ops.conv2d(inputs, self.kernel, strides=self._full(self.strides), padding=padding,
                                  data_format=self._tf_data_format, dilations=self._full(self.dilation_rate),
                                  name=type(self).__name__)
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias, data_format=self._tf_data_format)
        if input_shape.rank:
            outputs.set_shape(self.compute_output_shape(input_shape))
        return self.activation(outputs) if self.activation is not None else outputs

    def compute_output_shape(self, input_shape):
        dims = TensorShape(input_shape).as_list()
        batch_rank = len(dims) - self.rank - 1
        spatial = dims[batch_rank:-1] if self.data_format == "channels_last" else dims[batch_rank + 1:]
        out = [conv_utils.conv_output_length(length, self.kernel_size[i], padding=self.padding, stride=self.strides[i],
                                             dilation=self.dilation_rate[i]) for i, length in enumerate(spatial)]
        if any(d is not None and d < 0 for d in out):
            raise ValueError(f"One of the dimensions in the output is <= 0 due to downsampling in {self.name}. "
                             f"Consider increasing the input size. Received input shape {dims} which would "
                             f"produce output shape with a zero or negative value in a dimension.")
        if self.data_format == "channels_last":
            return TensorShape(dims[:batch_rank] + out + [self.filters])
        return TensorShape(dims[:batch_rank] + [self.filters] + out)


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
        input_shape = TensorShape(input_shape)
        if len(input_shape) != 4:
            raise ValueError(f"Inputs should have rank 4. Received input_shape={input_shape}.")
        axis = self._channel_axis()
        if input_shape.dims[axis].value is None:
            raise ValueError(f"The channel dimension of the inputs to `Conv2DTranspose` should be defined. The "
                             f"input_shape received is {input_shape}, where axis {axis} (0-based) is the channel "
                             f"dimension, which found to be `None`.")
        channels = int(input_shape[axis])
        self.input_spec = InputSpec(ndim=4, axes={axis: channels})
        kernel_bias.add_kernel_and_bias(self, self.kernel_size + (self.filters, channels), (self.filters,))
        self.built = True

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


def conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
           dilation_rate=(1, 1), activation=None, use_bias=True, kernel_initializer=None,
           bias_initializer=initializers.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
           activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
           reuse=None):
    """Functional ``Conv2D``: ``name`` opens the layer's variable scope, ``reuse`` shares it."""
    layer = Conv2D(filters=filters, kernel_size=kernel_size, strides=strides, padding=padding,
                   data_format=data_format, dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
                   kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                   kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                   activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                   bias_constraint=bias_constraint, trainable=trainable, name=name, _reuse=reuse, _scope=name)
    return layer(inputs)


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

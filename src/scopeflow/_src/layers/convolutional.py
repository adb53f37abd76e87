"""``Conv1D``, ``Conv2D`` and ``Conv3D`` with their functional forms ``conv1d``, ``conv2d`` and
``conv3d`` (the transposed convolutions are in ``conv_transpose.py``, the separable ones in
``separable.py``).

The ops are tf-keras's: ``conv2d/Conv2D`` then ``conv2d/BiasAdd``; ``Conv1D`` is TF's
``conv1d`` (``conv1d/Conv1D/ExpandDims``, a ``Conv2D`` named ``conv1d/Conv1D``, ``Squeeze``),
with a causal padding as a ``Pad`` op before it and, for ``channels_first``, its bias added by
``Reshape`` and ``add``; ``Conv3D`` is one ``Conv3D`` op. A dilated convolution is
``tf.nn.convolution``'s: the op between ``SpaceToBatchND`` and ``BatchToSpaceND``.
"""

from __future__ import annotations

from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.layers import conv_utils, kernel_bias
from scopeflow._src.layers.base import Layer
from scopeflow._src.layers.input_spec import InputSpec
from scopeflow._src.ops import array_ops, nn_ops
from scopeflow._src.ops.nn.conv import squeeze_batch_dims
from scopeflow._src.variables import initializers


class _Conv(Layer):
    """An N-D convolution layer (``activation(conv(inputs, kernel) + bias)``); ``rank`` is N."""

    rank = 2

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                 dilation_rate=1, activation=None, use_bias=True, kernel_initializer=None,
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
        if self.padding == "causal" and self.rank != 1:
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

    def _op_padding(self):
        if self.padding == "causal":
            return "VALID"
        return self.padding.upper() if isinstance(self.padding, str) else self.padding

    def _convolution(self, inputs):
        if max(self.dilation_rate) > 1:
            # tf.nn.convolution's dilated path (SpaceToBatchND ...) loads on first use (import time)
            from scopeflow._src.ops.nn import volumetric

            return volumetric.convolution(inputs, self.kernel, self._op_padding(), strides=list(self.strides),
                                          dilations=list(self.dilation_rate), data_format=self._tf_data_format,
                                          name=type(self).__name__)
        return self._undilated(inputs)

    def _undilated(self, inputs):
        return nn_ops.conv2d(inputs, self.kernel, strides=self._full(self.strides), padding=self._op_padding(),
                             data_format=self._tf_data_format, dilations=self._full(self.dilation_rate),
                             name=type(self).__name__)

    def call(self, inputs):
        input_shape = inputs.shape
        if self.padding == "causal":
            inputs = array_ops.pad(inputs, self._causal_padding(inputs))
        outputs = self._convolution(inputs)
        if self.use_bias:
            if self.rank == 1 and self.data_format == "channels_first":  # bias_add takes no 1-D input
                outputs += array_ops.reshape(self.bias, (1, self.filters, 1))
            elif outputs.shape.rank is not None and outputs.shape.rank > 2 + self.rank:  # several batch dims
                outputs = squeeze_batch_dims(
                    outputs, lambda o: nn_ops.bias_add(o, self.bias, data_format=self._tf_data_format),
                    inner_rank=self.rank + 1)
            else:
                outputs = nn_ops.bias_add(outputs, self.bias, data_format=self._tf_data_format)
        if input_shape.rank:
            outputs.set_shape(self.compute_output_shape(input_shape))
        return self.activation(outputs) if self.activation is not None else outputs

    def _causal_padding(self, inputs):
        left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
        batch_rank = 1 if inputs.shape.rank is None else inputs.shape.rank - 2
        if self.data_format == "channels_last":
            return [[0, 0]] * batch_rank + [[left, 0], [0, 0]]
        return [[0, 0]] * batch_rank + [[0, 0], [left, 0]]

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


class Conv1D(_Conv):
    """A 1-D (temporal) convolution layer; ``padding="causal"`` pads on the left only.

    >>> import scopeflow as tf
    >>> y = tf.layers.conv1d(tf.placeholder(tf.float32, [None, 10, 3]), 4, 3)
    >>> y.name, y.shape.as_list()
    ('conv1d/BiasAdd:0', [None, 8, 4])
    """

    rank = 1

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                 dilation_rate=1, activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=initializers.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
                 **kwargs):
        super().__init__(filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
                         dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                         bias_constraint=bias_constraint, trainable=trainable, name=name, **kwargs)

    def _undilated(self, inputs):
        return nn_ops.conv1d(inputs, self.kernel, stride=list(self.strides), padding=self._op_padding(),
                             data_format=self._tf_data_format, dilations=list(self.dilation_rate),
                             name=type(self).__name__)


class Conv2D(_Conv):
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
        super().__init__(filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
                         dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                         bias_constraint=bias_constraint, trainable=trainable, name=name, **kwargs)


class Conv3D(_Conv):
    """A 3-D (volumetric) convolution layer (a ``Conv3D`` op).

    >>> import scopeflow as tf
    >>> y = tf.layers.conv3d(tf.placeholder(tf.float32, [None, 6, 6, 6, 1]), 4, 3)
    >>> y.name, y.shape.as_list()
    ('conv3d/BiasAdd:0', [None, 4, 4, 4, 4])
    """

    rank = 3

    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid", data_format="channels_last",
                 dilation_rate=(1, 1, 1), activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=initializers.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
                 **kwargs):
        super().__init__(filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
                         dilation_rate=dilation_rate, activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                         bias_constraint=bias_constraint, trainable=trainable, name=name, **kwargs)

    def _undilated(self, inputs):
        # the 3-D ops load on first use (import time)
        from scopeflow._src.ops.nn import volumetric

        with name_scope(type(self).__name__) as scope:
            return volumetric.conv3d_expanded_batch(inputs, self.kernel, self._full(self.strides),
                                                    self._op_padding(), data_format=self._tf_data_format,
                                                    dilations=self._full(self.dilation_rate), name=scope)


def _functional(cls, inputs, name, reuse, **arguments):
    return cls(name=name, _reuse=reuse, _scope=name, **arguments)(inputs)


def conv1d(inputs, filters, kernel_size, strides=1, padding="valid", data_format="channels_last", dilation_rate=1,
           activation=None, use_bias=True, kernel_initializer=None, bias_initializer=initializers.zeros_initializer(),
           kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
           bias_constraint=None, trainable=True, name=None, reuse=None):
    """Functional ``Conv1D``: ``name`` opens the layer's variable scope, ``reuse`` shares it."""
    return _functional(Conv1D, inputs, name, reuse, filters=filters, kernel_size=kernel_size, strides=strides,
                       padding=padding, data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                       use_bias=use_bias, kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                       kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                       activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                       bias_constraint=bias_constraint, trainable=trainable)


def conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
           dilation_rate=(1, 1), activation=None, use_bias=True, kernel_initializer=None,
           bias_initializer=initializers.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
           activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
           reuse=None):
    """Functional ``Conv2D``: ``name`` opens the layer's variable scope, ``reuse`` shares it."""
    return _functional(Conv2D, inputs, name, reuse, filters=filters, kernel_size=kernel_size, strides=strides,
                       padding=padding, data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                       use_bias=use_bias, kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                       kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                       activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                       bias_constraint=bias_constraint, trainable=trainable)


def conv3d(inputs, filters, kernel_size, strides=(1, 1, 1), padding="valid", data_format="channels_last",
           dilation_rate=(1, 1, 1), activation=None, use_bias=True, kernel_initializer=None,
           bias_initializer=initializers.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
           activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
           reuse=None):
    """Functional ``Conv3D``: ``name`` opens the layer's variable scope, ``reuse`` shares it."""
    return _functional(Conv3D, inputs, name, reuse, filters=filters, kernel_size=kernel_size, strides=strides,
                       padding=padding, data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                       use_bias=use_bias, kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                       kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                       activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                       bias_constraint=bias_constraint, trainable=trainable)

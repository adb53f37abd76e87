"""``MaxPooling2D`` and ``AveragePooling2D`` with ``max_pooling2d`` and ``average_pooling2d``.

The ops are ``max_pooling2d/MaxPool`` and ``average_pooling2d/AvgPool``; the layers have no
variables. As in tf-keras, the functional forms do not share a scope through ``name``.
"""

from __future__ import annotations

from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.layers import conv_utils
from scopeflow._src.layers.base import Layer
from scopeflow._src.layers.input_spec import InputSpec
from scopeflow._src.ops import nn_ops


class _Pooling2D(Layer):
    """Shared by the 2-D pooling layers: ``pool_size``, ``strides`` (default ``pool_size``), padding."""

    def __init__(self, pool_function, pool_size, strides, padding="valid", data_format="channels_last", name=None,
                 **kwargs):
        super().__init__(name=name, **kwargs)
        self.pool_function = pool_function
        if data_format is None:
            data_format = "channels_last"
        if strides is None:
            strides = pool_size
        self.pool_size = conv_utils.normalize_tuple(pool_size, 2, "pool_size")
        self.strides = conv_utils.normalize_tuple(strides, 2, "strides", allow_zero=True)
        self.padding = conv_utils.normalize_padding(padding)
        self.data_format = conv_utils.normalize_data_format(data_format)
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        if self.data_format == "channels_last":
            pool_shape, strides = (1, *self.pool_size, 1), (1, *self.strides, 1)
        else:
            pool_shape, strides = (1, 1, *self.pool_size), (1, 1, *self.strides)
        data_format = conv_utils.convert_data_format(self.data_format, 4)
        return self.pool_function(inputs, ksize=list(pool_shape), strides=list(strides),
                                  padding=self.padding.upper(), data_format=data_format)

    def compute_output_shape(self, input_shape):
        dims = TensorShape(input_shape).as_list()
        rows, cols = (dims[2], dims[3]) if self.data_format == "channels_first" else (dims[1], dims[2])
        rows = conv_utils.conv_output_length(rows, self.pool_size[0], self.padding, self.strides[0])
        cols = conv_utils.conv_output_length(cols, self.pool_size[1], self.padding, self.strides[1])
        if self.data_format == "channels_first":
            return TensorShape([dims[0], dims[1], rows, cols])
        return TensorShape([dims[0], rows, cols, dims[3]])


class MaxPooling2D(_Pooling2D):
    """Max pooling over 2-D windows (a ``MaxPool`` op).

    >>> import scopeflow as tf
    >>> y = tf.layers.max_pooling2d(tf.placeholder(tf.float32, [None, 8, 8, 3]), 2, 2)
    >>> y.name, y.shape.as_list()
    ('max_pooling2d/MaxPool:0', [None, 4, 4, 3])
    """

    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last", name=None, **kwargs):
        super().__init__(nn_ops.max_pool, pool_size, strides, padding=padding, data_format=data_format,
                         name=name, **kwargs)


class AveragePooling2D(_Pooling2D):
    """Average pooling over 2-D windows (an ``AvgPool`` op)."""

    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last", name=None, **kwargs):
        super().__init__(nn_ops.avg_pool_v2, pool_size, strides, padding=padding, data_format=data_format,
                         name=name, **kwargs)


def max_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """Functional ``MaxPooling2D``."""
    return MaxPooling2D(pool_size=pool_size, strides=strides, padding=padding, data_format=data_format,
                        name=name)(inputs)


def average_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """Functional ``AveragePooling2D``."""
    return AveragePooling2D(pool_size=pool_size, strides=strides, padding=padding, data_format=data_format,
                            name=name)(inputs)

"""The pooling layers, 1-D to 3-D: ``MaxPooling1D/2D/3D``, ``AveragePooling1D/2D/3D`` and their
functional forms; they have no variables.

The ops are tf-keras's: ``max_pooling2d/MaxPool`` (``AvgPool``) with the layer's data format;
the 1-D layers pool a 2-D view (``ExpandDims``, ``MaxPool``, ``Squeeze``, with ``transpose``
ops around the pooling for ``channels_first``); the 3-D layers run ``MaxPool3D``/``AvgPool3D``
in ``NDHWC`` (``transpose`` ops around them for ``channels_first``). As in tf-keras, the
functional forms do not share a scope through ``name``.
"""

from __future__ import annotations

from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.layers import conv_utils
from scopeflow._src.layers.base import Layer
from scopeflow._src.layers.input_spec import InputSpec
from scopeflow._src.ops import array_ops, nn_ops


class _Pooling(Layer):
    """Shared by the pooling layers: ``pool_size``, ``strides``, ``padding``, ``data_format``."""

    rank = 2
    max = True

    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last", name=None, **kwargs):
        if strides is None:
            raise ValueError("Argument `strides` must not be None.")
        super().__init__(name=name, **kwargs)
        self.pool_size = conv_utils.normalize_tuple(pool_size, self.rank, "pool_size")
        self.strides = conv_utils.normalize_tuple(strides, self.rank, "strides", allow_zero=True)
        self.padding = conv_utils.normalize_padding(padding)
        self.data_format = conv_utils.normalize_data_format(data_format)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def compute_output_shape(self, input_shape):
        dims = TensorShape(input_shape).as_list()
        first = self.data_format == "channels_first"
        spatial = dims[2:] if first else dims[1:-1]
        out = [conv_utils.conv_output_length(size, k, self.padding, s)
               for size, k, s in zip(spatial, self.pool_size, self.strides)]
        if first:
            return TensorShape([dims[0], dims[1], *out])
        return TensorShape([dims[0], *out, dims[-1]])


class _Pooling1D(_Pooling):
    rank = 1

    def call(self, inputs):
        pad_axis = 2 if self.data_format == "channels_last" else 3
        inputs = array_ops.expand_dims(inputs, pad_axis)
        if self.data_format == "channels_first":  # tf-keras pools NHWC on the CPU
            inputs = array_ops.transpose(inputs, (0, 2, 3, 1))
        pool = nn_ops.max_pool if self.max else nn_ops.avg_pool
        outputs = pool(inputs, [1, self.pool_size[0], 1, 1], [1, self.strides[0], 1, 1], padding=self.padding.upper(),
                       data_format="NHWC")
        if self.data_format == "channels_first":
            outputs = array_ops.transpose(outputs, (0, 3, 1, 2))
        return array_ops.squeeze(outputs, pad_axis)


class _Pooling2D(_Pooling):
    rank = 2

    def call(self, inputs):
        if self.data_format == "channels_last":
            pool_shape, strides = (1, *self.pool_size, 1), (1, *self.strides, 1)
        else:
            pool_shape, strides = (1, 1, *self.pool_size), (1, 1, *self.strides)
        pool = nn_ops.max_pool if self.max else nn_ops.avg_pool_v2
        return pool(inputs, ksize=list(pool_shape), strides=list(strides), padding=self.padding.upper(),
                    data_format=conv_utils.convert_data_format(self.data_format, 4))


class _Pooling3D(_Pooling):
    rank = 3

    def call(self, inputs):
        # the 3-D ops load on first use (import time)
        from scopeflow._src.ops.nn import volumetric

        if self.data_format == "channels_first":
            inputs = array_ops.transpose(inputs, (0, 2, 3, 4, 1))
        pool = volumetric.max_pool3d if self.max else volumetric.avg_pool3d
        outputs = pool(inputs, ksize=[1, *self.pool_size, 1], strides=[1, *self.strides, 1],
                       padding=self.padding.upper())
        if self.data_format == "channels_first":
            outputs = array_ops.transpose(outputs, (0, 4, 1, 2, 3))
        return outputs


class MaxPooling1D(_Pooling1D):
    """Max pooling over 1-D windows.

    >>> import scopeflow as tf
    >>> y = tf.layers.max_pooling1d(tf.placeholder(tf.float32, [None, 10, 3]), 2, 2)
    >>> y.name, y.shape.as_list()
    ('max_pooling1d/Squeeze:0', [None, 5, 3])
    """


class AveragePooling1D(_Pooling1D):
    """Average pooling over 1-D windows."""

    max = False


class MaxPooling2D(_Pooling2D):
    """Max pooling over 2-D windows (a ``MaxPool`` op).

    >>> import scopeflow as tf
    >>> y = tf.layers.max_pooling2d(tf.placeholder(tf.float32, [None, 8, 8, 3]), 2, 2)
    >>> y.name, y.shape.as_list()
    ('max_pooling2d/MaxPool:0', [None, 4, 4, 3])
    """


class AveragePooling2D(_Pooling2D):
    """Average pooling over 2-D windows (an ``AvgPool`` op)."""

    max = False


class MaxPooling3D(_Pooling3D):
    """Max pooling over 3-D windows (a ``MaxPool3D`` op).

    >>> import scopeflow as tf
    >>> y = tf.layers.max_pooling3d(tf.placeholder(tf.float32, [None, 4, 4, 4, 3]), 2, 2)
    >>> y.name, y.shape.as_list()
    ('max_pooling3d/MaxPool3D:0', [None, 2, 2, 2, 3])
    """


class AveragePooling3D(_Pooling3D):
    """Average pooling over 3-D windows (an ``AvgPool3D`` op)."""

    max = False


def _pool(cls, inputs, pool_size, strides, padding, data_format, name):
    return cls(pool_size=pool_size, strides=strides, padding=padding, data_format=data_format, name=name)(inputs)


def max_pooling1d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """Functional ``MaxPooling1D``."""
    return _pool(MaxPooling1D, inputs, pool_size, strides, padding, data_format, name)


def average_pooling1d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """Functional ``AveragePooling1D``."""
    return _pool(AveragePooling1D, inputs, pool_size, strides, padding, data_format, name)


def max_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """Functional ``MaxPooling2D``."""
    return _pool(MaxPooling2D, inputs, pool_size, strides, padding, data_format, name)


def average_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """Functional ``AveragePooling2D``."""
    return _pool(AveragePooling2D, inputs, pool_size, strides, padding, data_format, name)


def max_pooling3d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """Functional ``MaxPooling3D``."""
    return _pool(MaxPooling3D, inputs, pool_size, strides, padding, data_format, name)


def average_pooling3d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    """Functional ``AveragePooling3D``."""
    return _pool(AveragePooling3D, inputs, pool_size, strides, padding, data_format, name)

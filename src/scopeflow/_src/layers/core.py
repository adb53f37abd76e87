"""``Dense``, ``Flatten`` and ``Dropout``, with their functional forms ``dense``, ``flatten``, ``dropout``.

The ops are tf-keras's: ``dense/MatMul`` then ``dense/BiasAdd`` (``dense/Tensordot`` for
inputs of rank above 2), ``flatten/Reshape``, and for dropout either ``dropout/Identity``
(not training) or ``tf.nn.dropout``'s ops (training); a ``training`` tensor builds both
branches in a ``tf.cond`` (``dropout/cond/Merge``).
"""

from __future__ import annotations

import functools
import operator

import numpy as np

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.tensor_shape import TensorShape, dimension_value
from scopeflow._src.layers import conv_utils, kernel_bias
from scopeflow._src.layers.base import Layer
from scopeflow._src.layers.input_spec import InputSpec
from scopeflow._src.layers.smart_cond import smart_cond
from scopeflow._src.ops import array_ops, math_ops, nn_ops
from scopeflow._src.variables import initializers


class Dense(Layer):
    """A densely connected layer: ``activation(inputs @ kernel + bias)``.

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.float32, [None, 4])
    >>> y = tf.layers.Dense(3)(x)
    >>> y.name, y.shape.as_list(), [v.name for v in tf.trainable_variables()]
    ('dense/BiasAdd:0', [None, 3], ['dense/kernel:0', 'dense/bias:0'])
    """

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=initializers.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
                 **kwargs):
        super().__init__(trainable=trainable, name=name, activity_regularizer=activity_regularizer, **kwargs)
        self.units = int(units) if not isinstance(units, int) else units
        if self.units < 0:
            raise ValueError(f"Received an invalid value for `units`, expected a positive integer. Received: "
                             f"units={units}")
        kernel_bias.configure(self, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                              bias_regularizer, kernel_constraint, bias_constraint)
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True

    def build(self, input_shape):
        dtype = dtypes.as_dtype(self.dtype or dtypes.float32)
        if not (dtype.is_floating or dtype.is_complex):
            raise TypeError(f"A Dense layer can only be built with a floating-point dtype. Received: dtype={dtype}")
        input_shape = TensorShape(input_shape)
        last_dim = dimension_value(input_shape[-1]) if input_shape.rank is not None else None
        if last_dim is None:
            raise ValueError(f"The last dimension of the inputs to a Dense layer should be defined. Found None. "
                             f"Full input shape received: {input_shape}")
        self.input_spec = InputSpec(min_ndim=2, axes={-1: last_dim})
        kernel_bias.add_kernel_and_bias(self, [last_dim, self.units], [self.units])
        self.built = True

    def call(self, inputs):
        if inputs.dtype.base_dtype != dtypes.as_dtype(self.dtype):
            inputs = math_ops.cast(inputs, self.dtype)
        rank = inputs.shape.rank
        if rank == 2 or rank is None:
            outputs = math_ops.matmul(inputs, self.kernel)
        else:
            outputs = math_ops.tensordot(inputs, self.kernel, [[rank - 1], [0]])
            outputs.set_shape(inputs.shape.as_list()[:-1] + [self.kernel.shape[-1]])
        if self.use_bias:
            outputs = nn_ops.bias_add(outputs, self.bias)
        if self.activation is not None:
            outputs = self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        input_shape = TensorShape(input_shape).with_rank_at_least(2)
        if dimension_value(input_shape[-1]) is None:
            raise ValueError(f"The last dimension of the input shape of a Dense layer should be defined. Found None. "
                             f"Received: input_shape={input_shape}")
        return input_shape[:-1].concatenate(self.units)


class Flatten(Layer):
    """Flattens all but the first (batch) dimension: ``flatten/Reshape``.

    >>> import scopeflow as tf
    >>> y = tf.layers.flatten(tf.placeholder(tf.float32, [None, 2, 3]))
    >>> y.name, y.shape.as_list()
    ('flatten/Reshape:0', [None, 6])
    """

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = conv_utils.normalize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=1)
        self._channels_first = self.data_format == "channels_first"

    def call(self, inputs):
        rank = inputs.shape.rank
        if self._channels_first and rank and rank > 1:
            inputs = array_ops.transpose(inputs, perm=[0, *range(2, rank), 1])
        if rank == 1:
            return array_ops.expand_dims(inputs, axis=1)
        shape = inputs.shape
        batch_dim = dimension_value(shape[0]) if rank is not None else None
        non_batch = shape[1:] if rank is not None else TensorShape(None)
        if non_batch.is_fully_defined():
            flattened_shape = constant([-1, int(functools.reduce(operator.mul, non_batch.as_list(), 1))])
        elif batch_dim is not None:
            flattened_shape = constant([int(batch_dim), -1])
        else:
            flattened_shape = [array_ops.shape(inputs)[0], -1]
        return array_ops.reshape(inputs, flattened_shape)

    def compute_output_shape(self, input_shape):
        dims = TensorShape(input_shape).as_list()
        out = [dims[0]] if dims else [1]
        out += [int(np.prod(dims[1:]))] if all(dims[1:]) else [None]
        return TensorShape(out)


class Dropout(Layer):
    """Randomly zeroes a fraction ``rate`` of the inputs when ``training`` (scaling the rest).

    ``training`` is a Python bool or a bool tensor; the default ``False`` returns
    ``tf.identity(inputs)``.
    """

    def __init__(self, rate=0.5, noise_shape=None, seed=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        if isinstance(rate, (int, float)) and not 0 <= rate <= 1:
            raise ValueError(f"Invalid value {rate} received for `rate`, expected a value between 0 and 1.")
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed
        self._next_seed = seed
        self.supports_masking = True

    def _make_seed(self):
        seed = self._next_seed
        if seed is not None:
            self._next_seed += 1
        return seed

    def _get_noise_shape(self, inputs):
        if self.noise_shape is None:
            return None
        concrete = array_ops.shape(inputs)
        return convert_to_tensor([concrete[i] if value is None else value for i, value in enumerate(self.noise_shape)])

    def call(self, inputs, training=False):
        if isinstance(self.rate, (int, float)) and self.rate == 0:
            return array_ops.identity(inputs)

        def dropped_inputs():
            return nn_ops.dropout_v2(inputs, rate=self.rate, noise_shape=self._get_noise_shape(inputs),
                                      seed=self._make_seed())
        return smart_cond(training, dropped_inputs, lambda: array_ops.identity(inputs))

    def compute_output_shape(self, input_shape):
        return input_shape


def dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None,
          bias_initializer=initializers.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
          activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
          reuse=None):
    """Functional ``Dense``: ``name`` opens the layer's variable scope, ``reuse`` shares it.

    >>> import scopeflow as tf
    >>> x = tf.placeholder(tf.float32, [None, 4])
    >>> a = tf.layers.dense(x, 3, name="fc")
    >>> b = tf.layers.dense(x, 3, name="fc", reuse=True)
    >>> a.name, b.name, len(tf.global_variables())
    ('fc/BiasAdd:0', 'fc_1/BiasAdd:0', 2)
    """
    layer = Dense(units, activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                  bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                  bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                  kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, trainable=trainable,
                  name=name, _scope=name, _reuse=reuse)
    return layer(inputs)


def flatten(inputs, name=None, data_format="channels_last"):
    """Functional ``Flatten``."""
    return Flatten(name=name, data_format=data_format)(inputs)


def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
    """Functional ``Dropout`` (``training`` defaults to ``False``: the identity)."""
    return Dropout(rate, noise_shape=noise_shape, seed=seed, name=name)(inputs, training=training)

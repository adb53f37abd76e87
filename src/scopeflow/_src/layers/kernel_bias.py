"""What ``Dense`` and ``Conv2D`` (and ``Conv2DTranspose``) share: the arguments configuring
a kernel and an optional bias, and creating those weights (kernel first, as tf-keras does,
so the variables are named and ordered ``<layer>/kernel``, ``<layer>/bias``)."""

from __future__ import annotations

from scopeflow._src.layers import lookup


def configure(layer, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
              bias_regularizer, kernel_constraint, bias_constraint) -> None:
    """Store the kernel/bias arguments on ``layer``, resolving activation and initializer names."""
    layer.activation = lookup.get_activation(activation)
    layer.use_bias = use_bias
    layer.kernel_initializer = lookup.get_initializer(kernel_initializer)
    layer.bias_initializer = lookup.get_initializer(bias_initializer)
    layer.kernel_regularizer = kernel_regularizer
    layer.bias_regularizer = bias_regularizer
    layer.kernel_constraint = kernel_constraint
    layer.bias_constraint = bias_constraint


def add_kernel_and_bias(layer, kernel_shape, bias_shape) -> None:
    """Create ``layer.kernel`` and ``layer.bias`` (``None`` without ``use_bias``)."""
    layer.kernel = layer.add_weight(name="kernel", shape=kernel_shape, initializer=layer.kernel_initializer,
                                    regularizer=layer.kernel_regularizer, constraint=layer.kernel_constraint,
                                    trainable=True, dtype=layer.dtype)
    layer.bias = None
    if layer.use_bias:
        layer.bias = layer.add_weight(name="bias", shape=bias_shape, initializer=layer.bias_initializer,
                                      regularizer=layer.bias_regularizer, constraint=layer.bias_constraint,
                                      trainable=True, dtype=layer.dtype)

"""Small composite ``tf.nn`` functions that TF1 models use for summaries and losses, built
from other ops with TensorFlow's structure and names: ``zero_fraction`` (CIFAR-10's
activation summaries), ``weighted_moments``, ``crelu`` and ``log_poisson_loss``.
"""

from __future__ import annotations

import math

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.common.arguments import deprecated_argument_lookup
from scopeflow._src.ops.nn.activations import relu

_INT32_MAX = 2**31 - 1


def _count_nonzero(value, dtype):
    with name_scope("count_nonzero", values=[value]):
        zero = array_ops.zeros([], dtype=value.dtype)
        nonzero = math_ops.cast(math_ops.not_equal(value, zero), dtype=dtype)
        return math_ops.reduce_sum(nonzero, name="nonzero_count")


def zero_fraction(value, name=None):
    """The fraction of zeros in ``value``, a float32 scalar (``zero_fraction/fraction``).

    As in TF, the count is an int32 sum under a ``cond`` when the size fits in int32.

    >>> import scopeflow as tf
    >>> with tf.Session() as sess:
    ...     float(sess.run(tf.nn.zero_fraction([0.0, 1.0, 0.0, 2.0])))
    0.5
    """
    # loaded on first use: conds are built by the control-flow subsystem, which costs import time
    from scopeflow._src.ops.control.cond import cond

    with name_scope(name, "zero_fraction", [value]):
        value = convert_to_tensor(value, name="value")
        size = array_ops.size(value, out_type=dtypes.int64)
        num_nonzero = cond(size <= _INT32_MAX,
                           true_fn=lambda: math_ops.cast(_count_nonzero(value, dtypes.int32), dtype=dtypes.int64),
                           false_fn=lambda: _count_nonzero(value, dtypes.int64))
        with name_scope("counts_to_fraction"):
            num_zero = size - num_nonzero
            fraction = math_ops.cast(num_zero, dtype=dtypes.float32) / math_ops.cast(size, dtype=dtypes.float32)
        return array_ops.identity(fraction, "fraction")


def weighted_moments(x, axes, frequency_weights, name=None, keep_dims=None, keepdims=None):
    """The mean and variance of ``x`` over ``axes``, each element counted ``frequency_weights``
    times (``div_no_nan``: an all-zero weight gives 0).

    >>> import scopeflow as tf
    >>> mean, var = tf.nn.weighted_moments([1.0, 3.0], [0], [1.0, 3.0])
    >>> [float(v) for v in tf.Session().run([mean, var])]
    [2.5, 0.75]
    """
    keep_dims = bool(deprecated_argument_lookup("keepdims", keepdims, "keep_dims", keep_dims))
    with name_scope(name, "weighted_moments", [x, frequency_weights, axes]):
        x = convert_to_tensor(x, name="x")
        frequency_weights = convert_to_tensor(frequency_weights, name="frequency_weights")
        needs_cast = x.dtype == dtypes.float16
        if needs_cast:
            x = math_ops.cast(x, dtypes.float32)
        if frequency_weights.dtype != x.dtype:
            frequency_weights = math_ops.cast(frequency_weights, x.dtype)
        input_sum = math_ops.reduce_sum(frequency_weights * x, axes, name="weighted_input_sum", keepdims=True)
        weights = frequency_weights + array_ops.zeros_like(x)
        weight_sum = math_ops.reduce_sum(weights, axes, name="sum_of_weights", keepdims=True)
        mean = math_ops.div_no_nan(input_sum, weight_sum)
        distsq = math_ops.reduce_sum(frequency_weights * math_ops.squared_difference(x, mean), axes,
                                     name="weighted_distsq", keepdims=True)
        variance = math_ops.div_no_nan(distsq, weight_sum)
        if not keep_dims:
            mean = array_ops.squeeze(mean, axis=axes)
            variance = array_ops.squeeze(variance, axis=axes)
        if needs_cast:
            mean, variance = math_ops.cast(mean, dtypes.float16), math_ops.cast(variance, dtypes.float16)
        return mean, variance


def crelu(features, name=None, axis=-1):
    """Concatenated ReLU: ``relu(concat([features, -features], axis))``, twice as deep.

    >>> import scopeflow as tf
    >>> tf.Session().run(tf.nn.crelu([1.0, -2.0])).tolist()
    [1.0, 0.0, 0.0, 2.0]
    """
    with name_scope(name, "CRelu", [features]) as scope:
        features = convert_to_tensor(features, name="features")
        return relu(array_ops.concat([features, -features], axis, name=scope))


def log_poisson_loss(targets, log_input, compute_full_loss=False, name=None):
    """``exp(log_input) - log_input * targets``, plus Stirling's approximation of
    ``log(targets!)`` for targets above 1 when ``compute_full_loss``.

    >>> import scopeflow as tf
    >>> round(float(tf.Session().run(tf.nn.log_poisson_loss(2.0, 0.0))), 3)
    1.0
    """
    with name_scope(name, "log_poisson_loss", [log_input, targets]):
        log_input = convert_to_tensor(log_input, name="log_input")
        targets = convert_to_tensor(targets, name="targets")
        if not targets.shape.is_compatible_with(log_input.shape):
            raise ValueError("`log_input` and `targets` must have the same shape, received "
                             f"({log_input.shape} vs {targets.shape}).")
        result = math_ops.exp(log_input) - log_input * targets
        if compute_full_loss:
            point_five = constant(0.5, dtype=targets.dtype)
            two_pi = constant(2 * math.pi, dtype=targets.dtype)
            stirling = targets * math_ops.log(targets) - targets + point_five * math_ops.log(two_pi * targets)
            zeros = array_ops.zeros_like(targets, dtype=targets.dtype)
            ones = array_ops.ones_like(targets, dtype=targets.dtype)
            small = math_ops.logical_and(targets >= zeros, targets <= ones)
            result += array_ops.where(small, zeros, stirling)
        return result

"""Composite nn functions built from other ops, with TensorFlow's structure and names:
``moments``, ``batch_normalization``, ``l2_normalize``, ``dropout``,
the sigmoid cross entropies, ``sufficient_statistics`` and ``normalize_moments``.
"""

from __future__ import annotations

import numbers

import numpy as np

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import get_seed, name_scope
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.tensor_shape import TensorShape, as_shape
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.common.arguments import deprecated_argument_lookup
from scopeflow._src.ops.nn.activations import relu
from scopeflow._src.ops.random import random_ops


# -- moments and batch normalisation -------------------------------------------------------------------
def moments(x, axes, shift=None, name=None, keep_dims=None, keepdims=None):
    """Mean and variance of ``x`` over ``axes`` (``moments/mean``, ``moments/variance``).

    As in TF, the variance is ``mean(squared_difference(x, stop_gradient(mean)))`` and the
    results are squeezed unless ``keepdims``; float16 is computed in float32.
    """
    keep_dims = bool(deprecated_argument_lookup("keepdims", keepdims, "keep_dims", keep_dims))
    with name_scope(name, "moments", [x, axes]):
        x = convert_to_tensor(x, name="x") if not isinstance(x, Tensor) else x
        y = math_ops.cast(x, dtypes.float32) if x.dtype.base_dtype == dtypes.float16 else x
        mean = math_ops.reduce_mean(y, axes, keepdims=True, name="mean")
        variance = math_ops.reduce_mean(math_ops.squared_difference(y, array_ops.stop_gradient(mean)), axes,
                                        keepdims=True, name="variance")
        if not keep_dims:
            mean = array_ops.squeeze(mean, axes)
            variance = array_ops.squeeze(variance, axes)
        if x.dtype.base_dtype == dtypes.float16:
            return math_ops.cast(mean, dtypes.float16), math_ops.cast(variance, dtypes.float16)
        return mean, variance


def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
    """``(x - mean) * scale / sqrt(variance + eps) + offset``, folded as TF folds it
    (``batchnorm/Rsqrt``, ``batchnorm/mul`` ...)."""
    with name_scope(name, "batchnorm", [x, mean, variance, scale, offset]):
        inv = math_ops.rsqrt(variance + variance_epsilon)
        if scale is not None:
            inv *= scale
        # Left to right, as TF builds it: x * inv first, then the shift.
        return x * math_ops.cast(inv, x.dtype) + math_ops.cast(
            offset - mean * inv if offset is not None else -mean * inv, x.dtype)


def sufficient_statistics(x, axes, shift=None, keep_dims=None, name=None, keepdims=None):
    """``(count, sum, sum of squares, shift)`` of ``x`` over ``axes`` (TF's ``sufficient_statistics``)."""
    axes = list(set(axes))
    keep_dims = bool(deprecated_argument_lookup("keepdims", keepdims, "keep_dims", keep_dims))
    with name_scope(name, "sufficient_statistics", [x, shift]):
        x = convert_to_tensor(x, name="x")
        dims = x.shape.as_list() if x.shape.ndims is not None else None
        if dims is not None and all(dims[d] is not None for d in axes):
            counts = constant(int(np.prod([dims[d] for d in axes])), dtype=x.dtype)
        else:
            rank = array_ops.rank(x)
            positive = [a + rank if a < 0 else a for a in axes]
            counts = math_ops.reduce_prod(array_ops.gather(math_ops.cast(array_ops.shape(x), x.dtype), positive),
                                          name="count")
        if shift is not None:
            shift = convert_to_tensor(shift, name="shift")
            m_ss, v_ss = math_ops.subtract(x, shift), math_ops.squared_difference(x, shift)
        else:
            m_ss, v_ss = x, math_ops.square(x)
        m_ss = math_ops.reduce_sum(m_ss, axes, keepdims=keep_dims, name="mean_ss")
        v_ss = math_ops.reduce_sum(v_ss, axes, keepdims=keep_dims, name="var_ss")
    return counts, m_ss, v_ss, shift


def normalize_moments(counts, mean_ss, variance_ss, shift, name=None):
    """Mean and variance from ``sufficient_statistics``."""
    with name_scope(name, "normalize", [counts, mean_ss, variance_ss, shift]):
        divisor = math_ops.reciprocal(counts, name="divisor")
        if shift is not None:
            shifted_mean = math_ops.multiply(mean_ss, divisor, name="shifted_mean")
            mean = math_ops.add(shifted_mean, shift, name="mean")
        else:
            shifted_mean = math_ops.multiply(mean_ss, divisor, name="mean")
            mean = shifted_mean
        variance = math_ops.subtract(math_ops.multiply(variance_ss, divisor), math_ops.square(shifted_mean),
                                     name="variance")
    return mean, variance


def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    """``x / sqrt(max(sum(x ** 2, axis), epsilon))`` (real dtypes)."""
    axis = deprecated_argument_lookup("axis", axis, "dim", dim)
    with name_scope(name, "l2_normalize", [x]) as scope:
        x = convert_to_tensor(x, name="x")
        square_sum = math_ops.reduce_sum(math_ops.square(x), axis, keepdims=True)
        x_inv_norm = math_ops.rsqrt(math_ops.maximum(square_sum, epsilon))
        return math_ops.multiply(x, x_inv_norm, name=scope)


# -- dropout -------------------------------------------------------------------------------------------------
def _noise_shape(x, noise_shape):
    if noise_shape is None:
        return array_ops.shape(x)
    try:
        given = as_shape(noise_shape)
    except (TypeError, ValueError):
        return noise_shape
    if x.shape.ndims is not None and given.ndims == x.shape.ndims:
        return TensorShape([d if g is None and d is not None else g
                            for d, g in zip(x.shape.as_list(), given.as_list())])
    return noise_shape


def dropout(x, keep_prob=None, noise_shape=None, seed=None, name=None, rate=None):
    """Zero each element with probability ``rate`` (or ``1 - keep_prob``) and scale the rest
    by ``1 / (1 - rate)``: TF's ``Mul``/``RealDiv``, ``random_uniform``, ``GreaterEqual`` and
    ``SelectV2``. Seeded like every random op; values differ from TF's stream.
    """
    try:
        from_keep_prob = 1.0 - keep_prob if keep_prob is not None else None
    except TypeError:
        raise ValueError(f"`keep_prob` must be a floating point number or Tensor. Received: "
                         f"keep_prob={keep_prob}") from None
    rate = deprecated_argument_lookup("rate", rate, "keep_prob", from_keep_prob)
    if rate is None:
        raise ValueError(f"`rate` must be provided. Received: rate={rate}")
    return dropout_v2(x, rate, noise_shape=noise_shape, seed=seed, name=name)


def dropout_v2(x, rate, noise_shape=None, seed=None, name=None):
    """``tf.nn.dropout`` with the TF2 signature (``rate`` only)."""
    with name_scope(name, "dropout", [x]):
        is_number = isinstance(rate, numbers.Real)
        if is_number and (rate < 0 or rate >= 1):
            raise ValueError(f"`rate` must be a scalar tensor or a float in the range [0, 1). Received: rate={rate}")
        x = convert_to_tensor(x, name="x")
        x_dtype = x.dtype.base_dtype
        if not x_dtype.is_floating:
            raise ValueError(f"`x.dtype` must be a floating point tensor as `x` will be scaled. Received: "
                             f"x_dtype={x.dtype}")
        if is_number and rate == 0:
            get_seed(seed)
            return x
        if not isinstance(rate, Tensor):
            if not is_number:
                raise ValueError(f"`rate` must be a scalar or scalar tensor. Received: rate={rate}")
            scale = convert_to_tensor(1 / (1 - rate), dtype=x_dtype)
            ret = math_ops.multiply(x, scale, name="Mul")
        else:
            rate.shape.assert_has_rank(0)
            if rate.dtype.base_dtype != x_dtype:
                if not rate.dtype.base_dtype.is_compatible_with(x_dtype):
                    raise ValueError(f"`x.dtype` must be compatible with `rate.dtype`. Received: x.dtype={x_dtype} "
                                     f"and rate.dtype={rate.dtype}")
                rate = math_ops.cast(rate, x_dtype, name="rate")
            one = constant(1, dtype=x_dtype)
            ret = math_ops.realdiv(x, math_ops.subtract(one, rate, name="Sub"), name="RealDiv")
        random_tensor = random_ops.random_uniform(_noise_shape(x, noise_shape), seed=seed, dtype=x_dtype)
        keep_mask = random_tensor >= rate
        zero = constant(0, dtype=x_dtype)
        ret = array_ops.where_v2(keep_mask, ret, zero)
        ret.set_shape(x.shape)
        return ret


# -- cross entropies on sigmoids ----------------------------------------------------------------------------
def _check_same_shape(labels, logits):
    if not labels.shape.is_compatible_with(logits.shape):
        raise ValueError(f"`logits` and `labels` must have the same shape, received ({logits.shape} vs "
                         f"{labels.shape}).")


def sigmoid_cross_entropy_with_logits(labels=None, logits=None, name=None, _sentinel=None):
    """``max(x, 0) - x * z + log(1 + exp(-abs(x)))``, built as TF builds it (``logistic_loss``)."""
    if labels is None or logits is None:
        raise ValueError(f"Both `labels` and `logits` must be provided for sigmoid_cross_entropy_with_logitsReceived: "
                         f"labels={labels} and logits={logits}")
    with name_scope(name, "logistic_loss", [logits, labels]) as scope:
        logits = convert_to_tensor(logits, name="logits")
        labels = convert_to_tensor(labels, name="labels")
        _check_same_shape(labels, logits)
        zeros = array_ops.zeros_like(logits, dtype=logits.dtype)
        cond = logits >= zeros
        relu_logits = array_ops.where(cond, logits, zeros)
        neg_abs_logits = array_ops.where(cond, -logits, logits)
        return math_ops.add(relu_logits - logits * labels, math_ops.log1p(math_ops.exp(neg_abs_logits)), name=scope)


def weighted_cross_entropy_with_logits(labels=None, logits=None, pos_weight=None, name=None, targets=None):
    """Sigmoid cross entropy with positive examples weighted by ``pos_weight``."""
    labels = deprecated_argument_lookup("labels", labels, "targets", targets)
    with name_scope(name, "logistic_loss", [logits, labels]) as scope:
        logits = convert_to_tensor(logits, name="logits")
        labels = convert_to_tensor(labels, name="labels")
        _check_same_shape(labels, logits)
        log_weight = 1 + (pos_weight - 1) * labels
        return math_ops.add((1 - labels) * logits,
                            log_weight * (math_ops.log1p(math_ops.exp(-math_ops.abs(logits))) + relu(-logits)),
                            name=scope)

"""Normalisation ops: ``FusedBatchNormV3`` and ``FusedBatchNormGradV3`` (what
``tf.nn.fused_batch_norm`` and ``tf.layers.batch_normalization`` build for 4-D inputs, with
TF's six outputs), and local response normalisation (``LRN``, ``LRNGrad``).

In training mode the op normalises with the batch statistics and returns, as TF's CPU
kernel does, the running mean and the *unbiased* running variance (blended with the given
``mean``/``variance`` when ``exponential_avg_factor`` is below 1), the batch mean and the
*biased* batch variance as reserve spaces 1 and 2, and an empty reserve space 3.
float16 inputs are computed in float32.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import merge_dim
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import same_code
from scopeflow._src.ops.common.shape_fns import dims_text
from scopeflow._src.ops.nn import windows as wu

_T = dtype_lists.types("float16,bfloat16,float32")
_U = dtype_lists.types("bfloat16,float32")


def _channel_axis(attrs, ndims):
    return 1 if attrs.get("data_format", "NHWC").startswith("NC") else ndims - 1


def _vector_dim(shape):
    wu.check_rank(shape, 1)
    return None if shape.ndims is None else shape.as_list()[0]


def _fused_shape(inputs, attrs):
    x = inputs[0].shape
    rank = 5 if attrs.get("data_format", "NHWC") in ("NDHWC", "NCDHW") else 4
    wu.check_rank(x, rank)
    dims = x.as_list() if x.ndims is not None else [None] * rank
    axis = _channel_axis(attrs, rank)
    c = dims[axis]
    vectors = inputs[1:3] if attrs.get("is_training", True) else inputs[1:5]
    for t in vectors:
        c = merge_dim(c, _vector_dim(t.shape))
    for t in inputs[3:5]:
        wu.check_rank(t.shape, 1)
    dims[axis] = c
    vec = TensorShape([c])
    return [TensorShape(dims), vec, vec, vec, vec, UNKNOWN]


def _grad_shape(inputs, attrs):
    dy, x = inputs[0].shape, inputs[1].shape
    rank = 5 if attrs.get("data_format", "NHWC") in ("NDHWC", "NCDHW") else 4
    wu.check_rank(dy, rank)
    wu.check_rank(x, rank)
    merged = dy.merge_with(x) if dy.is_compatible_with(x) else dy
    dims = merged.as_list() if merged.ndims is not None else [None] * rank
    axis = _channel_axis(attrs, rank)
    c = dims[axis]
    for t in inputs[2:5]:
        c = merge_dim(c, _vector_dim(t.shape))
    dims[axis] = c
    return [TensorShape(dims), TensorShape([c]), TensorShape([c]), TensorShape([0]), TensorShape([0])]


def _axes_and_view(x, attrs):
    """Reduction axes and a reshape that broadcasts a per-channel vector against ``x``."""
    axis = _channel_axis(attrs, x.ndim)
    view = [1] * x.ndim
    view[axis] = -1
    return tuple(i for i in range(x.ndim) if i != axis), view


def _check_fused_inputs(op, x, scale, attrs):
    rank = 5 if attrs.get("data_format", "NHWC") in ("NDHWC", "NCDHW") else 4
    if x.ndim != rank:
        raise errors.InvalidArgumentError(
            None, op, f"input must be {rank}-dimensional{dims_text(x.shape)}")
    channels = x.shape[_channel_axis(attrs, rank)]
    if scale.size != channels:
        raise errors.InvalidArgumentError(
            None, op, f"scale must have the same number of elements as the channels of x, got {scale.size} and "
                      f"{channels}")


def _fused_factory(op, state):
    attrs = op._attrs
    eps, factor, training = attrs["epsilon"], attrs["exponential_avg_factor"], attrs["is_training"]
    out_type = attrs["T"].as_numpy_dtype

    def kernel(x, scale, offset, mean, variance):
        _check_fused_inputs(op, x, scale, attrs)
        xf = x.astype(np.float32, copy=False)
        axes, view = _axes_and_view(xf, attrs)
        if training:
            batch_mean = xf.mean(axis=axes)
            centered = xf - batch_mean.reshape(view)
            batch_var = np.mean(np.square(centered), axis=axes)
        else:
            batch_mean, batch_var = mean, variance
            centered = xf - mean.reshape(view)
        inv = (1.0 / np.sqrt(batch_var + np.float32(eps))).astype(np.float32) * scale
        y = (centered * inv.reshape(view) + offset.reshape(view)).astype(out_type, copy=False)
        empty = np.zeros((0,), np.float32)
        if not training:
            return y, mean, variance, mean, variance, empty
        n = xf.size // max(batch_mean.size, 1)
        unbiased = batch_var * np.float32(n / max(n - 1, 1))
        if factor != 1.0:
            running_mean = (1 - factor) * mean + factor * batch_mean
            running_var = (1 - factor) * variance + factor * unbiased
        else:
            running_mean, running_var = batch_mean, unbiased
        return (y, running_mean.astype(np.float32), running_var.astype(np.float32), batch_mean.astype(np.float32),
                batch_var.astype(np.float32), empty)
    return kernel


def _fused_grad_factory(op, state):
    attrs = op._attrs
    eps, training = attrs["epsilon"], attrs["is_training"]
    out_type = attrs["T"].as_numpy_dtype

    def kernel(dy, x, scale, mean, var, _):
        dyf, xf = dy.astype(np.float32, copy=False), x.astype(np.float32, copy=False)
        axes, view = _axes_and_view(xf, attrs)
        inv = 1.0 / np.sqrt(var + np.float32(eps))
        xhat = (xf - mean.reshape(view)) * inv.reshape(view)
        doffset = dyf.sum(axis=axes)
        dscale = (dyf * xhat).sum(axis=axes)
        if training:
            n = xf.size // max(mean.size, 1)
            dx = (scale * inv / n).reshape(view) * (n * dyf - doffset.reshape(view) - xhat * dscale.reshape(view))
        else:
            dx = dyf * (scale * inv).reshape(view)
        empty = np.zeros((0,), np.float32)
        return dx.astype(out_type, copy=False), dscale.astype(np.float32), doffset.astype(np.float32), empty, empty
    return kernel


registry.register(OpDef("FusedBatchNormV3", inputs=["x: T", "scale: U", "offset: U", "mean: U", "variance: U"],
                        outputs=["y: T", "batch_mean: U", "batch_variance: U", "reserve_space_1: U",
                                 "reserve_space_2: U", "reserve_space_3: U"],
                        attrs={"T": _T, "U": _U}, shape=_fused_shape, factory=_fused_factory,
                        defaults={"epsilon": 1e-4, "exponential_avg_factor": 1.0, "data_format": "NHWC",
                                  "is_training": True},
                        lower=same_code(factory=_fused_factory)))
registry.register(OpDef("FusedBatchNormGradV3",
                        inputs=["y_backprop: T", "x: T", "scale: float32", "reserve_space_1: U", "reserve_space_2: U",
                                "reserve_space_3: U"],
                        outputs=["x_backprop: T", "scale_backprop: U", "offset_backprop: U", "reserve_space_4: U",
                                 "reserve_space_5: U"],
                        attrs={"T": _T, "U": dtype_lists.types("float32")}, shape=_grad_shape,
                        factory=_fused_grad_factory,
                        defaults={"epsilon": 1e-4, "data_format": "NHWC", "is_training": True},
                        lower=same_code(factory=_fused_grad_factory)))


def fused_batch_norm(x, scale, offset, mean=None, variance=None, epsilon=0.001, data_format="NHWC",
                     is_training=True, name=None, exponential_avg_factor=1.0):
    """Batch normalisation in one ``FusedBatchNormV3`` op: ``(y, running_mean, running_var)``.

    >>> import scopeflow as tf
    >>> y, m, v = tf.nn.fused_batch_norm(tf.ones([2, 1, 1, 3]), tf.ones([3]), tf.zeros([3]))
    >>> y.op.type, m.shape.as_list()
    ('FusedBatchNormV3', [3])
    """
    if (not is_training or exponential_avg_factor != 1.0) and (mean is None or variance is None):
        raise ValueError(f"Both `mean` and `variance` must be a 1D tensor when `is_training` is False or "
                         f"`exponential_avg_factor` != 1.0. Received: `mean` {mean!r} and `variance` {variance!r}")
    x = convert_to_tensor(x, name="input")
    scale = convert_to_tensor(scale, name="scale")
    offset = convert_to_tensor(offset, name="offset")
    if mean is None:
        mean = constant([])
    if variance is None:
        variance = constant([])
    attrs = {"epsilon": float(epsilon), "exponential_avg_factor": float(exponential_avg_factor),
             "data_format": data_format, "is_training": bool(is_training)}
    outs = create("FusedBatchNormV3", [x, scale, offset, mean, variance], attrs, name=name)._outputs
    return outs[0], outs[1], outs[2]


# -- local response normalisation ----------------------------------------------------------------------
def _window_sum(v, radius):
    """Sums over ``[d - radius, d + radius]`` along the last axis (clipped at the ends)."""
    depth = v.shape[-1]
    cum = np.concatenate([np.zeros(v.shape[:-1] + (1,), v.dtype), np.cumsum(v, axis=-1)], axis=-1)
    idx = np.arange(depth)
    return cum[..., np.minimum(idx + radius + 1, depth)] - cum[..., np.maximum(idx - radius, 0)]


def _lrn_norm(x, attrs):
    return np.float32(attrs["bias"]) + np.float32(attrs["alpha"]) * _window_sum(np.square(x), attrs["depth_radius"])


def _lrn_factory(op, state):
    attrs = op._attrs
    return lambda x: (x * np.power(_lrn_norm(x, attrs), -np.float32(attrs["beta"]))).astype(x.dtype, copy=False)


def _lrn_grad_factory(op, state):
    attrs = op._attrs
    alpha, beta, radius = np.float32(attrs["alpha"]), np.float32(attrs["beta"]), attrs["depth_radius"]

    def kernel(dy, x, y):
        norm = _lrn_norm(x, attrs)
        dx = dy * np.power(norm, -beta) - 2 * alpha * beta * x * _window_sum(dy * y / norm, radius)
        return dx.astype(x.dtype, copy=False)
    return kernel


def _lower_lrn(grad):
    """LRN (or its gradient) in ``jax.numpy``: the kernels' formulas, the window sums by cumsum."""
    def lower(op, jx):
        jnp, attrs = jx.jnp, op._attrs
        alpha, beta, radius = np.float32(attrs["alpha"]), np.float32(attrs["beta"]), attrs["depth_radius"]

        def window_sum(v):
            depth = v.shape[-1]
            cum = jnp.concatenate([jnp.zeros(v.shape[:-1] + (1,), v.dtype), jnp.cumsum(v, axis=-1)], axis=-1)
            idx = np.arange(depth)
            return cum[..., np.minimum(idx + radius + 1, depth)] - cum[..., np.maximum(idx - radius, 0)]

        def norm(x):
            return np.float32(attrs["bias"]) + alpha * window_sum(jnp.square(x))

        if not grad:
            return lambda x: x * jnp.power(norm(x), -beta)
        return lambda dy, x, y: dy * jnp.power(norm(x), -beta) - 2 * alpha * beta * x * window_sum(dy * y / norm(x))
    return lower


def _lrn_shape(inputs, attrs):
    shape = inputs[0].shape
    for t in inputs:
        wu.check_rank(t.shape, 4)
        shape = shape.merge_with(t.shape) if shape.is_compatible_with(t.shape) else shape
    return shape


_LRN_T = dtype_lists.types("float16,bfloat16,float32")
_LRN_DEFAULTS = {"depth_radius": 5, "bias": 1.0, "alpha": 1.0, "beta": 0.5, "T": dtypes.float32}
registry.register(OpDef("LRN", inputs=["input: T"], outputs=["output: T"], attrs={"T": _LRN_T}, shape=_lrn_shape,
                        factory=_lrn_factory, defaults=_LRN_DEFAULTS,
                        lower=_lower_lrn(grad=False)))
registry.register(OpDef("LRNGrad", inputs=["input_grads: T", "input_image: T", "output_image: T"],
                        outputs=["output: T"], attrs={"T": _LRN_T}, shape=_lrn_shape, factory=_lrn_grad_factory,
                        defaults=_LRN_DEFAULTS,
                        lower=_lower_lrn(grad=True)))


def lrn(input, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5, name=None):  # noqa: A002 - TF's names
    """Local response normalisation across channels (an ``LRN`` op):
    ``input / (bias + alpha * sum(input[..., d - r:d + r + 1] ** 2)) ** beta``."""
    attrs = {"depth_radius": int(depth_radius), "bias": float(bias), "alpha": float(alpha), "beta": float(beta)}
    return create("LRN", [input], attrs, name=name)._outputs[0]


local_response_normalization = lrn

"""Activations, ``bias_add`` and ``l2_loss``: op definitions and wrappers.

Each activation comes with the gradient op TensorFlow builds for it (``Relu`` ->
``ReluGrad``, ``Elu`` -> ``EluGrad`` ...), so gradient graphs carry TensorFlow's op names
(``gradients/Relu_grad/ReluGrad``). Softmax and the cross-entropy ops live in
``softmax.py``; convolutions in ``conv.py`` and ``depthwise.py``; pooling in
``pooling.py``; ``top_k`` and ``in_top_k`` in ``topk.py``.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError, merge_shapes
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common import attr_defaults, blas, dtype_lists, shape_fns
from scopeflow._src.ops.common.lowering import all_inputs, checked
from scopeflow._src.ops.common.shape_fns import dims_text
from scopeflow._src.ops.math.cast import cast
from scopeflow._src.ops.math.matmul import matmul

FLOATS, REALS = dtype_lists.FLOATING, dtype_lists.REAL
SELU_SCALE = 1.0507009873554804934193349852946
SELU_ALPHA = 1.6732632423543772848170429916717


# -- activations and their gradient ops -------------------------------------------------------
def _elu(x):
    return np.where(x < 0, np.expm1(np.minimum(x, 0)), x)


def _selu(x):
    return np.where(x > 0, SELU_SCALE * x, (SELU_SCALE * SELU_ALPHA) * np.expm1(np.minimum(x, 0))).astype(x.dtype)


def _softplus(x):
    return np.logaddexp(np.zeros((), x.dtype), x)


def _softsign(x):
    return x / (1 + np.abs(x))


def _leaky_factory(op, state):
    alpha = op._attrs["alpha"]
    return lambda x: np.where(x > 0, x, x * np.asarray(alpha, x.dtype))


def _leaky_grad_factory(op, state):
    alpha = op._attrs["alpha"]
    return lambda g, x: np.where(x > 0, g, g * np.asarray(alpha, g.dtype))


def _register_activation(op_type, kernel, allowed, factory=False, attrs=None, defaults=None, lower=None):
    spec = dict(factory=kernel) if factory else dict(kernel=kernel)
    registry.register(OpDef(op_type, inputs=["features: T"], outputs=["activations: T"],
                            attrs={"T": allowed, **(attrs or {})}, shape=shape_fns.unchanged,
                            defaults=defaults or {}, lower=_lowering(lower), **spec))


def _register_grad_op(op_type, second, kernel, allowed, factory=False, defaults=None, lower=None):
    spec = dict(factory=kernel) if factory else dict(kernel=kernel)
    registry.register(OpDef(op_type, inputs=["gradients: T", f"{second}: T"], outputs=["backprops: T"],
                            attrs={"T": allowed}, shape=_grad_op_shape, defaults=defaults or {},
                            lower=_lowering(lower), **spec))


def _lowering(rule):
    """``OpDef.lower`` from ``rule(jnp, op)``, a function of the op's inputs."""
    return None if rule is None else lambda op, jx: rule(jx.jnp, op)


def _alpha(op, x):
    return np.asarray(op._attrs["alpha"], x.dtype)


def _grad_op_shape(inputs, attrs):
    return merge_shapes(inputs[0].shape, inputs[1].shape)


_register_activation("Relu", lambda x: np.maximum(x, np.zeros((), x.dtype)), REALS + dtype_lists.types("qint8"),
                     lower=lambda jnp, op: lambda x: jnp.maximum(x, jnp.zeros((), x.dtype)))
_register_activation("Relu6", lambda x: np.clip(x, np.zeros((), x.dtype), np.asarray(6, x.dtype)), REALS,
                     lower=lambda jnp, op: lambda x: jnp.clip(x, jnp.zeros((), x.dtype), jnp.asarray(6, x.dtype)))
_register_activation("Elu", _elu, FLOATS,
                     lower=lambda jnp, op: lambda x: jnp.where(x < 0, jnp.expm1(jnp.minimum(x, 0)), x))
_register_activation("Selu", _selu, FLOATS, lower=lambda jnp, op: lambda x: jnp.where(
    x > 0, SELU_SCALE * x, (SELU_SCALE * SELU_ALPHA) * jnp.expm1(jnp.minimum(x, 0))).astype(x.dtype))
_LEAKY_DEFAULTS = {"alpha": 0.2, "T": dtypes.float32}
_register_activation("LeakyRelu", _leaky_factory, FLOATS, factory=True, defaults=_LEAKY_DEFAULTS,
                     lower=lambda jnp, op: lambda x: jnp.where(x > 0, x, x * _alpha(op, x)))
_register_activation("Softplus", _softplus, FLOATS,
                     lower=lambda jnp, op: lambda x: jnp.logaddexp(jnp.zeros((), x.dtype), x))
_register_activation("Softsign", _softsign, FLOATS, lower=lambda jnp, op: lambda x: x / (1 + jnp.abs(x)))


def _relu_grad_kernel(g, x):
    """``g * (x > 0)`` as TF computes it (where ``x <= 0`` a negative gradient gives -0),
    the mask cast into the result's buffer first: multiplying by a boolean array casts it on
    the fly, which is slower."""
    mask = np.greater(x, 0)
    if type(mask) is not np.ndarray or mask.shape != np.shape(g):
        return g * mask
    out = mask.astype(g.dtype)
    return np.multiply(out, g, out=out)


_register_grad_op("ReluGrad", "features", _relu_grad_kernel, REALS,
                  lower=lambda jnp, op: lambda g, x: g * (x > 0).astype(g.dtype))
_register_grad_op("Relu6Grad", "features", lambda g, x: g * ((x > 0) & (x < 6)), REALS,
                  lower=lambda jnp, op: lambda g, x: g * ((x > 0) & (x < 6)).astype(g.dtype))
_register_grad_op("EluGrad", "outputs", lambda g, y: np.where(y < 0, g * (y + 1), g), FLOATS,
                  lower=lambda jnp, op: lambda g, y: jnp.where(y < 0, g * (y + 1), g))
_register_grad_op("SeluGrad", "outputs",
                  lambda g, y: np.where(y < 0, g * (y + np.asarray(SELU_SCALE * SELU_ALPHA, g.dtype)),
                                        g * np.asarray(SELU_SCALE, g.dtype)), FLOATS,
                  lower=lambda jnp, op: lambda g, y: jnp.where(
                      y < 0, g * (y + np.asarray(SELU_SCALE * SELU_ALPHA, g.dtype)),
                      g * np.asarray(SELU_SCALE, g.dtype)))
_register_grad_op("LeakyReluGrad", "features", _leaky_grad_factory, FLOATS, factory=True, defaults=_LEAKY_DEFAULTS,
                  lower=lambda jnp, op: lambda g, x: jnp.where(x > 0, g, g * _alpha(op, g)))
_register_grad_op("SoftsignGrad", "features", lambda g, x: g / np.square(1 + np.abs(x)), FLOATS,
                  lower=lambda jnp, op: lambda g, x: g / jnp.square(1 + jnp.abs(x)))


def activation_grad(op_type, gradients, x, **attrs):
    """An activation's gradient op (``Relu6Grad``, ``EluGrad`` ...) of ``gradients`` and the
    activation's input or output ``x``, as TF's generated ``gen_nn_ops`` wrappers build them."""
    return create_output(op_type, [gradients, x], dict(attrs))


def relu_grad(gradients, features, name=None):
    """``ReluGrad``: ``gradients`` where ``features > 0``, else 0 (TF's ``gen_nn_ops.relu_grad``)."""
    return create_output("ReluGrad", [gradients, features], name=name)


def relu(features, name=None):
    """``max(features, 0)`` (a ``Relu`` op).

    >>> import scopeflow as tf
    >>> tf.Session().run(tf.nn.relu([-1.0, 2.0]))
    array([0., 2.], dtype=float32)
    """
    return create_output("Relu", [features], name=name)


def relu6(features, name=None):
    """``min(max(features, 0), 6)`` (a ``Relu6`` op)."""
    with name_scope(name, "Relu6", [features]) as scope:
        features = convert_to_tensor(features, name="features")
        return create_output("Relu6", [features], name=scope)


def elu(features, name=None):
    """``features`` if positive, else ``exp(features) - 1`` (an ``Elu`` op)."""
    return create_output("Elu", [features], name=name)


def selu(features, name=None):
    """The scaled ELU of Klambauer et al. (a ``Selu`` op)."""
    return create_output("Selu", [features], name=name)


def leaky_relu(features, alpha=0.2, name=None):
    """``features`` if positive, else ``alpha * features``; integers are cast to float32 first."""
    with name_scope(name, "LeakyRelu", [features, alpha]) as scope:
        features = convert_to_tensor(features, name="features")
        if features.dtype.is_integer:
            features = cast(features, dtypes.float32)
        if isinstance(alpha, np.ndarray):
            alpha = alpha.item()
        return create_output("LeakyRelu", [features], {"alpha": float(alpha)}, name=scope)


def softplus(features, name=None):
    """``log(exp(features) + 1)``, computed stably (a ``Softplus`` op)."""
    return create_output("Softplus", [features], name=name)


def softsign(features, name=None):
    """``features / (abs(features) + 1)`` (a ``Softsign`` op)."""
    return create_output("Softsign", [features], name=name)


# -- BiasAdd, BiasAddGrad ------------------------------------------------------------------
def _channel_axis(attrs, ndims):
    return 1 if attrs.get("data_format", "NHWC") == "NCHW" else ndims - 1


def _bias_add_shape(inputs, attrs):
    value, bias = inputs[0].shape, inputs[1].shape
    least = 3 if attrs.get("data_format") == "NCHW" else 2
    if value.ndims is not None and value.ndims < least:
        raise ShapeError(f"Shape must be at least rank {least} but is rank {value.ndims}")
    if bias.ndims is not None and bias.ndims != 1:
        raise ShapeError(f"Shape must be rank 1 but is rank {bias.ndims}")
    if value.ndims is None:
        return UNKNOWN
    dims = value.as_list()
    axis = _channel_axis(attrs, len(dims))
    b = None if bias.ndims is None else bias.as_list()[0]
    if dims[axis] is not None and b is not None and dims[axis] != b:
        raise ShapeError(f"Dimensions must be equal, but are {dims[axis]} and {b}")
    dims[axis] = dims[axis] if dims[axis] is not None else b
    return TensorShape(dims)


def _bias_add_factory(op, state):
    nchw = op._attrs.get("data_format") == "NCHW"

    def kernel(x, b):
        if x.ndim < 2:
            raise errors.InvalidArgumentError(None, op, f"Input tensor must be at least 2D: {dims_text(x.shape)}")
        channels = x.shape[1] if nchw else x.shape[-1]
        if b.ndim != 1 or b.shape[0] != channels:
            raise errors.InvalidArgumentError(
                None, op, f"Must provide as many biases as the {'channel' if nchw else 'last'} dimension of the "
                          f"input tensor: {dims_text(b.shape)} vs. {dims_text(x.shape)}")
        return x + b.reshape((-1,) + (1,) * (x.ndim - 2)) if nchw else x + b
    return kernel


def _bias_add_grad_shape(inputs, attrs):
    shape = inputs[0].shape
    least = 3 if attrs.get("data_format") == "NCHW" else 2
    if shape.ndims is None:
        return TensorShape([None])
    if shape.ndims < least:
        raise ShapeError(f"Shape must be at least rank {least} but is rank {shape.ndims}")
    return TensorShape([shape.as_list()[_channel_axis(attrs, shape.ndims)]])


def _bias_add_grad_factory(op, state):
    nchw = op._attrs.get("data_format") == "NCHW"

    def kernel(g):
        axis = 1 if nchw else g.ndim - 1
        if not nchw:
            total = blas.sum_leading(g, axis)
            if total is not None:
                return total
        return np.sum(g, axis=tuple(i for i in range(g.ndim) if i != axis), dtype=g.dtype)
    return kernel


def _bias_add_grad_leading_sum(op):
    """The leading axes a ``BiasAddGrad`` sums in ``NHWC``: all but the channel axis."""
    ndims = op._inputs[0].shape.ndims
    return ndims - 1 if ndims and op._attrs.get("data_format", "NHWC") == "NHWC" else None


def _lower_bias_add(op, jx):
    nchw = op._attrs.get("data_format") == "NCHW"
    return lambda x, b: x + b.reshape((-1,) + (1,) * (x.ndim - 2)) if nchw else x + b


def _lower_bias_add_grad(op, jx):
    nchw = op._attrs.get("data_format") == "NCHW"

    def bias_add_grad(g):
        axis = 1 if nchw else g.ndim - 1
        return jx.jnp.sum(g, axis=tuple(i for i in range(g.ndim) if i != axis), dtype=g.dtype)
    return bias_add_grad


registry.register(OpDef("BiasAdd", inputs=["value: T", "bias: T"], outputs=["output: T"],
                        attrs={"T": dtype_lists.NUMBER},
                        shape=_bias_add_shape, factory=_bias_add_factory, defaults=attr_defaults.NHWC,
                        lower=checked(_lower_bias_add, all_inputs)))
registry.register(OpDef("BiasAddGrad", inputs=["out_backprop: T"], outputs=["output: T"],
                        attrs={"T": dtype_lists.NUMBER}, shape=_bias_add_grad_shape, factory=_bias_add_grad_factory,
                        leading_sum=_bias_add_grad_leading_sum, defaults=attr_defaults.NHWC,
                        lower=_lower_bias_add_grad))


def bias_add(value, bias, data_format=None, name=None):
    """``value + bias`` with a 1-D ``bias`` along the channel axis (a ``BiasAdd`` op)."""
    with name_scope(name, "BiasAdd", [value, bias]) as scope:
        if data_format is not None:
            if data_format.startswith("NC"):
                data_format = "NCHW"
            elif data_format.startswith("N") and data_format.endswith("C"):
                data_format = "NHWC"
            else:
                raise ValueError(f"`data_format` must be of the form `N...C` or `NC...`. Received: "
                                 f"data_format={data_format}")
        value = convert_to_tensor(value, name="input")
        bias = convert_to_tensor(bias, dtype=value.dtype.base_dtype, name="bias")
        return create_output("BiasAdd", [value, bias], {"data_format": data_format or "NHWC"}, name=scope)


def xw_plus_b(x, weights, biases, name=None):
    """``matmul(x, weights) + biases`` (``MatMul`` then ``BiasAdd`` named ``xw_plus_b``)."""
    with name_scope(name, "xw_plus_b", [x, weights, biases]) as scope:
        x = convert_to_tensor(x, name="x")
        weights = convert_to_tensor(weights, name="weights")
        biases = convert_to_tensor(biases, name="biases")
        return bias_add(matmul(x, weights), biases, name=scope)


def relu_layer(x, weights, biases, name=None):
    """``relu(matmul(x, weights) + biases)``, as TF's ``tf.nn.relu_layer`` builds it."""
    with name_scope(name, "relu_layer", [x, weights, biases]) as scope:
        x = convert_to_tensor(x, name="x")
        weights = convert_to_tensor(weights, name="weights")
        biases = convert_to_tensor(biases, name="biases")
        return relu(bias_add(matmul(x, weights), biases), name=scope)


# -- L2Loss ------------------------------------------------------------------------------------
def _l2_loss(t):
    flat = t.reshape(-1)
    return np.asarray(np.dot(flat, flat) / 2, dtype=t.dtype)


registry.register(OpDef("L2Loss", inputs=["t: T"], outputs=["output: T"], attrs={"T": FLOATS},
                        shape=shape_fns.scalar, kernel=_l2_loss,
                        lower=lambda op, jx: lambda t: jx.jnp.sum(jx.jnp.square(t)) / 2))


def l2_loss(t, name=None):
    """``sum(t ** 2) / 2`` (an ``L2Loss`` op)."""
    return create_output("L2Loss", [t], name=name)

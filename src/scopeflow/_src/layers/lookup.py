"""Activations and initializers given by name (``activation="relu"``), as tf-keras resolves them.

tf-keras maps each name to a TF function (``"relu"`` -> ``tf.nn.relu``) or to a TF1
initializer (``"glorot_uniform"``), so the ops are the same as with the function itself.
Only the common names are known here; any other string raises tf-keras's ``ValueError``.
"""

from __future__ import annotations

from scopeflow._src.ops import math_ops, nn_ops
from scopeflow._src.variables import initializers

_HELP = ("Please ensure you are using a `keras.utils.custom_object_scope` and that this object is included in "
         "the scope. See https://www.tensorflow.org/guide/keras/save_and_serialize#registering_the_custom_object "
         "for details.")


def linear(x):
    """The identity activation (what ``activation=None`` means)."""
    return x


def softmax(x, axis=-1):
    """tf-keras's ``softmax`` activation: ``tf.nn.softmax`` on tensors of rank 2 or more."""
    if x.shape.rank is not None and x.shape.rank <= 1:
        raise ValueError(f"Cannot apply softmax to a tensor that is 1D. Received input: {x}")
    return nn_ops.softmax(x, axis=axis)


def _leaky_relu(x):
    return nn_ops.leaky_relu(x, alpha=0.2)


_ACTIVATIONS = {
    "linear": linear, "softmax": softmax, "relu": nn_ops.relu, "relu6": nn_ops.relu6, "elu": nn_ops.elu,
    "selu": nn_ops.selu, "softplus": nn_ops.softplus, "softsign": nn_ops.softsign, "leaky_relu": _leaky_relu,
    "sigmoid": math_ops.sigmoid, "tanh": math_ops.tanh, "exponential": math_ops.exp,
}


def get_activation(identifier):
    """A callable for ``identifier`` (``None`` -> ``linear``, a name -> the TF function)."""
    if identifier is None:
        return linear
    if isinstance(identifier, str):
        if identifier not in _ACTIVATIONS:
            raise ValueError(f"Unknown activation function: '{identifier}'. {_HELP}")
        return _ACTIVATIONS[identifier]
    if callable(identifier):
        return identifier
    raise TypeError(f"Could not interpret activation function identifier: {identifier}")


def _scaling(scale, distribution):
    return lambda: initializers.VarianceScaling(scale, "fan_in", distribution)


# tf-keras's names in TF1 mode; its random_* initializers default to a 0.05 scale.
_INITIALIZERS = {
    "zeros": initializers.Zeros, "ones": initializers.Ones, "glorot_uniform": initializers.GlorotUniform,
    "glorot_normal": initializers.GlorotNormal, "orthogonal": initializers.Orthogonal,
    "he_normal": _scaling(2.0, "truncated_normal"), "he_uniform": _scaling(2.0, "uniform"),
    "lecun_normal": _scaling(1.0, "truncated_normal"), "lecun_uniform": _scaling(1.0, "uniform"),
    "random_normal": lambda: initializers.RandomNormal(0.0, 0.05),
    "random_uniform": lambda: initializers.RandomUniform(-0.05, 0.05),
    "truncated_normal": lambda: initializers.TruncatedNormal(0.0, 0.05),
}


def get_initializer(identifier):
    """An initializer for ``identifier``: ``None``, an initializer object, or a tf-keras name."""
    if identifier is None or callable(identifier):
        return identifier
    if isinstance(identifier, str):
        if identifier not in _INITIALIZERS:
            raise ValueError(f"Unknown initializer: '{identifier}'. {_HELP}")
        return _INITIALIZERS[identifier]()
    raise ValueError(f"Could not interpret initializer identifier: {identifier}")

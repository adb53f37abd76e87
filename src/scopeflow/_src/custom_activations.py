"""Activations TF builds with ``tf.custom_gradient``: ``tf.nn.swish`` / ``tf.nn.silu``. They live
above ``ops`` because ``custom_gradient`` does (it reads the variable scope)."""

from __future__ import annotations

from scopeflow._src.custom_gradient import custom_gradient
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import control_dependencies
from scopeflow._src.ops import math_ops


def swish(features, beta=1.0):
    """``tf.nn.swish`` (``tf.nn.silu``): ``features * sigmoid(beta * features)``, with TF's custom
    gradient (the sigmoid recomputed after ``dy``; a gradient for ``beta`` too).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(round(float(tf.Session().run(tf.nn.swish(2.0))), 5))
    1.76159
    """
    features = convert_to_tensor(features, name="features")
    beta = math_ops.cast(convert_to_tensor(beta, name="beta"), features.dtype)

    @custom_gradient
    def swish_impl(features, beta):
        def grad(dy):
            with control_dependencies([dy]):
                sigmoid_features = math_ops.sigmoid(beta * features)
            activation_grad = sigmoid_features * (1.0 + (beta * features) * (1.0 - sigmoid_features))
            beta_grad = math_ops.reduce_sum(dy * math_ops.square(features) * sigmoid_features *
                                            (1.0 - sigmoid_features))
            return dy * activation_grad, beta_grad
        return features * math_ops.sigmoid(beta * features), grad

    return swish_impl(features, beta)


silu = swish

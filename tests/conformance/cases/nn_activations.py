"""Activations, bias_add, l2_loss: op structure, static shapes, values, errors and gradients."""

import numpy as np

from tests.conformance.cases._nn_helpers import arr, describe, grads, run_error, static, values
from tests.conformance.harness import case, op_summary, raises

_X = arr(3, 4, seed=1, low=-8.0, high=8.0)
_ACTS = ("relu", "relu6", "elu", "selu", "leaky_relu", "softplus", "softsign")


def _ph(tf, shape=(None, 4), dtype=None, name="x"):
    return tf.placeholder(dtype or tf.float64, list(shape) if shape is not None else None, name=name)


def _act(tf, name):
    x = _ph(tf)
    return describe(tf, getattr(tf.nn, name)(x), {x: _X})


@case
def relu_graph_and_values(tf):
    return _act(tf, "relu")


@case
def relu6_graph_and_values(tf):
    return _act(tf, "relu6")


@case
def elu_graph_and_values(tf):
    return _act(tf, "elu")


@case
def selu_graph_and_values(tf):
    return _act(tf, "selu")


@case
def leaky_relu_graph_and_values(tf):
    return _act(tf, "leaky_relu")


@case
def softplus_graph_and_values(tf):
    return _act(tf, "softplus")


@case
def softsign_graph_and_values(tf):
    return _act(tf, "softsign")


@case
def activations_of_python_lists(tf):
    outs = [getattr(tf.nn, n)([1.0, -2.0]) for n in _ACTS] + [tf.nn.sigmoid([1.0]), tf.nn.tanh([1.0])]
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(outs)}


@case
def activations_named(tf):
    x = _ph(tf)
    outs = [getattr(tf.nn, n)(x, name=f"my_{n}") for n in _ACTS]
    return static(outs)


@case
def activations_float32_values(tf):
    x = tf.constant(_X.astype(np.float32))
    return values(tf, [getattr(tf.nn, n)(x) for n in _ACTS])


@case
def activations_extreme_values(tf):
    x = tf.constant([-1000.0, -50.0, -1e-3, 0.0, 1e-3, 50.0, 1000.0], tf.float32)
    return values(tf, [getattr(tf.nn, n)(x) for n in _ACTS])


@case
def leaky_relu_alpha_and_int(tf):
    a = tf.nn.leaky_relu(tf.constant([-2.0, 3.0]), alpha=0.5)
    b = tf.nn.leaky_relu([1, -2])
    return {"ops": op_summary(tf.get_default_graph()), "alpha": a.op.get_attr("alpha"), "values": values(tf, [a, b]),
            "dtype": b.dtype.name}


@case
def relu_int_and_relu6_int(tf):
    x = tf.constant([-3, 2, 9])
    return values(tf, [tf.nn.relu(x), tf.nn.relu6(x)])


@case
def elu_int_error(tf):
    return raises(lambda: tf.nn.elu(tf.constant([1, 2])))


@case
def softplus_int_error(tf):
    return raises(lambda: tf.nn.softplus(tf.constant([1, 2])))


@case
def relu_string_error(tf):
    return raises(lambda: tf.nn.relu(tf.constant(["a"])))


def _act_grad(tf, name):
    x = _ph(tf, (3, 4))
    return grads(tf, getattr(tf.nn, name)(x), x, {x: _X})


@case
def relu_gradient(tf):
    return _act_grad(tf, "relu")


@case
def relu6_gradient(tf):
    return _act_grad(tf, "relu6")


@case
def elu_gradient(tf):
    return _act_grad(tf, "elu")


@case
def selu_gradient(tf):
    return _act_grad(tf, "selu")


@case
def leaky_relu_gradient(tf):
    return _act_grad(tf, "leaky_relu")


@case
def softplus_gradient(tf):
    return _act_grad(tf, "softplus")


@case
def softsign_gradient(tf):
    return _act_grad(tf, "softsign")


@case
def relu_gradient_unknown_shape(tf):
    x = _ph(tf, None)
    g = tf.gradients(tf.nn.relu(x), x)[0]
    return {"name": g.name, "ops": op_summary(tf.get_default_graph()), "value": values(tf, g, {x: _X})}


@case
def relu_second_order(tf):
    x = _ph(tf, (3, 4))
    g = tf.gradients(tf.nn.relu(x) * x, x)[0]
    gg = tf.gradients(g * tf.constant(_X), x)[0]
    return {"name": gg.name, "ops": [s for s in op_summary(tf.get_default_graph()) if s[0].startswith("gradients_1")],
            "value": values(tf, gg, {x: _X})}


@case
def elu_second_order(tf):
    x = _ph(tf, (3, 4))
    g = tf.gradients(tf.nn.elu(x), x)[0]
    gg = tf.gradients(g * tf.constant(_X), x)[0]
    return {"name": gg.name, "value": values(tf, gg, {x: _X})}


# -- bias_add -----------------------------------------------------------------------------------------
@case
def bias_add_graph_and_values(tf):
    x = _ph(tf)
    b = tf.constant([1.0, -1.0, 0.5, 2.0], tf.float64, name="b")
    return describe(tf, tf.nn.bias_add(x, b), {x: _X})


@case
def bias_add_python_inputs(tf):
    return describe(tf, tf.nn.bias_add([[1.0, -2.0]], [1.0, 2.0]))


@case
def bias_add_nchw(tf):
    x = tf.constant(arr(2, 3, 2, 2, seed=3))
    return describe(tf, tf.nn.bias_add(x, tf.constant([1.0, 2.0, 3.0], tf.float64), data_format="NCHW"))


@case
def bias_add_rank1_error(tf):
    return raises(lambda: tf.nn.bias_add(tf.ones([3]), tf.ones([3])))


@case
def bias_add_mismatch_error(tf):
    return raises(lambda: tf.nn.bias_add(tf.ones([2, 3]), tf.ones([4])))


@case
def bias_add_bias_rank_error(tf):
    return raises(lambda: tf.nn.bias_add(tf.ones([2, 3]), tf.ones([1, 3])))


@case
def bias_add_format_error(tf):
    return raises(lambda: tf.nn.bias_add(tf.ones([2, 3, 4, 4]), tf.ones([3]), data_format="HWC"))


@case
def bias_add_gradient(tf):
    x = _ph(tf, (3, 4))
    b = tf.constant([1.0, -1.0, 0.5, 2.0], tf.float64, name="b")
    return grads(tf, tf.nn.bias_add(x, b), [x, b], {x: _X})


@case
def bias_add_gradient_4d(tf):
    x = tf.constant(arr(2, 3, 3, 2, seed=4))
    b = tf.constant([0.5, -0.5], tf.float64)
    return grads(tf, tf.nn.bias_add(x, b), [x, b])


@case
def xw_plus_b_and_relu_layer(tf):
    x = _ph(tf)
    w = tf.constant(arr(4, 2, seed=5), name="w")
    b = tf.constant([0.1, -0.2], tf.float64, name="b")
    return describe(tf, [tf.nn.xw_plus_b(x, w, b), tf.nn.relu_layer(x, w, b)], {x: _X})


# -- l2_loss -------------------------------------------------------------------------------------------
@case
def l2_loss_graph_value_gradient(tf):
    x = _ph(tf, (3, 4))
    out = describe(tf, tf.nn.l2_loss(x), {x: _X})
    out["grad"] = grads(tf, tf.nn.l2_loss(x, name="again"), x, {x: _X}, weighted=False)
    return out


@case
def l2_loss_python_and_int_error(tf):
    a = tf.nn.l2_loss([1.0, 2.0])
    return {"name": a.name, "ops": op_summary(tf.get_default_graph()), "value": values(tf, a),
            "int": raises(lambda: tf.nn.l2_loss(tf.constant([1, 2])))}


@case
def relu_runtime_feed_shape(tf):
    x = _ph(tf, (None, 4))
    return run_error(tf, tf.nn.relu(x), {x: np.ones((2, 3))})


@case
def bias_add_runtime_errors(tf):
    x = tf.placeholder(tf.float32)
    y = tf.nn.bias_add(x, [1.0, 2.0, 3.0])
    return [run_error(tf, y, {x: np.ones((2, 4))}), run_error(tf, y, {x: np.ones(3)})]

"""tf.nn extras of TF1 programs: swish / silu (built with tf.custom_gradient): op names, values,
gradients for the features and beta."""

import numpy as np

from tests.conformance.cases._math_helpers import describe
from tests.conformance.harness import case, grads

_X = np.array([[-3.0, -0.5, 0.0], [0.25, 1.5, 6.0]], np.float32)


@case
def swish_values_and_ops(tf):
    x = tf.constant(_X, name="x")
    return describe(tf, [tf.nn.swish(x), tf.nn.silu(x, beta=0.5)])


@case
def swish_float64_and_python_input(tf):
    return describe(tf, [tf.nn.swish(tf.constant(_X.astype(np.float64))), tf.nn.swish([1.0, -2.0], beta=2)])


@case
def swish_gradient(tf):
    x = tf.constant(_X, name="x")
    return grads(tf, [tf.nn.swish(x)], [x])


@case
def swish_gradient_for_beta(tf):
    x = tf.constant(_X, name="x")
    beta = tf.constant(1.5, name="beta")
    y = tf.nn.swish(x, beta)
    g = tf.gradients(tf.reduce_sum(y * y), [x, beta])
    with tf.Session() as sess:
        return [g[0].shape.as_list(), g[1].shape.as_list(), sess.run(g)]


@case
def swish_gradient_of_gradient(tf):
    x = tf.constant(_X, name="x")
    g = tf.gradients(tf.nn.swish(x), x)[0]
    gg = tf.gradients(g, x)[0]
    with tf.Session() as sess:
        return sess.run(gg)

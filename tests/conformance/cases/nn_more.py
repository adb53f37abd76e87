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


@case
def batch_norm_with_global_normalization_values(tf):
    x = tf.constant(_X, name="x")
    m, v = tf.constant([0.5, -1.0, 2.0]), tf.constant([1.0, 0.25, 4.0])
    beta, gamma = tf.constant([0.1, 0.2, 0.3]), tf.constant([2.0, 1.0, 0.5])
    return describe(tf, [tf.nn.batch_norm_with_global_normalization(x, m, v, beta, gamma, 1e-3, True),
                         tf.nn.batch_norm_with_global_normalization(input=x, mean=m, variance=v, beta=beta,
                                                                     gamma=gamma, variance_epsilon=0.01,
                                                                     scale_after_normalization=False, name="bn")])


@case
def conv3d_backprop_filter_v1_name(tf):
    x = tf.constant(np.arange(2 * 3 * 3 * 3 * 1, dtype=np.float32).reshape(2, 3, 3, 3, 1) / 10, name="x")
    dy = tf.ones([2, 2, 2, 2, 2])
    return describe(tf, [tf.nn.conv3d_backprop_filter(x, [2, 2, 2, 1, 2], dy, [1, 1, 1, 1, 1], "VALID")])

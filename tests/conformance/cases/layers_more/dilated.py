"""Dilated convolutions and pooling as TF builds them: tf.nn.convolution, tf.nn.pool,
tf.nn.with_space_to_batch, tf.space_to_batch_nd/batch_to_space_nd, and the tf.layers convolutions
with a dilation_rate (SpaceToBatchND, the undilated op, BatchToSpaceND)."""

import numpy as np

from tests.conformance.cases._layers_helpers import arr, model, run, static
from tests.conformance.cases.layers_more._helpers import grad_model, kernel, ph
from tests.conformance.harness import case, op_summary, raises


def _graph_and_values(tf, outs, feed):
    with tf.Session() as sess:
        return [static(outs), op_summary(tf.get_default_graph()), sess.run(outs, feed)]


@case
def layers_dilated_conv2d_model(tf):
    x = ph(tf, (None, 9, 9, 2))
    y = tf.layers.conv2d(x, 3, 3, dilation_rate=2, kernel_initializer=tf.constant_initializer(kernel((3, 3, 2, 3))))
    return [model(tf, y), run(tf, y, {x: arr(2, 9, 9, 2)})]


@case
def layers_dilated_conv2d_same_unknown_model(tf):
    x = ph(tf, (None, None, None, 2))
    y = tf.layers.conv2d(x, 2, 3, dilation_rate=(2, 3), padding="same",
                         kernel_initializer=tf.constant_initializer(kernel((3, 3, 2, 2))))
    return [model(tf, y), run(tf, y, {x: arr(1, 8, 10, 2, seed=1)})]


@case
def layers_dilated_conv1d_models(tf):
    x = ph(tf, (None, 12, 2))
    a = tf.layers.conv1d(x, 2, 3, dilation_rate=2)
    b = tf.layers.conv1d(x, 2, 3, dilation_rate=3, padding="causal")
    c = tf.layers.conv1d(ph(tf, (None, 2, 12), name="y"), 2, 3, dilation_rate=2, data_format="channels_first")
    return model(tf, [a, b, c])


@case
def layers_dilated_conv1d_values(tf):
    x = ph(tf, (None, 12, 2))
    a = tf.layers.conv1d(x, 2, 3, dilation_rate=2, padding="same",
                         kernel_initializer=tf.constant_initializer(kernel((3, 2, 2))))
    b = tf.layers.conv1d(x, 2, 2, dilation_rate=4, padding="causal",
                         kernel_initializer=tf.constant_initializer(kernel((2, 2, 2))))
    return run(tf, [a, b], {x: arr(2, 12, 2, seed=2)})


@case
def layers_dilated_conv3d_model(tf):
    x = ph(tf, (None, 6, 7, 6, 1))
    y = tf.layers.conv3d(x, 2, 2, dilation_rate=(2, 1, 3), padding="same",
                         kernel_initializer=tf.constant_initializer(kernel((2, 2, 2, 1, 2))))
    return [model(tf, y), run(tf, y, {x: arr(1, 6, 7, 6, 1, seed=3)})]


@case
def layers_dilated_separable_models(tf):
    x = ph(tf, (None, 9, 9, 2))
    a = tf.layers.separable_conv2d(x, 3, 3, dilation_rate=2, padding="same",
                                   depthwise_initializer=tf.constant_initializer(kernel((3, 3, 2, 1))),
                                   pointwise_initializer=tf.constant_initializer(kernel((1, 1, 2, 3), 5.0)))
    b = tf.layers.separable_conv1d(ph(tf, (None, 10, 2), name="y"), 2, 3, dilation_rate=2)
    return [model(tf, [a, b]), run(tf, a, {x: arr(1, 9, 9, 2, seed=4)})]


@case
def layers_dilated_gradients(tf):
    x = ph(tf, (2, 9, 8, 2))
    y = tf.layers.conv2d(x, 2, 3, dilation_rate=2, padding="same",
                         kernel_initializer=tf.constant_initializer(kernel((3, 3, 2, 2))))
    return grad_model(tf, tf.reduce_sum(y * y), [x] + tf.trainable_variables(), {x: arr(2, 9, 8, 2, seed=5)})


@case
def nn_convolution_ops(tf):
    x1, x2, x3 = ph(tf, (None, 10, 3), "x1"), ph(tf, (None, 8, 8, 3), "x2"), ph(tf, (None, 5, 5, 5, 3), "x3")
    outs = [tf.nn.convolution(x1, tf.constant(kernel((3, 3, 2))), "VALID"),
            tf.nn.convolution(x2, tf.constant(kernel((3, 3, 3, 2))), "SAME", strides=[2, 2]),
            tf.nn.convolution(x3, tf.constant(kernel((2, 2, 2, 3, 2))), "VALID", name="c3"),
            tf.nn.convolution(x2, tf.constant(kernel((3, 3, 3, 2))), "VALID", dilation_rate=[2, 2]),
            tf.nn.convolution(x1, tf.constant(kernel((2, 3, 2))), "SAME", dilation_rate=[3]),
            tf.nn.convolution(x3, tf.constant(kernel((2, 2, 2, 3, 2))), "SAME", dilation_rate=[2, 1, 2])]
    feed = {x1: arr(2, 10, 3), x2: arr(2, 8, 8, 3, seed=1), x3: arr(1, 5, 5, 5, 3, seed=2)}
    return _graph_and_values(tf, outs, feed)


@case
def nn_convolution_gradients(tf):
    x = tf.constant(arr(2, 9, 9, 2, seed=3))
    w = tf.constant(kernel((3, 3, 2, 3)))
    y = tf.nn.convolution(x, w, "SAME", dilation_rate=[2, 3])
    gs = tf.gradients(tf.reduce_sum(y * y), [x, w])
    ops = [s for s in op_summary(tf.get_default_graph()) if s[0].startswith("gradients")]
    with tf.Session() as sess:
        return [ops, [g.name for g in gs], sess.run(gs)]


@case
def nn_convolution_errors(tf):
    x = ph(tf, (None, 8, 8, 3))
    w = tf.constant(kernel((3, 3, 3, 2)))
    return [raises(lambda: tf.nn.convolution(x, w, "VALID", strides=[2, 2], dilation_rate=[2, 2])),
            raises(lambda: tf.nn.convolution(x, w, "VALID", dilation_rate=[0, 1])),
            raises(lambda: tf.nn.convolution(x, w, "VALID", dilation_rate=[2, 2, 2]))]


@case
def nn_pool_ops(tf):
    x1, x2, x3 = ph(tf, (None, 10, 3), "x1"), ph(tf, (None, 9, 9, 3), "x2"), ph(tf, (None, 4, 4, 4, 3), "x3")
    outs = [tf.nn.pool(x1, [2], "MAX", "VALID", strides=[2]),
            tf.nn.pool(x2, [2, 2], "AVG", "SAME", strides=[2, 2]),
            tf.nn.pool(x3, [2, 2, 2], "MAX", "VALID", strides=[2, 2, 2], name="p3"),
            tf.nn.pool(x2, [2, 2], "MAX", "VALID", dilation_rate=[2, 2]),
            tf.nn.pool(x1, [3], "AVG", "VALID", dilation_rate=[2]),
            tf.nn.pool(x3, [2, 2, 2], "AVG", "SAME")]
    feed = {x1: arr(2, 10, 3), x2: arr(2, 9, 9, 3, seed=1), x3: arr(1, 4, 4, 4, 3, seed=2)}
    return _graph_and_values(tf, outs, feed)


@case
def nn_pool_errors(tf):
    x = ph(tf, (None, 8, 8, 3))
    return [raises(lambda: tf.nn.pool(x, [2, 2], "MAX", "SAME", dilation_rate=[2, 2])),
            raises(lambda: tf.nn.pool(x, [2, 2], "MAX", "VALID", strides=[3, 3])),
            raises(lambda: tf.nn.pool(x, [2, 2, 2, 2], "MAX", "VALID")),
            raises(lambda: tf.nn.pool(x, [2], "MAX", "VALID")),
            raises(lambda: tf.nn.pool(x, [2, 2], "MIN", "VALID"))]


@case
def space_to_batch_nd_values_and_gradients(tf):
    x = tf.constant(arr(2, 4, 6, 3, seed=4))
    s = tf.space_to_batch_nd(x, [2, 3], [[1, 1], [0, 3]])
    b = tf.batch_to_space_nd(s, [2, 3], [[1, 1], [0, 3]])
    g = tf.gradients(tf.reduce_sum(s * s), x)[0]
    with tf.Session() as sess:
        return [static([s, b, g]), sess.run([s, b, g])]


@case
def space_to_batch_nd_shapes(tf):
    return static([tf.space_to_batch_nd(ph(tf, (None, 4, None, 2)), [2, 2], [[0, 0], [1, 1]]),
                   tf.batch_to_space_nd(ph(tf, (8, 3, 3, 2), name="y"), [2, 2], [[0, 1], [1, 0]]),
                   tf.space_to_batch_nd(ph(tf, (2, 6, 1), name="z"), [3], [[0, 0]])])


@case
def space_to_batch_nd_errors(tf):
    return [raises(lambda: tf.space_to_batch_nd(ph(tf, (2, 5, 4, 1)), [2, 2], [[0, 0], [0, 0]])),
            raises(lambda: tf.batch_to_space_nd(ph(tf, (3, 2, 2, 1), name="y"), [2, 2], [[0, 0], [0, 0]]))]


@case
def required_space_to_batch_paddings_values(tf):
    p, c = tf.required_space_to_batch_paddings([5, 7], [2, 3], base_paddings=[[1, 1], [0, 2]])
    q, d = tf.required_space_to_batch_paddings(tf.placeholder(tf.int32, [2], name="shape"), [2, 2])
    with tf.Session() as sess:
        return [[t.name for t in (p, c, q, d)], sess.run([p, c]), sess.run([q, d], {"shape:0": [5, 6]})]


@case
def with_space_to_batch_values(tf):
    x = ph(tf, (None, 9, 9, 2))
    w = tf.constant(kernel((3, 3, 2, 2)))

    def op(inp, num_spatial_dims, padding):
        return tf.nn.conv2d(inp, w, [1, 1, 1, 1], padding)
    y = tf.nn.with_space_to_batch(x, [2, 2], "SAME", op, filter_shape=[3, 3])
    return _graph_and_values(tf, y, {x: arr(1, 9, 9, 2, seed=6)})


@case
def separable_conv2d_rate_graph(tf):
    x = ph(tf, (None, 7, 7, 2))
    y = tf.nn.separable_conv2d(x, tf.constant(kernel((2, 2, 2, 2))), tf.constant(kernel((1, 1, 4, 3), 5.0)),
                               [1, 1, 1, 1], "SAME", rate=[2, 2])
    return _graph_and_values(tf, y, {x: np.ones((1, 7, 7, 2), np.float32)})


@case
def depthwise_conv2d_rate_graph(tf):
    x = ph(tf, (None, 7, 7, 2))
    w = tf.constant(kernel((2, 2, 2, 2)))
    a = tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "SAME", rate=[2, 2])
    b = tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "VALID", rate=[2, 3], name="dw")
    g = tf.gradients(tf.reduce_sum(a * a) + tf.reduce_sum(b), [x, w])
    return _graph_and_values(tf, [a, b] + g, {x: arr(1, 7, 7, 2, seed=7)})


@case
def atrous_conv2d_graph(tf):
    x = ph(tf, (None, 8, 8, 2))
    y = tf.nn.atrous_conv2d(x, tf.constant(kernel((3, 3, 2, 2))), 2, "SAME")
    z = tf.nn.atrous_conv2d(x, tf.constant(kernel((2, 2, 2, 1))), 3, "VALID", name="at")
    return _graph_and_values(tf, [y, z], {x: arr(2, 8, 8, 2, seed=8)})


@case
def nn_pool1d_and_conv_transposes(tf):
    x = ph(tf, (None, 8, 3))
    outs = [tf.nn.max_pool1d(x, 2, 2, "VALID"), tf.nn.avg_pool1d(x, 3, 2, "SAME", name="ap"),
            tf.nn.max_pool1d(x, 2, 1, [[0, 0], [1, 0], [0, 0]]),
            tf.nn.conv1d_transpose(x, tf.constant(kernel((3, 2, 3))), [2, 16, 2], 2),
            tf.nn.conv_transpose(x, tf.constant(kernel((3, 2, 3))), [2, 8, 2], 1),
            tf.nn.conv_transpose(tf.constant(arr(1, 4, 4, 3)), tf.constant(kernel((3, 3, 2, 3))), [1, 8, 8, 2], 2),
            tf.nn.conv_transpose(tf.constant(arr(1, 2, 2, 2, 3)), tf.constant(kernel((2, 2, 2, 2, 3))),
                                 [1, 4, 4, 4, 2], 2)]
    return _graph_and_values(tf, outs, {x: arr(2, 8, 3, seed=9)})


@case
def nn_conv_transpose_errors(tf):
    x = ph(tf, (None, 8, 3))
    return [raises(lambda: tf.nn.conv_transpose(x, tf.ones([3, 2, 3]), [2, 8], 1)),
            raises(lambda: tf.nn.conv1d_transpose(x, tf.ones([3, 2, 3]), [2, 8, 2], 1, data_format="NHWC"))]

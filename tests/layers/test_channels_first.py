"""channels_first layers compute what channels_last ones compute, transposed: TensorFlow's CPU
kernels refuse NCHW/NCDHW, so no golden can show these values (conformance checks the graphs)."""

import numpy as np
import pytest

import scopeflow as tf

_KERNEL = {1: (3, 2, 4), 2: (3, 2, 2, 4), 3: (2, 3, 2, 2, 4)}


def _weights(shape):
    return (np.arange(np.prod(shape), dtype=np.float32).reshape(shape) % 7 - 3) / 10


def _run(build, x_last, rank):
    outs = []
    for data_format in ("channels_last", "channels_first"):
        with tf.Graph().as_default():
            x = x_last if data_format == "channels_last" else np.moveaxis(x_last, -1, 1)
            y = build(tf.constant(x), data_format)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                value = sess.run(y)
            outs.append(value if data_format == "channels_last" else np.moveaxis(value, 1, -1))
    return outs


@pytest.mark.parametrize("rank", [1, 2, 3])
@pytest.mark.parametrize("dilation", [1, 2])
def test_convolutions(rank, dilation):
    layer = {1: tf.layers.conv1d, 2: tf.layers.conv2d, 3: tf.layers.conv3d}[rank]
    x = np.random.default_rng(rank).uniform(-1, 1, (2,) + (7,) * rank + (2,)).astype(np.float32)

    def build(inputs, data_format):
        return layer(inputs, 4, _KERNEL[rank][:rank], padding="same", dilation_rate=dilation,
                     data_format=data_format, kernel_initializer=tf.constant_initializer(_weights(_KERNEL[rank])),
                     bias_initializer=tf.constant_initializer(0.25))
    last, first = _run(build, x, rank)
    np.testing.assert_allclose(first, last, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("rank", [1, 3])
@pytest.mark.parametrize("pooling", ["max", "average"])
def test_pooling(rank, pooling):
    layer = getattr(tf.layers, f"{pooling}_pooling{rank}d")
    x = np.random.default_rng(5).uniform(-1, 1, (2,) + (5,) * rank + (3,)).astype(np.float32)
    last, first = _run(lambda inputs, fmt: layer(inputs, 2, 2, padding="same", data_format=fmt), x, rank)
    np.testing.assert_allclose(first, last, rtol=1e-6)


def test_conv3d_transpose_and_separable():
    x3 = np.random.default_rng(6).uniform(-1, 1, (2, 3, 2, 3, 2)).astype(np.float32)
    last, first = _run(lambda inputs, fmt: tf.layers.conv3d_transpose(
        inputs, 3, 2, strides=2, data_format=fmt, kernel_initializer=tf.constant_initializer(0.1),
        bias_initializer=tf.constant_initializer(0.5)), x3, 3)
    np.testing.assert_allclose(first, last, rtol=1e-6)
    x2 = np.random.default_rng(7).uniform(-1, 1, (2, 6, 5, 2)).astype(np.float32)
    last, first = _run(lambda inputs, fmt: tf.layers.separable_conv2d(
        inputs, 3, 3, depth_multiplier=2, padding="same", data_format=fmt,
        depthwise_initializer=tf.constant_initializer(_weights((3, 3, 2, 2))),
        pointwise_initializer=tf.constant_initializer(_weights((1, 1, 4, 3)))), x2, 2)
    np.testing.assert_allclose(first, last, rtol=1e-5, atol=1e-6)


def test_conv3d_gradients_channels_first():
    x = np.random.default_rng(8).uniform(-1, 1, (2, 4, 3, 4, 2)).astype(np.float32)
    grads = []
    for fmt in ("NDHWC", "NCDHW"):
        with tf.Graph().as_default():
            xt = tf.constant(x if fmt == "NDHWC" else np.moveaxis(x, -1, 1))
            w = tf.constant(_weights((2, 2, 2, 2, 3)))
            y = tf.nn.conv3d(xt, w, [1, 1, 1, 1, 1], "SAME", data_format=fmt)
            gx, gw = tf.gradients(tf.reduce_sum(y * y), [xt, w])
            with tf.Session() as sess:
                gx, gw = sess.run([gx, gw])
            grads.append((gx if fmt == "NDHWC" else np.moveaxis(gx, 1, -1), gw))
    np.testing.assert_allclose(grads[1][0], grads[0][0], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(grads[1][1], grads[0][1], rtol=1e-5, atol=1e-6)

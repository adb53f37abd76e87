"""Kernel behaviours the registry samples do not reach: ties and NaNs in max pooling,
avg pooling's divisor at padded borders, dtype preservation of the conv kernels, and the
activation gradients computed in one buffer, bit for bit as the plain expression, and a
convolution computed over several pieces of the batch."""

from __future__ import annotations

import numpy as np

import scopeflow as tf


def _run(t, feed=None):
    with tf.Session(graph=tf.get_default_graph()) as sess:
        return sess.run(t, feed)


def _max_pool_grad(x, grad, ksize=2, strides=2, padding="VALID"):
    with tf.Graph().as_default():
        xt = tf.constant(x)
        y = tf.nn.max_pool(xt, ksize=ksize, strides=strides, padding=padding)
        return _run(tf.gradients(y, xt, grad_ys=tf.constant(grad))[0])


def test_max_pool_gradient_goes_to_the_first_of_tied_maxima():
    x = np.zeros((1, 2, 4, 1), np.float32)  # all-zero windows, as after a ReLU
    g = _max_pool_grad(x, np.array([[[[2.0], [3.0]]]], np.float32))
    np.testing.assert_array_equal(g[0, :, :, 0], [[2.0, 0.0, 3.0, 0.0], [0.0, 0.0, 0.0, 0.0]])


def test_max_pool_gradient_keeps_a_nan_at_its_argmax():
    x = np.array([1.0, 2.0, 4.0, 3.0], np.float32).reshape(1, 2, 2, 1)
    g = _max_pool_grad(x, np.full((1, 1, 1, 1), np.nan, np.float32))
    assert np.isnan(g[0, 1, 0, 0]) and np.count_nonzero(np.isnan(g)) == 1
    assert (g[~np.isnan(g)] == 0).all()


def test_overlapping_windows_accumulate():
    x = np.array([[0.0, 5.0, 1.0]], np.float32).reshape(1, 1, 3, 1)
    g = _max_pool_grad(x, np.ones((1, 1, 2, 1), np.float32), ksize=[1, 1, 2, 1], strides=1)
    np.testing.assert_array_equal(g.ravel(), [0.0, 2.0, 0.0])


def _first_max_pool_grad(x, grad, kh, kw):
    """Reference: each window's gradient to its first maximum, pixel by pixel."""
    out = np.zeros_like(x)
    n, oh, ow, c = grad.shape
    for b, i, j, d in np.ndindex(n, oh, ow, c):
        window = x[b, i * kh:(i + 1) * kh, j * kw:(j + 1) * kw, d]
        r, s = np.unravel_index(np.argmax(window), window.shape)
        out[b, i * kh + r, j * kw + s, d] += grad[b, i, j, d]
    return out


def test_tiling_windows_match_a_pixel_by_pixel_reference():
    rng = np.random.default_rng(0)
    for kh, kw, padding in ((2, 2, "VALID"), (3, 2, "SAME"), (1, 3, "VALID"), (2, 1, "SAME")):
        x = np.maximum(rng.integers(-2, 3, (2, 6, 6, 3)), 0).astype(np.float32)  # many tied zeros
        grad = rng.standard_normal((2, 6 // kh, 6 // kw, 3)).astype(np.float32)
        with tf.Graph().as_default():
            xt = tf.constant(x)
            y = tf.nn.max_pool(xt, ksize=[1, kh, kw, 1], strides=[1, kh, kw, 1], padding=padding)
            pooled, g = _run([y, tf.gradients(y, xt, grad_ys=tf.constant(grad))[0]])
        np.testing.assert_array_equal(pooled, x.reshape(2, 6 // kh, kh, 6 // kw, kw, 3).max(axis=(2, 4)))
        np.testing.assert_array_equal(g, _first_max_pool_grad(x, grad, kh, kw))


def test_avg_pool_same_divides_by_real_pixels():
    with tf.Graph().as_default():
        y = tf.nn.avg_pool(tf.ones([1, 3, 3, 1]) * 6.0, ksize=3, strides=1, padding="SAME")
        np.testing.assert_allclose(_run(y)[0, :, :, 0], np.full((3, 3), 6.0))


def test_conv_kernels_keep_float32():
    with tf.Graph().as_default():
        x = tf.constant(np.random.default_rng(0).random((2, 7, 7, 3), np.float32))
        w = tf.constant(np.random.default_rng(1).random((3, 3, 3, 5), np.float32))
        y = tf.nn.conv2d(x, w, strides=2, padding="SAME")
        gx, gw = tf.gradients(tf.reduce_sum(y * y), [x, w])
        out = tf.Session().run([y, gx, gw])
    assert [v.dtype for v in out] == [np.float32] * 3


def test_conv_over_several_batch_pieces_matches_a_sum_over_window_taps():
    from scopeflow._src.ops.nn import conv_kernels
    from scopeflow._src.ops.nn import windows as window_util

    x = np.random.default_rng(0).standard_normal((42, 16, 16, 16))
    w = np.random.default_rng(1).standard_normal((5, 5, 16, 3))
    per_piece = conv_kernels._per_piece(window_util.Windows(
        {"strides": [1, 1, 1, 1], "padding": "SAME"}, 16, 16, 5, 5), 16, 8)
    assert 1 < per_piece < 42 and 42 % per_piece  # several pieces, the last one partial
    with tf.Graph().as_default():
        y = _run(tf.nn.conv2d(tf.constant(x), tf.constant(w), strides=1, padding="SAME"))
    xp = np.pad(x, [(0, 0), (2, 2), (2, 2), (0, 0)])
    want = sum(xp[:, i:i + 16, j:j + 16] @ w[i, j] for i in range(5) for j in range(5))
    np.testing.assert_allclose(y, want, rtol=1e-10, atol=1e-10)


def _same_bits(got, want):
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(np.asarray(got).view(np.uint8), np.asarray(want).view(np.uint8))


def test_activation_gradients_match_the_plain_expression_bit_for_bit():
    from scopeflow._src.ops.math.unary import _tanh_grad_kernel
    from scopeflow._src.ops.nn.activations import _relu_grad_kernel

    rng = np.random.default_rng(0)
    for dtype in (np.float16, np.float32, np.float64):
        g = rng.standard_normal((5, 7)).astype(dtype)
        g[0, 0], g[1, 1] = np.nan, -np.inf
        x = rng.standard_normal((5, 7)).astype(dtype)
        x[2, 2], x[3, 3] = np.nan, 0
        y = np.tanh(x)
        with np.errstate(all="ignore"):  # as in a plan: inf * 0 is nan, silently
            _same_bits(_relu_grad_kernel(g, x), g * (x > 0))  # negative gradients at x <= 0 give -0, as in TF
            _same_bits(_tanh_grad_kernel(y, g), g * (1 - y * y))
    _same_bits(_relu_grad_kernel(np.int32([-3, 4]), np.int32([0, 2])), np.int32([0, 4]))
    scalar = np.float32(-2.0)
    assert _relu_grad_kernel(scalar, np.float32(-1.0)) == 0 and _tanh_grad_kernel(np.float32(0.5), scalar) == -1.5
    row = np.float32([1.0, -2.0])  # a gradient that broadcasts takes the plain expression
    _same_bits(_relu_grad_kernel(np.ones((3, 2), np.float32), row), np.ones((3, 2), np.float32) * (row > 0))

"""Kernel errors the conformance goldens cannot pin (TF 2.21's oneDNN kernels answer these
with an ``AbortedError`` or a wrong result), and the fast paths that skip run-time checks
when the static shapes already made them."""

from __future__ import annotations

import numpy as np
import pytest

import scopeflow as tf


def _kernel_message(fetch, feed):
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError) as info:
            sess.run(fetch, feed)
    return info.value.message.split("\n")[-2]


def test_softmax_of_a_scalar_fed_at_run_time_is_refused():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, None)
    for op in (tf.nn.softmax(x), tf.nn.log_softmax(x)):
        assert _kernel_message(op, {x: 1.0}) == "logits must have >= 1 dimension, got []"


def test_depthwise_depth_that_divides_but_differs():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None] * 4)
    w = tf.placeholder(tf.float32, [None] * 4)
    y = tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "SAME")
    assert _kernel_message(y, {x: np.ones((1, 4, 4, 4)), w: np.ones((2, 2, 2, 1))}) == \
        "input and filter must have the same depth: 4 vs 2"


def test_max_pool_of_unknown_rank_fed_a_5d_tensor():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, None)
    y = tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    assert _kernel_message(y, {x: np.zeros((1, 1, 4, 4, 3))}) == "tensor_in must be 4-dimensional"


@pytest.mark.parametrize("build, feed, want", [
    (lambda x: tf.tile(x, [2, 1]), np.ones((2, 3)), (4, 3)),
    (lambda x: tf.fill([2, 2], x[0, 0]), np.ones((2, 3)), (2, 2)),
    (lambda x: tf.pad(x, [[1, 0], [0, 2]]), np.ones((2, 3)), (3, 5)),
    (lambda x: tf.add_n([x, x, x]), np.ones((2, 3)), (2, 3)),
    (lambda x: tf.matmul(x, x, transpose_b=True), np.ones((2, 3)), (2, 2)),
    (lambda x: tf.reshape(x, [-1]), np.ones((2, 3)), (6,)),
])
def test_static_shapes_take_the_unchecked_kernels(build, feed, want):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2, 3])
    with tf.Session() as sess:
        assert sess.run(build(x), {x: feed}).shape == want


def test_unchecked_kernels_still_word_numpy_failures_as_tf():
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [2, 3])
    m = tf.placeholder(tf.int32, [2])
    assert _kernel_message(tf.tile(x, m), {x: np.ones((2, 3)), m: [1, -2]}) == "Expected multiples[1] >= 0, but got -2"

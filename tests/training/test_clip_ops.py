"""``clip_by_norm`` / ``clip_by_global_norm`` / ``global_norm`` against NumPy on random inputs."""

from __future__ import annotations

import numpy as np
import pytest

import scopeflow as tf

RNG = np.random.default_rng(11)


@pytest.mark.parametrize("clip", [0.1, 1.0, 100.0])
def test_clip_by_global_norm_matches_numpy(clip):
    arrays = [RNG.standard_normal(s) for s in [(3, 4), (5,), (2, 2, 2)]]
    clipped, norm = tf.clip_by_global_norm([tf.constant(a) for a in arrays], clip)
    with tf.Session() as sess:
        got, got_norm = sess.run([clipped, norm])
    want_norm = np.sqrt(sum(np.sum(a * a) for a in arrays))
    assert got_norm == pytest.approx(want_norm)
    for g, a in zip(got, arrays):
        np.testing.assert_allclose(g, a * clip / max(want_norm, clip), rtol=1e-12)


@pytest.mark.parametrize("axes", [None, [0], [1], [0, 1]])
def test_clip_by_norm_matches_numpy(axes):
    a = RNG.standard_normal((4, 3))
    with tf.Session() as sess:
        got = sess.run(tf.clip_by_norm(tf.constant(a), 0.7, axes=axes))
    norm = np.sqrt(np.sum(a * a, axis=None if axes is None else tuple(axes), keepdims=True))
    np.testing.assert_allclose(got, a * 0.7 / np.maximum(norm, 0.7), rtol=1e-12)


def test_clip_by_norm_gradient_is_numerically_right():
    x0 = np.array([3.0, -4.0, 1.0])
    x = tf.placeholder(tf.float64, [3])
    w = np.array([1.0, 2.0, -1.0])
    y = tf.reduce_sum(tf.clip_by_norm(x, 2.0) * w)
    g = tf.gradients(y, x)[0]
    with tf.Session() as sess:
        got = sess.run(g, {x: x0})
        eps = 1e-6
        numeric = [(sess.run(y, {x: x0 + eps * e}) - sess.run(y, {x: x0 - eps * e})) / (2 * eps) for e in np.eye(3)]
    np.testing.assert_allclose(got, numeric, rtol=1e-6, atol=1e-8)


def test_global_norm_rejects_a_tensor():
    with pytest.raises(TypeError, match="`t_list` should be a sequence of tensors"):
        tf.global_norm(tf.constant([1.0]))

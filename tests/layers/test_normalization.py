"""Batch normalization against NumPy: outputs, moving statistics, fused vs unfused, training tensors."""

import numpy as np
import pytest

import scopeflow as tf


def _batches(shape, n=3):
    rng = np.random.default_rng(0)
    return [rng.normal(1.0, 2.0, size=shape).astype(np.float32) for _ in range(n)]


def _expected(batches, axes, momentum, bessel):
    mean = np.zeros(batches[0].shape[-1])
    var = np.ones(batches[0].shape[-1])
    for b in batches:
        count = b.size // b.shape[-1]
        batch_var = b.var(axis=axes) * (count / (count - 1) if bessel else 1.0)
        mean -= (mean - b.mean(axis=axes)) * (1 - momentum)
        var -= (var - batch_var) * (1 - momentum)
    return mean, var


@pytest.mark.parametrize("fused", [True, False])
def test_moving_statistics_follow_the_batches(fused):
    batches = _batches((2, 3, 3, 4))
    x = tf.placeholder(tf.float32, [None, 3, 3, 4])
    layer = tf.layers.BatchNormalization(momentum=0.9, fused=fused)
    y = layer(x, training=True)
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for b in batches:
            out, _ = sess.run([y, updates], {x: b})
        mean, var = sess.run([layer.moving_mean, layer.moving_variance])
    # The fused kernel reports the unbiased batch variance (Bessel's correction), as in TF.
    want_mean, want_var = _expected(batches, (0, 1, 2), 0.9, bessel=fused)
    np.testing.assert_allclose(mean, want_mean, rtol=1e-5)
    np.testing.assert_allclose(var, want_var, rtol=1e-5)
    last = batches[-1]
    normalized = (last - last.mean(axis=(0, 1, 2))) / np.sqrt(last.var(axis=(0, 1, 2)) + 1e-3)
    np.testing.assert_allclose(out, normalized, rtol=1e-4, atol=1e-5)


def test_inference_uses_the_moving_statistics():
    x = tf.placeholder(tf.float32, [None, 2])
    y = tf.layers.batch_normalization(x, moving_mean_initializer=tf.constant_initializer(1.0),
                                      moving_variance_initializer=tf.constant_initializer(4.0), epsilon=0.0)
    assert tf.get_collection(tf.GraphKeys.UPDATE_OPS) == []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(y, {x: [[3.0, -1.0]]}), [[1.0, -1.0]])


@pytest.mark.parametrize("shape", [(None, 3), (None, 2, 2, 3)])
def test_training_tensor_matches_python_bools(shape):
    batches = _batches((4,) + shape[1:], n=4)
    modes = [True, False, True, False]

    def run(with_tensor):
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, list(shape))
            t = tf.placeholder(tf.bool, [])
            if with_tensor:
                y = tf.layers.batch_normalization(x, training=t, momentum=0.5, name="bn")
                fetch = lambda mode: [y, tf.get_collection(tf.GraphKeys.UPDATE_OPS)]  # noqa: E731
            else:
                ys = {m: tf.layers.batch_normalization(x, training=m, momentum=0.5, name="bn", reuse=tf.AUTO_REUSE)
                      for m in (True, False)}
                fetch = lambda mode: [ys[mode], tf.get_collection(tf.GraphKeys.UPDATE_OPS) if mode else []]  # noqa
            outs = []
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                for b, mode in zip(batches, modes):
                    outs.append(sess.run(fetch(mode), {x: b, t: mode})[0])
                moving = sess.run([v for v in tf.global_variables() if "moving" in v.name])
            return outs, moving
    (outs_t, moving_t), (outs_b, moving_b) = run(True), run(False)
    for a, b in zip(outs_t + moving_t, outs_b + moving_b):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_renorm_virtual_batch_and_adjustment_use_the_unfused_ops():
    x = tf.placeholder(tf.float32, [4, 2, 2, 3])
    for option, extra in (({"renorm": True}, ["moving_stddev", "renorm_mean", "renorm_stddev"]),
                          ({"virtual_batch_size": 2}, []),
                          ({"adjustment": lambda s: (tf.ones([3]), tf.zeros([3]))}, [])):
        layer = tf.layers.BatchNormalization(fused=True, **option)
        layer(x, training=True)
        assert not layer.fused
        assert [v.name.split("/")[-1][:-2] for v in layer.weights] == [
            "gamma", "beta", "moving_mean", "moving_variance"] + extra
    with pytest.raises(ValueError, match="invalid keys for `renorm_clipping`"):
        tf.layers.BatchNormalization(renorm=True, renorm_clipping={"r": 1})


def test_aliases():
    from scopeflow._src.layers import normalization
    assert normalization.BatchNorm is tf.layers.BatchNormalization
    assert normalization.batch_norm is tf.layers.batch_normalization

"""The candidate samplers of fixed distributions on the JAX target: compiled (TF's rejection
loop for ``unique`` as a ``lax.while_loop``), so ``nce_loss`` training is one XLA program."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

pytest.importorskip("jax")

import scopeflow as tf  # noqa: E402
from scopeflow._src.xla.plan import HostFallbackWarning  # noqa: E402


def _compiled_run(fetches, feeds=None, runs=1):
    with warnings.catch_warnings():
        warnings.simplefilter("error", HostFallbackWarning)
        with tf.Session("jax") as sess:
            sess.run(tf.global_variables_initializer())
            return [sess.run(fetches, feeds) for _ in range(runs)]


@pytest.mark.parametrize("sampler", [tf.nn.log_uniform_candidate_sampler, tf.nn.uniform_candidate_sampler])
def test_unique_draws_are_distinct_with_tensorflows_expected_counts(sampler):
    with tf.Graph().as_default():
        true = tf.constant([[3], [7]], tf.int64)
        found = sampler(true, num_true=1, num_sampled=64, unique=True, range_max=100, seed=4)
        (sampled, true_count, sampled_count), again = _compiled_run(found, runs=2)
    assert len(set(sampled.tolist())) == 64 and sampled.min() >= 0 and sampled.max() < 100
    assert not np.array_equal(sampled, again[0])  # the stream goes on from run to run
    classes = np.concatenate([[3, 7], sampled]).astype(np.float64)
    p = np.log((classes + 2) / (classes + 1)) / np.log(101) if sampler is tf.nn.log_uniform_candidate_sampler \
        else np.full(classes.shape, 0.01)
    counts = np.concatenate([true_count.reshape(-1), sampled_count]).astype(np.float64)
    clear = counts < 0.9  # float32 counts near 1 no longer tell the tries
    tries = np.log1p(-counts[clear]) / np.log1p(-p[clear])
    np.testing.assert_allclose(tries, np.median(tries), rtol=1e-3)  # one number of tries explains every count
    assert round(np.median(tries)) >= 64


def test_nce_loss_training_compiles_and_learns():
    rng = np.random.default_rng(0)
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        words = tf.placeholder(tf.int32, [32])
        labels = tf.placeholder(tf.int64, [32, 1])
        embeddings = tf.Variable(tf.random_uniform([500, 16], -1.0, 1.0))
        weights = tf.Variable(tf.truncated_normal([500, 16], stddev=0.25))
        loss = tf.reduce_mean(tf.nn.nce_loss(weights, tf.Variable(tf.zeros([500])), labels,
                                             tf.nn.embedding_lookup(embeddings, words), num_sampled=8, num_classes=500))
        train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
        x = rng.integers(0, 50, 32)
        feeds = {words: x, labels: ((x + 1) % 50).reshape(32, 1)}
        losses = [value for value, _ in _compiled_run([loss, train], feeds, runs=60)]
    assert np.mean(losses[-10:]) < 0.8 * np.mean(losses[:10])

"""``tf.metrics.mean`` / ``accuracy`` against NumPy, and the cases TensorFlow handles with ``tf.cond``."""

import numpy as np
import pytest

import scopeflow as tf


def test_weighted_mean_streams_like_numpy():
    rng = np.random.default_rng(0)
    values = tf.placeholder(tf.float32, [None, 4])
    weights = tf.placeholder(tf.float32, [None, 1])
    m, update = tf.metrics.mean(values, weights)
    batches = [(rng.normal(size=(n, 4)).astype(np.float32), rng.uniform(size=(n, 1)).astype(np.float32))
               for n in (3, 5, 2)]
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        for v, w in batches:
            sess.run(update, {values: v, weights: w})
        got = sess.run(m)
    all_v = np.concatenate([v for v, _ in batches])
    all_w = np.concatenate([np.broadcast_to(w, v.shape) for v, w in batches])
    np.testing.assert_allclose(got, (all_v * all_w).sum() / all_w.sum(), rtol=1e-5)


def test_accuracy_with_zero_weights_is_zero_not_nan():
    acc, update = tf.metrics.accuracy([1, 2], [1, 2], weights=[0.0, 0.0])
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        assert sess.run(update) == 0.0


def test_dynamic_weight_broadcast_is_checked_at_run_time():
    values = tf.placeholder(tf.float32, [None, 3])
    weights = tf.placeholder(tf.float32, [None, None])
    m, update = tf.metrics.mean(values, weights)
    names = [op.name for op in tf.get_default_graph().get_operations()]
    assert "mean/broadcast_weights/assert_broadcastable/AssertGuard/Merge" in names
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        with pytest.raises(tf.errors.InvalidArgumentError, match="weights can not be broadcast to values"):
            sess.run(update, {values: np.ones((2, 3)), weights: np.ones((2, 2))})
        assert sess.run(update, {values: np.ones((2, 3)), weights: np.ones((2, 3))}) == 1.0


def test_unknown_ranks_are_adjusted_at_run_time():
    values = tf.placeholder(tf.float32, [None, 2])
    weights = tf.placeholder(tf.float32)
    m, update = tf.metrics.mean(values, weights)
    labels = tf.placeholder(tf.int32)
    predictions = tf.placeholder(tf.int32, [None])
    acc, acc_update = tf.metrics.accuracy(labels, predictions)
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        assert sess.run(update, {values: [[1.0, 3.0], [5.0, 7.0]], weights: [[1.0], [0.0]]}) == 2.0  # same rank
        assert sess.run(update, {values: [[2.0, 2.0]], weights: [[[4.0], [0.0]]]}) == 2.0  # squeezed
        assert sess.run(acc_update, {labels: [[1], [2]], predictions: [1, 3]}) == 0.5  # labels squeezed


def test_metric_variables_are_local_and_not_trainable():
    tf.metrics.accuracy([1], [1])
    local = tf.local_variables()
    assert [v.name for v in local] == ["accuracy/total:0", "accuracy/count:0"]
    assert tf.global_variables() == [] and tf.trainable_variables() == []
    assert tf.get_collection(tf.GraphKeys.METRIC_VARIABLES) == local

"""Metrics on inputs whose ranks or shapes are known only at run time: TF's conds that squeeze
labels, predictions and weights, and its run-time weights check."""

import numpy as np

from tests.conformance.cases.metrics_more._helpers import graph, stream
from tests.conformance.harness import case, raises_last_line


@case
def accuracy_unknown_rank_labels_graph(tf):
    labels = tf.placeholder(tf.int64, name="labels")
    predictions = tf.placeholder(tf.int64, [None], name="predictions")
    pair = tf.metrics.accuracy(labels, predictions)
    feeds = [{labels: [[1], [2], [3]], predictions: [1, 2, 0]}, {labels: [4, 4], predictions: [4, 0]}]
    return [graph(tf, pair), stream(tf, pair[0], pair[1], feeds)]


@case
def mean_unknown_rank_weights_graph(tf):
    values = tf.placeholder(tf.float32, [None, 2], name="values")
    weights = tf.placeholder(tf.float32, name="weights")
    pair = tf.metrics.mean(values, weights)
    feeds = [{values: [[1.0, 2.0], [3.0, 4.0]], weights: [[1.0], [0.0]]},
             {values: [[5.0, 6.0]], weights: 2.0},
             {values: [[1.0, 1.0]], weights: [[[3.0], [1.0]]]},
             {values: [[2.0, 4.0]], weights: [0.5]}]
    return [graph(tf, pair), stream(tf, pair[0], pair[1], feeds)]


@case
def precision_unknown_rank_predictions(tf):
    labels = tf.placeholder(tf.bool, [None], name="labels")
    predictions = tf.placeholder(tf.bool, name="predictions")
    pair = tf.metrics.precision(labels, predictions)
    feeds = [{labels: [True, False, True], predictions: [[True], [True], [False]]},
             {labels: [True], predictions: [True]}]
    return [graph(tf, pair)["ops"], stream(tf, pair[0], pair[1], feeds)]


@case
def mean_squared_error_dynamic_weights(tf):
    labels = tf.placeholder(tf.float32, [None, 3], name="labels")
    predictions = tf.placeholder(tf.float32, [None, 3], name="predictions")
    weights = tf.placeholder(tf.float32, [None, None], name="weights")
    pair = tf.metrics.mean_squared_error(labels, predictions, weights)
    feeds = [{labels: np.ones((2, 3), np.float32), predictions: np.zeros((2, 3), np.float32),
              weights: [[1.0], [2.0]]},
             {labels: [[3.0, 0.0, 1.0]], predictions: [[1.0, 1.0, 1.0]], weights: [[1.0, 0.0, 2.0]]}]
    return [graph(tf, pair)["ops"], stream(tf, pair[0], pair[1], feeds)]


@case
def weights_not_broadcastable_run_error(tf):
    values = tf.placeholder(tf.float32, [None, 3], name="values")
    weights = tf.placeholder(tf.float32, [None, None], name="weights")
    m, update = tf.metrics.mean(values, weights)

    def go():
        with tf.Session() as sess:
            sess.run(tf.local_variables_initializer())
            return sess.run(update, {values: np.ones((2, 3), np.float32), weights: np.ones((2, 2), np.float32)})
    return raises_last_line(go)


@case
def auc_dynamic_weights_graph(tf):
    labels = tf.placeholder(tf.bool, [None], name="labels")
    predictions = tf.placeholder(tf.float32, [None], name="predictions")
    weights = tf.placeholder(tf.float32, [None], name="weights")
    pair = tf.metrics.auc(labels, predictions, weights=weights, num_thresholds=4)
    feeds = [{labels: [True, False, True], predictions: [0.8, 0.3, 0.4], weights: [1.0, 2.0, 0.5]}]
    return [graph(tf, pair)["ops"], stream(tf, pair[0], pair[1], feeds)]


@case
def mean_tensor_dynamic_weights(tf):
    values = tf.placeholder(tf.float32, [2, 3], name="values")
    weights = tf.placeholder(tf.float32, [None, 1], name="weights")
    pair = tf.metrics.mean_tensor(values, weights)
    feeds = [{values: np.arange(6, dtype=np.float32).reshape(2, 3), weights: [[1.0], [3.0]]}]
    return [graph(tf, pair)["ops"], stream(tf, pair[0], pair[1], feeds)]

"""The *_at_thresholds metrics, sensitivity_at_specificity and specificity_at_sensitivity."""

import numpy as np

from tests.conformance.cases.metrics_more._helpers import bool_and_prob, feeds, graph, stream
from tests.conformance.harness import case, raises, raises_last_line

THRESHOLDS = [0.0, 0.25, 0.5, 0.75]
COUNTS = ("true_positives", "false_positives", "true_negatives", "false_negatives")


@case
def true_positives_at_thresholds_graph(tf):
    labels, predictions = bool_and_prob(tf)
    return graph(tf, tf.metrics.true_positives_at_thresholds(labels, predictions, [0.3, 0.6]))


@case
def false_positives_at_thresholds_weighted_graph(tf):
    labels = tf.placeholder(tf.bool, [5], name="labels")
    predictions = tf.placeholder(tf.float32, [5], name="predictions")
    weights = tf.placeholder(tf.float32, [5], name="weights")
    return graph(tf, tf.metrics.false_positives_at_thresholds(labels, predictions, [0.3, 0.6], weights=weights))


@case
def counts_at_thresholds_streaming(tf):
    labels, predictions = bool_and_prob(tf)
    out = {}
    for name in COUNTS:
        value, update = getattr(tf.metrics, f"{name}_at_thresholds")(labels, predictions, THRESHOLDS)
        out[name] = [value.name, update.name, stream(tf, value, update, feeds(labels, predictions))]
    return out


@case
def counts_at_thresholds_weighted_streaming(tf):
    labels, predictions = bool_and_prob(tf)
    weights = tf.placeholder(tf.float32, [None], name="weights")
    w = [[1.0, 2.0, 0.5, 0.0, 3.0], [1.0, 1.0, 4.0], [2.0, 0.25]]
    out = {}
    for name in COUNTS:
        value, update = getattr(tf.metrics, f"{name}_at_thresholds")(labels, predictions, THRESHOLDS,
                                                                      weights=weights)
        out[name] = stream(tf, value, update, feeds(labels, predictions, weights, w))
    return out


@case
def counts_at_thresholds_static_shape_graph(tf):
    labels = tf.placeholder(tf.int32, [2, 3], name="labels")
    predictions = tf.placeholder(tf.float64, [2, 3], name="predictions")
    pair = tf.metrics.true_negatives_at_thresholds(labels, predictions, [0.5], weights=[[1.0], [2.0]])
    return [graph(tf, pair), stream(tf, pair[0], pair[1], [{labels: [[1, 0, 0], [0, 1, 1]],
                                                           predictions: [[0.2, 0.3, 0.9], [0.1, 0.6, 0.4]]}])]


@case
def precision_at_thresholds_graph(tf):
    labels, predictions = bool_and_prob(tf)
    return graph(tf, tf.metrics.precision_at_thresholds(labels, predictions, [0.3, 0.6]))


@case
def recall_at_thresholds_graph(tf):
    labels, predictions = bool_and_prob(tf)
    return graph(tf, tf.metrics.recall_at_thresholds(labels, predictions, [0.3, 0.6]))


@case
def precision_recall_at_thresholds_streaming(tf):
    labels, predictions = bool_and_prob(tf)
    weights = tf.placeholder(tf.float32, [None], name="weights")
    w = [[1.0, 2.0, 0.5, 0.0, 3.0], [1.0, 1.0, 4.0], [2.0, 0.25]]
    p = tf.metrics.precision_at_thresholds(labels, predictions, THRESHOLDS)
    r = tf.metrics.recall_at_thresholds(labels, predictions, THRESHOLDS, weights=weights,
                                        metrics_collections=["m"], updates_collections=["u"])
    return {"precision": stream(tf, p[0], p[1], feeds(labels, predictions, weights, w)),
            "recall": stream(tf, r[0], r[1], feeds(labels, predictions, weights, w)),
            "m": [t.name for t in tf.get_collection("m")], "u": [t.name for t in tf.get_collection("u")]}


@case
def predictions_out_of_range_error(tf):
    labels = tf.placeholder(tf.bool, [None], name="labels")
    predictions = tf.placeholder(tf.float64, [None], name="predictions")
    value, update = tf.metrics.true_positives_at_thresholds(labels, predictions, [0.5])

    def go():
        with tf.Session() as sess:
            sess.run(tf.local_variables_initializer())
            return sess.run(update, {labels: [True, False], predictions: [0.5, 1.5]})
    return raises_last_line(go)


@case
def predictions_out_of_range_float32_unchecked(tf):
    # float32 predictions and bool labels need no cast: nothing is built under the asserts'
    # control dependencies, so TF never runs them
    labels, predictions = bool_and_prob(tf)
    value, update = tf.metrics.true_positives_at_thresholds(labels, predictions, [0.5])
    return stream(tf, value, update, [{labels: [True, False], predictions: [0.7, 1.5]}])


@case
def predictions_out_of_range_static_error(tf):
    return raises(lambda: tf.metrics.true_positives_at_thresholds(
        tf.constant([True, False]), tf.constant([0.5, -0.5]), [0.5]))


@case
def sensitivity_at_specificity_graph(tf):
    labels, predictions = bool_and_prob(tf)
    return graph(tf, tf.metrics.sensitivity_at_specificity(labels, predictions, 0.6, num_thresholds=5))


@case
def specificity_at_sensitivity_graph(tf):
    labels, predictions = bool_and_prob(tf)
    return graph(tf, tf.metrics.specificity_at_sensitivity(labels, predictions, 0.6, num_thresholds=5))


@case
def sensitivity_specificity_streaming(tf):
    labels, predictions = bool_and_prob(tf)
    out = {}
    for target in (0.0, 0.4, 0.8, 1.0):
        for nt in (3, 10, 200):
            s = tf.metrics.sensitivity_at_specificity(labels, predictions, target, num_thresholds=nt)
            t = tf.metrics.specificity_at_sensitivity(labels, predictions, target, num_thresholds=nt)
            out[f"{target}/{nt}"] = [stream(tf, s[0], s[1], feeds(labels, predictions)),
                                     stream(tf, t[0], t[1], feeds(labels, predictions))]
    return out


@case
def sensitivity_specificity_weighted_streaming(tf):
    labels, predictions = bool_and_prob(tf)
    weights = tf.placeholder(tf.float32, [None], name="weights")
    w = [[1.0, 2.0, 0.5, 0.0, 3.0], [1.0, 1.0, 4.0], [2.0, 0.25]]
    s = tf.metrics.sensitivity_at_specificity(labels, predictions, 0.7, weights=weights)
    t = tf.metrics.specificity_at_sensitivity(labels, predictions, 0.7, weights=weights)
    return [stream(tf, s[0], s[1], feeds(labels, predictions, weights, w)),
            stream(tf, t[0], t[1], feeds(labels, predictions, weights, w))]


@case
def sensitivity_specificity_range_errors(tf):
    labels, predictions = bool_and_prob(tf)
    return [raises(lambda: tf.metrics.sensitivity_at_specificity(labels, predictions, 1.5)),
            raises(lambda: tf.metrics.specificity_at_sensitivity(labels, predictions, -0.1)),
            [op.name for op in tf.get_default_graph().get_operations()]]


@case
def thresholds_random_stream(tf):
    rng = np.random.default_rng(3)
    labels = tf.placeholder(tf.int64, [None, 4], name="labels")
    predictions = tf.placeholder(tf.float32, [None, 4], name="predictions")
    pairs = [tf.metrics.precision_at_thresholds(labels, predictions, [0.1, 0.33, 0.5, 0.9]),
             tf.metrics.recall_at_thresholds(labels, predictions, [0.1, 0.33, 0.5, 0.9]),
             tf.metrics.sensitivity_at_specificity(labels, predictions, 0.5, num_thresholds=50),
             tf.metrics.specificity_at_sensitivity(labels, predictions, 0.5, num_thresholds=50)]
    batches = [{labels: rng.integers(0, 2, size=(n, 4)), predictions: rng.uniform(size=(n, 4)).astype(np.float32)}
               for n in (5, 3, 8)]
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        updates = [sess.run([p[1] for p in pairs], b) for b in batches]
        return [updates, sess.run([p[0] for p in pairs])]

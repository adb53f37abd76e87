"""tf.metrics.auc: ROC and PR curves, the four summation methods, thresholds, weights, errors."""

import numpy as np

from tests.conformance.cases.metrics_more._helpers import bool_and_prob, feeds, graph, stream
from tests.conformance.harness import case, raises

METHODS = ("trapezoidal", "careful_interpolation", "minoring", "majoring")


@case
def auc_roc_graph(tf):
    labels, predictions = bool_and_prob(tf)
    return graph(tf, tf.metrics.auc(labels, predictions, num_thresholds=5))


@case
def auc_pr_careful_graph(tf):
    labels, predictions = bool_and_prob(tf)
    return graph(tf, tf.metrics.auc(labels, predictions, num_thresholds=4, curve="PR",
                                    summation_method="careful_interpolation"))


@case
def auc_pr_minoring_weighted_graph(tf):
    labels = tf.placeholder(tf.bool, [5], name="labels")
    predictions = tf.placeholder(tf.float32, [5], name="predictions")
    weights = tf.placeholder(tf.float32, [5], name="weights")
    return graph(tf, tf.metrics.auc(labels, predictions, weights=weights, num_thresholds=3, curve="PR",
                                    summation_method="minoring"))


@case
def auc_all_methods_streaming(tf):
    labels, predictions = bool_and_prob(tf)
    out = {}
    for curve in ("ROC", "PR"):
        for method in METHODS:
            for nt in (3, 20, 200):
                value, update = tf.metrics.auc(labels, predictions, num_thresholds=nt, curve=curve,
                                               summation_method=method)
                out[f"{curve}/{method}/{nt}"] = stream(tf, value, update, feeds(labels, predictions))
    return out


@case
def auc_weighted_streaming(tf):
    labels, predictions = bool_and_prob(tf)
    weights = tf.placeholder(tf.float32, [None], name="weights")
    w = [[1.0, 2.0, 0.5, 0.0, 3.0], [1.0, 1.0, 4.0], [2.0, 0.25]]
    out = {}
    for curve in ("ROC", "PR"):
        for method in METHODS:
            value, update = tf.metrics.auc(labels, predictions, weights=weights, curve=curve,
                                           summation_method=method)
            out[f"{curve}/{method}"] = stream(tf, value, update, feeds(labels, predictions, weights, w))
    return out


@case
def auc_explicit_thresholds(tf):
    labels, predictions = bool_and_prob(tf)
    a = tf.metrics.auc(labels, predictions, thresholds=[0.8, 0.2, 0.5])
    b = tf.metrics.auc(labels, predictions, thresholds=[0.5], curve="PR", summation_method="careful_interpolation")
    return {"vars": [[v.name, v.shape.as_list()] for v in tf.local_variables()],
            "a": stream(tf, a[0], a[1], feeds(labels, predictions)),
            "b": stream(tf, b[0], b[1], feeds(labels, predictions))}


@case
def auc_random_stream(tf):
    rng = np.random.default_rng(7)
    labels = tf.placeholder(tf.int32, [None, 3], name="labels")
    predictions = tf.placeholder(tf.float32, [None, 3], name="predictions")
    weights = tf.placeholder(tf.float32, [None, 1], name="weights")
    pairs = [tf.metrics.auc(labels, predictions, weights=weights, curve=c, summation_method=m)
             for c in ("ROC", "PR") for m in METHODS]
    batches = [{labels: rng.integers(0, 2, size=(n, 3)), predictions: rng.uniform(size=(n, 3)).astype(np.float32),
                weights: rng.uniform(size=(n, 1)).astype(np.float32)} for n in (6, 10, 4)]
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        updates = [sess.run([p[1] for p in pairs], b) for b in batches]
        return [updates, sess.run([p[0] for p in pairs])]


@case
def auc_no_positives_or_negatives(tf):
    labels, predictions = bool_and_prob(tf)
    roc = tf.metrics.auc(labels, predictions)
    pr = tf.metrics.auc(labels, predictions, curve="PR", summation_method="careful_interpolation")
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        before = sess.run([roc[0], pr[0]])
        first = sess.run([roc[1], pr[1]], {labels: [False, False], predictions: [0.3, 0.8]})
        second = sess.run([roc[1], pr[1]], {labels: [True], predictions: [0.5]})
        return [before, first, second]


@case
def auc_names_and_collections(tf):
    labels, predictions = bool_and_prob(tf)
    a = tf.metrics.auc(labels, predictions, metrics_collections=["m"], updates_collections=["u"])
    b = tf.metrics.auc(labels, predictions, name="pr_auc", curve="PR")
    with tf.variable_scope("eval"):
        c = tf.metrics.auc(labels, predictions)
    return {"names": [t.name for t in a + b + c], "m": [t.name for t in tf.get_collection("m")],
            "u": [t.name for t in tf.get_collection("u")], "local": [v.name for v in tf.local_variables()],
            "metric": [v.name for v in tf.get_collection(tf.GraphKeys.METRIC_VARIABLES)]}


@case
def auc_bad_curve_error(tf):
    labels, predictions = bool_and_prob(tf)
    got = raises(lambda: tf.metrics.auc(labels, predictions, curve="XY"))
    return [got, [op.name for op in tf.get_default_graph().get_operations()]]


@case
def auc_bad_summation_method_error(tf):
    labels, predictions = bool_and_prob(tf)
    got = raises(lambda: tf.metrics.auc(labels, predictions, summation_method="simpson"))
    return [got, [op.name for op in tf.get_default_graph().get_operations()][-12:]]


@case
def auc_shape_mismatch_error(tf):
    labels = tf.placeholder(tf.bool, [3], name="labels")
    predictions = tf.placeholder(tf.float32, [4], name="predictions")
    return raises(lambda: tf.metrics.auc(labels, predictions))

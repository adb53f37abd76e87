"""tf.metrics.true_positives and siblings, precision and recall: graphs, variables, streaming values."""

import numpy as np

from tests.conformance.cases.metrics_more._helpers import bool_and_prob, feeds, graph, stream
from tests.conformance.harness import case, raises, raises_last_line, run_error

COUNTS = ("true_positives", "false_positives", "true_negatives", "false_negatives")


@case
def true_positives_graph(tf):
    labels, predictions = bool_and_prob(tf)
    return graph(tf, tf.metrics.true_positives(labels, predictions > 0.5))


@case
def false_negatives_weighted_graph(tf):
    labels, predictions = bool_and_prob(tf)
    weights = tf.placeholder(tf.float32, [None], name="weights")
    return graph(tf, tf.metrics.false_negatives(labels, predictions > 0.5, weights=weights))


@case
def counts_streaming(tf):
    labels, predictions = bool_and_prob(tf)
    out = {}
    for name in COUNTS:
        value, update = getattr(tf.metrics, name)(labels, predictions > 0.5)
        out[name] = stream(tf, value, update, feeds(labels, predictions))
    return out


@case
def counts_weighted_streaming(tf):
    labels, predictions = bool_and_prob(tf)
    weights = tf.placeholder(tf.float32, [None], name="weights")
    w = [[1.0, 2.0, 0.5, 0.0, 3.0], [1.0, 1.0, 4.0], [2.0, 0.25]]
    out = {}
    for name in COUNTS:
        value, update = getattr(tf.metrics, name)(labels, predictions > 0.5, weights=weights)
        out[name] = stream(tf, value, update, feeds(labels, predictions, weights, w))
    return out


@case
def counts_int_inputs_cast_to_bool(tf):
    labels = tf.placeholder(tf.int32, [None], name="labels")
    predictions = tf.placeholder(tf.int64, [None], name="predictions")
    value, update = tf.metrics.true_positives(labels, predictions)
    return [graph(tf, (value, update))["ops"][:8],
            stream(tf, value, update, [{labels: [1, 0, 2, 1], predictions: [3, 1, 0, 1]}])]


@case
def counts_scalar_weight(tf):
    labels, predictions = bool_and_prob(tf)
    value, update = tf.metrics.false_positives(labels, predictions > 0.5, weights=2.5)
    return [graph(tf, (value, update)), stream(tf, value, update, feeds(labels, predictions))]


@case
def counts_names_and_collections(tf):
    labels, predictions = bool_and_prob(tf)
    pairs = [tf.metrics.true_positives(labels, predictions > 0.5, metrics_collections=["m"],
                                       updates_collections=["u"]),
             tf.metrics.true_positives(labels, predictions > 0.5, name="tp2"),
             tf.metrics.false_positives(labels, predictions > 0.5)]
    with tf.variable_scope("eval"):
        pairs.append(tf.metrics.true_negatives(labels, predictions > 0.5))
    return {"names": [[t.name for t in p] for p in pairs], "m": [t.name for t in tf.get_collection("m")],
            "u": [t.name for t in tf.get_collection("u")],
            "metric_vars": [v.name for v in tf.get_collection(tf.GraphKeys.METRIC_VARIABLES)],
            "global": [v.name for v in tf.global_variables()]}


@case
def counts_squeeze_predictions(tf):
    labels = tf.placeholder(tf.bool, [None], name="labels")
    predictions = tf.placeholder(tf.bool, [None, 1], name="predictions")
    value, update = tf.metrics.true_positives(labels, predictions)
    return [graph(tf, (value, update))["ops"], stream(tf, value, update, [
        {labels: [True, False, True], predictions: [[True], [True], [False]]}])]


@case
def counts_shape_mismatch_error(tf):
    labels = tf.placeholder(tf.bool, [3], name="labels")
    predictions = tf.placeholder(tf.bool, [4], name="predictions")
    return raises(lambda: tf.metrics.true_positives(labels, predictions))


@case
def counts_weights_rank_runtime_error(tf):
    labels = tf.placeholder(tf.bool, [None], name="labels")
    predictions = tf.placeholder(tf.bool, [None], name="predictions")
    weights = tf.placeholder(tf.float32, name="weights")
    value, update = tf.metrics.true_positives(labels, predictions, weights=weights)
    def go():
        with tf.Session() as sess:
            sess.run(tf.local_variables_initializer())
            return sess.run(update, {labels: [True, True], predictions: [True, True],
                                     weights: np.ones((2, 2, 2), np.float32)})
    return raises_last_line(go)


@case
def precision_graph(tf):
    labels, predictions = bool_and_prob(tf)
    return graph(tf, tf.metrics.precision(labels, predictions > 0.5))


@case
def recall_weighted_graph(tf):
    labels, predictions = bool_and_prob(tf)
    weights = tf.placeholder(tf.float32, [None], name="weights")
    return graph(tf, tf.metrics.recall(labels, predictions > 0.5, weights=weights))


@case
def precision_recall_streaming(tf):
    labels, predictions = bool_and_prob(tf)
    p = tf.metrics.precision(labels, predictions > 0.5)
    r = tf.metrics.recall(labels, predictions > 0.5)
    return {"precision": stream(tf, p[0], p[1], feeds(labels, predictions)),
            "recall": stream(tf, r[0], r[1], feeds(labels, predictions))}


@case
def precision_recall_weighted_streaming(tf):
    labels, predictions = bool_and_prob(tf)
    weights = tf.placeholder(tf.float32, [None], name="weights")
    w = [[1.0, 2.0, 0.5, 0.0, 3.0], [1.0, 1.0, 4.0], [2.0, 0.25]]
    p = tf.metrics.precision(labels, predictions > 0.5, weights=weights)
    r = tf.metrics.recall(labels, predictions > 0.5, weights=weights)
    return {"precision": stream(tf, p[0], p[1], feeds(labels, predictions, weights, w)),
            "recall": stream(tf, r[0], r[1], feeds(labels, predictions, weights, w))}


@case
def precision_recall_zero_before_any(tf):
    labels = tf.placeholder(tf.bool, [None], name="labels")
    predictions = tf.placeholder(tf.bool, [None], name="predictions")
    p = tf.metrics.precision(labels, predictions)
    r = tf.metrics.recall(labels, predictions)
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        before = sess.run([p[0], r[0]])
        updates = sess.run([p[1], r[1]], {labels: [False, False], predictions: [False, False]})
        return [before, updates, sess.run([p[0], r[0]])]


@case
def precision_recall_collections_and_names(tf):
    labels, predictions = bool_and_prob(tf)
    p = tf.metrics.precision(labels, predictions > 0.5, metrics_collections=["m"], updates_collections=["u"])
    r = tf.metrics.recall(labels, predictions > 0.5, metrics_collections=["m"], updates_collections=["u"],
                          name="my_recall")
    with tf.variable_scope("eval"):
        p2 = tf.metrics.precision(labels, predictions > 0.5)
    return {"names": [t.name for t in p + r + p2], "m": [t.name for t in tf.get_collection("m")],
            "u": [t.name for t in tf.get_collection("u")], "local": [v.name for v in tf.local_variables()]}


@case
def precision_2d_inputs(tf):
    labels = tf.placeholder(tf.int64, [None, 3], name="labels")
    predictions = tf.placeholder(tf.int64, [None, 3], name="predictions")
    weights = tf.placeholder(tf.float32, [None, 1], name="weights")
    p = tf.metrics.precision(labels, predictions, weights=weights)
    feed = {labels: [[1, 0, 1], [0, 0, 1]], predictions: [[1, 1, 0], [1, 0, 1]], weights: [[1.0], [3.0]]}
    return [graph(tf, p)["ops"][:30], stream(tf, p[0], p[1], [feed, feed])]


@case
def precision_uninitialized_error(tf):
    labels, predictions = bool_and_prob(tf)
    p = tf.metrics.precision(labels, predictions > 0.5)
    got = run_error(tf, p[1], {labels: [True], predictions: [0.7]})
    # which of the two variables is reported first depends on the executor's order
    return [got["error"], got["message"].startswith("Attempting to use uninitialized value precision/")]


@case
def metrics_under_name_scope_and_repeated(tf):
    labels, predictions = bool_and_prob(tf)
    pairs = []
    with tf.name_scope("eval"):
        pairs.append(tf.metrics.precision(labels, predictions > 0.5))
        pairs.append(tf.metrics.auc(labels, predictions, num_thresholds=3))
        pairs.append(tf.metrics.true_positives(labels, predictions > 0.5))
    pairs.append(tf.metrics.precision(labels, predictions > 0.5))
    pairs.append(tf.metrics.precision(labels, predictions > 0.5))
    with tf.variable_scope("outer", reuse=True):
        pairs.append(tf.metrics.recall(labels, predictions > 0.5))
        pairs.append(tf.metrics.mean_squared_error(tf.cast(labels, tf.float32), predictions))
    return {"names": [[t.name for t in p] for p in pairs], "local": [v.name for v in tf.local_variables()]}


@case
def metrics_in_meta_graph(tf):
    labels = tf.placeholder(tf.int64, [None], name="labels")
    preds = tf.placeholder(tf.int64, [None], name="preds")
    tf.metrics.accuracy(labels, preds, metrics_collections=["m"], updates_collections=["u"])
    tf.metrics.precision(labels, preds)
    mg = tf.train.export_meta_graph()
    kinds = {k: mg.collection_def[k].WhichOneof("kind") for k in mg.collection_def}
    variable_defs = [bytes(b) for b in mg.collection_def["metric_variables"].bytes_list.value]
    with tf.Graph().as_default():
        tf.train.import_meta_graph(mg)
        with tf.Session() as sess:
            sess.run(tf.local_variables_initializer())
            value = sess.run("accuracy/update_op:0", {"labels:0": [1, 2], "preds:0": [1, 3]})
        return {"kinds": kinds, "variable_defs": variable_defs, "value": value,
                "local": [v.name for v in tf.local_variables()],
                "m": [t.name for t in tf.get_collection("m")], "u": [t.name for t in tf.get_collection("u")]}


@case
def counts_weights_static_rank_error(tf):
    labels = tf.placeholder(tf.bool, [4], name="labels")
    predictions = tf.placeholder(tf.bool, [4], name="predictions")
    return [raises(lambda: tf.metrics.true_positives(labels, predictions, weights=np.ones((4, 1, 2), np.float32))),
            raises(lambda: tf.metrics.precision(labels, predictions, weights=np.ones((2, 2), np.float32)))]

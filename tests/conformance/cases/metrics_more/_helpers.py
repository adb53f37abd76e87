"""Shared by the metrics_more cases: stream fed batches through a metric."""

from tests.conformance.cases._layers_helpers import collections, var_names
from tests.conformance.harness import op_summary, static


def stream(tf, value, update, feeds):
    """Initialize the local variables, run ``update`` for each feed, then read ``value``."""
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        updates = [sess.run(update, feed) for feed in feeds]
        return {"updates": updates, "value": sess.run(value)}


def graph(tf, pair):
    """The whole graph, the two outputs and the variable collections."""
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(list(pair)), "collections": collections(tf),
            "local": var_names(tf.local_variables())}


def bool_and_prob(tf):
    labels = tf.placeholder(tf.bool, [None], name="labels")
    predictions = tf.placeholder(tf.float32, [None], name="predictions")
    return labels, predictions


LABELS = [[True, False, True, True, False], [False, False, True], [True, True]]
PROBS = [[0.9, 0.2, 0.45, 0.7, 0.6], [0.1, 0.55, 0.3], [0.0, 1.0]]


def feeds(labels, predictions, weights=None, weight_values=None):
    out = []
    for i, (lv, pv) in enumerate(zip(LABELS, PROBS, strict=True)):
        feed = {labels: lv, predictions: pv}
        if weights is not None:
            feed[weights] = weight_values[i]
        out.append(feed)
    return out

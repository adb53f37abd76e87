"""tf.metrics.accuracy and tf.metrics.mean: graphs, local variables, collections, streaming values."""

import numpy as np

from tests.conformance.cases._layers_helpers import collections, static, var_names
from tests.conformance.harness import case, op_summary, raises


def _stream(tf, value, update, feeds):
    """Initialize the local variables, run ``update`` for each feed, then read ``value``."""
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        updates = [sess.run(update, feed) for feed in feeds]
        return {"updates": updates, "value": sess.run(value)}


@case
def accuracy_graph(tf):
    labels = tf.placeholder(tf.int64, [None], name="labels")
    predictions = tf.placeholder(tf.int64, [None], name="predictions")
    acc, update = tf.metrics.accuracy(labels, predictions)
    return {"ops": op_summary(tf.get_default_graph()), "outs": static([acc, update]), "collections": collections(tf)}


@case
def mean_graph(tf):
    values = tf.placeholder(tf.float32, [None], name="values")
    m, update = tf.metrics.mean(values)
    return {"ops": op_summary(tf.get_default_graph()), "outs": static([m, update]), "collections": collections(tf),
            "local": var_names(tf.local_variables()), "global": var_names(tf.global_variables())}


@case
def accuracy_streaming_values(tf):
    labels = tf.placeholder(tf.int32, [None], name="labels")
    predictions = tf.placeholder(tf.int32, [None], name="predictions")
    acc, update = tf.metrics.accuracy(labels, predictions)
    feeds = [{labels: [1, 2, 3, 4], predictions: [1, 2, 0, 0]}, {labels: [1, 1], predictions: [1, 1]},
             {labels: [0, 0, 0], predictions: [1, 1, 1]}]
    return _stream(tf, acc, update, feeds)


@case
def accuracy_before_update_is_zero(tf):
    acc, update = tf.metrics.accuracy([1, 2], [1, 2])
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        return [sess.run(acc), sess.run(update), sess.run(acc)]


@case
def mean_streaming_values(tf):
    values = tf.placeholder(tf.float32, [None], name="values")
    m, update = tf.metrics.mean(values)
    feeds = [{values: [1.0, 2.0, 3.0]}, {values: [10.0]}, {values: [-4.0, 0.5]}]
    return _stream(tf, m, update, feeds)


@case
def mean_weighted_dynamic(tf):
    values = tf.placeholder(tf.float32, [None, 3], name="values")
    weights = tf.placeholder(tf.float32, [None, 3], name="weights")
    m, update = tf.metrics.mean(values, weights)
    feeds = [{values: np.arange(6, dtype=np.float32).reshape(2, 3), weights: [[1, 0, 1], [0.5, 0.5, 0]]},
             {values: [[1, 1, 1]], weights: [[2, 2, 2]]}]
    return [static([m, update]), _stream(tf, m, update, feeds)]


@case
def mean_weighted_static_graph(tf):
    values = tf.placeholder(tf.float32, [4, 3], name="values")
    m, update = tf.metrics.mean(values, [[1.0], [2.0], [0.0], [1.0]])
    feeds = [{values: np.arange(12, dtype=np.float32).reshape(4, 3)}]
    return [op_summary(tf.get_default_graph()), _stream(tf, m, update, feeds)]


@case
def mean_scalar_weight_graph(tf):
    values = tf.placeholder(tf.float32, [4, 3], name="values")
    m, update = tf.metrics.mean(values, 2.0)
    return [op_summary(tf.get_default_graph()), _stream(tf, m, update, [{values: np.ones((4, 3), np.float32)}])]


@case
def mean_weights_same_full_shape(tf):
    values = tf.placeholder(tf.float32, [2, 2], name="values")
    m, update = tf.metrics.mean(values, [[1.0, 0.0], [3.0, 1.0]])
    return [op_summary(tf.get_default_graph())[-12:],
            _stream(tf, m, update, [{values: [[1.0, 2.0], [3.0, 4.0]]}])]


@case
def mean_weights_rank_adjusted(tf):
    values = tf.placeholder(tf.float32, [3], name="values")
    a = tf.metrics.mean(values, [[1.0], [0.0], [1.0]], name="squeezed")
    values2 = tf.placeholder(tf.float32, [2, 2], name="values2")
    b = tf.metrics.mean(values2, [1.0, 0.0], name="expanded")
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        return [sess.run(a[1], {values: [2.0, 5.0, 4.0]}), sess.run(b[1], {values2: [[1.0, 2.0], [3.0, 4.0]]}),
                [op.name for op in tf.get_default_graph().get_operations() if "Squeeze" in op.type
                 or "ExpandDims" in op.type]]


@case
def mean_weights_rank_mismatch_error(tf):
    values = tf.placeholder(tf.float32, [2, 3, 4], name="values")
    return raises(lambda: tf.metrics.mean(values, np.ones((2,), np.float32)))


@case
def mean_weights_dim_mismatch_error(tf):
    values = tf.placeholder(tf.float32, [2, 3], name="values")
    return raises(lambda: tf.metrics.mean(values, np.ones((2, 2), np.float32)))


@case
def accuracy_weighted(tf):
    labels = tf.placeholder(tf.int64, [None], name="labels")
    predictions = tf.placeholder(tf.int64, [None], name="predictions")
    weights = tf.placeholder(tf.float32, [None], name="weights")
    acc, update = tf.metrics.accuracy(labels, predictions, weights=weights)
    feeds = [{labels: [1, 2, 3], predictions: [1, 0, 3], weights: [1.0, 3.0, 0.0]},
             {labels: [5], predictions: [5], weights: [2.0]}]
    return [static([acc, update]), _stream(tf, acc, update, feeds)]


@case
def accuracy_casts_predictions(tf):
    labels = tf.placeholder(tf.int64, [None], name="labels")
    predictions = tf.placeholder(tf.int32, [None], name="predictions")
    acc, update = tf.metrics.accuracy(labels, predictions)
    ops = op_summary(tf.get_default_graph())[:5]
    return [ops, _stream(tf, acc, update, [{labels: [1, 2], predictions: [1, 3]}])]


@case
def accuracy_squeezes_predictions(tf):
    labels = tf.placeholder(tf.int64, [None], name="labels")
    predictions = tf.placeholder(tf.int64, [None, 1], name="predictions")
    acc, update = tf.metrics.accuracy(labels, predictions)
    return [op_summary(tf.get_default_graph())[:6],
            _stream(tf, acc, update, [{labels: [1, 2, 3], predictions: [[1], [2], [0]]}])]


@case
def accuracy_argmax_pipeline(tf):
    logits = tf.placeholder(tf.float32, [None, 3], name="logits")
    labels = tf.placeholder(tf.int64, [None], name="labels")
    acc, update = tf.metrics.accuracy(labels, tf.argmax(logits, 1))
    feed = {logits: [[0.1, 0.7, 0.2], [0.9, 0.0, 0.1], [0.2, 0.3, 0.5], [0.0, 1.0, 0.0]], labels: [1, 0, 0, 2]}
    return _stream(tf, acc, update, [feed, feed])


@case
def accuracy_shape_mismatch_error(tf):
    labels = tf.placeholder(tf.int64, [3], name="labels")
    predictions = tf.placeholder(tf.int64, [4], name="predictions")
    return raises(lambda: tf.metrics.accuracy(labels, predictions))


@case
def metrics_names_and_scopes(tf):
    values = tf.placeholder(tf.float32, [None], name="values")
    a = tf.metrics.mean(values)
    b = tf.metrics.mean(values)
    c = tf.metrics.accuracy(values, values)
    d = tf.metrics.accuracy(values, values, name="acc")
    with tf.variable_scope("eval"):
        e = tf.metrics.mean(values, name="loss")
    return [[t.name for pair in (a, b, c, d, e) for t in pair], var_names(tf.local_variables())]


@case
def metrics_collections_arguments(tf):
    values = tf.placeholder(tf.float32, [None], name="values")
    m, update = tf.metrics.mean(values, metrics_collections=["my_metrics"], updates_collections=["my_updates"])
    acc, acc_update = tf.metrics.accuracy(values, values, metrics_collections=["my_metrics"])
    return [[t.name for t in tf.get_collection("my_metrics")], [t.name for t in tf.get_collection("my_updates")],
            sorted(tf.get_default_graph().get_all_collection_keys())]


@case
def metrics_variables_not_in_global(tf):
    tf.metrics.mean(tf.constant([1.0, 2.0]))
    local = tf.local_variables()
    return [var_names(tf.global_variables()), var_names(local), [v.dtype.name for v in local],
            [v.shape.as_list() for v in local], var_names(tf.get_collection(tf.GraphKeys.METRIC_VARIABLES)),
            tf.trainable_variables()]


@case
def metrics_uninitialized_error(tf):
    m, update = tf.metrics.mean(tf.constant([1.0]))

    def run():
        with tf.Session() as sess:
            return sess.run(update)
    result = raises(run)
    return [result.get("error"), "mean/" in result.get("message", "")]


@case
def metrics_reset_by_local_init(tf):
    values = tf.placeholder(tf.float32, [None], name="values")
    m, update = tf.metrics.mean(values)
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        sess.run(update, {values: [4.0]})
        first = sess.run(m)
        sess.run(tf.local_variables_initializer())
        second = sess.run(m)
        sess.run(update, {values: [1.0, 3.0]})
        return [first, second, sess.run(m)]


@case
def mean_int_values_cast(tf):
    values = tf.placeholder(tf.int32, [None], name="values")
    m, update = tf.metrics.mean(values)
    return [op_summary(tf.get_default_graph())[:3], _stream(tf, m, update, [{values: [1, 2]}])]

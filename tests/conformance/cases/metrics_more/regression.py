"""mean_squared_error, root_mean_squared_error, mean_absolute_error, mean_relative_error,
mean_cosine_distance, percentage_below and mean_tensor."""

import numpy as np

from tests.conformance.cases.metrics_more._helpers import graph, stream
from tests.conformance.harness import case, raises

BATCHES = [([1.0, 2.0, 3.0], [1.5, 1.0, 3.0]), ([-2.0], [2.0]), ([0.5, 0.25], [0.0, 1.0])]


def _pairs(tf):
    labels = tf.placeholder(tf.float32, [None], name="labels")
    predictions = tf.placeholder(tf.float32, [None], name="predictions")
    return labels, predictions, [{labels: a, predictions: b} for a, b in BATCHES]


@case
def mean_squared_error_graph(tf):
    labels, predictions, _ = _pairs(tf)
    return graph(tf, tf.metrics.mean_squared_error(labels, predictions))


@case
def root_mean_squared_error_graph(tf):
    labels, predictions, _ = _pairs(tf)
    return graph(tf, tf.metrics.root_mean_squared_error(labels, predictions, metrics_collections=["m"],
                                                        updates_collections=["u"]))


@case
def mean_absolute_error_weighted_graph(tf):
    labels = tf.placeholder(tf.float32, [4, 2], name="labels")
    predictions = tf.placeholder(tf.float32, [4, 2], name="predictions")
    return graph(tf, tf.metrics.mean_absolute_error(labels, predictions, weights=[1.0, 0.0, 2.0, 1.0]))


@case
def mean_relative_error_graph(tf):
    labels, predictions, _ = _pairs(tf)
    normalizer = tf.placeholder(tf.float32, [None], name="normalizer")
    return graph(tf, tf.metrics.mean_relative_error(labels, predictions, normalizer))


@case
def mean_cosine_distance_graph(tf):
    labels = tf.placeholder(tf.float32, [None, 3], name="labels")
    predictions = tf.placeholder(tf.float32, [None, 3], name="predictions")
    return graph(tf, tf.metrics.mean_cosine_distance(labels, predictions, dim=1))


@case
def percentage_below_graph(tf):
    values = tf.placeholder(tf.float32, [None], name="values")
    return graph(tf, tf.metrics.percentage_below(values, 0.5))


@case
def mean_tensor_graph(tf):
    values = tf.placeholder(tf.float32, [2, 3], name="values")
    return graph(tf, tf.metrics.mean_tensor(values))


@case
def mean_tensor_weighted_graph(tf):
    values = tf.placeholder(tf.float32, [2, 3], name="values")
    return graph(tf, tf.metrics.mean_tensor(values, weights=[[1.0], [2.0]]))


@case
def errors_streaming(tf):
    labels, predictions, feeds = _pairs(tf)
    out = {}
    for name in ("mean_squared_error", "root_mean_squared_error", "mean_absolute_error"):
        value, update = getattr(tf.metrics, name)(labels, predictions)
        out[name] = [value.name, update.name, stream(tf, value, update, feeds)]
    return out


@case
def errors_weighted_streaming(tf):
    labels, predictions, feeds = _pairs(tf)
    weights = tf.placeholder(tf.float32, [None], name="weights")
    for feed, w in zip(feeds, ([1.0, 2.0, 0.0], [3.0], [0.5, 0.5]), strict=True):
        feed[weights] = w
    out = {}
    for name in ("mean_squared_error", "root_mean_squared_error", "mean_absolute_error"):
        value, update = getattr(tf.metrics, name)(labels, predictions, weights=weights)
        out[name] = stream(tf, value, update, feeds)
    return out


@case
def errors_2d_squeeze(tf):
    labels = tf.placeholder(tf.float32, [None, 1], name="labels")
    predictions = tf.placeholder(tf.float32, [None], name="predictions")
    value, update = tf.metrics.mean_squared_error(labels, predictions)
    return [graph(tf, (value, update))["ops"][:8],
            stream(tf, value, update, [{labels: [[1.0], [2.0]], predictions: [0.0, 4.0]}])]


@case
def errors_int_labels(tf):
    labels = tf.constant([1, 2, 3])
    predictions = tf.constant([1, 1, 1])
    value, update = tf.metrics.mean_absolute_error(labels, predictions)
    return [static_ops(tf), stream(tf, value, update, [None])]


def static_ops(tf):
    return [[op.name, op.type] for op in tf.get_default_graph().get_operations()]


@case
def mean_relative_error_streaming(tf):
    labels, predictions, feeds = _pairs(tf)
    normalizer = tf.placeholder(tf.float32, [None], name="normalizer")
    for feed, n in zip(feeds, ([1.0, 0.0, 2.0], [4.0], [0.5, 0.0]), strict=True):
        feed[normalizer] = n
    value, update = tf.metrics.mean_relative_error(labels, predictions, normalizer)
    return stream(tf, value, update, feeds)


@case
def mean_relative_error_shape_error(tf):
    labels = tf.placeholder(tf.float32, [3], name="labels")
    predictions = tf.placeholder(tf.float32, [3], name="predictions")
    return raises(lambda: tf.metrics.mean_relative_error(labels, predictions, tf.constant([1.0, 2.0])))


@case
def errors_shape_mismatch(tf):
    labels = tf.placeholder(tf.float32, [3], name="labels")
    predictions = tf.placeholder(tf.float32, [2], name="predictions")
    return [raises(lambda: tf.metrics.mean_squared_error(labels, predictions)),
            raises(lambda: tf.metrics.mean_absolute_error(labels, predictions))]


@case
def mean_cosine_distance_streaming(tf):
    labels = tf.placeholder(tf.float32, [None, 3], name="labels")
    predictions = tf.placeholder(tf.float32, [None, 3], name="predictions")
    weights = tf.placeholder(tf.float32, [None, 1], name="weights")
    a = tf.metrics.mean_cosine_distance(labels, predictions, dim=1)
    b = tf.metrics.mean_cosine_distance(labels, predictions, dim=1, weights=weights, name="weighted")
    rng = np.random.default_rng(1)

    def unit(n):
        v = rng.normal(size=(n, 3)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)
    feeds = [{labels: unit(n), predictions: unit(n), weights: rng.uniform(size=(n, 1)).astype(np.float32)}
             for n in (4, 2)]
    return [stream(tf, a[0], a[1], feeds), stream(tf, b[0], b[1], feeds), [t.name for t in a + b]]


@case
def percentage_below_streaming(tf):
    values = tf.placeholder(tf.float32, [None], name="values")
    weights = tf.placeholder(tf.float32, [None], name="weights")
    a = tf.metrics.percentage_below(values, 0.5)
    b = tf.metrics.percentage_below(values, 0.0, weights=weights, name="below_zero")
    feeds = [{values: [0.1, 0.7, -0.3], weights: [1.0, 1.0, 2.0]}, {values: [2.0], weights: [5.0]}]
    return [stream(tf, a[0], a[1], feeds), stream(tf, b[0], b[1], feeds), [t.name for t in a + b]]


@case
def percentage_below_int_values(tf):
    a = tf.metrics.percentage_below(tf.constant([1, 5, 3]), 4)
    return [static_ops(tf), stream(tf, a[0], a[1], [None])]


@case
def mean_tensor_streaming(tf):
    values = tf.placeholder(tf.float32, [2, 3], name="values")
    weights = tf.placeholder(tf.float32, [2, 1], name="weights")
    a = tf.metrics.mean_tensor(values)
    b = tf.metrics.mean_tensor(values, weights=weights, name="weighted")
    rng = np.random.default_rng(2)
    feeds = [{values: rng.normal(size=(2, 3)).astype(np.float32), weights: w}
             for w in ([[1.0], [0.0]], [[2.0], [0.0]], [[0.5], [1.0]])]
    return [stream(tf, a[0], a[1], feeds), stream(tf, b[0], b[1], feeds),
            [[v.name, v.shape.as_list()] for v in tf.local_variables()]]


@case
def mean_tensor_unknown_shape_error(tf):
    values = tf.placeholder(tf.float32, [None, 3], name="values")
    return raises(lambda: tf.metrics.mean_tensor(values))

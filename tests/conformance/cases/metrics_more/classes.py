"""tf.metrics.mean_iou and tf.confusion_matrix: graphs, streamed matrices, weights, errors."""

import numpy as np

from tests.conformance.cases.metrics_more._helpers import graph, stream
from tests.conformance.harness import case, op_summary, raises, raises_last_line


def _ints(tf, shape=(None,)):
    labels = tf.placeholder(tf.int64, list(shape), name="labels")
    predictions = tf.placeholder(tf.int64, list(shape), name="predictions")
    return labels, predictions


@case
def mean_iou_graph(tf):
    labels, predictions = _ints(tf)
    return graph(tf, tf.metrics.mean_iou(labels, predictions, num_classes=3))


@case
def mean_iou_weighted_2d_graph(tf):
    labels, predictions = _ints(tf, (None, 2))
    weights = tf.placeholder(tf.float32, [None, 2], name="weights")
    return graph(tf, tf.metrics.mean_iou(labels, predictions, num_classes=4, weights=weights))


@case
def mean_iou_streaming(tf):
    labels, predictions = _ints(tf)
    value, update = tf.metrics.mean_iou(labels, predictions, num_classes=3)
    feeds = [{labels: [0, 1, 2, 2], predictions: [0, 2, 2, 1]}, {labels: [1, 1], predictions: [1, 1]},
             {labels: [0], predictions: [2]}]
    return stream(tf, value, update, feeds)


@case
def mean_iou_weighted_streaming(tf):
    labels, predictions = _ints(tf, (None, 2))
    weights = tf.placeholder(tf.float32, [None, 2], name="weights")
    value, update = tf.metrics.mean_iou(labels, predictions, num_classes=4, weights=weights)
    feeds = [{labels: [[0, 1], [3, 3]], predictions: [[0, 0], [3, 1]], weights: [[1.0, 2.0], [0.5, 0.0]]},
             {labels: [[2, 2]], predictions: [[2, 1]], weights: [[1.0, 1.0]]}]
    return stream(tf, value, update, feeds)


@case
def mean_iou_absent_classes_ignored(tf):
    labels, predictions = _ints(tf)
    value, update = tf.metrics.mean_iou(labels, predictions, num_classes=5)
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        before = sess.run(value)
        cm = sess.run(update, {labels: [0, 0, 4], predictions: [0, 4, 4]})
        return [before, cm, sess.run(value)]


@case
def mean_iou_collections_and_names(tf):
    labels, predictions = _ints(tf)
    a = tf.metrics.mean_iou(labels, predictions, 2, metrics_collections=["m"], updates_collections=["u"])
    b = tf.metrics.mean_iou(labels, predictions, 2, name="iou")
    return {"names": [t.name for t in a + b], "m": [t.name for t in tf.get_collection("m")],
            "u": [t.name for t in tf.get_collection("u")],
            "local": [[v.name, v.dtype.name, v.shape.as_list()] for v in tf.local_variables()]}


@case
def mean_iou_label_out_of_range_error(tf):
    labels, predictions = _ints(tf)
    value, update = tf.metrics.mean_iou(labels, predictions, num_classes=2)

    def go():
        with tf.Session() as sess:
            sess.run(tf.local_variables_initializer())
            return sess.run(update, {labels: [0, 2], predictions: [0, 1]})
    return raises_last_line(go)


@case
def mean_iou_shape_error(tf):
    labels, predictions = _ints(tf, (3,))
    return raises(lambda: tf.metrics.mean_iou(labels, tf.placeholder(tf.int64, [2]), num_classes=2))


@case
def mean_iou_random_stream(tf):
    rng = np.random.default_rng(5)
    labels, predictions = _ints(tf, (None, 3))
    value, update = tf.metrics.mean_iou(labels, predictions, num_classes=6)
    feeds = [{labels: rng.integers(0, 6, size=(n, 3)), predictions: rng.integers(0, 6, size=(n, 3))}
             for n in (4, 7, 2)]
    return stream(tf, value, update, feeds)


@case
def confusion_matrix_graph_and_values(tf):
    labels, predictions = _ints(tf)
    cm = tf.confusion_matrix(labels, predictions)
    cm2 = tf.math.confusion_matrix(labels, predictions, num_classes=4, weights=[1.0, 2.0, 0.5], dtype=tf.float32,
                                   name="weighted")
    ops = op_summary(tf.get_default_graph())
    with tf.Session() as sess:
        got = sess.run([cm, cm2], {labels: [0, 2, 1], predictions: [0, 1, 1]})
    return {"ops": ops, "names": [cm.name, cm2.name], "values": got}


@case
def confusion_matrix_v1_argument_order(tf):
    cm = tf.confusion_matrix([0, 1, 1], [1, 1, 0], 3, tf.float64)
    with tf.Session() as sess:
        return [cm.dtype.name, sess.run(cm)]


@case
def confusion_matrix_negative_error(tf):
    labels, predictions = _ints(tf)
    cm = tf.confusion_matrix(labels, predictions)

    def go():
        with tf.Session() as sess:
            return sess.run(cm, {labels: [0, -1], predictions: [0, 1]})
    return raises_last_line(go)


@case
def confusion_matrix_squeezes(tf):
    labels = tf.placeholder(tf.int32, [None, 1], name="labels")
    predictions = tf.placeholder(tf.int32, [None], name="predictions")
    cm = tf.confusion_matrix(labels, predictions, num_classes=3)
    with tf.Session() as sess:
        return [op_summary(tf.get_default_graph())[:6], sess.run(cm, {labels: [[2], [0]], predictions: [2, 1]})]


@case
def mean_per_class_accuracy_graph(tf):
    labels, predictions = _ints(tf)
    return graph(tf, tf.metrics.mean_per_class_accuracy(labels, predictions, 3))


@case
def mean_per_class_accuracy_weighted_2d_graph(tf):
    labels = tf.placeholder(tf.int32, [None, 2], name="labels")
    predictions = tf.placeholder(tf.int64, [None, 2], name="predictions")
    weights = tf.placeholder(tf.float64, [None, 2], name="weights")
    return graph(tf, tf.metrics.mean_per_class_accuracy(labels, predictions, 4, weights=weights))


@case
def mean_per_class_accuracy_streaming(tf):
    labels, predictions = _ints(tf)
    weights = tf.placeholder(tf.float32, [None], name="weights")
    a = tf.metrics.mean_per_class_accuracy(labels, predictions, 3)
    b = tf.metrics.mean_per_class_accuracy(labels, predictions, 4, weights=weights, name="weighted")
    feeds = [{labels: [0, 1, 2, 2], predictions: [0, 2, 2, 1], weights: [1.0, 2.0, 0.5, 1.0]},
             {labels: [1, 1], predictions: [1, 1], weights: [0.0, 3.0]},
             {labels: [0], predictions: [2], weights: [1.0]}]
    return [stream(tf, a[0], a[1], feeds), stream(tf, b[0], b[1], feeds), [t.name for t in a + b]]


@case
def mean_per_class_accuracy_collections(tf):
    labels, predictions = _ints(tf)
    a = tf.metrics.mean_per_class_accuracy(labels, predictions, 2, metrics_collections=["m"],
                                           updates_collections=["u"])
    return {"names": [t.name for t in a], "m": [t.name for t in tf.get_collection("m")],
            "u": [t.name for t in tf.get_collection("u")],
            "local": [[v.name, v.dtype.name, v.shape.as_list()] for v in tf.local_variables()]}


@case
def mean_per_class_accuracy_shape_error(tf):
    labels, predictions = _ints(tf, (3,))
    return raises(lambda: tf.metrics.mean_per_class_accuracy(labels, tf.placeholder(tf.int64, [2]), 2))


@case
def confusion_matrix_float_inputs_and_weights(tf):
    cm = tf.confusion_matrix(tf.constant([1.7, 2.2]), tf.constant([1, 0]), weights=tf.constant([0.5, 2.0]),
                             dtype=tf.float32)
    cm2 = tf.confusion_matrix([0, 3], [3, 3], num_classes=5, weights=[2, 1])
    with tf.Session() as sess:
        return [cm.name, cm2.name, cm2.dtype.name, sess.run([cm, cm2])]

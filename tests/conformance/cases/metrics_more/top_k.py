"""precision_at_k, recall_at_k, their *_at_top_k forms, class_id, sparse labels, weights, and
average_precision_at_k: graphs, variables and streaming values."""

import numpy as np

from tests.conformance.cases.metrics_more._helpers import graph, stream
from tests.conformance.harness import case, raises

LOGITS = [[[.1, .2, .3, .4, .0], [.5, .1, .1, .3, .2], [.0, .9, .05, .05, .3]],
          [[.3, .3, .2, .1, .9], [.25, .5, .2, .1, .0]]]
LABELS = [[[1, 3], [0, 2], [1, 1]], [[4, 0], [1, 4]]]
ONE_LABEL = [[3, 0, 2], [4, 1]]


def _inputs(tf, num_labels=2):
    labels = tf.placeholder(tf.int64, [None, num_labels] if num_labels else [None], name="labels")
    logits = tf.placeholder(tf.float32, [None, 5], name="logits")
    values = LABELS if num_labels else ONE_LABEL
    return labels, logits, [{labels: lv, logits: pv} for lv, pv in zip(values, LOGITS, strict=True)]


@case
def precision_at_k_graph(tf):
    labels, logits, _ = _inputs(tf)
    return graph(tf, tf.metrics.precision_at_k(labels, logits, 2))


@case
def recall_at_k_class_id_graph(tf):
    labels, logits, _ = _inputs(tf)
    return graph(tf, tf.metrics.recall_at_k(labels, logits, 2, class_id=1))


@case
def precision_at_k_weighted_graph(tf):
    labels = tf.placeholder(tf.int64, [3, 2], name="labels")
    logits = tf.placeholder(tf.float32, [3, 5], name="logits")
    weights = tf.placeholder(tf.float32, [3], name="weights")
    return graph(tf, tf.metrics.precision_at_k(labels, logits, 3, weights=weights))


@case
def at_k_streaming(tf):
    labels, logits, feeds = _inputs(tf)
    out = {}
    for k in (1, 2, 3, 5):
        for class_id in (None, 0, 1, 4):
            p = tf.metrics.precision_at_k(labels, logits, k, class_id=class_id)
            r = tf.metrics.recall_at_k(labels, logits, k, class_id=class_id)
            out[f"{k}/{class_id}"] = [stream(tf, p[0], p[1], feeds), stream(tf, r[0], r[1], feeds)]
    return out


@case
def at_k_one_label_per_example(tf):
    labels, logits, feeds = _inputs(tf, num_labels=0)
    p = tf.metrics.precision_at_k(labels, logits, 2)
    r = tf.metrics.recall_at_k(labels, logits, 2, class_id=0)
    return [stream(tf, p[0], p[1], feeds), stream(tf, r[0], r[1], feeds), graph(tf, p)["ops"][:30]]


@case
def at_k_weighted_streaming(tf):
    labels, logits, feeds = _inputs(tf)
    weights = tf.placeholder(tf.float32, [None], name="weights")
    for feed, w in zip(feeds, ([1.0, 2.0, 0.0], [0.5, 3.0]), strict=True):
        feed[weights] = w
    p = tf.metrics.precision_at_k(labels, logits, 2, weights=weights)
    r = tf.metrics.recall_at_k(labels, logits, 2, weights=weights, class_id=1)
    return [stream(tf, p[0], p[1], feeds), stream(tf, r[0], r[1], feeds)]


@case
def at_top_k_streaming(tf):
    labels = tf.placeholder(tf.int64, [None, 2], name="labels")
    top = tf.placeholder(tf.int32, [None, 3], name="top")
    p = tf.metrics.precision_at_top_k(labels, top, k=3)
    r = tf.metrics.recall_at_top_k(labels, top, class_id=2)
    feeds = [{labels: [[1, 2], [0, 0]], top: [[2, 1, 0], [3, 4, 0]]}, {labels: [[2, 5]], top: [[0, 1, 2]]}]
    return [stream(tf, p[0], p[1], feeds), stream(tf, r[0], r[1], feeds), [t.name for t in p + r],
            [v.name for v in tf.local_variables()]]


@case
def at_k_sparse_labels(tf):
    labels = tf.sparse_placeholder(tf.int64, name="labels")
    logits = tf.placeholder(tf.float32, [None, 5], name="logits")
    p = tf.metrics.precision_at_k(labels, logits, 2)
    r = tf.metrics.recall_at_k(labels, logits, 3, class_id=1)
    feed = {labels: tf.SparseTensorValue([[0, 0], [0, 1], [1, 0], [2, 0], [2, 2]], [1, 3, 0, 1, 4], [3, 3]),
            logits: LOGITS[0]}
    return [stream(tf, p[0], p[1], [feed]), stream(tf, r[0], r[1], [feed]), [t.name for t in p + r]]


@case
def at_k_names_and_collections(tf):
    labels, logits, _ = _inputs(tf)
    a = tf.metrics.precision_at_k(labels, logits, 2, metrics_collections=["m"], updates_collections=["u"])
    b = tf.metrics.recall_at_k(labels, logits, 1, class_id=3, name="my_recall")
    c = tf.metrics.sparse_precision_at_k(labels, logits, 2)
    return {"names": [t.name for t in a + b + c], "m": [t.name for t in tf.get_collection("m")],
            "u": [t.name for t in tf.get_collection("u")],
            "local": [[v.name, v.dtype.name] for v in tf.local_variables()],
            "metric": [v.name for v in tf.get_collection(tf.GraphKeys.METRIC_VARIABLES)]}


@case
def at_k_labels_rank_error(tf):
    labels = tf.placeholder(tf.int64, [None, 2, 2, 2], name="labels")
    logits = tf.placeholder(tf.float32, [None, 5], name="logits")
    return raises(lambda: tf.metrics.precision_at_k(labels, logits, 2))


@case
def average_precision_at_k_graph(tf):
    labels, logits, _ = _inputs(tf)
    return graph(tf, tf.metrics.average_precision_at_k(labels, logits, 3))


@case
def average_precision_at_k_streaming(tf):
    labels, logits, feeds = _inputs(tf)
    out = {}
    for k in (1, 2, 4):
        m = tf.metrics.average_precision_at_k(labels, logits, k)
        out[str(k)] = stream(tf, m[0], m[1], feeds)
    return out


@case
def average_precision_at_k_weighted_and_out_of_range(tf):
    labels, logits, feeds = _inputs(tf)
    weights = tf.placeholder(tf.float32, [None], name="weights")
    for feed, w in zip(feeds, ([1.0, 2.0, 0.0], [0.5, 3.0]), strict=True):
        feed[weights] = w
    feeds[1][labels] = [[4, 7], [1, 9]]  # ids >= num_classes become -1
    m = tf.metrics.average_precision_at_k(labels, logits, 2, weights=weights)
    s = tf.metrics.sparse_average_precision_at_k(labels, logits, 3)
    return [stream(tf, m[0], m[1], feeds), stream(tf, s[0], s[1], feeds), [t.name for t in m + s]]


@case
def average_precision_at_k_sparse_labels(tf):
    labels = tf.sparse_placeholder(tf.int64, name="labels")
    logits = tf.placeholder(tf.float32, [None, 5], name="logits")
    m = tf.metrics.average_precision_at_k(labels, logits, 3)
    feed = {labels: tf.SparseTensorValue([[0, 0], [0, 1], [1, 0], [2, 0], [2, 2]], [1, 3, 0, 1, 4], [3, 3]),
            logits: LOGITS[0]}
    return stream(tf, m[0], m[1], [feed])


@case
def average_precision_at_k_bad_k(tf):
    labels, logits, _ = _inputs(tf)
    return raises(lambda: tf.metrics.average_precision_at_k(labels, logits, 0))


@case
def at_k_random_stream(tf):
    rng = np.random.default_rng(11)
    labels = tf.placeholder(tf.int64, [None, 3], name="labels")
    logits = tf.placeholder(tf.float32, [None, 8], name="logits")
    pairs = [tf.metrics.precision_at_k(labels, logits, 3), tf.metrics.recall_at_k(labels, logits, 3),
             tf.metrics.precision_at_k(labels, logits, 4, class_id=2), tf.metrics.average_precision_at_k(labels,
                                                                                                         logits, 4)]
    feeds = [{labels: rng.integers(0, 8, size=(n, 3)), logits: rng.normal(size=(n, 8)).astype(np.float32)}
             for n in (5, 3, 6)]
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        updates = [sess.run([p[1] for p in pairs], f) for f in feeds]
        return [updates, sess.run([p[0] for p in pairs])]


@case
def at_k_sparse_tensor_value_labels(tf):
    labels = tf.SparseTensorValue([[0, 0], [1, 0], [1, 1]], np.array([1, 3, 0], np.int64), [2, 2])
    logits = tf.constant([[.1, .5, .2, .3], [.6, .1, .1, .2]])
    p = tf.metrics.precision_at_k(labels, logits, 2, class_id=0)
    m = tf.metrics.average_precision_at_k(labels, logits, 3)
    int32_labels = raises(lambda: tf.metrics.recall_at_k(tf.constant([[1]]), logits, 1))
    return [[t.name for t in p + m], stream(tf, p[0], p[1], [None]), stream(tf, m[0], m[1], [None]), int32_labels]

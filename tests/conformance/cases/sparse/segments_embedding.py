"""``tf.sparse.segment_sum``/``mean``/``sqrt_n``, ``tf.segment_sum`` and
``tf.nn.embedding_lookup_sparse``: graphs, values, static shapes and errors."""

import numpy as np

from tests.conformance.cases.sparse._helpers import ops, run, static
from tests.conformance.harness import case, error_class, raises


@case
def sparse_segment_reductions(tf):
    data = tf.reshape(tf.range(12.0), [4, 3])
    out = [tf.sparse.segment_sum(data, [0, 2, 2, 3], [0, 0, 2, 2]),
           tf.sparse_segment_mean(data, [0, 2, 2, 3], [0, 0, 2, 2], name="m"),
           tf.sparse.segment_sqrt_n(data, tf.constant([1, 3], tf.int64), [0, 1]),
           tf.sparse.segment_sum(data, [0, 1], [0, 2], num_segments=4),
           tf.sparse.segment_mean(data, [3], [1], num_segments=3)]
    return [static(out), [sorted(o.op.node_def.attr) for o in out], ops(tf.get_default_graph()), run(tf, out)]


@case
def sparse_segment_errors(tf):
    data = tf.ones([3, 2])
    return [run(tf, tf.sparse.segment_sum(data, [0, 5], [0, 1])),
            run(tf, tf.sparse.segment_sum(data, [0, 1], [1, 0])),
            run(tf, tf.sparse.segment_mean(data, [0, 1], [-1, 2])),
            run(tf, tf.sparse.segment_sum(data, [-1, 1], [0, 1])),
            raises(tf.sparse.segment_sqrt_n, data, [0, 1, 2], [0, 1]),
            raises(tf.sparse.segment_mean, tf.ones([3, 2], tf.int32), [0], [0]),
            run(tf, tf.sparse.segment_sum(data, [0, 1, 2], [0, 0, 5]))]


@case
def segment_sum_values_and_errors(tf):
    data = tf.reshape(tf.range(8), [4, 2])
    s = tf.segment_sum(data, [0, 0, 1, 3])
    return [static(s), run(tf, s), run(tf, tf.segment_sum(data, [1, 0, 0, 0])),
            run(tf, tf.segment_sum(tf.placeholder_with_default(tf.ones([3]), [None]), [0, 0]))]


@case
def embedding_lookup_sparse_without_weights(tf):
    params = tf.constant(np.arange(12.0, dtype=np.float32).reshape(4, 3))
    ids = tf.SparseTensor([[0, 0], [0, 1], [2, 0]], tf.constant([1, 3, 2], tf.int64), [3, 2])
    out = [tf.nn.embedding_lookup_sparse(params, ids, None, combiner=c) for c in ("sum", "mean", "sqrtn")]
    out.append(tf.nn.embedding_lookup_sparse(params, ids, None))
    return [static(out), [o.op.get_attr("sparse_gradient") for o in out], ops(tf.get_default_graph()),
            run(tf, out)]


@case
def embedding_lookup_sparse_with_weights(tf):
    params = tf.constant(np.arange(12.0, dtype=np.float32).reshape(4, 3))
    ids = tf.SparseTensor([[0, 0], [0, 1], [2, 0]], tf.constant([1, 3, 1], tf.int64), [3, 2])
    weights = tf.SparseTensor([[0, 0], [0, 1], [2, 0]], [1.0, 2.0, 0.5], [3, 2])
    out = [tf.nn.embedding_lookup_sparse(params, ids, weights, combiner=c) for c in ("sum", "mean", "sqrtn")]
    return [static(out), ops(tf.get_default_graph()), run(tf, out)]


@case
def embedding_lookup_sparse_variable_and_feeds(tf):
    emb = tf.get_variable("emb", initializer=np.arange(10.0, dtype=np.float32).reshape(5, 2))
    ids = tf.sparse_placeholder(tf.int64)
    e = tf.nn.embedding_lookup_sparse(emb, ids, None, combiner="mean", name="look")
    w = tf.nn.embedding_lookup_sparse([emb], ids, tf.SparseTensor(ids.indices, tf.ones_like(ids.values, tf.float32),
                                                                  ids.dense_shape), combiner="sum")
    feed = {ids: ([[0, 0], [0, 1], [1, 0], [3, 2]], [4, 0, 2, 2], [4, 3])}
    return [static([e, w]), ops(tf.get_default_graph()), run(tf, [e, w], feed)]


@case
def embedding_lookup_sparse_errors(tf):
    params = tf.ones([4, 3])
    ids = tf.SparseTensor([[0, 0]], tf.constant([1], tf.int64), [1, 1])
    return [raises(tf.nn.embedding_lookup_sparse, params, ids, None, combiner="max"),
            raises(tf.nn.embedding_lookup_sparse, params, [[1]], None),
            error_class(tf.nn.embedding_lookup_sparse, params, ids, tf.ones([1])),  # the message names TF's class
            raises(tf.nn.embedding_lookup_sparse, params, ids, tf.SparseTensor([[0, 0], [0, 1]], [1.0, 2.0], [1, 2])),
            run(tf, tf.nn.embedding_lookup_sparse(params, tf.SparseTensor([[0, 0]], tf.constant([7], tf.int64),
                                                                            [1, 1]), None))]

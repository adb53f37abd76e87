"""``tf.sparse_merge``, ``tf.sparse.to_indicator`` and ``tf.sparse.eye``: the graphs TF composes
from other ops, their values and errors."""

from tests.conformance.cases.sparse._helpers import ops, run, static
from tests.conformance.harness import case, raises


@case
def sparse_merge_graph_and_values(tf):
    ids = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], tf.constant([4, 1, 2], tf.int64), [2, 2])
    vals = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], [0.5, 2.0, 3.0], [2, 2])
    m = tf.sparse_merge(ids, vals, 5)
    two = tf.sparse_merge([ids, ids], vals, [5, 6], already_sorted=True, name="two")
    return [static([m, two]), ops(tf.get_default_graph()), run(tf, [m, two])]


@case
def sparse_merge_errors(tf):
    ids = tf.SparseTensor([[0, 0]], tf.constant([4], tf.int64), [1, 1])
    return [raises(tf.sparse_merge, ids, ids, 2.5), raises(tf.sparse_merge, 3, ids, 5),
            raises(tf.sparse_merge, [ids], ids, 5), raises(tf.sparse_merge, [ids, ids], ids, [5]),
            raises(tf.sparse_merge, [ids], ids, [5.0])]


@case
def to_indicator_graph_and_values(tf):
    ids = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], tf.constant([4, 1, 2], tf.int32), [2, 2])
    ind = tf.sparse.to_indicator(ids, 5)
    ind2 = tf.sparse_to_indicator(ids, tf.constant(6), name="ind")
    return [static([ind, ind2]), ops(tf.get_default_graph()), run(tf, [ind, ind2])]


@case
def eye_graph_and_values(tf):
    a = tf.sparse.eye(3, 4, dtype=tf.int32)
    b = tf.sparse.eye(2)
    n = tf.placeholder(tf.int32, [])
    c = tf.sparse.eye(n, tf.constant(3, tf.int64), name="e")
    return [static([a, b, c]), ops(tf.get_default_graph()), run(tf, [a, b]), run(tf, c, {n: 5}),
            raises(tf.sparse.eye, 2.5)]

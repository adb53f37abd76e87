"""``tf.sparse.reduce_sum`` (``SparseReduceSum``), ``reduce_sum_sparse``, ``tf.sparse.retain`` and
``tf.sparse.fill_empty_rows`` (``SparseFillEmptyRows``)."""

import numpy as np

from tests.conformance.cases.sparse._helpers import ops, run, sparse, static
from tests.conformance.harness import case, raises


@case
def reduce_sum_graph_and_static_shapes(tf):
    st = sparse(tf, [[0, 0], [1, 1], [1, 2]], [1.0, 2.0, 3.0], [2, 3])
    out = [tf.sparse.reduce_sum(st), tf.sparse_reduce_sum(st, axis=1), tf.sparse.reduce_sum(st, 0, keepdims=True),
           tf.sparse.reduce_sum(st, [-1], keep_dims=True), tf.sparse.reduce_sum(st, reduction_axes=[0, 1])]
    p = tf.SparseTensor([[0, 0]], [1.0], tf.placeholder(tf.int64, [2]))
    unknown = [tf.sparse.reduce_sum(p, 1), tf.sparse.reduce_sum(p)]
    return [static(out + unknown), ops(tf.get_default_graph()), run(tf, out)]


@case
def reduce_sum_unknown_rank_builds_rank_and_range(tf):
    p = tf.placeholder(tf.int64)
    st = tf.SparseTensor(tf.placeholder(tf.int64, [None, None]), tf.placeholder(tf.float32, [None]), p)
    s = tf.sparse.reduce_sum(st)
    return [static(s), ops(tf.get_default_graph()),
            run(tf, s, {st: ([[0, 1], [2, 2]], [1.5, 2.0], [3, 3])})]


@case
def reduce_sum_values_and_dtypes(tf):
    st = sparse(tf, [[0, 1, 0], [1, 0, 2], [1, 2, 1], [1, 0, 0]], [1, 2, 3, 4], [2, 3, 3], tf.int64)
    c = sparse(tf, [[0], [2]], [1 + 1j, 2j], [3], tf.complex64)
    return [run(tf, [tf.sparse.reduce_sum(st, a) for a in (0, 1, 2, [0, 2], [2, 0, -1])]),
            run(tf, tf.sparse.reduce_sum(c)),
            run(tf, tf.sparse.reduce_sum(tf.SparseTensor(tf.zeros([0, 2], tf.int64), tf.zeros([0]), [2, 2]), 1))]


@case
def reduce_sum_errors(tf):
    st = sparse(tf, [[1, 1]], [1.0], [2, 2])
    return [static(tf.sparse.reduce_sum(st, 2)), run(tf, tf.sparse.reduce_sum(st, 2)),
            run(tf, tf.sparse.reduce_sum(st, -3)),
            raises(tf.sparse.reduce_sum, sparse(tf, [[1, 1]], [b"a"], [2, 2])),
            raises(tf.sparse.reduce_sum, st, 1, keepdims=True, keep_dims=True)]


@case
def reduce_sum_sparse_values(tf):
    st = sparse(tf, [[1, 1], [0, 1], [0, 0], [1, 0]], [1.0, 2.0, 3.0, 0.0], [2, 3])
    out = [tf.sparse.reduce_sum_sparse(st, 1), tf.sparse_reduce_sum_sparse(st, 0, keepdims=True),
           tf.sparse.reduce_sum_sparse(st)]
    return [static(out), ops(tf.get_default_graph()), run(tf, out)]


@case
def retain_graph_and_values(tf):
    st = sparse(tf, [[0, 0], [1, 1], [2, 0]], [1.0, 2.0, 3.0], [3, 2])
    a = tf.sparse.retain(st, [True, False, True])
    b = tf.sparse_retain(st, np.array([0, 1, 0]))
    m = tf.placeholder(tf.bool, [None])
    c = tf.sparse.retain(st, m)
    return [static([a, b, c]), ops(tf.get_default_graph()), run(tf, [a, b]),
            run(tf, c, {m: [False, False, False]})]


@case
def retain_errors(tf):
    st = sparse(tf, [[1, 1], [3, 0]], [1.0, 2.0], [5, 2])
    return [raises(tf.sparse.retain, st, [True]), raises(tf.sparse.retain, st, [[True]]),
            raises(tf.sparse.retain, tf.ones([2]), [True])]


@case
def fill_empty_rows_graph_and_values(tf):
    st = sparse(tf, [[1, 1], [3, 0]], [1.0, 2.0], [5, 2])
    filled, empty = tf.sparse.fill_empty_rows(st, -1.0)
    f2, e2 = tf.sparse_fill_empty_rows(sparse(tf, [[0, 0, 1], [2, 1, 1]], [b"a", b"b"], [3, 2, 2]), b"z", name="f")
    return [static([filled, empty, f2, e2]), ops(tf.get_default_graph()), run(tf, [filled, empty, f2, e2])]


@case
def fill_empty_rows_unordered_and_edge_shapes(tf):
    unordered = sparse(tf, [[3, 1], [1, 0], [3, 0]], [1, 2, 3], [5, 2])
    empty = tf.SparseTensor(tf.zeros([0, 2], tf.int64), tf.zeros([0]), [0, 2])
    none = tf.SparseTensor(tf.zeros([0, 2], tf.int64), tf.zeros([0]), [3, 2])
    p = tf.placeholder(tf.int64, [2])
    unknown = tf.sparse.fill_empty_rows(tf.SparseTensor([[0, 0]], [1.0], p), 0.0)
    return [run(tf, list(tf.sparse.fill_empty_rows(unordered, 0))),
            run(tf, list(tf.sparse.fill_empty_rows(empty, 5.0))),
            run(tf, list(tf.sparse.fill_empty_rows(none, 5.0))), static(list(unknown))]


@case
def fill_empty_rows_errors(tf):
    def fill(indices, shape):
        return run(tf, list(tf.sparse.fill_empty_rows(tf.SparseTensor(indices, tf.ones([len(indices)]), shape), 0.0)))
    return [fill([[6, 1], [1, 0]], [5, 2]), fill([[-1, 0]], [5, 2]), fill([[0, 0]], [0, 2]),
            raises(tf.sparse.fill_empty_rows, sparse(tf, [[0, 0]], [1], [2, 2]), 0.5),
            raises(tf.sparse.fill_empty_rows, sparse(tf, [[0, 0]], [1.0], [2, 2]), [0.0, 1.0])]

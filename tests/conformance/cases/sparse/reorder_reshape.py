"""``tf.sparse.reorder`` (``SparseReorder``) and ``tf.sparse.reshape`` (``SparseReshape``)."""

import numpy as np

from tests.conformance.cases.sparse._helpers import ops, run, sparse, static
from tests.conformance.harness import case, raises


@case
def reorder_graph_and_values(tf):
    st = sparse(tf, [[1, 0], [0, 1], [0, 0], [1, 0]], [1, 2, 3, 4], [2, 2])
    r = tf.sparse.reorder(st)
    p = tf.placeholder(tf.int64, [2])
    r2 = tf.sparse_reorder(tf.SparseTensor([[2, 1], [0, 0]], [5.0, 6.0], p), name="ro")
    return [static(r), static(r2), ops(tf.get_default_graph()), run(tf, r), run(tf, r2, {p: [3, 2]})]


@case
def reorder_three_dims_and_empty(tf):
    st = sparse(tf, [[1, 0, 2], [0, 3, 1], [1, 0, 0], [0, 0, 5]], [1.0, 2.0, 3.0, 4.0], [2, 4, 6])
    empty = tf.SparseTensor(tf.zeros([0, 2], tf.int64), tf.zeros([0]), [3, 3])
    return [run(tf, tf.sparse.reorder(st)), run(tf, tf.sparse.reorder(empty))]


@case
def reorder_errors(tf):
    return [raises(tf.sparse.reorder, tf.ones([2])),
            run(tf, tf.sparse.reorder(tf.SparseTensor(tf.placeholder_with_default(
                np.array([[0, 0]], np.int64), [None, 2]), tf.placeholder_with_default([1.0, 2.0], [None]), [2, 2])))]


@case
def reshape_graph_and_static_shapes(tf):
    st = sparse(tf, [[0, 1], [1, 0]], [1, 2], [2, 3])
    a = tf.sparse.reshape(st, [3, 2])
    b = tf.sparse_reshape(st, [-1], name="flat")
    c = tf.sparse.reshape(st, tf.placeholder(tf.int64, [3]))
    d = tf.sparse.reshape(tf.SparseTensor([[0, 0]], [1], tf.placeholder(tf.int64, [2])), [-1, 2])
    e = tf.sparse.reshape(st, tf.constant([1, -1, 2], tf.int32))
    return [static(x) for x in (a, b, c, d, e)] + [ops(tf.get_default_graph())]


@case
def reshape_values(tf):
    st = sparse(tf, [[0, 1, 0], [1, 0, 2], [1, 2, 1]], [1.0, 2.0, 3.0], [2, 3, 3])
    return [run(tf, tf.sparse.reshape(st, [6, 3])), run(tf, tf.sparse.reshape(st, [-1])),
            run(tf, tf.sparse.reshape(st, [3, -1, 2, 1])),
            run(tf, tf.sparse.reshape(tf.SparseTensor(tf.zeros([0, 2], tf.int64), tf.zeros([0]), [2, 0]), [0, 5]))]


@case
def reshape_build_time_errors(tf):
    st = sparse(tf, [[1, 0]], [1], [2, 2])
    return [raises(tf.sparse.reshape, st, [3, 2]), raises(tf.sparse.reshape, st, [-1, -1]),
            raises(tf.sparse.reshape, st, [-1, 3]), raises(tf.sparse.reshape, st, [[4]]),
            raises(tf.sparse.reshape, [1], [1])]


@case
def reshape_kernel_errors(tf):
    st = sparse(tf, [[1, 0]], [1], [2, 2])

    def fed(shape):
        return run(tf, tf.sparse.reshape(st, tf.placeholder_with_default(np.array(shape, np.int64), [len(shape)])))
    return [fed([-1, 3]), fed([-1, -1]), fed([3, 2]), fed([-1, 1]), fed([-2, 2]), fed([0, -1])]

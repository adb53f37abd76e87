"""``tf.sparse.add`` (``SparseAdd`` with its threshold, ``SparseTensorDenseAdd``) and
``tf.sparse.concat`` (``SparseConcat``, ``expand_nonconcat_dim``)."""

import numpy as np

from tests.conformance.cases.sparse._helpers import ops, run, sparse, static
from tests.conformance.harness import case, raises


@case
def add_sparse_sparse_graph_and_values(tf):
    a = sparse(tf, [[0, 0], [1, 1]], [1.0, -0.2], [2, 2])
    b = sparse(tf, [[0, 0], [1, 0]], [-1.0, 0.3], [2, 2])
    s = tf.sparse.add(a, b)
    t = tf.sparse_add(a, b, thresh=0.25)
    u = tf.sparse.add(a, b, threshold=0.5)
    return [static(s), static(t), ops(tf.get_default_graph()), run(tf, [s, t, u])]


@case
def add_sparse_sparse_unordered_and_duplicate_inputs(tf):
    a = sparse(tf, [[1, 1], [0, 0]], [1.0, -0.2], [2, 2])
    b = sparse(tf, [[0, 0], [1, 0], [1, 0]], [-1.0, 0.3, 0.4], [2, 2])
    return run(tf, [tf.sparse.add(a, b), tf.sparse.add(b, a)])


@case
def add_sparse_sparse_dtypes_and_shapes(tf):
    a = sparse(tf, [[0], [3]], [1, 2], [5], tf.int64)
    c = sparse(tf, [[0], [2]], [1 + 2j, 3j], [4], tf.complex64)
    p = tf.placeholder(tf.int64, [2])
    d = tf.sparse.add(tf.SparseTensor([[0, 0]], [1.0], p), sparse(tf, [[0, 1]], [2.0], [3, 3]))
    return [run(tf, tf.sparse.add(a, a)), run(tf, tf.sparse.add(c, c, 2.5)), static(d),
            run(tf, tf.sparse.add(tf.SparseTensorValue([[0, 0]], [1.0], [1, 2]), sparse(tf, [[0, 1]], [3.0], [1, 2])))]


@case
def add_build_time_errors(tf):
    a = sparse(tf, [[1, 0]], [1], [2, 2])
    return [raises(tf.sparse.add, a, sparse(tf, [[1, 0]], [1], [2, 3])),
            raises(tf.sparse.add, a, sparse(tf, [[1, 0]], [1.0], [2, 2])),
            raises(tf.sparse.add, tf.ones([2]), tf.ones([2])),
            raises(tf.sparse.add, a, a, threshold=1, thresh=2),
            raises(tf.sparse.add, sparse(tf, [[0]], [b"x"], [2]), sparse(tf, [[0]], [b"y"], [2]))]


@case
def add_kernel_errors(tf):
    def ph(v):
        return tf.placeholder_with_default(np.array(v, np.int64), [None])
    a = tf.SparseTensor([[1, 0]], [1], ph([2, 2]))
    return [run(tf, tf.sparse.add(a, tf.SparseTensor([[1, 0]], [1], ph([2, 3])))),
            run(tf, tf.sparse.add(a, tf.SparseTensor([[1]], [1], ph([2]))))]


@case
def add_sparse_dense(tf):
    st = sparse(tf, [[0, 0], [1, 2]], [1.0, 2.0], [2, 3])
    d = tf.reshape(tf.range(6.0), [2, 3])
    a = tf.sparse.add(st, d)
    b = tf.sparse_add(d, st)
    c = tf.sparse.add(tf.SparseTensorValue([[0, 1]], [5], [1, 2]), [[1, 1]])
    return [static([a, b, c]), ops(tf.get_default_graph()), run(tf, [a, b, c])]


@case
def add_sparse_dense_kernel_errors(tf):
    st = sparse(tf, [[1, 0]], [1.0], [2, 2])
    return [run(tf, tf.sparse.add(st, tf.ones([2, 3]))),
            run(tf, tf.sparse.add(st, tf.placeholder_with_default(tf.ones([2, 3]), [None, None]))),
            run(tf, tf.sparse.add(st, tf.ones([2]))),
            run(tf, tf.sparse.add(sparse(tf, [[0, 0], [5, 0]], [1.0, 2.0], [2, 2]), tf.ones([2, 2]))),
            run(tf, tf.sparse.add(sparse(tf, [[0, -1]], [1.0], [2, 2]), tf.ones([2, 2])))]


@case
def concat_graph_and_values(tf):
    a = sparse(tf, [[0, 1], [1, 0]], [1, 2], [2, 3])
    b = sparse(tf, [[0, 0], [1, 1]], [3, 4], [2, 2])
    c = tf.sparse.concat(1, [a, b])
    d = tf.sparse_concat(0, [a, sparse(tf, [[0, 2]], [5], [1, 3])], name="rows")
    e = tf.sparse.concat(-1, [a, b, a])
    return [static([c, d, e]), ops(tf.get_default_graph()), run(tf, [c, d, e])]


@case
def concat_expand_nonconcat_dim(tf):
    a = sparse(tf, [[0, 1], [2, 0]], [1, 2], [3, 2])
    b = sparse(tf, [[0, 3]], [3], [1, 4])
    c = tf.sparse.concat(0, [a, b], expand_nonconcat_dim=True)
    d = tf.sparse.concat(1, [a, b], expand_nonconcat_dim=True)
    return [static([c, d]), ops(tf.get_default_graph()), run(tf, [c, d]),
            raises(tf.sparse.concat, 1, [a, b], expand_nonconcat_dims=True)]


@case
def concat_partly_known_shapes(tf):
    p = tf.placeholder(tf.int64, [2])
    a = tf.SparseTensor([[0, 0]], [1.0], p)
    b = sparse(tf, [[0, 1]], [2.0], [2, 3])
    c = tf.sparse.concat(1, [a, b])
    return [static(c), run(tf, c, {p: [2, 2]}), run(tf, c, {p: [3, 2]})]


@case
def concat_errors(tf):
    a = sparse(tf, [[1, 0]], [1], [2, 2])
    return [raises(tf.sparse.concat, 0, [a, sparse(tf, [[1]], [1], [2])]),
            run(tf, tf.sparse.concat(0, [a, sparse(tf, [[1, 0]], [1], [2, 3])])),
            raises(tf.sparse.concat, 2, [a, sparse(tf, [[1, 0]], [1], [2, 3])]),
            raises(tf.sparse.concat, 1, [a, sparse(tf, [[1, 0]], [1.0], [2, 3])]),
            raises(tf.sparse.concat, 1, a),
            raises(tf.sparse.concat, 1, [tf.ones([2, 2]), a]),
            static(tf.sparse.concat(1, [a])),
            raises(tf.sparse.concat, 1, [a, a], concat_dim=1)]

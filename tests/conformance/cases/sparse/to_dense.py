"""``tf.sparse.to_dense`` / ``tf.sparse_tensor_to_dense`` / ``tf.sparse_to_dense`` (``SparseToDense``)
and ``tf.sparse.from_dense``: graphs, values and TF's kernel errors."""

import numpy as np

from tests.conformance.cases.sparse._helpers import ops, run, sparse, static
from tests.conformance.harness import case, raises


@case
def to_dense_graph_and_values(tf):
    st = sparse(tf, [[0, 0], [1, 2]], [1.0, 2.0], [3, 4])
    a = tf.sparse_tensor_to_dense(st)
    b = tf.sparse.to_dense(st, default_value=-1.0, validate_indices=False, name="dense")
    return [static([a, b]), a.op.get_attr("validate_indices"), b.op.get_attr("validate_indices"),
            ops(tf.get_default_graph()), run(tf, [a, b])]


@case
def to_dense_dtypes(tf):
    out = {}
    for dtype in (tf.int32, tf.int64, tf.float64, tf.bool, tf.string, tf.uint8):
        values = [b"a", b"b"] if dtype == tf.string else [1, 0] if dtype == tf.bool else [3, 4]
        st = sparse(tf, [[0], [2]], values, [4], dtype)
        out[dtype.name] = run(tf, tf.sparse.to_dense(st))
    return out


@case
def to_dense_index_errors(tf):
    def err(indices, shape=(2, 2), **kw):
        return run(tf, tf.sparse.to_dense(tf.SparseTensor(indices, tf.ones([len(indices)]), list(shape)), **kw))
    return [err([[1, 0], [0, 0]]), err([[0, 0], [0, 0]]), err([[0, 0], [2, 0]]), err([[-1, 0]]),
            err([[0, 0], [2, 0]], validate_indices=False), err([[1, 0], [0, 0]], validate_indices=False),
            err([[0, 1], [0, 1]], validate_indices=False), err([[0, 0, 0], [0, 1, 0]], (1, 2, 1))]


@case
def sparse_to_dense_forms(tf):
    a = tf.sparse_to_dense([[0, 0], [1, 2]], [3, 4], [1.0, 2.0])
    b = tf.sparse_to_dense([3, 1], [5], 7, -1)
    c = tf.sparse_to_dense(2, [5], 7)
    d = tf.sparse_to_dense(tf.constant([0, 4], tf.int64), tf.constant([6], tf.int64), [1.5, 2.5], 0.5, name="s")
    return [static([a, b, c, d]), ops(tf.get_default_graph()), run(tf, [a, c, d]), run(tf, b)]


@case
def sparse_to_dense_static_shape_from_output_shape(tf):
    n = tf.placeholder(tf.int32, [])
    p = tf.placeholder(tf.int32, [2])
    return [static(tf.sparse_to_dense([[0, 0]], tf.stack([n, 3]), 1.0)),
            static(tf.sparse_to_dense([[0, 0]], p, 1.0)),
            static(tf.sparse_to_dense([[0, 0]], tf.placeholder(tf.int32, [None]), 1.0)),
            raises(tf.sparse_to_dense, [[0, 0]], [[2, 2]], 1.0)]


@case
def sparse_to_dense_kernel_errors(tf):
    ph = tf.placeholder_with_default(np.array([[0, 0, 0]], np.int32), [None, None])
    return [run(tf, tf.sparse_to_dense([[0, 0], [1, 1]], [2, 2], [1, 2, 3])),
            run(tf, tf.sparse_to_dense([[0, 0], [1, 1]], [2, 2], [1, 2], [1, 2])),
            run(tf, tf.sparse_to_dense(np.zeros([1, 1, 1], np.int32), [2, 2], [1])),
            run(tf, tf.sparse_to_dense([[0, 0, 0]], [2, 2], [1])),
            run(tf, tf.sparse_to_dense(ph, [2, 2], [1])),
            raises(tf.sparse_to_dense, tf.placeholder(tf.int64, [None, 2]), tf.constant([2, 2]), [1])]


@case
def to_dense_argument_errors(tf):
    return [raises(tf.sparse.to_dense, tf.ones([2])), raises(tf.sparse.to_dense, [[1, 0]]),
            raises(tf.sparse_tensor_to_dense, sparse(tf, [[0]], [1], [2]), default_value=[1, 2])]


@case
def to_dense_from_sparse_tensor_value(tf):
    v = tf.SparseTensorValue(np.array([[0, 1]]), np.array([2.5], np.float32), np.array([2, 2]))
    d = tf.sparse.to_dense(v)
    return [static(d), ops(tf.get_default_graph()), run(tf, d)]


@case
def from_dense_graph_and_values(tf):
    st = tf.sparse.from_dense([[1, 0, 3], [0, 0, 5]])
    x = tf.placeholder(tf.float32, [None, 2])
    st2 = tf.sparse.from_dense(x, name="fd")
    return [static(st), static(st2), ops(tf.get_default_graph()), run(tf, st),
            run(tf, st2, {x: [[0.0, 1.5], [2.0, 0.0], [0.0, 0.0]]}),
            run(tf, tf.sparse.from_dense(tf.constant([b"", b"x", b""])))]

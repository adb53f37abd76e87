"""``tf.sparse.slice`` (``SparseSlice``), ``tf.sparse.split`` (``SparseSplit``),
``tf.sparse.reduce_max`` (``SparseReduceMax``) and ``tf.sparse.maximum``/``minimum``."""

from tests.conformance.cases.sparse._helpers import ops, run, sparse, static
from tests.conformance.harness import case, grads, raises


def _st(tf):
    return sparse(tf, [[0, 0], [0, 3], [1, 1], [2, 2], [3, 0]], [-1.0, 2.0, 3.0, -4.0, 5.0], [4, 5])


@case
def slice_graph_values_and_gradient(tf):
    st = _st(tf)
    a = tf.sparse.slice(st, [1, 1], [2, 3])
    b = tf.sparse_slice(st, [3, 0], [5, 5], name="tail")
    c = tf.sparse.slice(st, [4, 0], [1, 1])
    v = tf.constant([1.0, 2.0, 3.0])
    d = tf.sparse.slice(tf.SparseTensor([[0, 0], [1, 1], [2, 2]], v, [3, 3]), [1, 0], [2, 2])
    return [static([a, b, c]), ops(tf.get_default_graph()), run(tf, [a, b, c]),
            grads(tf, [d.values * 3.0], [v])]


@case
def slice_errors(tf):
    st = _st(tf)
    return [run(tf, tf.sparse.slice(st, [1], [2, 3])), run(tf, tf.sparse.slice(st, [0, 0], [[1, 1]])),
            raises(tf.sparse.slice, tf.ones([2]), [0], [1])]


@case
def split_graph_and_values(tf):
    st = _st(tf)
    cols = tf.sparse.split(sp_input=st, num_split=3, axis=1)
    rows = tf.sparse_split(sp_input=st, num_split=2, axis=0, name="rows")
    neg = tf.sparse.split(sp_input=st, num_split=2, axis=-1)
    return [static(cols + rows + neg), ops(tf.get_default_graph()), run(tf, cols + rows + neg)]


@case
def split_errors(tf):
    st = _st(tf)
    return [raises(tf.sparse.split, st, 2, 1), raises(tf.sparse.split, sp_input=st, axis=1),
            raises(tf.sparse.split, num_split=2, axis=1), raises(tf.sparse.split, sp_input=st, num_split=2),
            run(tf, tf.sparse.split(sp_input=st, num_split=6, axis=1)[0]),
            run(tf, tf.sparse.split(sp_input=st, num_split=2, axis=2)[0])]


@case
def reduce_max_values_and_shapes(tf):
    st = _st(tf)
    out = [tf.sparse.reduce_max(st, 1), tf.sparse.reduce_max(st, 0), tf.sparse.reduce_max(st),
           tf.sparse_reduce_max(st, 1, keepdims=True)]
    sp = [tf.sparse.reduce_max_sparse(st, 1), tf.sparse_reduce_max_sparse(st, 0, keepdims=True)]
    ints = tf.sparse.reduce_max(sparse(tf, [[0, 0]], [1], [2, 2]), 1)
    empty = tf.sparse.reduce_max(tf.SparseTensor(tf.zeros([0, 2], tf.int64), tf.zeros([0]), [2, 2]), 1)
    return [static(out + sp), ops(tf.get_default_graph()), run(tf, out + sp + [ints, empty]),
            raises(tf.sparse.reduce_max, sparse(tf, [[0]], [1 + 1j], [1], tf.complex64))]


@case
def maximum_minimum(tf):
    a = sparse(tf, [[0, 0], [1, 1]], [1.0, -2.0], [2, 2])
    b = sparse(tf, [[0, 0], [0, 1]], [-3.0, 4.0], [2, 2])
    mx, mn = tf.sparse.maximum(a, b), tf.sparse_minimum(a, b, name="lo")
    ints = tf.sparse.maximum(sparse(tf, [[0], [2]], [3, -1], [4]), sparse(tf, [[1], [2]], [-5, 2], [4]))
    return [static([mx, mn, ints]), ops(tf.get_default_graph()), run(tf, [mx, mn, ints]),
            raises(tf.gradients, mx.values, a.values),
            run(tf, tf.sparse.maximum(a, sparse(tf, [[0, 0]], [1.0], [2, 3])))]

"""``SparseTensor`` operators (``*``, ``/``), ``tf.shape``/``size``/``rank`` of a sparse tensor,
``tf.sparse.transpose``, ``expand_dims`` and ``softmax``, with their gradients."""

import numpy as np

from tests.conformance.cases.sparse._helpers import ops, run, sparse, static
from tests.conformance.harness import case, grads, raises


@case
def operators_build_sparse_dense_cwise_ops(tf):
    st = sparse(tf, [[0, 0], [1, 2]], [1.0, 2.0], [3, 4])
    out = [st * 2.0, st * tf.ones([3, 4]), st / tf.constant([1.0, 2.0, 4.0, 8.0]), tf.ones([4]) * st,
           st / tf.constant([[2.0], [4.0], [8.0]])]
    return [static(out), ops(tf.get_default_graph()), run(tf, out)]


@case
def operators_int_truediv_and_div(tf):
    st = sparse(tf, [[0, 0], [1, 2]], [7, -7], [3, 4])
    a = st / 2
    b = st.__div__(2)
    return [static([a, b]), ops(tf.get_default_graph()), run(tf, [a, b])]


@case
def operators_errors(tf):
    st = sparse(tf, [[0, 0], [1, 2]], [1.0, 2.0], [3, 4])
    return [raises(lambda: st + 1.0), raises(lambda: 2.0 * st), raises(lambda: st * tf.constant(1, tf.int32)),
            run(tf, (st * tf.ones([5])).values), run(tf, (st * tf.ones([2, 3, 4])).values),
            raises(tf.convert_to_tensor, st), raises(tf.reduce_sum, st)]


@case
def shape_size_rank_of_sparse_tensor(tf):
    st = sparse(tf, [[0, 0], [1, 2]], [1.0, 2.0], [3, 4])
    p = tf.sparse_placeholder(tf.float32)
    out = [tf.shape(st), tf.size(st), tf.rank(st), tf.shape(st, out_type=tf.int64, name="s64"), tf.shape(p),
           tf.size(p, out_type=tf.int64), tf.rank(p)]
    feed = {p: ([[0, 0, 1]], [1.0], [2, 3, 5])}
    return [static(out), ops(tf.get_default_graph()), run(tf, out, feed)]


@case
def transpose_graph_and_values(tf):
    st = sparse(tf, [[0, 1, 2], [1, 0, 0], [1, 2, 1]], [1, 2, 3], [2, 3, 4])
    a = tf.sparse.transpose(st)
    b = tf.sparse_transpose(st, [1, 0, 2], name="t")
    p = tf.SparseTensor([[0, 1]], [1.0], tf.placeholder(tf.int64, [2]))
    c = tf.sparse.transpose(p)
    return [static([a, b, c]), ops(tf.get_default_graph()), run(tf, [a, b]),
            run(tf, c, {p.dense_shape: [2, 3]})]


@case
def expand_dims_graph_and_values(tf):
    st = sparse(tf, [[0, 1], [2, 0]], [1.0, 2.0], [3, 2])
    out = [tf.sparse.expand_dims(st), tf.sparse.expand_dims(st, 0), tf.sparse.expand_dims(st, -2, name="e")]
    return [static(out), ops(tf.get_default_graph()), run(tf, out), raises(tf.sparse.expand_dims, st, 1.5)]


@case
def softmax_graph_values_and_errors(tf):
    st = sparse(tf, [[0, 0], [0, 3], [1, 1], [2, 0], [2, 1], [2, 2]], [1.0, 2.0, 5.0, -1.0, 0.0, 1.0], [3, 4])
    s = tf.sparse.softmax(st)
    t = tf.sparse_softmax(sparse(tf, [[0, 0, 0], [0, 0, 1], [1, 2, 0]], [1.0, 1.0, 3.0], [2, 3, 2]), name="sm")
    return [static([s, t]), ops(tf.get_default_graph()), run(tf, [s, t]),
            run(tf, tf.sparse.softmax(sparse(tf, [[0], [2]], [1.0, 2.0], [4]))),
            raises(tf.sparse.softmax, sparse(tf, [[0, 0]], [1], [2, 2]))]


@case
def grad_operators_softmax_and_transpose(tf):
    v = tf.constant(np.array([0.5, -1.0, 2.0], np.float32))
    d = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    st = tf.SparseTensor([[0, 1], [1, 0], [1, 2]], v, [2, 3])
    m = st * d
    q = st / tf.constant([2.0, 4.0, 8.0])
    s = tf.sparse.softmax(st)
    t = tf.sparse.transpose(st)
    return [grads(tf, [m.values * m.values], [v, d]), grads(tf, [q.values], [v], prefix="gradients_1"),
            grads(tf, [s.values * tf.constant([1.0, 2.0, 3.0])], [v], prefix="gradients_2"),
            grads(tf, [t.values * tf.constant([1.0, 2.0, 3.0])], [v], prefix="gradients_3")]


@case
def identity_cond_and_nest_with_sparse_tensors(tf):
    sp = sparse(tf, [[0, 0], [1, 1]], [1.0, 2.0], [2, 2])
    other = sparse(tf, [[0, 1]], [5.0], [2, 2])
    a = tf.identity(sp)
    b = tf.identity(sp, name="ignored")
    p = tf.placeholder(tf.bool, [])
    c = tf.cond(p, lambda: sp, lambda: other)
    d = tf.cond(p, lambda: {"s": sp, "n": tf.constant(1)}, lambda: {"s": other, "n": tf.constant(2)})
    flat = tf.nest.flatten([sp, 3], expand_composites=True)
    packed = tf.nest.pack_sequence_as([sp], flat[:3], expand_composites=True)
    return [static([a, b, c, d["s"], d["n"]]), [getattr(x, "name", x) for x in flat], static(packed),
            ops(tf.get_default_graph()), run(tf, [c, d], {p: True}), run(tf, [c, d], {p: False})]

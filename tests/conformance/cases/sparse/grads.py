"""Gradients through the sparse ops: ``tf.gradients`` names, graphs and values as TF builds them
(TF's ``sparse_grad.py`` rules), and an embedding trained through ``embedding_lookup_sparse``."""

import numpy as np

from tests.conformance.cases.sparse._helpers import plain
from tests.conformance.harness import case, grads, raises


def _values(tf, n, seed=0):
    return tf.constant(np.random.default_rng(seed).uniform(-1, 1, n).astype(np.float32))


@case
def grad_sparse_to_dense_and_to_dense(tf):
    v = _values(tf, 3)
    d = tf.constant(0.5)
    a = tf.sparse_to_dense([[0, 1], [1, 0], [1, 2]], [2, 3], v, d)
    b = tf.sparse.to_dense(tf.SparseTensor([[0, 0], [1, 1], [1, 2]], v, [2, 3]))
    return [grads(tf, [a * 2.0], [v, d]), grads(tf, [b * b], [v], prefix="gradients_1")]


@case
def grad_sparse_tensor_dense_matmul_each_adjoint(tf):
    out = []
    for i, (adj_a, adj_b) in enumerate([(False, False), (True, False), (False, True), (True, True)]):
        v = _values(tf, 3, i)
        shape_b = {(False, False): [3, 2], (True, False): [2, 2], (False, True): [2, 3], (True, True): [2, 2]}
        b = tf.reshape(tf.range(float(np.prod(shape_b[adj_a, adj_b]))), shape_b[adj_a, adj_b])
        st = tf.SparseTensor([[0, 1], [1, 0], [1, 2]], v, [2, 3])
        p = tf.sparse.sparse_dense_matmul(st, b, adjoint_a=adj_a, adjoint_b=adj_b)
        prefix = "gradients" if i == 0 else f"gradients_{i}"
        out.append(grads(tf, [p * p], [v, b], prefix=prefix))
    return out


@case
def grad_sparse_add(tf):
    a_v, b_v = _values(tf, 2), _values(tf, 2, 1)
    a = tf.SparseTensor([[0, 0], [1, 1]], a_v, [2, 2])
    b = tf.SparseTensor([[0, 0], [1, 0]], b_v, [2, 2])
    s = tf.sparse.add(a, b)
    d = tf.reshape(tf.range(4.0), [2, 2])
    sd = tf.sparse.add(a, d)
    return [grads(tf, [s.values * 3.0], [a_v, b_v]), grads(tf, [sd * sd], [a_v, d], prefix="gradients_1")]


@case
def grad_sparse_reduce_sum(tf):
    v = _values(tf, 3)
    st = tf.SparseTensor([[0, 0], [1, 1], [1, 2]], v, [2, 3])
    r = tf.sparse.reduce_sum(st, 1)
    k = tf.sparse.reduce_sum(st, 0, keepdims=True)
    return [grads(tf, [r * r], [v]), grads(tf, [k * 2.0], [v], prefix="gradients_1"),
            grads(tf, [tf.sparse.reduce_sum(st)], [v], prefix="gradients_2")]


@case
def grad_sparse_reorder_and_fill_empty_rows(tf):
    v = _values(tf, 3)
    st = tf.SparseTensor([[1, 0], [0, 1], [0, 0]], v, [3, 2])
    r = tf.sparse.reorder(st)
    d = tf.constant(-1.0)
    filled, _ = tf.sparse.fill_empty_rows(tf.SparseTensor([[0, 0], [2, 1]], v[:2], [4, 2]), d)
    return [grads(tf, [r.values * tf.constant([1.0, 2.0, 3.0])], [v]),
            grads(tf, [filled.values * filled.values], [v, d], prefix="gradients_1")]


@case
def grad_sparse_segment_reductions(tf):
    data = tf.reshape(tf.range(12.0), [4, 3])
    out = []
    for i, fn in enumerate((tf.sparse.segment_sum, tf.sparse.segment_mean, tf.sparse.segment_sqrt_n)):
        s = fn(data, [0, 2, 2, 3], [0, 0, 2, 2])
        out.append(grads(tf, [s * s], [data], prefix="gradients" if i == 0 else f"gradients_{i}"))
    return out


@case
def grad_segment_sum_and_weighted_embedding(tf):
    params = tf.reshape(tf.range(12.0), [4, 3])
    ids = tf.SparseTensor([[0, 0], [0, 1], [2, 0]], tf.constant([1, 3, 1], tf.int64), [3, 2])
    w_v = tf.constant([1.0, 2.0, 0.5])
    weights = tf.SparseTensor([[0, 0], [0, 1], [2, 0]], w_v, [3, 2])
    e = tf.nn.embedding_lookup_sparse(params, ids, weights, combiner="mean")
    g = tf.gradients(e * e, [params, w_v])
    # the params' gradient is IndexedSlices in TF (a dense tensor here, named otherwise): values only
    return [g[1].name, plain(tf.Session().run([tf.convert_to_tensor(x) for x in g]))]


@case
def grad_embedding_without_weights_values(tf):
    params = tf.reshape(tf.range(12.0), [4, 3])
    ids = tf.SparseTensor([[0, 0], [0, 1], [2, 0]], tf.constant([1, 3, 1], tf.int64), [3, 2])
    out = []
    for c in ("sum", "mean", "sqrtn"):
        e = tf.nn.embedding_lookup_sparse(params, ids, None, combiner=c)
        out.append(tf.convert_to_tensor(tf.gradients(e * e, params)[0]))
    return plain(tf.Session().run(out))


@case
def train_embedding_through_embedding_lookup_sparse(tf):
    emb = tf.get_variable("emb", initializer=np.arange(10.0, dtype=np.float32).reshape(5, 2) / 10)
    ids = tf.sparse_placeholder(tf.int64)
    target = tf.placeholder(tf.float32, [None, 2])
    e = tf.nn.embedding_lookup_sparse(emb, ids, None, combiner="mean")
    loss = tf.reduce_sum(tf.square(e - target))
    step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    feed = {ids: ([[0, 0], [0, 1], [1, 0]], [4, 0, 2], [2, 2]), target: [[1.0, 1.0], [0.0, 0.0]]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        losses = [sess.run([loss, step], feed)[0] for _ in range(3)]
        return [losses, sess.run(emb)]


@case
def grad_not_differentiable_sparse_ops(tf):
    v = _values(tf, 2)
    st = tf.SparseTensor([[0, 0], [1, 1]], v, [2, 2])
    c = tf.sparse.concat(1, [st, st])
    r = tf.sparse.reshape(st, [4])
    return [tf.gradients(c.values, v), raises(tf.gradients, r.indices, v), grads(tf, [r.values], [v])]

"""``tf.nn.embedding_lookup`` over a ``PartitionedVariable`` (its shards, mod and div), and
sparse training of the shards."""

import numpy as np

from tests.conformance.harness import case, op_summary, shape_of


def _emb(tf, rows=10, dim=2, n=3):
    value = np.arange(rows * dim, dtype=np.float32).reshape(rows, dim)
    return tf.get_variable("emb", initializer=tf.constant(value), partitioner=tf.fixed_size_partitioner(n))


def _lookup(tf, strategy):
    emb = _emb(tf)
    n = len(tf.get_default_graph().get_operations())
    out = tf.nn.embedding_lookup(emb, tf.constant([0, 3, 9, 4, 3]), partition_strategy=strategy)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [out.name, shape_of(out), op_summary(tf.get_default_graph())[n:], sess.run(out)]


@case
def lookup_mod(tf):
    return _lookup(tf, "mod")


@case
def lookup_div(tf):
    return _lookup(tf, "div")


@case
def lookup_one_shard(tf):
    emb = _emb(tf, n=1)
    out = tf.nn.embedding_lookup(emb, [[1, 2], [0, 0]])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [out.name, shape_of(out), sess.run(out)]


@case
def sparse_gradients_train_only_the_gathered_rows(tf):
    emb = _emb(tf)
    loss = tf.reduce_sum(tf.square(tf.nn.embedding_lookup(emb, [1, 5, 5, 8])))
    grads = tf.gradients(loss, list(emb))
    step = tf.train.AdagradOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(step)
        sess.run(step)
        return [[type(g).__name__ for g in grads], [np.round(v, 5) for v in sess.run(list(emb))],
                [v.name for v in tf.global_variables()]]

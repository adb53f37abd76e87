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


@case
def sampled_losses_over_partitioned_weights(tf):
    w = tf.get_variable("w", initializer=tf.constant(np.linspace(-1, 1, 40, dtype=np.float32).reshape(10, 4)),
                        partitioner=tf.fixed_size_partitioner(3))
    b = tf.get_variable("b", initializer=tf.zeros([10]))
    x = tf.constant(np.linspace(0, 1, 8, dtype=np.float32).reshape(2, 4))
    labels = tf.constant([[1], [7]], tf.int64)
    sampled = (tf.constant([0, 2, 5], tf.int64), tf.constant([0.3, 0.3, 0.3]), tf.constant([0.3, 0.3]))
    nce = tf.nn.nce_loss(w, b, labels, x, 3, 10, sampled_values=sampled)
    ssm = tf.nn.sampled_softmax_loss(w, b, labels, x, 3, 10, sampled_values=sampled)
    grads = tf.gradients(tf.reduce_sum(nce) + tf.reduce_sum(ssm), list(w))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [nce.name, ssm.name, [type(g).__name__ for g in grads],
                sess.run([nce, ssm]), sess.run([tf.convert_to_tensor(g) for g in grads])]

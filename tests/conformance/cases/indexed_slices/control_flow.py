"""Sparse gradients through ``tf.cond``: a ``Switch``'s gradient merges the branch's slices with
the other branch's zeros (made slices of all rows), one ``Merge`` per part; a ``Merge``'s
gradient switches each part."""

import numpy as np

from tests.conformance.cases.indexed_slices.gradients import _describe, _plain
from tests.conformance.harness import case

_TABLE = np.arange(12, dtype=np.float32).reshape(6, 2)


def _ops(tf, prefix="gradients"):
    return [[op.name, op.type, [t.name for t in op.inputs]] for op in tf.get_default_graph().get_operations()
            if op.name.startswith(prefix)]


def _run(tf, gs, feeds):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [[_plain(v) for v in sess.run(gs, feed)] for feed in feeds]


@case
def gathers_in_both_branches(tf):
    w = tf.Variable(_TABLE, name="w")
    p = tf.placeholder(tf.bool, [], name="p")
    c = tf.cond(p, lambda: tf.reduce_sum(tf.gather(w, [1])), lambda: tf.reduce_sum(tf.gather(w, [2, 3])))
    gs = tf.gradients(c, [w])
    return [[_describe(g) for g in gs], _ops(tf), _run(tf, gs, [{p: True}, {p: False}])]


@case
def gather_in_one_branch_dense_in_the_other(tf):
    w = tf.Variable(_TABLE, name="w")
    p = tf.placeholder(tf.bool, [], name="p")
    c = tf.cond(p, lambda: tf.reduce_sum(tf.gather(w, [1])), lambda: tf.reduce_sum(w))
    gs = tf.gradients(c, [w])
    return [[_describe(g) for g in gs], _ops(tf), _run(tf, gs, [{p: True}, {p: False}])]


@case
def gather_of_a_cond_output(tf):
    a = tf.Variable(_TABLE, name="a")
    b = tf.Variable(np.ones((6, 2), np.float32), name="b")
    p = tf.placeholder(tf.bool, [], name="p")
    t = tf.cond(p, lambda: a * 1.0, lambda: tf.identity(b))
    gs = tf.gradients(tf.reduce_sum(tf.gather(t, [1, 4, 1])), [a, b])
    return [[_describe(g) for g in gs], _ops(tf), _run(tf, gs, [{p: True}, {p: False}])]


@case
def training_through_a_cond(tf):
    w = tf.Variable(_TABLE, name="w")
    p = tf.placeholder(tf.bool, [], name="p")
    c = tf.cond(p, lambda: tf.reduce_sum(tf.square(tf.gather(w, [1, 1]))),
                lambda: tf.reduce_sum(tf.square(tf.gather(w, [0, 5]))))
    opt = tf.train.AdagradOptimizer(0.2)
    train = opt.minimize(c)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for value in (True, False, True):
            sess.run(train, {p: value})
        return [sess.run(w), sess.run(opt.get_slot(w, "accumulator"))]


@case
def gather_of_a_loop_invariant(tf):
    w = tf.Variable(_TABLE, name="w")

    def body(i, acc):
        return i + 1, acc + tf.reduce_sum(tf.gather(w, [i, i + 1]) * tf.cast(i + 1, tf.float32))

    _, total = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), tf.constant(0.0)])
    gs = tf.gradients(total, [w])
    return [[_describe(g) for g in gs], _ops(tf), _run(tf, gs, [None])]


@case
def training_an_embedding_read_in_a_loop(tf):
    w = tf.Variable(_TABLE, name="w")

    def body(i, acc):
        return i + 1, acc + tf.reduce_sum(tf.square(tf.gather(w, [i, 5 - i])))

    _, total = tf.while_loop(lambda i, a: i < 2, body, [tf.constant(0), tf.constant(0.0)])
    opt = tf.train.MomentumOptimizer(0.05, 0.9)
    train = opt.minimize(total)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(2):
            sess.run(train)
        return [sess.run(w), sess.run(opt.get_slot(w, "momentum"))]

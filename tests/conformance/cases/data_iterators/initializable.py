"""Initializable iterators: parameterised by placeholders, re-initialized with new feeds, and
their errors (uninitialized, missing feed)."""

import numpy as np

from tests.conformance.cases.data_dataset._helpers import graph_ops, next_values, outcomes, value
from tests.conformance.harness import case, raises_last_line


@case
def initializable_graph_ops(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    ds = tf.data.Dataset.from_tensor_slices(x).batch(2)
    start = len(tf.get_default_graph().get_operations())
    it = tf.data.make_initializable_iterator(ds)
    nxt = it.get_next()
    return {"ops": graph_ops(tf, start), "initializer": it.initializer.name, "next": [nxt.name, nxt.shape.as_list()]}


@case
def initializable_reinitialized_with_new_feeds(tf):
    x = tf.placeholder(tf.int32, [None])
    it = tf.data.make_initializable_iterator(tf.data.Dataset.from_tensor_slices(x).map(lambda v: v * 2))
    nxt = it.get_next()
    out = []
    with tf.Session() as sess:
        for feed in ([1, 2, 3], [7], []):
            sess.run(it.initializer, {x: feed})
            out.append(next_values(tf, sess, nxt))
    return out


@case
def initializable_restart_midway(tf):
    it = tf.data.Dataset.range(5).make_initializable_iterator()
    nxt = it.get_next()
    with tf.Session() as sess:
        sess.run(it.initializer)
        first = [int(sess.run(nxt)) for _ in range(3)]
        sess.run(it.initializer)
        return [first, next_values(tf, sess, nxt)]


@case
def initializable_not_initialized(tf):
    it = tf.data.make_initializable_iterator(tf.data.Dataset.range(3))
    nxt = it.get_next()
    with tf.Session() as sess:
        return raises_last_line(sess.run, nxt)


@case
def initializable_missing_feed(tf):
    x = tf.placeholder(tf.int32, [None], name="values")
    it = tf.data.make_initializable_iterator(tf.data.Dataset.from_tensor_slices(x))
    with tf.Session() as sess:
        return raises_last_line(sess.run, it.initializer)


@case
def initializable_batch_size_placeholder(tf):
    size = tf.placeholder(tf.int64, [], name="size")
    data = tf.placeholder(tf.float32, [None, 3], name="data")
    it = tf.data.make_initializable_iterator(tf.data.Dataset.from_tensor_slices(data).batch(size))
    nxt = it.get_next()
    out = []
    with tf.Session() as sess:
        for n in (2, 4):
            sess.run(it.initializer, {size: n, data: np.arange(12, dtype=np.float32).reshape(4, 3)})
            out.append(next_values(tf, sess, nxt))
    return {"shape": nxt.shape.as_list(), "values": out}


@case
def initializable_shared_between_fetches(tf):
    it = tf.data.make_initializable_iterator(tf.data.Dataset.range(4).map(lambda x: (x, -x)))
    a, b = it.get_next()
    with tf.Session() as sess:
        sess.run(it.initializer)
        got = [value(sess.run([a, b])), value(sess.run(a)), value(sess.run(b))]
    return got


@case
def initializable_two_sessions_are_independent(tf):
    it = tf.data.make_initializable_iterator(tf.data.Dataset.range(4))
    nxt = it.get_next()
    with tf.Session() as s1, tf.Session() as s2:
        s1.run(it.initializer)
        s2.run(it.initializer)
        return [int(s1.run(nxt)), int(s1.run(nxt)), int(s2.run(nxt)), int(s1.run(nxt))]


@case
def initializable_error_after_reinit_is_cleared(tf):
    x = tf.placeholder(tf.string, [None])
    ds = tf.data.Dataset.from_tensor_slices(x).map(lambda v: tf.strings.to_number(v, tf.int32))
    it = tf.data.make_initializable_iterator(ds)
    nxt = it.get_next()
    with tf.Session() as sess:
        sess.run(it.initializer, {x: ["1", "x", "2"]})
        first = outcomes(tf, sess, nxt, 4)
        sess.run(it.initializer, {x: ["5"]})
        return [first, next_values(tf, sess, nxt)]

"""``tf.no_regularizer``, ``Variable.initialized_value`` and integer division of empty tensors."""

import numpy as np

from tests.conformance.harness import case, run


@case
def no_regularizer_turns_off_the_scope_regularizer(tf):
    with tf.variable_scope("s", regularizer=lambda w: tf.reduce_sum(w) * 2.0):
        tf.get_variable("a", initializer=tf.constant([1.0, 2.0]))
        tf.get_variable("b", initializer=tf.constant([3.0, 4.0]), regularizer=tf.no_regularizer)
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    return [[t.name for t in losses], run(tf, losses), tf.no_regularizer(None)]


@case
def initialized_value_feeds_another_initializer(tf):
    w = tf.Variable(tf.constant([[1.0, 2.0], [3.0, 4.0]]), name="w")
    v = tf.Variable(w.initialized_value() * 2.0, name="v")
    u = tf.get_variable("u", initializer=w.initialized_value() + 1.0)
    value = w.initialized_value()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first = sess.run([v, u])
        sess.run(tf.assign(w, [[0.0, 0.0], [0.0, 1.0]]))
        after = sess.run(value)
    return {"name": value.name, "shape": value.shape.as_list(), "first": first, "after_assign": after}


@case
def initialized_value_before_initialization(tf):
    w = tf.Variable([5.0, 6.0], name="w")
    value = w.initialized_value()
    with tf.Session() as sess:
        return sess.run(value)


def _empty_division(tf, fn, x, y):
    p = tf.placeholder(tf.int32, None)
    q = tf.placeholder(tf.int32, None)
    out = fn(p, q)
    with tf.Session() as sess:
        got = sess.run(out, {p: np.asarray(x, np.int32), q: np.asarray(y, np.int32)})
    return [out.op.type, list(got.shape), got.dtype.name]


@case
def floormod_of_empty_by_zero(tf):
    return _empty_division(tf, tf.floormod, np.zeros([0]), 0)


@case
def floordiv_of_empty_by_zero(tf):
    return _empty_division(tf, tf.floordiv, np.zeros([0]), 0)


@case
def truncatediv_and_truncatemod_of_empty_by_zero(tf):
    return [_empty_division(tf, tf.truncatediv, np.zeros([0]), 0),
            _empty_division(tf, tf.truncatemod, np.zeros([0]), 0)]


@case
def floor_div_broadcast_to_empty(tf):
    return _empty_division(tf, tf.floor_div, np.zeros([2, 0]), np.zeros([2, 1]))


@case
def floormod_by_empty(tf):
    return _empty_division(tf, tf.floormod, [1], np.zeros([0]))


@case
def gradient_of_reduce_sum_of_unknown_rank_fed_a_scalar(tf):
    x = tf.placeholder("float")
    g = tf.gradients(tf.reduce_sum(x ** 2), x)
    with tf.Session() as sess:
        return [sess.run(g, {x: 3.0}), sess.run(g, {x: [1.0, 2.0]}), sess.run(g, {x: [[1.0], [-2.0]]})]


@case
def mean_gradient_of_unknown_rank_fed_a_scalar(tf):
    x = tf.placeholder(tf.float32)
    g = tf.gradients(tf.reduce_mean(x * 3.0), x)
    with tf.Session() as sess:
        return [sess.run(g, {x: 2.0}), sess.run(g, {x: [1.0, 2.0, 4.0]})]

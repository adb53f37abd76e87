"""tf.layers.dropout and tf.layers.batch_normalization given a tensor ``training``: smart_cond
builds a tf.cond for a placeholder and none for a Python bool or a constant tensor."""

import numpy as np

from tests.conformance.cases.control_cond._helpers import detail, pred
from tests.conformance.harness import case, op_summary, static


@case
def dropout_placeholder_training_ops(tf):
    t = pred(tf, "training")
    x = tf.constant([[1.0, 2.0, 3.0, 4.0]], name="x")
    y = tf.layers.dropout(x, rate=0.5, training=t, seed=1)
    return [static(y), detail(tf)]


@case
def dropout_placeholder_training_values(tf):
    t = pred(tf, "training")
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    y = tf.layers.dropout(x, rate=0.5, training=t)
    ones = np.ones((25, 4), np.float32)
    with tf.Session() as sess:
        off = sess.run(y, {x: ones, t: False})
        on = sess.run(y, {x: ones, t: True})
    return [static(y), off[:2], sorted(set(on.ravel().tolist()))]


@case
def dropout_placeholder_with_default_training(tf):
    t = tf.placeholder_with_default(False, [], name="training")
    x = tf.constant([[1.0, 2.0]], name="x")
    y = tf.layers.dropout(x, rate=0.5, training=t)
    with tf.Session() as sess:
        got = sess.run(y)
    return [y.name, op_summary(tf.get_default_graph())[:6], got]


@case
def dropout_constant_tensor_training_no_cond(tf):
    x = tf.constant([[1.0, 2.0]], name="x")
    y = tf.layers.dropout(x, rate=0.5, training=tf.constant(False))
    return [y.name, op_summary(tf.get_default_graph())]


@case
def dropout_python_bool_training_no_cond(tf):
    x = tf.constant([[1.0, 2.0]], name="x")
    a = tf.layers.dropout(x, rate=0.5, training=False)
    b = tf.layers.dropout(x, rate=0.5, training=True, seed=3)
    return [a.name, b.name, op_summary(tf.get_default_graph())]


@case
def dropout_two_layers_cond_names(tf):
    t = pred(tf, "training")
    x = tf.constant([[1.0, 2.0]], name="x")
    a = tf.layers.dropout(x, rate=0.5, training=t)
    b = tf.layers.dropout(a, rate=0.5, training=t)
    return [a.name, b.name]


@case
def dropout_gradient_with_placeholder_training(tf):
    t = pred(tf, "training")
    x = tf.ones([2, 30], name="x")
    y = tf.layers.dropout(x, rate=0.5, training=t)
    g = tf.gradients(tf.reduce_sum(y), x)[0]
    with tf.Session() as sess:
        off = sess.run(g, {t: False})[:, :3]
        on = sess.run(g, {t: True})
    return [g.name, off, sorted(set(on.ravel().tolist()))]


@case
def batch_norm_placeholder_training_ops(tf):
    t = pred(tf, "training")
    x = tf.constant([[1.0, 2.0], [3.0, 5.0]], name="x")
    y = tf.layers.batch_normalization(x, training=t)
    return [y.name, [u.name for u in tf.get_collection(tf.GraphKeys.UPDATE_OPS)], detail(tf)]


@case
def batch_norm_placeholder_training_values(tf):
    t = pred(tf, "training")
    x = tf.constant([[1.0, 2.0], [3.0, 5.0]], name="x")
    y = tf.layers.batch_normalization(x, training=t, momentum=0.5)
    upd = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    mm, mv = [v for v in tf.global_variables() if "moving" in v.name]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        infer = sess.run([y] + upd, {t: False})
        after_infer = sess.run([mm, mv])
        train = sess.run([y] + upd, {t: True})
        after_train = sess.run([mm, mv])
    return [infer, after_infer, train, after_train]


@case
def batch_norm_constant_training_no_cond(tf):
    x = tf.constant([[1.0, 2.0], [3.0, 5.0]], name="x")
    y = tf.layers.batch_normalization(x, training=tf.constant(True))
    names = [n for n, _ in op_summary(tf.get_default_graph())]
    return [y.name, [u.name for u in tf.get_collection(tf.GraphKeys.UPDATE_OPS)],
            [n for n in names if "cond" in n]]


@case
def batch_norm_fused_placeholder_training(tf):
    t = pred(tf, "training")
    x = tf.placeholder(tf.float32, [None, 2, 2, 2], name="x")
    y = tf.layers.batch_normalization(x, training=t)
    return [y.name, [u.name for u in tf.get_collection(tf.GraphKeys.UPDATE_OPS)],
            op_summary(tf.get_default_graph())]

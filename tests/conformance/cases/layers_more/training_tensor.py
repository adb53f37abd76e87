"""``training`` given as a tensor: tf.layers.dropout and batch_normalization build v1 ``cond``s whose
outputs keep the static shape, so a conv2d after them builds (issue 22's bug)."""

import numpy as np

from tests.conformance.cases._layers_helpers import arr, collections, model, static
from tests.conformance.cases.layers_more._helpers import ph
from tests.conformance.harness import case


@case
def dropout_training_tensor_model_then_conv(tf):
    x = ph(tf, (None, 8, 8, 3))
    t = tf.placeholder(tf.bool, [], name="training")
    y = tf.layers.dropout(x, 0.3, training=t)
    z = tf.layers.conv2d(y, 2, 3)
    return model(tf, [y, z])


@case
def dropout_training_unknown_rank_tensor(tf):
    x = ph(tf, (None, 6, 6, 2))
    t = tf.placeholder(tf.bool, name="training")
    y = tf.layers.dropout(x, 0.5, training=t)
    return static([y, tf.layers.conv2d(y, 2, 3)])


@case
def dropout_training_placeholder_with_default(tf):
    x = ph(tf, (None, 5))
    t = tf.placeholder_with_default(False, [], name="training")
    y = tf.layers.dropout(x, 0.5, training=t)
    z = tf.layers.dense(y, 3, kernel_initializer=tf.ones_initializer())
    feed = {x: np.ones((4, 5), np.float32)}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        off = sess.run(z, feed)
        on = sess.run(y, {**feed, t: True})
    return [static([y, z]), off, sorted(set(on.ravel().tolist()))]


@case
def batch_norm_training_tensor_model_then_conv(tf):
    x = ph(tf, (None, 6, 6, 3))
    t = tf.placeholder(tf.bool, [], name="training")
    y = tf.layers.batch_normalization(x, training=t)
    z = tf.layers.conv2d(y, 2, 3)
    return [model(tf, [y, z]), collections(tf)]


@case
def batch_norm_training_tensor_unfused_model(tf):
    x = ph(tf, (None, 4))
    t = tf.placeholder(tf.bool, [], name="training")
    y = tf.layers.batch_normalization(x, training=t)
    z = tf.layers.dense(y, 2)
    return [model(tf, [y, z]), collections(tf)]


@case
def batch_norm_training_tensor_values(tf):
    x = ph(tf, (None, 3, 3, 2))
    t = tf.placeholder(tf.bool, [], name="training")
    y = tf.layers.batch_normalization(x, training=t, momentum=0.5)
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    feed = {x: arr(4, 3, 3, 2, seed=1)}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        train, _ = sess.run([y, updates], {**feed, t: True})
        infer = sess.run(y, {**feed, t: False})
        moving = sess.run(tf.global_variables()[2:])
    return [train, infer, moving]


@case
def batch_norm_training_tensor_unfused_values(tf):
    x = ph(tf, (None, 3))
    t = tf.placeholder(tf.bool, [], name="training")
    y = tf.layers.batch_normalization(x, training=t, momentum=0.9)
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    feed = {x: arr(5, 3, seed=2)}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        train, _ = sess.run([y, updates], {**feed, t: True})
        infer, _ = sess.run([y, updates], {**feed, t: False})
        moving = sess.run(tf.global_variables()[2:])
    return [train, infer, moving]


@case
def batch_norm_training_tensor_gradients(tf):
    x = ph(tf, (4, 2, 2, 3))
    t = tf.placeholder(tf.bool, [], name="training")
    y = tf.layers.batch_normalization(x, training=t)
    loss = tf.reduce_sum(y * tf.constant(arr(4, 2, 2, 3, seed=3)))
    gs = tf.gradients(loss, [x] + tf.trainable_variables())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [[g.name for g in gs], [g.shape.as_list() for g in gs],
                sess.run(gs, {x: arr(4, 2, 2, 3, seed=4), t: True})]


@case
def training_tensor_stack(tf):
    x = ph(tf, (None, 8, 8, 1))
    t = tf.placeholder(tf.bool, [], name="is_training")
    h = tf.layers.conv2d(x, 4, 3, padding="same")
    h = tf.layers.batch_normalization(h, training=t)
    h = tf.nn.relu(h)
    h = tf.layers.max_pooling2d(h, 2, 2)
    h = tf.layers.dropout(h, 0.25, training=t)
    h = tf.layers.conv2d(h, 8, 3)
    h = tf.layers.flatten(h)
    out = tf.layers.dense(h, 10)
    return static([h, out])

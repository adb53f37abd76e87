"""tf.layers.batch_normalization with renorm, virtual_batch_size and adjustment: variables, the
graph (corrections, AssignNewValue, virtual-batch reshapes), training and inference values,
moving statistics, gradients and argument errors."""

import numpy as np

from tests.conformance.cases._layers_helpers import arr, collections, model
from tests.conformance.harness import case, raises


def _train_and_infer(tf, y, x, t, feed_x, steps=2):
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        train = [sess.run([y, updates], {x: feed_x, t: True})[0] for _ in range(steps)]
        infer = sess.run(y, {x: feed_x, t: False})
        weights = tf.constant(np.linspace(-1.0, 2.0, feed_x.size, dtype=np.float32).reshape(feed_x.shape))
        grads = sess.run(tf.gradients(tf.reduce_sum(y * weights), [x] + tf.trainable_variables()),
                         {x: feed_x, t: True})
        return [train, infer, sess.run(tf.global_variables()), grads]


def _inputs(tf, shape):
    return tf.placeholder(tf.float32, shape, name="x"), tf.placeholder(tf.bool, [], name="t")


@case
def batch_norm_renorm_model(tf):
    x, t = _inputs(tf, (None, 3))
    y = tf.layers.batch_normalization(x, training=t, renorm=True, renorm_clipping={"rmax": 1.5, "rmin": 0.5,
                                                                                   "dmax": 0.5})
    return [model(tf, y), collections(tf)]


@case
def batch_norm_renorm_values(tf):
    x, t = _inputs(tf, (None, 2, 2, 3))
    y = tf.layers.batch_normalization(x, training=t, renorm=True, momentum=0.5, renorm_momentum=0.6,
                                      renorm_clipping={"rmax": 1.2, "dmax": 0.3})
    return _train_and_infer(tf, y, x, t, arr(4, 2, 2, 3, seed=1))


@case
def batch_norm_renorm_python_training(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.layers.batch_normalization(x, training=True, renorm=True)
    z = tf.layers.batch_normalization(x, training=False, renorm=True)
    return [model(tf, [y, z]), collections(tf)]


@case
def batch_norm_virtual_batch_model(tf):
    x, t = _inputs(tf, (None, 3))
    y = tf.layers.batch_normalization(x, training=t, virtual_batch_size=2)
    return [model(tf, y), collections(tf)]


@case
def batch_norm_virtual_batch_values(tf):
    x, t = _inputs(tf, (None, 2, 2, 3))
    y = tf.layers.batch_normalization(x, training=t, virtual_batch_size=2, momentum=0.5)
    return _train_and_infer(tf, y, x, t, arr(4, 2, 2, 3, seed=2))


@case
def batch_norm_adjustment_values(tf):
    x, t = _inputs(tf, (None, 3))

    def adjustment(shape):
        return tf.ones([3]) * 2.0, tf.ones([3]) * 0.5
    y = tf.layers.batch_normalization(x, training=t, adjustment=adjustment)
    return [model(tf, y), _train_and_infer(tf, y, x, t, arr(5, 3, seed=3))]


@case
def batch_norm_extras_fused_falls_back(tf):
    x = tf.placeholder(tf.float32, [None, 2, 2, 3], name="x")
    layers = [tf.layers.BatchNormalization(renorm=True, fused=True), tf.layers.BatchNormalization(
        virtual_batch_size=2), tf.layers.BatchNormalization(adjustment=lambda s: (tf.ones([3]), tf.zeros([3])))]
    for layer in layers:
        layer(x, training=True)
    return [layer.fused for layer in layers]


@case
def batch_norm_extras_errors(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    return [raises(lambda: tf.layers.BatchNormalization(renorm=True, renorm_clipping={"rmax": 2, "r": 1})),
            raises(lambda: tf.layers.batch_normalization(x, virtual_batch_size=0)),
            raises(lambda: tf.layers.batch_normalization(x, axis=0, virtual_batch_size=2)),
            raises(lambda: tf.layers.batch_normalization(x, virtual_batch_size=2,
                                                         adjustment=lambda s: (np.ones(3), np.zeros(3))))]

"""Batch norm whose moving averages never move: the train op ignores UPDATE_OPS."""
import numpy as np
from _common import tf, warnings_of

x = tf.placeholder(tf.float32, [None, 3])
h = tf.layers.batch_normalization(x, training=True, name="bn")
train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_mean(tf.square(h)), name="train")

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    warnings_of(lambda: sess.run(train, {x: np.ones((2, 3), np.float32)}))

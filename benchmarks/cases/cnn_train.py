"""``cnn_train``: one SGD step of a small convnet on 28x28x1 images, batch 64, fed data.

conv 5x5x32 (SAME, ReLU), max-pool 2x2, conv 5x5x64, max-pool 2x2, dense 1024 (ReLU),
dense 10, sparse softmax cross-entropy; built with ``tf.layers`` as TF1 code does. With
``--jax``: the same code on the JAX target, and the model as a hand-written ``jax.jit`` step.
"""

import numpy as np

from cases import jax_steps
from cases.timing import first_and_per_call

NAME = "cnn_train"
IMPLS = ("scopeflow", "tensorflow", "scopeflow-jax", "jax")
METRICS = {"ms_per_step": "ms", "first_step_ms": "ms"}  # the first: plan building, or XLA compiling
TARGETS = {"ms_per_step": 0.9}
JAX_TARGETS = {"jax:ms_per_step": round(1 / 1.1, 2)}


def build(tf):
    images = tf.placeholder(tf.float32, [None, 28, 28, 1], name="images")
    labels = tf.placeholder(tf.int32, [None], name="labels")
    h = tf.layers.conv2d(images, 32, 5, padding="same", activation=tf.nn.relu)
    h = tf.layers.max_pooling2d(h, 2, 2)
    h = tf.layers.conv2d(h, 64, 5, padding="same", activation=tf.nn.relu)
    h = tf.layers.max_pooling2d(h, 2, 2)
    h = tf.layers.dense(tf.layers.flatten(h), 1024, activation=tf.nn.relu)
    logits = tf.layers.dense(h, 10)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    return images, labels, tf.train.GradientDescentOptimizer(0.01).minimize(loss)


def measure(tf, impl, quick):
    batch, steps, repeat = (8, 2, 2) if quick else (64, 5, 5)
    rng = np.random.default_rng(0)
    feed_images = rng.random((batch, 28, 28, 1), dtype=np.float32)
    feed_labels = rng.integers(0, 10, batch).astype(np.int32)
    if impl == "jax":
        step = jax_steps.cnn_sgd_step(batch)
        return _rows(first_and_per_call(lambda: step(feed_images, feed_labels), steps, repeat))
    graph = tf.Graph()
    with graph.as_default():
        tf.set_random_seed(1)
        images, labels, train = build(tf)
        init = tf.global_variables_initializer()
    with tf.Session(graph=graph) as sess:
        sess.run(init)
        feed = {images: feed_images, labels: feed_labels}
        return _rows(first_and_per_call(lambda: sess.run(train, feed), steps, repeat))


def _rows(timed):
    first, each = timed
    return {"ms_per_step": each * 1e3, "first_step_ms": first * 1e3}

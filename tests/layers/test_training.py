"""Layers in training: gradients reach every variable, a small model learns, dropout is seeded."""

import numpy as np

import scopeflow as tf


def _grad_check(loss, variables, feed, eps=1e-3):
    """Compare ``tf.gradients`` with central differences for each variable (float64 model)."""
    grads = tf.gradients(loss, variables)
    assert all(g is not None for g in grads)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        analytic = sess.run(grads, feed)
        for var, g in zip(variables, analytic):
            value = sess.run(var)
            flat = value.reshape(-1)
            for i in range(min(flat.size, 4)):
                numeric = []
                for delta in (eps, -eps):
                    bumped = flat.copy()
                    bumped[i] += delta
                    var.load(bumped.reshape(value.shape), sess)
                    numeric.append(sess.run(loss, feed))
                var.load(value, sess)
                np.testing.assert_allclose(g.reshape(-1)[i], (numeric[0] - numeric[1]) / (2 * eps), rtol=1e-4,
                                           atol=1e-6)


def test_gradients_through_dense_conv_pool_flatten():
    tf.set_random_seed(0)  # fixed weights: max pooling must not meet a near-tie inside the check's step
    x = tf.placeholder(tf.float64, [None, 6, 6, 2])
    h = tf.layers.conv2d(x, 3, 3, padding="same", activation=tf.nn.tanh)
    h = tf.layers.max_pooling2d(h, 2, 2)
    h = tf.layers.conv2d_transpose(h, 2, 2, strides=2)
    h = tf.layers.average_pooling2d(h, 2, 2)
    y = tf.layers.dense(tf.layers.flatten(h), 1)
    loss = tf.reduce_sum(tf.square(y))
    feed = {x: np.random.default_rng(0).normal(size=(2, 6, 6, 2))}
    _grad_check(loss, tf.trainable_variables(), feed)


def test_gradients_through_batch_normalization():
    x = tf.placeholder(tf.float64, [None, 3])
    y = tf.layers.batch_normalization(x, training=True, gamma_initializer=tf.constant_initializer(1.5))
    loss = tf.reduce_sum(y * tf.constant([1.0, -2.0, 0.5], tf.float64) * y[:, :1])
    _grad_check(loss, tf.trainable_variables(), {x: np.random.default_rng(1).normal(size=(5, 3))})


def test_small_classifier_learns():
    rng = np.random.default_rng(2)
    data = rng.normal(size=(64, 2)).astype(np.float32)
    labels = (data[:, 0] * data[:, 1] > 0).astype(np.int64)
    x = tf.placeholder(tf.float32, [None, 2])
    t = tf.placeholder(tf.int64, [None])
    training = tf.placeholder_with_default(False, [])
    h = tf.layers.dense(x, 16, activation=tf.nn.relu, kernel_initializer=tf.glorot_uniform_initializer(seed=1))
    h = tf.layers.batch_normalization(h, training=training)
    h = tf.layers.dropout(h, 0.1, training=training, seed=3)
    logits = tf.layers.dense(h, 2, kernel_initializer=tf.glorot_uniform_initializer(seed=2))
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=t, logits=logits))
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        train = tf.train.AdamOptimizer(0.05).minimize(loss)
    accuracy, update_accuracy = tf.metrics.accuracy(t, tf.argmax(logits, 1))
    with tf.Session() as sess:
        sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
        before = sess.run(loss, {x: data, t: labels})
        for _ in range(150):
            sess.run(train, {x: data, t: labels, training: True})
        after = sess.run(loss, {x: data, t: labels})
        sess.run(update_accuracy, {x: data, t: labels})
        assert after < before / 2
        assert sess.run(accuracy) > 0.9


def test_dropout_is_repeatable_under_a_graph_seed():
    def mask():
        with tf.Graph().as_default():
            tf.set_random_seed(5)
            y = tf.layers.dropout(tf.ones([4, 5]), 0.5, training=True)
            with tf.Session() as sess:
                return sess.run(y)
    first, second = mask(), mask()
    np.testing.assert_array_equal(first, second)
    assert set(np.unique(first)) <= {0.0, 2.0}

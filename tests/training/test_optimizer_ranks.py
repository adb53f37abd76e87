"""Every optimizer on 0-d, 1-d and 2-d variables (issue 22: ``AdamOptimizer`` failed on a
scalar with ``TypeError: return arrays must be of ArrayType``), and the float16 rounding of
the fused updates (TF's order of operations, which decides the rounding)."""

from __future__ import annotations

import numpy as np
import pytest

import scopeflow as tf

OPTIMIZERS = {
    "gd": lambda: tf.train.GradientDescentOptimizer(0.1),
    "momentum": lambda: tf.train.MomentumOptimizer(0.1, 0.9),
    "nesterov": lambda: tf.train.MomentumOptimizer(0.1, 0.9, use_nesterov=True),
    "adagrad": lambda: tf.train.AdagradOptimizer(0.3),
    "adam": lambda: tf.train.AdamOptimizer(0.1),
    "rmsprop": lambda: tf.train.RMSPropOptimizer(0.05, momentum=0.5),
    "centered": lambda: tf.train.RMSPropOptimizer(0.05, momentum=0.5, centered=True),
    "adadelta": lambda: tf.train.AdadeltaOptimizer(1.0),
    "proximal": lambda: tf.train.ProximalGradientDescentOptimizer(0.1, 0.05, 0.1),
}


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_a_scalar_variable_trains_like_a_one_element_vector(name):
    results = []
    for shape in ([], [1]):
        with tf.Graph().as_default():
            w = tf.Variable(np.full(shape, 0.75, np.float32))
            loss = tf.reduce_sum(tf.square(w * 1.5 + 0.5))
            train = OPTIMIZERS[name]().minimize(loss)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                for _ in range(3):
                    sess.run(train)
                value = sess.run(w)
        assert value.shape == tuple(shape)
        results.append(value.reshape(-1))
    assert results[0] != 0.75  # the scalar moved
    np.testing.assert_array_equal(results[0], results[1])


def test_adagrad_float16_rounds_as_grad_times_lr_times_rsqrt():
    var = np.array([0.25], np.float16)
    with tf.Graph().as_default():
        w = tf.Variable(var)
        opt = tf.train.AdagradOptimizer(0.3)
        train = opt.apply_gradients([(tf.constant([0.75], tf.float16), w)])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train)
            got = sess.run(w)
    # TF 2.21 gives -0.026611328125 (grad / sqrt(accum) * lr would give -0.0263671875)
    assert got.tolist() == [-0.026611328125]

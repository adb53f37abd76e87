"""``tf.train.ExponentialMovingAverage`` and the optimizers of issue 22 load on first use, and
what the conformance cases do not show: the shadow's value when the variable changes between
apply and initialization, and a training loop with the usual control dependency."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

import scopeflow as tf

_MODULES = ("scopeflow._src.training.moving_averages", "scopeflow._src.training.optimizers.ftrl",
            "scopeflow._src.training.optimizers.proximal_adagrad", "scopeflow._src.training.optimizers.adagrad_da",
            "scopeflow._src.ops.state.training_ops_ftrl")


def _loaded_after(code):
    probe = f"import sys; {code}; print(' '.join(m for m in {_MODULES!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return result.stdout.split()


def test_moving_averages_and_the_new_optimizers_load_on_first_use():
    assert _loaded_after("import scopeflow") == []
    assert _loaded_after("import scopeflow as tf; tf.train.ExponentialMovingAverage") == [_MODULES[0]]
    assert _loaded_after("import scopeflow as tf; tf.train.FtrlOptimizer") == [_MODULES[1], _MODULES[4]]


def test_ema_tracks_a_trained_variable_under_a_control_dependency():
    with tf.Graph().as_default():
        w = tf.Variable([1.0, -1.0])
        step = tf.train.get_or_create_global_step()
        train = tf.train.GradientDescentOptimizer(0.5).minimize(tf.reduce_sum(w * w), global_step=step)
        ema = tf.train.ExponentialMovingAverage(0.9, num_updates=step)
        with tf.control_dependencies([train]):
            train_and_average = ema.apply([w])
        shadow, expected = ema.average(w), np.array([1.0, -1.0])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(3):
                n = sess.run(step)
                sess.run(train_and_average)
                decay = min(0.9, (1.0 + n + 1) / (10.0 + n + 1))  # the step was incremented first
                expected = expected - (1 - decay) * (expected - sess.run(w))
                np.testing.assert_allclose(sess.run(shadow), expected, rtol=1e-6)

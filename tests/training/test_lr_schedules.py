"""Learning-rate schedules against their formulas, over many steps (the conformance goldens
check a few steps and the op names against TensorFlow)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import scopeflow as tf

STEPS = list(range(0, 60, 3))


def _run(build, dtype=tf.int64):
    step = tf.placeholder(dtype, [])
    lr = build(step)
    with tf.Session() as sess:
        return [float(sess.run(lr, {step: s})) for s in STEPS]


FORMULAS = {
    "exponential": (lambda s: tf.train.exponential_decay(0.1, s, 7, 0.8),
                    lambda s: 0.1 * 0.8 ** (s / 7)),
    "exponential_staircase": (lambda s: tf.train.exponential_decay(0.1, s, 7, 0.8, staircase=True),
                              lambda s: 0.1 * 0.8 ** (s // 7)),
    "natural_exp": (lambda s: tf.train.natural_exp_decay(0.1, s, 7, 0.3),
                    lambda s: 0.1 * math.exp(-0.3 * s / 7)),
    "inverse_time_staircase": (lambda s: tf.train.inverse_time_decay(0.1, s, 7, 0.5, staircase=True),
                               lambda s: 0.1 / (1 + 0.5 * (s // 7))),
    "polynomial": (lambda s: tf.train.polynomial_decay(0.1, s, 40, 0.01, power=2.0),
                   lambda s: (0.1 - 0.01) * (1 - min(s, 40) / 40) ** 2 + 0.01),
    "polynomial_cycle": (lambda s: tf.train.polynomial_decay(0.1, s, 10, 0.01, cycle=True),
                         lambda s: (0.1 - 0.01) * (1 - s / (10 * max(1, math.ceil(s / 10)))) + 0.01),
    "cosine": (lambda s: tf.train.cosine_decay(0.1, s, 40, alpha=0.2),
               lambda s: 0.1 * (0.8 * 0.5 * (1 + math.cos(math.pi * min(s, 40) / 40)) + 0.2)),
    "piecewise": (lambda s: tf.train.piecewise_constant(s, [np.int64(5), np.int64(20), np.int64(40)],
                                                        [4.0, 3.0, 2.0, 1.0]),
                  lambda s: 4.0 if s <= 5 else 3.0 if s <= 20 else 2.0 if s <= 40 else 1.0),
}


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_schedule_follows_formula(name):
    build, formula = FORMULAS[name]
    np.testing.assert_allclose(_run(build), [formula(s) for s in STEPS], rtol=1e-5)


def test_piecewise_constant_int32_boundaries_with_int64_step_are_cast():
    step = tf.placeholder(tf.int64, [])
    lr = tf.train.piecewise_constant(step, [3], [1.0, 0.5])
    assert any(op.type == "Cast" for op in tf.get_default_graph().get_operations())
    with tf.Session() as sess:
        assert [float(sess.run(lr, {step: s})) for s in (2, 3, 4)] == [1.0, 1.0, 0.5]


def test_schedule_as_optimizer_learning_rate_follows_global_step():
    step = tf.train.get_or_create_global_step()
    w = tf.Variable(0.0, name="w")
    lr = tf.train.piecewise_constant(step, [np.int64(1)], [1.0, 0.1])
    train = tf.train.GradientDescentOptimizer(lr).apply_gradients([(tf.constant(-1.0), w)], global_step=step)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train)
        assert sess.run(w) == pytest.approx(1.0 + 1.0 + 0.1)

"""The fused training ops (``ApplyAdam`` ...): kernels against textbook NumPy updates.

Each op runs three steps on float64 variables; the reference is the update rule written
out plainly (no ``out=`` tricks). Also: in-place updates, build-time shape errors,
runtime errors with TF's messages, and dtypes.
"""

from __future__ import annotations

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.ops.state import training_ops as ops

RNG = np.random.default_rng(7)
VAR = RNG.uniform(-1, 1, (3, 4))
GRADS = [RNG.uniform(-1, 1, (3, 4)) for _ in range(3)]


def _ref_adam(var, slots, grad, step, lr=0.1, b1=0.9, b2=0.999, eps=1e-8, nesterov=False):
    m, v = slots
    m = b1 * m + (1 - b1) * grad
    v = b2 * v + (1 - b2) * grad * grad
    alpha = lr * np.sqrt(1 - b2 ** step) / (1 - b1 ** step)
    direction = (b1 * m + (1 - b1) * grad) if nesterov else m
    return var - alpha * direction / (np.sqrt(v) + eps), [m, v]


def _ref_momentum(var, slots, grad, step, lr=0.1, mu=0.9, nesterov=False):
    (accum,) = slots
    accum = mu * accum + grad
    if nesterov:
        return var - lr * grad - lr * mu * accum, [accum]
    return var - lr * accum, [accum]


def _ref_adagrad(var, slots, grad, step, lr=0.1):
    (accum,) = slots
    accum = accum + grad * grad
    return var - lr * grad / np.sqrt(accum), [accum]


def _ref_rmsprop(var, slots, grad, step, lr=0.1, rho=0.9, mu=0.5, eps=1e-3):
    ms, mom = slots
    ms = rho * ms + (1 - rho) * grad * grad
    mom = mu * mom + lr * grad / np.sqrt(ms + eps)
    return var - mom, [ms, mom]


def _ref_centered(var, slots, grad, step, lr=0.1, rho=0.9, mu=0.5, eps=1e-3):
    mg, ms, mom = slots
    ms = rho * ms + (1 - rho) * grad * grad
    mg = rho * mg + (1 - rho) * grad
    mom = mu * mom + lr * grad / np.sqrt(ms - mg * mg + eps)
    return var - mom, [mg, ms, mom]


def _ref_adadelta(var, slots, grad, step, lr=0.5, rho=0.95, eps=1e-6):
    accum, accum_update = slots
    accum = rho * accum + (1 - rho) * grad * grad
    update = np.sqrt(accum_update + eps) / np.sqrt(accum + eps) * grad
    accum_update = rho * accum_update + (1 - rho) * update * update
    return var - lr * update, [accum, accum_update]


def _ref_proximal(var, slots, grad, step, lr=0.1, l1=0.05, l2=0.2):
    prox = var - lr * grad
    return np.sign(prox) * np.maximum(np.abs(prox) - lr * l1, 0) / (1 + lr * l2), []


def _build_adam(var, slots, grad, step, nesterov=False):
    return ops.apply_adam(var, *slots, 0.9 ** step, 0.999 ** step, 0.1, 0.9, 0.999, 1e-8, grad,
                          use_nesterov=nesterov)


CASES = {
    "ApplyGradientDescent": (0, lambda var, s, g, k: ops.apply_gradient_descent(var, 0.1, g),
                             lambda var, s, g, k: (var - 0.1 * g, [])),
    "ApplyProximalGradientDescent": (0, lambda var, s, g, k: ops.apply_proximal_gradient_descent(
        var, 0.1, 0.05, 0.2, g), _ref_proximal),
    "ApplyProximalGradientDescent-l1=0": (0, lambda var, s, g, k: ops.apply_proximal_gradient_descent(
        var, 0.1, 0.0, 0.2, g), lambda var, s, g, k: _ref_proximal(var, s, g, k, l1=0.0)),
    "ApplyMomentum": (1, lambda var, s, g, k: ops.apply_momentum(var, *s, 0.1, g, 0.9), _ref_momentum),
    "ApplyMomentum-nesterov": (1, lambda var, s, g, k: ops.apply_momentum(var, *s, 0.1, g, 0.9, use_nesterov=True),
                               lambda var, s, g, k: _ref_momentum(var, s, g, k, nesterov=True)),
    "ApplyAdagrad": (1, lambda var, s, g, k: ops.apply_adagrad(var, *s, 0.1, g), _ref_adagrad),
    "ApplyAdam": (2, _build_adam, _ref_adam),
    "ApplyAdam-nesterov": (2, lambda var, s, g, k: _build_adam(var, s, g, k, nesterov=True),
                           lambda var, s, g, k: _ref_adam(var, s, g, k, nesterov=True)),
    "ApplyRMSProp": (2, lambda var, s, g, k: ops.apply_rms_prop(var, *s, 0.1, 0.9, 0.5, 1e-3, g), _ref_rmsprop),
    "ApplyCenteredRMSProp": (3, lambda var, s, g, k: ops.apply_centered_rms_prop(var, *s, 0.1, 0.9, 0.5, 1e-3, g),
                             _ref_centered),
    "ApplyAdadelta": (2, lambda var, s, g, k: ops.apply_adadelta(var, *s, 0.5, 0.95, 1e-6, g), _ref_adadelta),
}
SLOT_START = {"ApplyAdagrad": 0.1, "ApplyRMSProp": 1.0}


@pytest.mark.parametrize("name", sorted(CASES))
def test_three_steps_match_reference(name):
    n_slots, build, reference = CASES[name]
    start = SLOT_START.get(name.split("-")[0], 0.0)
    var = tf.Variable(VAR, name="var")
    slots = [tf.Variable(np.full(VAR.shape, start), name=f"slot{i}") for i in range(n_slots)]
    grad = tf.placeholder(tf.float64, VAR.shape)
    steps = [build(var, slots, grad, k) for k in (1, 2, 3)]
    assert steps[0].op.type == name.split("-")[0]
    assert steps[0].dtype == tf.float64._as_ref and steps[0].shape.as_list() == [3, 4]
    want_var, want_slots = VAR.copy(), [np.full(VAR.shape, start) for _ in range(n_slots)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for k, (step, g) in enumerate(zip(steps, GRADS), start=1):
            got = sess.run(step, {grad: g})
            want_var, want_slots = reference(want_var, want_slots, g, k)
            np.testing.assert_allclose(got, want_var, rtol=1e-12, atol=1e-12)
            for slot, want in zip(slots, want_slots):
                np.testing.assert_allclose(sess.run(slot), want, rtol=1e-12, atol=1e-12)


def test_updates_in_place_and_keep_dtype():
    var = tf.Variable(np.ones(4, np.float32), name="v")
    step = ops.apply_gradient_descent(var, 0.5, tf.constant(np.ones(4, np.float32)))
    with tf.Session() as sess:
        sess.run(var.initializer)
        before = sess._state.variables["v"]
        sess.run(step.op)
        after = sess._state.variables["v"]
        assert after is before and after.dtype == np.float32
        assert after.tolist() == [0.5] * 4


def test_float32_hyperparameters_stay_float32():
    var = tf.Variable(np.full(3, 0.1, np.float32), name="v")
    m = tf.Variable(np.zeros(3, np.float32), name="m")
    v = tf.Variable(np.zeros(3, np.float32), name="vv")
    step = ops.apply_adam(var, m, v, 0.9, 0.999, 0.001, 0.9, 0.999, 1e-8, tf.constant(np.ones(3, np.float32)))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = sess.run(step)
        assert out.dtype == np.float32
        np.testing.assert_allclose(out, 0.1 - 0.001, rtol=1e-6)


def test_build_time_shape_errors():
    var = tf.Variable([1.0, 2.0], name="v")
    with pytest.raises(ValueError, match=r"^Shape must be rank 0 but is rank 1 for '\{\{node ApplyGradientDescent\}\}"):
        ops.apply_gradient_descent(var, [0.1], [1.0, 2.0])
    with pytest.raises(ValueError, match=r"^Dimension 0 in both shapes must be equal, but are 2 and 3\. Shapes are "
                                         r"\[2\] and \[3\]\. for '\{\{node ApplyGradientDescent_1\}\}"):
        ops.apply_gradient_descent(var, 0.1, [1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="requires that input 'var' be a mutable tensor"):
        ops.apply_gradient_descent(tf.constant([1.0, 2.0]), 0.1, [1.0, 2.0])


def test_runtime_errors():
    var = tf.Variable([1.0, 2.0], name="v")
    unset = tf.Variable([1.0, 2.0], name="w")
    p = tf.placeholder(tf.float32)
    with tf.Session() as sess:
        sess.run(var.initializer)
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=r"var and delta do not have the same shape\[2\] \[3\]"):
            sess.run(ops.apply_gradient_descent(var, 0.1, p), {p: [1.0, 2.0, 3.0]})
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"alpha is not a scalar: \[2\]"):
            sess.run(ops.apply_gradient_descent(var, p, [1.0, 2.0]), {p: [1.0, 2.0]})
        with pytest.raises(tf.errors.FailedPreconditionError, match="Attempting to use uninitialized value w"):
            sess.run(ops.apply_gradient_descent(unset, 0.1, [1.0, 2.0]))


def test_use_locking_gives_the_same_values():
    var = tf.Variable([1.0, 2.0], name="v")
    step = ops.apply_gradient_descent(var, 0.5, [1.0, 1.0], use_locking=True)
    assert step.op.get_attr("use_locking") is True
    with tf.Session() as sess:
        sess.run(var.initializer)
        assert sess.run(step).tolist() == [0.5, 1.5]


def test_non_contiguous_gradient():
    shape = (300, 64)
    g = np.arange(np.prod(shape), dtype=np.float64).reshape(shape[::-1]) / 1e6
    var = tf.Variable(np.zeros(shape), name="v")
    step = ops.apply_gradient_descent(var, 2.0, tf.transpose(tf.constant(g)))
    with tf.Session() as sess:
        sess.run(var.initializer)
        np.testing.assert_allclose(sess.run(step), -2.0 * g.T)


def test_updates_of_variables_larger_than_one_chunk_match_the_formula():
    from scopeflow._src.ops.state import training_ops
    shape = (training_ops._CHUNK // 100 + 7, 300)  # several pieces, the last one partial
    rng = np.random.default_rng(0)
    w0, g0 = rng.random(shape, dtype=np.float32), rng.random(shape, dtype=np.float32)
    w = tf.Variable(w0)
    train = tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(w * g0))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        sess.run(train)
        got = sess.run(w)
    m, v, want = np.zeros_like(w0), np.zeros_like(w0), w0.astype(np.float64)
    for t in (1, 2):
        m, v = 0.9 * m + 0.1 * g0, 0.999 * v + 0.001 * g0 * g0
        want = want - 0.1 * np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t) * m / (np.sqrt(v) + 1e-8)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)

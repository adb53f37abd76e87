"""The ``tf.gradients`` driver: walk order, aggregation, broadcasting, registry hooks.

Per-op gradient values are checked in ``tests/ops/test_registry.py`` and the conformance
suite; these tests target what the driver itself decides.
"""

import numpy as np
import pytest

import scopeflow as tf


def _run(fetches, feed=None):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(fetches, feed)


def test_mlp_gradients_match_finite_differences():
    rng = np.random.default_rng(0)
    x_val = rng.normal(size=(5, 4))
    w1_val, w2_val = rng.normal(size=(4, 6)), rng.normal(size=(6, 3))
    x = tf.placeholder(tf.float64, [None, 4])
    w1 = tf.Variable(w1_val)
    w2 = tf.Variable(w2_val)
    loss = tf.reduce_sum(tf.tanh(tf.matmul(x, w1)) @ w2 * 0.5)
    g1, g2 = tf.gradients(loss, [w1, w2])

    def numeric(w1v, w2v):
        return np.sum(np.tanh(x_val @ w1v) @ w2v * 0.5)

    got1, got2 = _run([g1, g2], {x: x_val})
    eps = 1e-6
    for got, base, idx in ((got1, w1_val, 0), (got2, w2_val, 1)):
        want = np.zeros_like(base)
        for i in np.ndindex(base.shape):
            up, down = base.copy(), base.copy()
            up[i] += eps
            down[i] -= eps
            args_up = (up, w2_val) if idx == 0 else (w1_val, up)
            args_down = (down, w2_val) if idx == 0 else (w1_val, down)
            want[i] = (numeric(*args_up) - numeric(*args_down)) / (2 * eps)
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-8)


def test_walk_visits_each_op_once_and_sums_fan_out():
    x = tf.constant(2.0)
    h = x * x
    y = h + h + h  # h fans out three times: one AddN of three gradients
    (g,) = tf.gradients(y, x)
    add_ns = [op for op in tf.get_default_graph().get_operations() if op.type == "AddN"]
    assert [len(op.inputs) for op in add_ns] == [3, 2] or [len(op.inputs) for op in add_ns] == [2, 3]
    assert _run(g) == pytest.approx(12.0)


def test_gradient_of_gradient():
    x = tf.constant(3.0)
    (g,) = tf.gradients(x * x * x, x)
    (gg,) = tf.gradients(g, x)
    assert _run([g, gg]) == [pytest.approx(27.0), pytest.approx(18.0)]


def test_broadcast_gradients_are_reduced_to_input_shapes():
    x = tf.placeholder(tf.float32, [None, 3])
    b = tf.constant([1.0, 2.0, 3.0])
    s = tf.constant(2.0)
    gx, gb, gs = tf.gradients((x + b) * s, [x, b, s])
    assert gb.shape.as_list() == [3] and gs.shape.as_list() == []
    feed = {x: np.ones((4, 3), np.float32)}
    vx, vb, vs = _run([gx, gb, gs], feed)
    np.testing.assert_allclose(vx, np.full((4, 3), 2.0))
    np.testing.assert_allclose(vb, [8.0, 8.0, 8.0])
    assert vs == pytest.approx(4 * (3 + 6))


def test_dynamic_broadcast_uses_broadcast_gradient_args():
    x = tf.placeholder(tf.float32, [None, None])
    y = tf.placeholder(tf.float32, [None, None])
    gx, gy = tf.gradients(x * y, [x, y])
    types = {op.type for op in tf.get_default_graph().get_operations()}
    assert "BroadcastGradientArgs" in types
    vx, vy = _run([gx, gy], {x: np.ones((2, 3), np.float32), y: np.full((1, 3), 5.0, np.float32)})
    np.testing.assert_allclose(vx, np.full((2, 3), 5.0))
    np.testing.assert_allclose(vy, np.full((1, 3), 2.0))


def test_stop_gradient_ops_and_stop_gradients_argument():
    x = tf.constant(3.0)
    h = x * x
    assert _run(tf.gradients(h * x, x, stop_gradients=[h])) == [pytest.approx(9.0)]
    assert _run(tf.gradients(tf.stop_gradient(h) * x, x)) == [pytest.approx(9.0)]


def test_unconnected_and_integer_inputs():
    x = tf.constant(1.0)
    u = tf.constant([1.0, 2.0])
    i = tf.constant(3)
    y = x * 2.0 + tf.cast(i, tf.float32)
    assert tf.gradients(y, [u, i]) == [None, None]
    zero_u, _ = tf.gradients(y, [u, x], unconnected_gradients=tf.UnconnectedGradients.ZERO)
    np.testing.assert_array_equal(_run(zero_u), [0.0, 0.0])


def test_missing_gradient_raises_lookup_error():
    x = tf.constant(1.0)
    with tf.get_default_graph().gradient_override_map({"Identity": "ScopeflowTestNoSuchGradient"}):
        y = tf.identity(x, name="y")
    with pytest.raises(LookupError, match="No gradient defined for operation'y' \\(op type: Identity\\)"):
        tf.gradients(y, x)


def test_register_gradient_and_override_map():
    @tf.RegisterGradient("ScopeflowTestTripleGrad")
    def _triple(op, grad):
        return grad * 3.0

    x = tf.constant(2.0)
    with tf.get_default_graph().gradient_override_map({"Identity": "ScopeflowTestTripleGrad"}):
        y = tf.identity(x)
    assert y.op.get_attr("_gradient_op_type") == b"ScopeflowTestTripleGrad"
    assert _run(tf.gradients(y, x)) == [pytest.approx(3.0)]
    with pytest.raises(KeyError, match="Registering two gradient with name 'ScopeflowTestTripleGrad'"):
        tf.RegisterGradient("ScopeflowTestTripleGrad")(_triple)


def test_not_differentiable_gives_none():
    tf.NotDifferentiable("ScopeflowTestOpaque")
    x = tf.constant(2.0)
    with tf.get_default_graph().gradient_override_map({"Identity": "ScopeflowTestOpaque"}):
        y = tf.identity(x)
    assert tf.gradients(y * 2.0, x) == [None]


def test_wrong_number_of_gradients_is_reported():
    @tf.RegisterGradient("ScopeflowTestTwoGrads")
    def _two(op, grad):
        return [grad, grad]

    x = tf.constant(2.0)
    with tf.get_default_graph().gradient_override_map({"Identity": "ScopeflowTestTwoGrads"}):
        y = tf.identity(x)
    with pytest.raises(ValueError, match="Num gradients 2 generated for op"):
        tf.gradients(y, x)


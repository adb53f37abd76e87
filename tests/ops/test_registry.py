"""The op registry, op by op: kernels against NumPy, static shapes, and gradients.

Parametrized over ``tests/ops/samples``; ``test_every_op_has_a_sample`` keeps the samples
complete, so a new op cannot be registered without a test.
"""

from __future__ import annotations

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.framework import registry
from tests.ops.samples import EXEMPT, SAMPLES, load

load()
GRAD_SAMPLES = [s for s in SAMPLES if s.grad]
SECOND_ORDER = [s for s in SAMPLES if s.second_order]


def _as_list(out):
    return list(out) if isinstance(out, (list, tuple)) else [out]


def _build(s):
    graph = tf.Graph()
    with graph.as_default():
        feeds = [tf.placeholder(tf.as_dtype(v.dtype), v.shape, name=f"in{i}") for i, v in enumerate(s.inputs)]
        out = s.build(tf, *feeds)
    return graph, feeds, out


def test_every_op_has_a_sample():
    covered = {s.op_type for s in SAMPLES} | set(EXEMPT)
    missing = sorted(set(registry.registered()) - covered)
    assert not missing, f"registered ops without a sample in tests/ops/samples: {missing}"
    stale = sorted(set(EXEMPT) - set(registry.registered()))
    assert not stale, f"exemptions for ops that are not registered: {stale}"


@pytest.mark.parametrize("s", SAMPLES, ids=repr)
def test_kernel_and_static_shape(s):
    graph, feeds, out = _build(s)
    assert s.op_type in {op.type for op in graph.get_operations()}, f"the sample built no {s.op_type} op"
    outs = _as_list(out)
    with tf.Session(graph=graph) as sess:
        got = sess.run(outs, dict(zip(feeds, s.inputs)))
    for t, value in zip(outs, got):
        value = np.asarray(value)
        assert t.dtype.base_dtype.as_numpy_dtype == value.dtype or t.dtype.base_dtype == tf.string, \
            f"{t.name}: static dtype {t.dtype.name}, computed {value.dtype}"
        assert t.shape.is_compatible_with(value.shape), f"{t.name}: static shape {t.shape}, computed {value.shape}"
        if s.exact_shape:
            assert t.shape.is_fully_defined(), f"{t.name}: static shape {t.shape} is not fully defined"
    if s.reference is not None:
        want = _as_list(s.reference(*s.inputs))
        assert len(want) == len(got)
        for w, g in zip(want, got):
            w = np.asarray(w)
            g = np.asarray(g)
            assert g.shape == w.shape, f"shape {g.shape} != reference {w.shape}"
            if w.dtype.kind in "fc":
                np.testing.assert_allclose(g, w, rtol=s.rtol, atol=s.atol)
            else:
                np.testing.assert_array_equal(g, w)


def _weights(arrays, seed):
    rng = np.random.default_rng(seed)
    return [rng.uniform(0.5, 1.5, size=np.shape(a)).astype(a.dtype) for a in arrays]


def _float_inputs(s):
    return [i for i, v in enumerate(s.inputs) if v.dtype.kind == "f"]


def _numeric_grad(f, inputs, i, eps):
    """Central differences of the scalar ``f(inputs)`` with respect to ``inputs[i]``."""
    x = inputs[i]
    grad = np.zeros(x.shape, dtype=np.float64)
    for idx in np.ndindex(x.shape):
        saved = x[idx]
        x[idx] = saved + eps
        up = f(inputs)
        x[idx] = saved - eps
        down = f(inputs)
        x[idx] = saved
        grad[idx] = (up - down) / (2 * eps)
    return grad


def _dense(grads):
    """The gradients with each ``IndexedSlices`` (gather's) as the dense tensor it stands for."""
    return [tf.convert_to_tensor(g) if isinstance(g, tf.IndexedSlices) else g for g in grads]


def _check_grads(s, order):
    graph, feeds, out = _build(s)
    outs = [t for t in _as_list(out) if t.dtype.base_dtype.is_floating]
    inputs = [v.copy() for v in s.inputs]
    wrt = _float_inputs(s)
    if not wrt or not outs:
        pytest.skip("no floating inputs or outputs")
    with graph.as_default():
        ws = [tf.constant(w) for w in _weights([np.zeros(t.shape.as_list(), t.dtype.as_numpy_dtype) for t in outs], 1)]
        target = outs
        if order == 2:
            first = _dense(tf.gradients(outs, [feeds[i] for i in wrt], grad_ys=ws))
            pairs = [(g, feeds[i]) for g, i in zip(first, wrt) if g is not None]
            target = [g for g, _ in pairs]
            ws = [tf.constant(w) for w in _weights([np.zeros(g.shape.as_list(), g.dtype.as_numpy_dtype)
                                                     for g in target], 2)]
        grads = _dense(tf.gradients(target, [feeds[i] for i in wrt], grad_ys=ws))
    with tf.Session(graph=graph) as sess:
        wv = sess.run(ws)

        def loss(values):
            got = sess.run(target, dict(zip(feeds, values)))
            return float(sum(np.sum(np.asarray(g, np.float64) * w) for g, w in zip(got, wv)))

        symbolic = sess.run([g for g in grads if g is not None], dict(zip(feeds, inputs)))
        eps = 1e-6 if all(inputs[i].dtype == np.float64 for i in wrt) else 1e-2
        numerics = [_numeric_grad(loss, inputs, i, eps) for i in wrt]  # while the session is open
    it = iter(symbolic)
    for i, g, numeric in zip(wrt, grads, numerics):
        if g is None:
            assert np.allclose(numeric, 0.0, atol=s.grad_tol), f"input {i}: gradient None but numeric {numeric}"
            continue
        np.testing.assert_allclose(next(it), numeric, rtol=s.grad_tol, atol=s.grad_tol,
                                   err_msg=f"gradient of input {i}")


@pytest.mark.parametrize("s", GRAD_SAMPLES, ids=repr)
def test_gradient(s):
    _check_grads(s, 1)


@pytest.mark.parametrize("s", SECOND_ORDER, ids=repr)
def test_second_order_gradient(s):
    _check_grads(s, 2)

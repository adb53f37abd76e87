"""The FTRL, proximal Adagrad and AdagradDA update ops (``training_ops_ftrl.py``) against the
textbook updates in float64, their sparse forms against the dense ones on the touched rows,
and their run-time errors."""

from __future__ import annotations

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.ops.state import training_ops_ftrl as ops

RNG = np.random.default_rng(3)
VAR = RNG.uniform(-1, 1, (4, 3))
GRAD = RNG.uniform(-1, 1, (4, 3))


def _ref_ftrl(var, accum, linear, grad, lr, l1, l2, lr_power, shrinkage=0.0):
    g = grad + 2 * shrinkage * var
    new_accum = accum + grad * grad
    linear = linear + g - (new_accum ** -lr_power - accum ** -lr_power) / lr * var
    quadratic = new_accum ** -lr_power / lr + 2 * l2
    var = np.where(np.abs(linear) > l1, (np.sign(linear) * l1 - linear) / quadratic, 0.0)
    return var, new_accum, linear


def _ref_proximal_adagrad(var, accum, lr, l1, l2, grad):
    accum = accum + grad * grad
    rate = lr / np.sqrt(accum)
    prox = var - rate * grad
    return np.sign(prox) * np.maximum(np.abs(prox) - rate * l1, 0) / (1 + rate * l2), accum


def _ref_adagrad_da(var, gacc, gsq, grad, lr, l1, l2, step):
    gacc, gsq = gacc + grad, gsq + grad * grad
    var = -lr * np.sign(gacc) * np.maximum(np.abs(gacc) - l1 * step, 0) / (l2 * step * lr + np.sqrt(gsq))
    return var, gacc, gsq


def _run(build, values):
    with tf.Graph().as_default():
        refs = [tf.Variable(v) for v in values]
        out = build(*refs)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(out)
            return [sess.run(r) for r in refs]


@pytest.mark.parametrize("lr_power,shrinkage", [(-0.5, 0.0), (-0.3, 0.0), (-0.5, 0.2), (-0.7, 0.1)])
def test_ftrl_matches_the_textbook_update(lr_power, shrinkage):
    accum, linear = np.full_like(VAR, 0.1), RNG.uniform(-0.5, 0.5, VAR.shape)
    if shrinkage:
        build = lambda v, a, li: ops.apply_ftrl_v2(v, a, li, GRAD, 0.3, 0.05, 0.02, shrinkage, lr_power)  # noqa: E731
    else:
        build = lambda v, a, li: ops.apply_ftrl(v, a, li, GRAD, 0.3, 0.05, 0.02, lr_power)  # noqa: E731
    got = _run(build, [VAR, accum, linear])
    want = _ref_ftrl(VAR, accum, linear, GRAD, 0.3, 0.05, 0.02, lr_power, shrinkage)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("l1", [0.0, 0.05])
def test_proximal_adagrad_matches_the_textbook_update(l1):
    accum = np.full_like(VAR, 0.1)
    got = _run(lambda v, a: ops.apply_proximal_adagrad(v, a, 0.3, l1, 0.02, GRAD), [VAR, accum])
    for g, w in zip(got, _ref_proximal_adagrad(VAR, accum, 0.3, l1, 0.02, GRAD)):
        np.testing.assert_allclose(g, w, rtol=1e-12)


@pytest.mark.parametrize("l1", [0.0, 0.05])
def test_adagrad_da_matches_the_textbook_update(l1):
    gacc, gsq = RNG.uniform(-1, 1, VAR.shape), np.full_like(VAR, 0.1)
    got = _run(lambda v, a, b: ops.apply_adagrad_da(v, a, b, GRAD, 0.3, l1, 0.02, tf.constant(3, tf.int64)),
               [VAR, gacc, gsq])
    for g, w in zip(got, _ref_adagrad_da(VAR, gacc, gsq, GRAD, 0.3, l1, 0.02, 3)):
        np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-15)


def test_sparse_forms_update_only_the_given_rows_as_the_dense_ones_do():
    indices = np.array([2, 0])
    rows = GRAD[indices]
    accum, linear = np.full_like(VAR, 0.1), np.zeros_like(VAR)
    dense = _ref_ftrl(VAR[indices], accum[indices], linear[indices], rows, 0.3, 0.05, 0.02, -0.5)
    got = _run(lambda v, a, li: ops.sparse_apply_ftrl(v, a, li, rows, indices, 0.3, 0.05, 0.02, -0.5),
               [VAR, accum, linear])
    for g, w, before in zip(got, dense, (VAR, accum, linear)):
        np.testing.assert_allclose(g[indices], w, rtol=1e-12, atol=1e-15)
        np.testing.assert_array_equal(g[[1, 3]], before[[1, 3]])


def test_a_repeated_index_is_applied_twice_in_order():
    accum = np.full_like(VAR, 0.1)
    got = _run(lambda v, a: ops.sparse_apply_proximal_adagrad(v, a, 0.3, 0.0, 0.0, GRAD[:2], [1, 1]), [VAR, accum])
    var, acc = _ref_proximal_adagrad(VAR[1], accum[1], 0.3, 0.0, 0.0, GRAD[0])
    var, acc = _ref_proximal_adagrad(var, acc, 0.3, 0.0, 0.0, GRAD[1])
    np.testing.assert_allclose(got[0][1], var, rtol=1e-12)
    np.testing.assert_allclose(got[1][1], acc, rtol=1e-12)


def test_sparse_errors_are_tensorflows():
    with tf.Graph().as_default():
        v, a, li = (tf.Variable(np.zeros((3, 2))) for _ in range(3))
        idx = tf.placeholder(tf.int32, [None])
        op = ops.sparse_apply_ftrl(v, a, li, np.ones((1, 2)), idx, 0.1, 0.0, 0.0, -0.5)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            with pytest.raises(tf.errors.InvalidArgumentError, match="Index 5 at offset 0 in indices is out of range"):
                sess.run(op, {idx: [5]})


def test_adagrad_da_has_no_float16_kernel_as_in_tf():
    with tf.Graph().as_default():
        v, a, b = (tf.Variable(np.zeros(2, np.float16)) for _ in range(3))
        op = ops.apply_adagrad_da(v, a, b, np.ones(2, np.float16), np.float16(0.1), np.float16(0), np.float16(0),
                                  tf.constant(1, tf.int64))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            with pytest.raises(tf.errors.InvalidArgumentError, match="No OpKernel was registered to support Op "
                                                                     "'ApplyAdagradDA'"):
                sess.run(op)

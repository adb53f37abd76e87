"""Variable updates at indices on the JAX target (``ScatterMul``/``Div``/``Min``/``Max``,
``ScatterNdUpdate``/``Add``/``Sub``): compiled, with the NumPy target's values and errors."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

pytest.importorskip("jax")

import scopeflow as tf  # noqa: E402
from scopeflow._src.xla.plan import HostFallbackWarning  # noqa: E402

ROWS = [("scatter_mul", [0, 2, 0], [[2.0, 3.0], [0.5, 4.0], [-1.0, 2.0]]),
        ("scatter_div", [1, 2], [[2.0, 4.0], [0.5, -8.0]]),
        ("scatter_min", [2, 0, 2], [[0.0, 9.0], [1.5, -3.0], [-4.0, 9.0]]),
        ("scatter_max", [0, 1], [[7.0, -9.0], [3.0, 3.0]]),
        ("scatter_nd_update", [[0, 1], [2, 0]], [10.0, 20.0]),
        ("scatter_nd_add", [[1], [1], [0]], [[1.0, 1.0], [2.0, 2.0], [5.0, 5.0]]),
        ("scatter_nd_sub", [[2, 1], [0, 0]], [1.5, 2.5])]


def _run(target, name, indices, updates, dtype=tf.float32):
    with tf.Graph().as_default() as graph:
        v = tf.Variable(np.array([[1, 2], [3, 4], [5, 6]]), dtype=dtype, name="v")
        update = getattr(tf, name)(v, tf.constant(indices), tf.constant(updates, dtype))
        read = tf.identity(v) * 1
    with tf.Session(target, graph=graph) as sess:
        sess.run(v.initializer)
        first = sess.run(update)
        sess.run(update)
        return first, sess.run(read)


@pytest.mark.parametrize("name, indices, updates", ROWS, ids=[r[0] for r in ROWS])
def test_updates_compile_to_the_numpy_targets_values(name, indices, updates):
    with warnings.catch_warnings():
        warnings.simplefilter("error", HostFallbackWarning)
        got = _run("jax", name, indices, updates)
    want = _run("", name, indices, updates)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-6)
        assert g.dtype == w.dtype


def test_integer_division_truncates_as_on_numpy():
    got = _run("jax", "scatter_div", [0, 1], [[2, -3], [-2, 3]], tf.int32)
    want = _run("", "scatter_div", [0, 1], [[2, -3], [-2, 3]], tf.int32)
    np.testing.assert_array_equal(got[1], want[1])
    assert got[1].dtype == want[1].dtype == np.int32


def test_uninitialized_and_bad_shapes_are_tensorflows_errors():
    with tf.Graph().as_default() as graph:
        v = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="v")
        update = tf.scatter_nd_add(v, [[0]], [[1.0, 2.0]])
        indices = tf.placeholder(tf.int32, [None, 1])
        updates = tf.placeholder(tf.float32, None)
        bad = tf.scatter_nd_update(v, indices, updates)
    messages = []
    for target in ("jax", ""):
        with tf.Session(target, graph=graph) as sess:
            with pytest.raises(tf.errors.FailedPreconditionError, match="uninitialized value v"):
                sess.run(update)
            sess.run(v.initializer)
            with pytest.raises(tf.errors.InvalidArgumentError) as e:
                sess.run(bad, {indices: [[0], [1]], updates: [1.0, 2.0, 3.0]})
            messages.append(e.value.message)
    assert messages[0] == messages[1] and "must match dimensions" in messages[0]

"""The fused and sparse training ops on the JAX target, where they leave the registry samples'
path: TensorFlow's errors (uninitialized slots, bad shapes, a missing float16 kernel, indices
out of range when known) as on the NumPy target, and a fed index out of range dropped."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

pytest.importorskip("jax")

import scopeflow as tf  # noqa: E402
from scopeflow._src.ops.state import sparse_training_ops as sparse  # noqa: E402
from scopeflow._src.ops.state import training_ops_ftrl as ftrl  # noqa: E402
from scopeflow._src.xla.plan import HostFallbackWarning  # noqa: E402


def _messages(build, feeds=None, error=tf.errors.InvalidArgumentError, initialize=True):
    """The error ``build()``'s update raises on each target (NumPy's first), and its message."""
    messages = []
    for target in ("", "jax"):
        with tf.Graph().as_default() as graph:
            update, placeholders = build()
            init = tf.global_variables_initializer()
        with tf.Session(target, graph=graph) as sess:
            if initialize:
                sess.run(init)
            with pytest.raises(error) as e:
                sess.run(update, dict(zip(placeholders, feeds or [])))
            messages.append(e.value.message)
    return messages


def test_an_uninitialized_slot_is_named_as_on_numpy():
    def build():
        v, a, li = (tf.Variable(np.zeros((3, 2)), name=n) for n in ("v", "accum", "linear"))
        return ftrl.sparse_apply_ftrl(v, a, li, np.ones((1, 2)), [1], 0.1, 0.0, 0.0, -0.5), []

    numpy, jax = _messages(build, error=tf.errors.FailedPreconditionError, initialize=False)
    assert numpy == jax and "uninitialized value v" in numpy


def test_shape_errors_and_known_bad_indices_are_tensorflows():
    def rows_mismatch():
        v, m = tf.Variable(np.zeros((3, 2))), tf.Variable(np.zeros((3, 2)))
        grad, indices = tf.placeholder(tf.float64, None), tf.placeholder(tf.int32, [None])
        return sparse.sparse_apply_momentum(v, m, 0.1, grad, indices, 0.9), [grad, indices]

    def known_out_of_range():
        v, a = tf.Variable(np.zeros((3, 2))), tf.Variable(np.ones((3, 2)))
        return sparse.sparse_apply_adagrad(v, a, 0.1, np.ones((2, 2)), tf.constant([0, 7])), []

    for build, feeds, words in ((rows_mismatch, [np.ones((2, 2)), [0]], "grad must be the same size as indices"),
                                (known_out_of_range, None, "Index 7 at offset 1 in indices is out of range")):
        numpy, jax = _messages(build, feeds)
        assert numpy == jax and words in numpy


def test_adagrad_da_has_no_float16_kernel_on_either_target():
    def build():
        v, a, b = (tf.Variable(np.zeros(2, np.float16)) for _ in range(3))
        return ftrl.apply_adagrad_da(v, a, b, np.ones(2, np.float16), np.float16(0.1), np.float16(0),
                                     np.float16(0), tf.constant(1, tf.int64)), []

    numpy, jax = _messages(build)
    assert numpy == jax and "No OpKernel was registered to support Op 'ApplyAdagradDA'" in numpy


def test_a_fed_index_out_of_range_drops_its_row_and_updates_the_others():
    with tf.Graph().as_default() as graph:
        v, a = tf.Variable(np.zeros((3, 2))), tf.Variable(np.ones((3, 2)))
        indices = tf.placeholder(tf.int32, [2])
        update = sparse.sparse_apply_adagrad(v, a, 1.0, np.ones((2, 2)), indices)
        init = tf.global_variables_initializer()
    with warnings.catch_warnings():
        warnings.simplefilter("error", HostFallbackWarning)
        with tf.Session("jax", graph=graph) as sess:
            sess.run(init)
            got = sess.run(update, {indices: [2, -1]})
    np.testing.assert_allclose(got, [[0, 0], [0, 0], [-2 ** -0.5] * 2])

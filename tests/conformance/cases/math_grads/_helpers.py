"""Helpers shared by the ``math_grads`` conformance cases (no cases here)."""

import numpy as np

_A = np.array([[1.5, -2.0, 3.0], [0.5, 4.0, -1.0]], np.float32)
_B = np.array([2.0, -0.5, 1.25], np.float32)
_P = np.array([[0.5, 1.5, 2.0], [3.0, 0.25, 1.0]], np.float32)


def _w(shape):
    n = int(np.prod(shape))
    return (np.arange(1, n + 1, dtype=np.float32).reshape(shape) % 4) - 1.25


def _loss(tf, y):
    """``sum(y * w)`` with a fixed pattern ``w``, so gradients are not all ones."""
    return tf.reduce_sum(y * tf.constant(_w(y.shape.as_list()), dtype=y.dtype, name="w"))


def _ab(tf, a=_A, b=_B):
    return tf.constant(a, name="a"), tf.constant(b, name="b")


_M = np.arange(12, dtype=np.float32).reshape(3, 4) / 4.0 - 1.0

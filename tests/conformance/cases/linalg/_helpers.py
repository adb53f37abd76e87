"""Matrices shared by the ``linalg`` conformance cases (no cases here)."""

import numpy as np

A = np.array([[4.0, 1.0, -2.0], [1.0, 5.0, 0.5], [-2.0, 0.5, 6.0]])  # symmetric positive definite
B = np.array([[1.0, -1.0], [2.0, 0.5], [0.0, 3.0]])
G = np.array([[1.5, -0.5, 2.0], [0.25, 3.0, -1.0], [2.0, 1.0, 0.5]])  # general, invertible
W = np.array([[1.0, 2.0, -1.0, 0.5], [0.0, 3.0, 1.0, -2.0], [2.0, -1.0, 4.0, 1.0]])  # 3 x 4
BATCH = np.stack([A, G, A + G.T @ G])


def loss(tf, y):
    """``sum(y * w)`` with a fixed pattern ``w``: gradients that are not all ones."""
    n = int(np.prod(y.shape.as_list()))
    w = (np.arange(1, n + 1).reshape(y.shape.as_list()) % 5 - 1.5).astype(y.dtype.as_numpy_dtype)
    return tf.reduce_sum(y * tf.constant(w, name="w"))

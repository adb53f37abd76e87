"""``tf.train.GradientDescentOptimizer``: ``var -= learning_rate * grad`` (``ApplyGradientDescent``)."""

from __future__ import annotations

from scopeflow._src.framework.indexed_slices import IndexedSlices
from scopeflow._src.ops import math_ops
from scopeflow._src.ops.state import training_ops
from scopeflow._src.training.optimizer import Optimizer


class GradientDescentOptimizer(Optimizer):
    """Plain gradient descent; no slots.

    >>> import scopeflow as tf
    >>> w = tf.Variable(1.0, name="w")
    >>> train = tf.train.GradientDescentOptimizer(0.1).minimize(w * w)
    >>> [op.name for op in tf.get_default_graph().get_operations() if op.name.startswith("GradientDescent")]
    ['GradientDescent/learning_rate', 'GradientDescent/update_w/ApplyGradientDescent', 'GradientDescent']
    """

    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._learning_rate_tensor = None

    def _prepare(self):
        self._learning_rate_tensor = self._hyper_tensor(self._learning_rate, "learning_rate")

    def _apply_dense(self, grad, var):
        lr = math_ops.cast(self._learning_rate_tensor, var.dtype.base_dtype)
        return training_ops.apply_gradient_descent(var, lr, grad, use_locking=self._use_locking).op

    def _apply_sparse_duplicate_indices(self, grad, var):
        """``ScatterSub`` of ``learning_rate * values``: repeated indices need no summing first."""
        values = grad.values * math_ops.cast(self._learning_rate_tensor, var.dtype.base_dtype)
        return var.scatter_sub(IndexedSlices(values, grad.indices, grad.dense_shape), use_locking=self._use_locking)

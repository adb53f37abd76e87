"""``tf.train.MomentumOptimizer``: ``accum = momentum * accum + grad``; ``var -= lr * accum``."""

from __future__ import annotations

from scopeflow._src.ops import math_ops
from scopeflow._src.ops.state import training_ops
from scopeflow._src.training.optimizer import Optimizer


class MomentumOptimizer(Optimizer):
    """Momentum (optionally Nesterov); one slot, ``momentum`` (``w/Momentum:0``).

    >>> import scopeflow as tf
    >>> w = tf.Variable([1.0], name="w")
    >>> opt = tf.train.MomentumOptimizer(0.1, momentum=0.9)
    >>> train = opt.minimize(tf.reduce_sum(w))
    >>> opt.get_slot_names(), opt.get_slot(w, "momentum").name
    (['momentum'], 'w/Momentum:0')
    """

    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum", use_nesterov=False):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._momentum = momentum
        self._use_nesterov = use_nesterov

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "momentum", self._name)

    def _prepare(self):
        self._learning_rate_tensor = self._hyper_tensor(self._learning_rate, "learning_rate")
        self._momentum_tensor = self._hyper_tensor(self._momentum, "momentum")

    def _apply_dense(self, grad, var):
        mom = self.get_slot(var, "momentum")
        dtype = var.dtype.base_dtype
        return training_ops.apply_momentum(
            var, mom, math_ops.cast(self._learning_rate_tensor, dtype), grad,
            math_ops.cast(self._momentum_tensor, dtype), use_locking=self._use_locking,
            use_nesterov=self._use_nesterov).op

    def _apply_sparse(self, grad, var):
        from scopeflow._src.ops.state import sparse_training_ops  # noqa: PLC0415 - the sparse ops load on first use
        mom = self.get_slot(var, "momentum")
        dtype = var.dtype.base_dtype
        return sparse_training_ops.sparse_apply_momentum(
            var, mom, math_ops.cast(self._learning_rate_tensor, dtype), grad.values, grad.indices,
            math_ops.cast(self._momentum_tensor, dtype), use_locking=self._use_locking,
            use_nesterov=self._use_nesterov).op

"""``tf.train.AdadeltaOptimizer`` (Zeiler, 2012)."""

from __future__ import annotations

from scopeflow._src.ops import math_ops
from scopeflow._src.ops.state import training_ops
from scopeflow._src.training.optimizer import Optimizer


class AdadeltaOptimizer(Optimizer):
    """Adadelta; slots ``accum`` and ``accum_update`` (``w/Adadelta:0``, ``w/Adadelta_1:0``)."""

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-08, use_locking=False, name="Adadelta"):
        super().__init__(use_locking, name)
        self._lr = learning_rate
        self._rho = rho
        self._epsilon = epsilon
        self._lr_t = self._rho_t = self._epsilon_t = None

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "accum", self._name)
            self._zeros_slot(v, "accum_update", self._name)

    def _prepare(self):
        self._lr_t = self._hyper_tensor(self._lr, "lr")
        self._rho_t = self._hyper_tensor(self._rho, "rho")
        self._epsilon_t = self._hyper_tensor(self._epsilon, "epsilon")

    def _apply_dense(self, grad, var):
        accum = self.get_slot(var, "accum")
        accum_update = self.get_slot(var, "accum_update")
        dtype = var.dtype.base_dtype
        return training_ops.apply_adadelta(
            var, accum, accum_update, math_ops.cast(self._lr_t, dtype), math_ops.cast(self._rho_t, dtype),
            math_ops.cast(self._epsilon_t, dtype), grad, use_locking=self._use_locking)

    def _apply_sparse(self, grad, var):
        from scopeflow._src.ops.state import sparse_training_ops  # noqa: PLC0415 - the sparse ops load on first use
        accum = self.get_slot(var, "accum")
        accum_update = self.get_slot(var, "accum_update")
        dtype = var.dtype.base_dtype
        return sparse_training_ops.sparse_apply_adadelta(
            var, accum, accum_update, math_ops.cast(self._lr_t, dtype), math_ops.cast(self._rho_t, dtype),
            math_ops.cast(self._epsilon_t, dtype), grad.values, grad.indices, use_locking=self._use_locking)

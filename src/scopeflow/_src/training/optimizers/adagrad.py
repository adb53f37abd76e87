"""``tf.train.AdagradOptimizer``: ``accum += grad ** 2``; ``var -= lr * grad / sqrt(accum)``."""

from __future__ import annotations

from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.state import training_ops
from scopeflow._src.training.optimizer import Optimizer
from scopeflow._src.variables import initializers


class AdagradOptimizer(Optimizer):
    """Adagrad; one slot, ``accumulator`` (``w/Adagrad:0``), starting at
    ``initial_accumulator_value``."""

    def __init__(self, learning_rate, initial_accumulator_value=0.1, use_locking=False, name="Adagrad"):
        if initial_accumulator_value <= 0.0:
            raise ValueError(f"initial_accumulator_value must be positive: {initial_accumulator_value}")
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial_accumulator_value = initial_accumulator_value
        self._learning_rate_tensor = None

    def _create_slots(self, var_list):
        for v in var_list:
            dtype = v.dtype.base_dtype
            if v.get_shape().is_fully_defined():
                init = initializers.constant_initializer(self._initial_accumulator_value, dtype=dtype)
            else:
                def init(*args, _v=v, _dtype=dtype, **kwargs):
                    filled = array_ops.fill(array_ops.shape(_v), self._initial_accumulator_value)
                    return math_ops.cast(filled, _dtype)
            self._get_or_make_slot_with_initializer(v, init, v.get_shape(), dtype, "accumulator", self._name)

    def _prepare(self):
        self._learning_rate_tensor = self._hyper_tensor(self._learning_rate, "learning_rate")

    def _apply_dense(self, grad, var):
        acc = self.get_slot(var, "accumulator")
        return training_ops.apply_adagrad(var, acc, math_ops.cast(self._learning_rate_tensor, var.dtype.base_dtype),
                                          grad, use_locking=self._use_locking)

    def _apply_sparse(self, grad, var):
        from scopeflow._src.ops.state import sparse_training_ops  # noqa: PLC0415 - the sparse ops load on first use
        acc = self.get_slot(var, "accumulator")
        return sparse_training_ops.sparse_apply_adagrad(
            var, acc, math_ops.cast(self._learning_rate_tensor, var.dtype.base_dtype), grad.values, grad.indices,
            use_locking=self._use_locking)

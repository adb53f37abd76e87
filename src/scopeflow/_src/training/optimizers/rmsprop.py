"""``tf.train.RMSPropOptimizer`` (with momentum and the centred variant)."""

from __future__ import annotations

from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.state import training_ops
from scopeflow._src.training.optimizer import Optimizer
from scopeflow._src.variables import initializers


class RMSPropOptimizer(Optimizer):
    """RMSProp. Slots ``rms`` (starting at ones), ``mg`` (centred only) and ``momentum``,
    named in that order ``w/RMSProp:0``, ``w/RMSProp_1:0`` (, ``w/RMSProp_2:0``).

    >>> import scopeflow as tf
    >>> w = tf.Variable([1.0], name="w")
    >>> opt = tf.train.RMSPropOptimizer(0.01, centered=True)
    >>> train = opt.minimize(tf.reduce_sum(w))
    >>> [opt.get_slot(w, s).name for s in opt.get_slot_names()]
    ['w/RMSProp_1:0', 'w/RMSProp_2:0', 'w/RMSProp:0']
    """

    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False, centered=False,
                 name="RMSProp"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._decay = decay
        self._momentum = momentum
        self._epsilon = epsilon
        self._centered = centered
        self._learning_rate_tensor = self._decay_tensor = self._momentum_tensor = self._epsilon_tensor = None

    def _create_slots(self, var_list):
        for v in var_list:
            if v.get_shape().is_fully_defined():
                init_rms = initializers.ones_initializer(dtype=v.dtype.base_dtype)
            else:
                init_rms = array_ops.ones_like(v)
            self._get_or_make_slot_with_initializer(v, init_rms, v.get_shape(), v.dtype.base_dtype, "rms",
                                                    self._name)
            if self._centered:
                self._zeros_slot(v, "mg", self._name)
            self._zeros_slot(v, "momentum", self._name)

    def _prepare(self):
        self._learning_rate_tensor = self._hyper_tensor(self._learning_rate, "learning_rate")
        self._decay_tensor = self._hyper_tensor(self._decay, "decay")
        self._momentum_tensor = self._hyper_tensor(self._momentum, "momentum")
        self._epsilon_tensor = self._hyper_tensor(self._epsilon, "epsilon")

    def _apply_dense(self, grad, var):
        return self._apply_rms(var, training_ops.apply_centered_rms_prop, training_ops.apply_rms_prop, grad).op

    def _apply_sparse(self, grad, var):
        from scopeflow._src.ops.state import sparse_training_ops  # noqa: PLC0415 - the sparse ops load on first use
        return self._apply_rms(var, sparse_training_ops.sparse_apply_centered_rms_prop,
                           sparse_training_ops.sparse_apply_rms_prop, grad.values, grad.indices)

    def _apply_rms(self, var, centered_op, plain_op, *grad):
        """``centered_op`` or ``plain_op`` on ``var``, its slots, the hyper-parameters (cast to its dtype), ``grad``."""
        rms = self.get_slot(var, "rms")
        mom = self.get_slot(var, "momentum")
        dtype = var.dtype.base_dtype
        hyper = [math_ops.cast(t, dtype) for t in (self._learning_rate_tensor, self._decay_tensor,
                                                   self._momentum_tensor, self._epsilon_tensor)]
        if self._centered:
            return centered_op(var, self.get_slot(var, "mg"), rms, mom, *hyper, *grad, use_locking=self._use_locking)
        return plain_op(var, rms, mom, *hyper, *grad, use_locking=self._use_locking)

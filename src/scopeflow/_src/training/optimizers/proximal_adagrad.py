"""``tf.train.ProximalAdagradOptimizer``: FOBOS with Adagrad's per-element learning rate."""

from __future__ import annotations

from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.default_graph import colocate_with
from scopeflow._src.ops.state import training_ops_ftrl
from scopeflow._src.training.optimizer import Optimizer
from scopeflow._src.training.optimizers.proximal_gradient_descent import prepare_proximal


class ProximalAdagradOptimizer(Optimizer):
    """Proximal Adagrad; one slot, ``accumulator`` (``w/ProximalAdagrad``), starting at
    ``initial_accumulator_value``. As in TF, the hyper-parameters are not cast to the
    variable's dtype: use float32 variables, or pass tensors of the variables' dtype.

    >>> import scopeflow as tf
    >>> w = tf.Variable([1.0, -2.0], name="w")
    >>> opt = tf.train.ProximalAdagradOptimizer(0.1, l1_regularization_strength=0.01)
    >>> train = opt.minimize(tf.reduce_sum(w * w))
    >>> opt.get_slot(w, "accumulator").name
    'w/ProximalAdagrad:0'
    """

    def __init__(self, learning_rate, initial_accumulator_value=0.1, l1_regularization_strength=0.0,
                 l2_regularization_strength=0.0, use_locking=False, name="ProximalAdagrad"):
        if initial_accumulator_value <= 0.0:
            raise ValueError(f"initial_accumulator_value must be positive: {initial_accumulator_value}")
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial_accumulator_value = initial_accumulator_value
        self._l1_regularization_strength = l1_regularization_strength
        self._l2_regularization_strength = l2_regularization_strength
        self._learning_rate_tensor = None
        self._l1_regularization_strength_tensor = None
        self._l2_regularization_strength_tensor = None

    def _create_slots(self, var_list):
        for v in var_list:
            with colocate_with(v):
                val = constant(self._initial_accumulator_value, shape=v.get_shape(), dtype=v.dtype.base_dtype)
            self._get_or_make_slot(v, val, "accumulator", self._name)

    def _prepare(self):
        prepare_proximal(self)

    def _apply_dense(self, grad, var):
        return training_ops_ftrl.apply_proximal_adagrad(
            var, self.get_slot(var, "accumulator"), self._learning_rate_tensor,
            self._l1_regularization_strength_tensor, self._l2_regularization_strength_tensor, grad,
            use_locking=self._use_locking)

    def _apply_sparse(self, grad, var):
        return training_ops_ftrl.sparse_apply_proximal_adagrad(
            var, self.get_slot(var, "accumulator"), self._learning_rate_tensor,
            self._l1_regularization_strength_tensor, self._l2_regularization_strength_tensor, grad.values,
            grad.indices, use_locking=self._use_locking)

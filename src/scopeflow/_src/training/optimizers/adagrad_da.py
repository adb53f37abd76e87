"""``tf.train.AdagradDAOptimizer``: Adagrad dual averaging (Duchi et al., 2011), which needs
the global step; slots ``gradient_accumulator`` (``w/AdagradDA``) and
``gradient_squared_accumulator`` (``w/AdagradDA_1``)."""

from __future__ import annotations

from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import colocate_with, device
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.state import training_ops_ftrl
from scopeflow._src.training.optimizer import Optimizer


class AdagradDAOptimizer(Optimizer):
    """AdagradDA (TF1's ``tf.train.AdagradDAOptimizer``); ``global_step`` is an int64 tensor
    or variable (``tf.train.get_or_create_global_step()``) that the training loop increments.

    >>> import scopeflow as tf
    >>> step = tf.train.get_or_create_global_step()
    >>> w = tf.Variable([1.0, -2.0], name="w")
    >>> opt = tf.train.AdagradDAOptimizer(0.1, global_step=step)
    >>> train = opt.minimize(tf.reduce_sum(w * w), global_step=step)
    >>> opt.get_slot_names()
    ['gradient_accumulator', 'gradient_squared_accumulator']
    """

    def __init__(self, learning_rate, global_step, initial_gradient_squared_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0, use_locking=False, name="AdagradDA"):
        if initial_gradient_squared_accumulator_value <= 0.0:
            raise ValueError(f"initial_gradient_squared_accumulator_value must be positive: "
                             f"{initial_gradient_squared_accumulator_value}")
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial_gradient_squared_accumulator_value = initial_gradient_squared_accumulator_value
        self._l1_regularization_strength = l1_regularization_strength
        self._l2_regularization_strength = l2_regularization_strength
        self._global_step = global_step
        self._learning_rate_tensor = None
        self._global_step_on_worker = None

    def _create_slots(self, var_list):
        for v in var_list:
            with colocate_with(v):
                g_val = constant(0.0, shape=v.get_shape(), dtype=v.dtype.base_dtype)
                gg_val = constant(self._initial_gradient_squared_accumulator_value, shape=v.get_shape(),
                                  dtype=v.dtype.base_dtype)
            self._get_or_make_slot(v, g_val, "gradient_accumulator", self._name)
            self._get_or_make_slot(v, gg_val, "gradient_squared_accumulator", self._name)

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(self._learning_rate, name="learning_rate")
        with colocate_with(self._learning_rate_tensor):
            self._global_step_on_worker = array_ops.identity(self._global_step) + 1

    def _arguments(self, var):
        """The slots, then the hyper-parameters in the variable's dtype and the step (TF's order)."""
        with device(var.device):
            global_step = array_ops.identity(self._global_step_on_worker)
        dtype = var.dtype.base_dtype
        return ([self.get_slot(var, "gradient_accumulator"), self.get_slot(var, "gradient_squared_accumulator")],
                [math_ops.cast(self._learning_rate_tensor, dtype),
                 math_ops.cast(self._l1_regularization_strength, dtype),
                 math_ops.cast(self._l2_regularization_strength, dtype), global_step])

    def _apply_dense(self, grad, var):
        slots, hypers = self._arguments(var)
        return training_ops_ftrl.apply_adagrad_da(var, *slots, grad, *hypers, use_locking=self._use_locking)

    def _apply_sparse(self, grad, var):
        slots, hypers = self._arguments(var)
        return training_ops_ftrl.sparse_apply_adagrad_da(var, *slots, grad.values, grad.indices, *hypers,
                                                         use_locking=self._use_locking)

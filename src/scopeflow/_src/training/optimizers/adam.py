"""``tf.train.AdamOptimizer`` (Kingma & Ba), with TF's ``beta1_power``/``beta2_power`` variables."""

from __future__ import annotations

from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import colocate_with, control_dependencies
from scopeflow._src.ops import math_ops
from scopeflow._src.ops.control import control_flow_ops
from scopeflow._src.ops.state import training_ops, variable_ops
from scopeflow._src.training.optimizer import Optimizer


class AdamOptimizer(Optimizer):
    """Adam. Slots ``m`` and ``v`` (``w/Adam:0``, ``w/Adam_1:0``); the bias corrections come
    from two non-slot variables, ``beta1_power`` and ``beta2_power``, multiplied by
    ``beta1``/``beta2`` after each step (in the optimizer's ``_finish``).

    >>> import scopeflow as tf
    >>> w = tf.Variable([1.0, 2.0], name="w")
    >>> opt = tf.train.AdamOptimizer(0.1)
    >>> train = opt.minimize(tf.reduce_sum(w * w))
    >>> [v.name for v in opt.variables()]
    ['beta1_power:0', 'beta2_power:0', 'w/Adam:0', 'w/Adam_1:0']
    """

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-08, use_locking=False, name="Adam",
                 use_own_namescope_for_non_slot_vars=False):
        super().__init__(use_locking, name, use_own_namescope_for_non_slot_vars)
        self._lr = learning_rate
        self._beta1 = beta1
        self._beta2 = beta2
        self._epsilon = epsilon
        self._lr_t = self._beta1_t = self._beta2_t = self._epsilon_t = None

    def _get_beta_accumulators(self):
        graph = default_graph()
        return self._get_non_slot_variable("beta1_power", graph=graph), \
            self._get_non_slot_variable("beta2_power", graph=graph)

    def _create_slots(self, var_list):
        first_var = min(var_list, key=lambda x: x.name)
        self._create_non_slot_variable(initial_value=self._beta1, name="beta1_power", colocate_with=first_var)
        self._create_non_slot_variable(initial_value=self._beta2, name="beta2_power", colocate_with=first_var)
        for v in var_list:
            self._zeros_slot(v, "m", self._name)
            self._zeros_slot(v, "v", self._name)

    def _prepare(self):
        self._lr_t = self._hyper_tensor(self._lr, "learning_rate")
        self._beta1_t = self._hyper_tensor(self._beta1, "beta1")
        self._beta2_t = self._hyper_tensor(self._beta2, "beta2")
        self._epsilon_t = self._hyper_tensor(self._epsilon, "epsilon")

    def _apply_dense(self, grad, var):
        m = self.get_slot(var, "m")
        v = self.get_slot(var, "v")
        beta1_power, beta2_power = self._get_beta_accumulators()
        dtype = var.dtype.base_dtype
        return training_ops.apply_adam(
            var, m, v, math_ops.cast(beta1_power, dtype), math_ops.cast(beta2_power, dtype),
            math_ops.cast(self._lr_t, dtype), math_ops.cast(self._beta1_t, dtype),
            math_ops.cast(self._beta2_t, dtype), math_ops.cast(self._epsilon_t, dtype), grad,
            use_locking=self._use_locking).op

    def _apply_sparse(self, grad, var):
        """TF's sparse Adam: ``m`` and ``v`` decay as a whole (``Assign``), the gradient rows are
        added with ``ScatterAdd``, and ``var`` takes a dense ``AssignSub``."""
        from scopeflow._src.ops.state import sparse_training_ops  # noqa: PLC0415 - the sparse ops load on first use
        beta1_power, beta2_power = self._get_beta_accumulators()
        dtype = var.dtype.base_dtype
        beta1_power = math_ops.cast(beta1_power, dtype)
        beta2_power = math_ops.cast(beta2_power, dtype)
        lr_t, beta1_t, beta2_t, epsilon_t = (math_ops.cast(t, dtype) for t in (
            self._lr_t, self._beta1_t, self._beta2_t, self._epsilon_t))
        lr = lr_t * math_ops.sqrt(1 - beta2_power) / (1 - beta1_power)
        values, indices = grad.values, grad.indices
        m = self.get_slot(var, "m")
        m_scaled_g_values = values * (1 - beta1_t)
        m_t = variable_ops.assign(m, m * beta1_t, use_locking=self._use_locking)
        with control_dependencies([m_t]):
            m_t = sparse_training_ops.scatter_add(m, indices, m_scaled_g_values, use_locking=self._use_locking)
        v = self.get_slot(var, "v")
        v_scaled_g_values = (values * values) * (1 - beta2_t)
        v_t = variable_ops.assign(v, v * beta2_t, use_locking=self._use_locking)
        with control_dependencies([v_t]):
            v_t = sparse_training_ops.scatter_add(v, indices, v_scaled_g_values, use_locking=self._use_locking)
        v_sqrt = math_ops.sqrt(v_t)
        var_update = variable_ops.assign_sub(var, lr * m_t / (v_sqrt + epsilon_t), use_locking=self._use_locking)
        return control_flow_ops.group(*[var_update, m_t, v_t])

    def _finish(self, update_ops, name_scope):
        with control_dependencies(update_ops):
            beta1_power, beta2_power = self._get_beta_accumulators()
            with colocate_with(beta1_power):
                update_beta1 = beta1_power.assign(beta1_power * self._beta1_t, use_locking=self._use_locking)
                update_beta2 = beta2_power.assign(beta2_power * self._beta2_t, use_locking=self._use_locking)
        return control_flow_ops.group(*update_ops + [update_beta1, update_beta2], name=name_scope)

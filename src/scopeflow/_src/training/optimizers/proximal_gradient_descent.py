"""``tf.train.ProximalGradientDescentOptimizer``: gradient descent with L1/L2 proximal steps (FOBOS)."""

from __future__ import annotations

from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.ops.state import training_ops
from scopeflow._src.training.optimizer import Optimizer


def prepare_proximal(opt):
    """The proximal optimizers' ``_prepare``: learning rate, l1 and l2 as tensors (as in TF, a callable
    hyper-parameter is not called)."""
    opt._learning_rate_tensor = convert_to_tensor(opt._learning_rate, name="learning_rate")
    opt._l1_regularization_strength_tensor = convert_to_tensor(opt._l1_regularization_strength,
                                                               name="l1_regularization_strength")
    opt._l2_regularization_strength_tensor = convert_to_tensor(opt._l2_regularization_strength,
                                                               name="l2_regularization_strength")


class ProximalGradientDescentOptimizer(Optimizer):
    """``prox = var - lr * grad``; ``var = sign(prox) * max(|prox| - lr * l1, 0) / (1 + lr * l2)``.

    As in TF, the hyper-parameters are not cast to the variable's dtype: use float32
    variables, or pass tensors of the variables' dtype.
    """

    def __init__(self, learning_rate, l1_regularization_strength=0.0, l2_regularization_strength=0.0,
                 use_locking=False, name="ProximalGradientDescent"):
        super().__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._l1_regularization_strength = l1_regularization_strength
        self._l2_regularization_strength = l2_regularization_strength
        self._learning_rate_tensor = None
        self._l1_regularization_strength_tensor = None
        self._l2_regularization_strength_tensor = None

    def _prepare(self):
        prepare_proximal(self)

    def _apply_dense(self, grad, var):
        return training_ops.apply_proximal_gradient_descent(
            var, self._learning_rate_tensor, self._l1_regularization_strength_tensor,
            self._l2_regularization_strength_tensor, grad, use_locking=self._use_locking).op

    def _apply_sparse(self, grad, var):
        from scopeflow._src.ops.state import sparse_training_ops  # noqa: PLC0415 - the sparse ops load on first use
        return sparse_training_ops.sparse_apply_proximal_gradient_descent(
            var, self._learning_rate_tensor, self._l1_regularization_strength_tensor,
            self._l2_regularization_strength_tensor, grad.values, grad.indices, use_locking=self._use_locking).op

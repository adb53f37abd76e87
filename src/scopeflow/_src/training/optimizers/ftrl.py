"""``tf.train.FtrlOptimizer``: FTRL-proximal (McMahan et al., 2013), with online L2 and
L2 shrinkage; slots ``accum`` (``w/Ftrl``) and ``linear`` (``w/Ftrl_1``)."""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.state import training_ops_ftrl
from scopeflow._src.training.optimizer import Optimizer


class FtrlOptimizer(Optimizer):
    """FTRL (TF1's ``tf.train.FtrlOptimizer``): ``ApplyFtrl``, or ``ApplyFtrlV2`` when
    ``l2_shrinkage_regularization_strength`` is positive; the sparse forms for ``IndexedSlices``.

    >>> import scopeflow as tf
    >>> w = tf.Variable([1.0, -2.0], name="w")
    >>> opt = tf.train.FtrlOptimizer(0.5, l1_regularization_strength=0.01)
    >>> train = opt.minimize(tf.reduce_sum(w * w))
    >>> opt.get_slot(w, "accum").name, opt.get_slot(w, "linear").name
    ('w/Ftrl:0', 'w/Ftrl_1:0')
    """

    def __init__(self, learning_rate, learning_rate_power=-0.5, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0, use_locking=False, name="Ftrl",
                 accum_name=None, linear_name=None, l2_shrinkage_regularization_strength=0.0, beta=None):
        super().__init__(use_locking, name)
        checks = ((initial_accumulator_value < 0.0, f"initial_accumulator_value {initial_accumulator_value:f}"),
                  (learning_rate_power > 0.0, f"learning_rate_power {learning_rate_power:f}"),
                  (l1_regularization_strength < 0.0, f"l1_regularization_strength {l1_regularization_strength:f}"),
                  (l2_regularization_strength < 0.0, f"l2_regularization_strength {l2_regularization_strength:f}"),
                  (l2_shrinkage_regularization_strength < 0.0,
                   f"l2_shrinkage_regularization_strength {l2_shrinkage_regularization_strength:f}"))
        for failed, what in checks:  # TF's order and wording
            if failed:
                sign = "negative" if what.startswith("learning_rate_power") else "positive"
                raise ValueError(f"{what} needs to be {sign} or zero")
        self._learning_rate = learning_rate
        self._learning_rate_power = learning_rate_power
        self._initial_accumulator_value = initial_accumulator_value
        self._l1_regularization_strength = l1_regularization_strength
        self._l2_regularization_strength = l2_regularization_strength
        self._beta = 0.0 if beta is None else beta
        self._l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
        self._accum_name = accum_name
        self._linear_name = linear_name
        self._learning_rate_tensor = None
        self._learning_rate_power_tensor = None
        self._l1_regularization_strength_tensor = None
        self._adjusted_l2_regularization_strength_tensor = None
        self._beta_tensor = None
        self._l2_shrinkage_regularization_strength_tensor = None

    def _create_slots(self, var_list):
        def accum_initializer(shape, dtype=dtypes.float32, partition_info=None):
            return array_ops.ones(shape=shape, dtype=dtype) * self._initial_accumulator_value

        for v in var_list:
            self._get_or_make_slot_with_initializer(v, accum_initializer, v.shape, v.dtype.base_dtype, "accum",
                                                    self._accum_name or self._name)
            self._zeros_slot(v, "linear", self._linear_name or self._name)

    def _prepare(self):
        self._learning_rate_tensor = convert_to_tensor(self._learning_rate, name="learning_rate")
        self._l1_regularization_strength_tensor = convert_to_tensor(self._l1_regularization_strength,
                                                                    name="l1_regularization_strength")
        # beta / (2 lr) joins the online L2 (TF builds the Maximum even when beta is 0)
        self._adjusted_l2_regularization_strength_tensor = convert_to_tensor(
            self._l2_regularization_strength + self._beta / (2. * math_ops.maximum(self._learning_rate, 1e-36)),
            name="adjusted_l2_regularization_strength")
        self._beta_tensor = convert_to_tensor(self._beta, name="beta")
        self._l2_shrinkage_regularization_strength_tensor = convert_to_tensor(
            self._l2_shrinkage_regularization_strength, name="l2_shrinkage_regularization_strength")
        self._learning_rate_power_tensor = convert_to_tensor(self._learning_rate_power, name="learning_rate_power")

    def _hypers(self, dtype, shrinkage_dtype=None):
        hypers = [math_ops.cast(self._learning_rate_tensor, dtype),
                  math_ops.cast(self._l1_regularization_strength_tensor, dtype),
                  math_ops.cast(self._adjusted_l2_regularization_strength_tensor, dtype)]
        if self._l2_shrinkage_regularization_strength > 0.0:
            hypers.append(math_ops.cast(self._l2_shrinkage_regularization_strength_tensor, shrinkage_dtype or dtype))
        hypers.append(math_ops.cast(self._learning_rate_power_tensor, dtype))
        return hypers

    def _apply_dense(self, grad, var):
        accum, linear = self.get_slot(var, "accum"), self.get_slot(var, "linear")
        dtype = var.dtype.base_dtype
        apply = (training_ops_ftrl.apply_ftrl_v2 if self._l2_shrinkage_regularization_strength > 0.0
                 else training_ops_ftrl.apply_ftrl)
        return apply(var, accum, linear, grad, *self._hypers(dtype), use_locking=self._use_locking)

    def _apply_sparse(self, grad, var):
        accum, linear = self.get_slot(var, "accum"), self.get_slot(var, "linear")
        dtype = var.dtype.base_dtype
        apply = (training_ops_ftrl.sparse_apply_ftrl_v2 if self._l2_shrinkage_regularization_strength > 0.0
                 else training_ops_ftrl.sparse_apply_ftrl)
        return apply(var, accum, linear, grad.values, grad.indices, *self._hypers(dtype, grad.dtype.base_dtype),
                     use_locking=self._use_locking)

"""``Uniform(low=0., high=1.)``: the continuous uniform distribution on ``[low, high)``."""

from __future__ import annotations

import math

from scopeflow._src.distributions import distribution
from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.debugging import api as check_ops
from scopeflow._src.ops.random import random_ops


class Uniform(distribution.ScalarEvent, distribution.Distribution):
    """Uniform distributions between ``low`` and ``high``."""

    def __init__(self, low=0.0, high=1.0, validate_args=False, allow_nan_stats=True, name="Uniform"):
        parameters = dict(locals())
        with name_scope(name, values=[low, high]) as name:
            checks = [check_ops.assert_less(low, high, message="uniform not defined when low >= high.")
                      ] if validate_args else []
            self._low, self._high = distribution.float_parameters([low, high], ["low", "high"], checks)
        super().__init__(dtype=self._low.dtype, reparameterization_type=distribution.FULLY_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats, parameters=parameters,
                         graph_parents=[self._low, self._high], name=name)

    @staticmethod
    def _param_shapes(sample_shape):
        return dict(zip(("low", "high"), [convert_to_tensor(sample_shape, dtype=dtypes.int32)] * 2))

    @property
    def low(self):
        return self._low

    @property
    def high(self):
        return self._high

    def range(self, name="range"):
        """``high - low``."""
        with self._name_scope(name):
            return self.high - self.low

    def _batch_shape_tensor(self):
        return self._batch_shape_tensor_of(self.low, self.high)

    def _batch_shape(self):
        return self._batch_shape_of(self.low, self.high)

    def _sample_n(self, n, seed=None):
        shape = array_ops.concat([[n], self.batch_shape_tensor()], 0)
        samples = random_ops.random_uniform(shape=shape, dtype=self.dtype, seed=seed)
        return self.low + self.range() * samples

    def _prob(self, x):
        broadcasted_x = x * array_ops.ones(self.batch_shape_tensor(), dtype=x.dtype)
        return array_ops.where_v2(
            math_ops.is_nan(broadcasted_x), broadcasted_x,
            array_ops.where_v2(math_ops.logical_or(broadcasted_x < self.low, broadcasted_x >= self.high),
                               array_ops.zeros_like(broadcasted_x),
                               array_ops.ones_like(broadcasted_x) / self.range()))

    def _cdf(self, x):
        broadcast_shape = array_ops.broadcast_dynamic_shape(array_ops.shape(x), self.batch_shape_tensor())
        zeros = array_ops.zeros(broadcast_shape, dtype=self.dtype)
        ones = array_ops.ones(broadcast_shape, dtype=self.dtype)
        broadcasted_x = x * ones
        result_if_not_big = array_ops.where_v2(x < self.low, zeros, (broadcasted_x - self.low) / self.range())
        return array_ops.where_v2(x >= self.high, ones, result_if_not_big)

    def _entropy(self):
        return math_ops.log(self.range())

    def _mean(self):
        return (self.low + self.high) / 2.0

    def _variance(self):
        return math_ops.square(self.range()) / 12.0

    def _stddev(self):
        return self.range() / math.sqrt(12.0)

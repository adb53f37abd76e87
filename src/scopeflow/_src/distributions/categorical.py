"""``Categorical(logits=None, probs=None)``: one of K classes per batch member; its KL to
another Categorical."""

from __future__ import annotations

from scopeflow._src.distributions import distribution
from scopeflow._src.distributions.kullback_leibler import RegisterKL
from scopeflow._src.distributions.util import get_logits_and_probs
from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.tensor_shape import TensorShape, dimension_value
from scopeflow._src.ops import array_ops, math_ops, nn_ops
from scopeflow._src.ops.random import random_ops


def _broadcast_event_and_params(event, params, base_dtype):
    """The class ids and the per-class parameters broadcast against each other, as TF's."""
    if event.dtype.is_floating:
        event = math_ops.cast(event, dtype=dtypes.int32)
    elif not event.dtype.is_integer:
        raise TypeError(f"`value` should have integer `dtype` or `self.dtype` ({base_dtype})")
    known = (params.shape.ndims is not None and params.shape[:-1].is_fully_defined()
             and event.shape.is_fully_defined())
    if not known or params.shape[:-1] != event.shape:
        # TF slices event[..., newaxis]; scopeflow's StridedSlice refuses that slice of a scalar, so a
        # scalar event is expanded with ExpandDims (same values, another op type)
        expanded = array_ops.expand_dims(event, -1) if event.shape.ndims == 0 else event[..., None]
        params *= array_ops.ones_like(expanded, dtype=params.dtype)
        params_shape = array_ops.shape(params)[:-1]
        event *= array_ops.ones(params_shape, dtype=event.dtype)
        if params.shape.ndims is not None:
            event.set_shape(TensorShape(params.shape[:-1]))
    return event, params


class Categorical(distribution.LogitsAndProbs, distribution.ScalarEvent, distribution.Distribution):
    """Categorical distributions over ``{0, ..., K-1}`` of ``logits`` (or ``probs``), last axis K."""

    def __init__(self, logits=None, probs=None, dtype=dtypes.int32, validate_args=False, allow_nan_stats=True,
                 name="Categorical"):
        parameters = dict(locals())
        with name_scope(name, values=[logits, probs]) as name:
            self._logits, self._probs = get_logits_and_probs(logits=logits, probs=probs, validate_args=validate_args,
                                                             multidimensional=True, name=name)
            static = self._logits.get_shape().with_rank_at_least(1)
            if static.ndims is not None:
                self._batch_rank = convert_to_tensor(static.ndims - 1, dtype=dtypes.int32, name="batch_rank")
            else:
                with name_scope(name="batch_rank"):
                    self._batch_rank = array_ops.rank(self._logits) - 1
            logits_shape = array_ops.shape(self._logits, name="logits_shape")
            if dimension_value(static[-1]) is not None:
                self._event_size = convert_to_tensor(static.dims[-1].value, dtype=dtypes.int32, name="event_size")
            else:
                with name_scope(name="event_size"):
                    self._event_size = logits_shape[self._batch_rank]
            if static[:-1].is_fully_defined():
                self._batch_shape_val = constant(static[:-1].as_list(), dtype=dtypes.int32, name="batch_shape")
            else:
                with name_scope(name="batch_shape"):
                    self._batch_shape_val = logits_shape[:-1]
        super().__init__(dtype=dtype, reparameterization_type=distribution.NOT_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats, parameters=parameters,
                         graph_parents=[self._logits, self._probs], name=name)

    @property
    def event_size(self):
        return self._event_size

    def _batch_shape_tensor(self):
        return array_ops.identity(self._batch_shape_val)

    def _batch_shape(self):
        return self.logits.get_shape()[:-1]

    def _sample_n(self, n, seed=None):
        logits_2d = self.logits if self.logits.get_shape().ndims == 2 else array_ops.reshape(
            self.logits, [-1, self.event_size])
        sample_dtype = dtypes.int64 if self.dtype.size > 4 else dtypes.int32
        draws = random_ops.multinomial(logits_2d, n, seed=seed, output_dtype=sample_dtype)
        draws = array_ops.reshape(array_ops.transpose(draws), array_ops.concat([[n], self.batch_shape_tensor()], 0))
        return math_ops.cast(draws, self.dtype)

    def _cdf(self, k):
        k = convert_to_tensor(k, name="k")
        k, probs = _broadcast_event_and_params(k, self.probs, base_dtype=self.dtype.base_dtype)
        flat_probs = array_ops.reshape(probs, (-1, self._event_size))
        flat_k = array_ops.reshape(k, [-1])
        to_sum_over = array_ops.where(array_ops.sequence_mask(flat_k, self._event_size), flat_probs,
                                      array_ops.zeros_like(flat_probs))
        return array_ops.reshape(math_ops.reduce_sum(to_sum_over, axis=-1), array_ops.shape(k))

    def _log_prob(self, k):
        k = convert_to_tensor(k, name="k")
        k, logits = _broadcast_event_and_params(k, self.logits, base_dtype=self.dtype.base_dtype)
        return -nn_ops.sparse_softmax_cross_entropy_with_logits(labels=k, logits=logits)

    def _entropy(self):
        return -math_ops.reduce_sum(nn_ops.log_softmax(self.logits) * self.probs, axis=-1)

    def _mode(self):
        ret = math_ops.cast(math_ops.argmax(self.logits, axis=self._batch_rank), self.dtype)
        ret.set_shape(self.batch_shape)
        return ret


@RegisterKL(Categorical, Categorical)
def _kl_categorical_categorical(a, b, name=None):
    with name_scope(name, "kl_categorical_categorical", values=[a.logits, b.logits]):
        delta_log_probs1 = nn_ops.log_softmax(a.logits) - nn_ops.log_softmax(b.logits)
        return math_ops.reduce_sum(nn_ops.softmax(a.logits) * delta_log_probs1, axis=-1)

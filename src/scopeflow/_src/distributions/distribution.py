"""The ``Distribution`` base class: every public method opens the distribution's name scope,
then its own (``Normal/log_prob/``), converts its argument and calls the subclass's ``_method``;
``prob``/``log_prob``, ``cdf``/``log_cdf``, ``variance``/``stddev`` fall back on each other, as
TF's do. A method a distribution lacks raises TF's ``NotImplementedError`` (``"cdf is not
implemented: Categorical"``), as TF's base class does.

>>> import scopeflow as tf
>>> d = tf.distributions.Normal(loc=0.0, scale=1.0)
>>> d.name, d.log_prob(0.0).name
('Normal/', 'Normal/log_prob/sub:0')
"""

from __future__ import annotations

import contextlib

import numpy as np

from scopeflow._src.distributions import kullback_leibler
from scopeflow._src.framework import dtypes, tensor_util
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import control_dependencies, name_scope
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.tensor_shape import TensorShape, as_shape
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.debugging import api as check_ops


class ReparameterizationType:
    """Whether samples can be differentiated with respect to the parameters
    (``FULLY_REPARAMETERIZED``) or not (``NOT_REPARAMETERIZED``); compared by identity."""

    def __init__(self, rep_type: str):
        self._rep_type = rep_type

    def __repr__(self):
        return f"<Reparameterization Type: {self._rep_type}>"

    def __eq__(self, other):
        return self is other

    __hash__ = object.__hash__


FULLY_REPARAMETERIZED = ReparameterizationType("FULLY_REPARAMETERIZED")
NOT_REPARAMETERIZED = ReparameterizationType("NOT_REPARAMETERIZED")


def float_parameters(values, names, checks=()):
    """``Identity`` ops named ``names`` of the parameter ``values`` (after ``checks``, the
    ``validate_args`` assertions), which must share one float dtype."""
    with control_dependencies(list(checks)):
        params = [array_ops.identity(value, name=name) for value, name in zip(values, names)]
        check_ops.assert_same_float_dtype(params)
    return params


def _not_implemented(what, dist):
    return NotImplementedError(f"{what} is not implemented: {type(dist).__name__}")


class Distribution:
    """A batch of probability distributions (TF1's ``tf.distributions.Distribution``)."""

    def _batch_shape_of(self, a, b):
        """The batch shape of two broadcast parameters (Normal's loc and scale...)."""
        return array_ops.broadcast_static_shape(a.get_shape(), b.get_shape())

    def _batch_shape_tensor_of(self, a, b):
        return array_ops.broadcast_dynamic_shape(array_ops.shape(a), array_ops.shape(b))

    def __init__(self, dtype, reparameterization_type, validate_args, allow_nan_stats, parameters=None,
                 graph_parents=None, name=None):
        graph_parents = [] if graph_parents is None else graph_parents
        for i, t in enumerate(graph_parents):
            if t is None or not isinstance(t, Tensor):
                raise ValueError(f"Graph parent item {i} is not a Tensor; {t}.")
        if not name or name[-1] != "/":  # a name, not a name scope: take a unique scope for it
            with name_scope(name or type(self).__name__) as name:
                pass
        self._dtype = dtype
        self._reparameterization_type = reparameterization_type
        self._allow_nan_stats = allow_nan_stats
        self._validate_args = validate_args
        self._parameters = {k: v for k, v in (parameters or {}).items() if k != "self" and k != "__class__"}
        self._graph_parents = graph_parents
        self._name = name

    # -- properties --------------------------------------------------------------------------
    @property
    def name(self):
        return self._name

    @property
    def dtype(self):
        return self._dtype

    @property
    def parameters(self):
        return {k: v for k, v in self._parameters.items() if not k.startswith("__") and k != "self"}

    @property
    def reparameterization_type(self):
        return self._reparameterization_type

    @property
    def allow_nan_stats(self):
        return self._allow_nan_stats

    @property
    def validate_args(self):
        return self._validate_args

    def copy(self, **override_parameters_kwargs):
        """A new distribution of this type with these parameters, some overridden."""
        return type(self)(**dict(self.parameters, **override_parameters_kwargs))

    @contextlib.contextmanager
    def _name_scope(self, name=None, values=None):
        with name_scope(self.name), name_scope(name, values=([] if values is None else values)
                                                 + self._graph_parents) as scope:
            yield scope

    # -- shapes -----------------------------------------------------------------------------
    @property
    def batch_shape(self):
        return as_shape(self._batch_shape())

    @property
    def event_shape(self):
        return as_shape(self._event_shape())

    def _batch_shape(self):
        return TensorShape(None)

    def _event_shape(self):
        return TensorShape(None)

    def batch_shape_tensor(self, name="batch_shape_tensor"):
        with self._name_scope(name):
            if self.batch_shape.is_fully_defined():
                return convert_to_tensor(self.batch_shape.as_list(), dtype=dtypes.int32, name="batch_shape")
            return self._batch_shape_tensor()

    def event_shape_tensor(self, name="event_shape_tensor"):
        with self._name_scope(name):
            if self.event_shape.is_fully_defined():
                return convert_to_tensor(self.event_shape.as_list(), dtype=dtypes.int32, name="event_shape")
            return self._event_shape_tensor()

    def _batch_shape_tensor(self):
        raise _not_implemented("batch_shape_tensor", self)

    def _event_shape_tensor(self):
        raise _not_implemented("event_shape_tensor", self)

    def _is_scalar_helper(self, static_shape, dynamic_shape_fn):
        if static_shape.ndims is not None:
            return static_shape.ndims == 0
        shape = dynamic_shape_fn()
        if shape.get_shape().ndims is not None and shape.get_shape().dims[0].value is not None:
            return shape.get_shape().as_list() == [0]
        return math_ops.equal(array_ops.shape(shape)[0], 0)

    def is_scalar_event(self, name="is_scalar_event"):
        with self._name_scope(name):
            return convert_to_tensor(self._is_scalar_helper(self.event_shape, self.event_shape_tensor),
                                     name="is_scalar_event")

    def is_scalar_batch(self, name="is_scalar_batch"):
        with self._name_scope(name):
            return convert_to_tensor(self._is_scalar_helper(self.batch_shape, self.batch_shape_tensor),
                                     name="is_scalar_batch")

    # -- sampling ---------------------------------------------------------------------------
    def sample(self, sample_shape=(), seed=None, name="sample"):
        """Samples of shape ``sample_shape + batch_shape + event_shape``."""
        with self._name_scope(name, values=[sample_shape]):
            sample_shape = convert_to_tensor(sample_shape, dtype=dtypes.int32, name="sample_shape")
            sample_shape, n = self._expand_sample_shape_to_vector(sample_shape, "sample_shape")
            samples = self._sample_n(n, seed)
            batch_event_shape = array_ops.shape(samples)[1:]
            final_shape = array_ops.concat([sample_shape, batch_event_shape], 0)
            samples = array_ops.reshape(samples, final_shape)
            return self._set_sample_static_shape(samples, sample_shape)

    def _sample_n(self, n, seed=None):
        raise _not_implemented("sample_n", self)

    def _expand_sample_shape_to_vector(self, x, name):
        static = tensor_util.constant_value(x)
        prod = math_ops.reduce_prod(x) if static is None else np.prod(static, dtype=x.dtype.as_numpy_dtype())
        ndims = x.get_shape().ndims
        if ndims is None:
            ndims = array_ops.rank(x)
            expanded = array_ops.where_v2(math_ops.equal(ndims, 0), np.array([1], dtype=np.int32),
                                          array_ops.shape(x))
            x = array_ops.reshape(x, expanded)
        elif ndims == 0:
            if static is not None:
                x = convert_to_tensor(np.array([static], dtype=x.dtype.as_numpy_dtype()), name=name)
            else:
                x = array_ops.reshape(x, [1])
        elif ndims != 1:
            raise ValueError("Input is neither scalar nor vector.")
        return x, prod

    def _set_sample_static_shape(self, x, sample_shape):
        sample_shape = TensorShape(tensor_util.constant_value(sample_shape))
        ndims, sample_ndims = x.get_shape().ndims, sample_shape.ndims
        batch_ndims, event_ndims = self.batch_shape.ndims, self.event_shape.ndims
        if ndims is None and None not in (sample_ndims, batch_ndims, event_ndims):
            ndims = sample_ndims + batch_ndims + event_ndims
            x.set_shape([None] * ndims)
        if ndims is not None and sample_ndims is not None:
            x.set_shape(x.get_shape().merge_with(sample_shape.concatenate([None] * (ndims - sample_ndims))))
        if ndims is not None and event_ndims is not None:
            x.set_shape(x.get_shape().merge_with(TensorShape([None] * (ndims - event_ndims)).concatenate(
                self.event_shape)))
        if batch_ndims is not None:
            if ndims is not None:
                if sample_ndims is None and event_ndims is not None:
                    sample_ndims = ndims - batch_ndims - event_ndims
                elif event_ndims is None and sample_ndims is not None:
                    event_ndims = ndims - batch_ndims - sample_ndims
            if sample_ndims is not None and event_ndims is not None:
                x.set_shape(x.get_shape().merge_with(TensorShape([None] * sample_ndims).concatenate(
                    self.batch_shape).concatenate([None] * event_ndims)))
        return x

    # -- densities and their fallbacks -----------------------------------------------------------
    def _call(self, name, value, first, second, combine):
        """``first(value)``, else ``combine(second(value))`` when the subclass lacks ``first``."""
        with self._name_scope(name, values=[value]):
            value = convert_to_tensor(value, name="value", preferred_dtype=self.dtype)
            try:
                return getattr(self, first)(value)
            except NotImplementedError as original:
                try:
                    return combine(getattr(self, second)(value))
                except NotImplementedError:
                    raise original from None

    def log_prob(self, value, name="log_prob"):
        return self._call(name, value, "_log_prob", "_prob", math_ops.log)

    def prob(self, value, name="prob"):
        return self._call(name, value, "_prob", "_log_prob", math_ops.exp)

    def log_cdf(self, value, name="log_cdf"):
        return self._call(name, value, "_log_cdf", "_cdf", math_ops.log)

    def cdf(self, value, name="cdf"):
        return self._call(name, value, "_cdf", "_log_cdf", math_ops.exp)

    def log_survival_function(self, value, name="log_survival_function"):
        return self._call(name, value, "_log_survival_function", "cdf", lambda c: math_ops.log1p(-c))

    def survival_function(self, value, name="survival_function"):
        return self._call(name, value, "_survival_function", "cdf", lambda c: 1.0 - c)

    def quantile(self, value, name="quantile"):
        with self._name_scope(name, values=[value]):
            return self._quantile(convert_to_tensor(value, name="value", preferred_dtype=self.dtype))

    def _log_prob(self, value):
        raise _not_implemented("log_prob", self)

    def _prob(self, value):
        raise _not_implemented("prob", self)

    def _log_cdf(self, value):
        raise _not_implemented("log_cdf", self)

    def _cdf(self, value):
        raise _not_implemented("cdf", self)

    def _log_survival_function(self, value):
        raise _not_implemented("log_survival_function", self)

    def _survival_function(self, value):
        raise _not_implemented("survival_function", self)

    def _quantile(self, value):
        raise _not_implemented("quantile", self)

    # -- moments and friends --------------------------------------------------------------------
    def _moment(self, name, method):
        with self._name_scope(name):
            return getattr(self, method)()

    def entropy(self, name="entropy"):
        return self._moment(name, "_entropy")

    def mean(self, name="mean"):
        return self._moment(name, "_mean")

    def mode(self, name="mode"):
        return self._moment(name, "_mode")

    def covariance(self, name="covariance"):
        return self._moment(name, "_covariance")

    def variance(self, name="variance"):
        with self._name_scope(name):
            try:
                return self._variance()
            except NotImplementedError as original:
                try:
                    return math_ops.square(self._stddev())
                except NotImplementedError:
                    raise original from None

    def stddev(self, name="stddev"):
        with self._name_scope(name):
            try:
                return self._stddev()
            except NotImplementedError as original:
                try:
                    return math_ops.sqrt(self._variance())
                except NotImplementedError:
                    raise original from None

    def _entropy(self):
        raise _not_implemented("entropy", self)

    def _mean(self):
        raise _not_implemented("mean", self)

    def _mode(self):
        raise _not_implemented("mode", self)

    def _covariance(self):
        raise _not_implemented("covariance", self)

    def _variance(self):
        raise _not_implemented("variance", self)

    def _stddev(self):
        raise _not_implemented("stddev", self)

    def cross_entropy(self, other, name="cross_entropy"):
        with self._name_scope(name):
            return kullback_leibler.cross_entropy(self, other, allow_nan_stats=self.allow_nan_stats)

    def kl_divergence(self, other, name="kl_divergence"):
        with self._name_scope(name):
            return kullback_leibler.kl_divergence(self, other, allow_nan_stats=self.allow_nan_stats)

    def __str__(self):
        batch = f", batch_shape={self.batch_shape}" if self.batch_shape.ndims is not None else ""
        event = f", event_shape={self.event_shape}" if self.event_shape.ndims is not None else ""
        return f'tfp.distributions.{type(self).__name__}("{self.name}"{batch}{event}, dtype={self.dtype.name})'

    def __repr__(self):
        return (f"<tfp.distributions.{type(self).__name__} '{self.name}' batch_shape={self.batch_shape} "
                f"event_shape={self.event_shape} dtype={self.dtype.name}>")


class ScalarEvent:
    """Mixin of the distributions whose events are scalars (event shape ``[]``)."""

    def _event_shape_tensor(self):
        return constant([], dtype=dtypes.int32)

    def _event_shape(self):
        return TensorShape([])


class LocScale:
    """Mixin of the scalar distributions parameterized by ``loc`` and ``scale`` (``Normal``,
    ``Laplace``), which broadcast to their batch shape."""

    @staticmethod
    def _param_shapes(sample_shape):
        return dict(zip(("loc", "scale"), [convert_to_tensor(sample_shape, dtype=dtypes.int32)] * 2))

    @property
    def loc(self):
        return self._loc

    @property
    def scale(self):
        return self._scale

    def _batch_shape_tensor(self):
        return self._batch_shape_tensor_of(self.loc, self.scale)

    def _batch_shape(self):
        return self._batch_shape_of(self.loc, self.scale)


class LogitsAndProbs:
    """Mixin of the distributions parameterized by ``logits`` or ``probs``."""

    @property
    def logits(self):
        return self._logits

    @property
    def probs(self):
        return self._probs

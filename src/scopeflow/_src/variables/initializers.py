"""TF1's initializer classes (``tf.zeros_initializer``, ``tf.glorot_uniform_initializer``, ...).

Each builds the ops TensorFlow builds, so internal names match (a ``get_variable("w", [2,
3])`` with the default initializer has ``w/Initializer/random_uniform/min`` and friends).
"""

from __future__ import annotations

import math

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.random import random_ops


def _float_dtype(dtype):
    dtype = dtypes.as_dtype(dtype)
    if not dtype.is_floating:
        raise ValueError(f"Argument `dtype` is expected to be floating point. Received: {dtype}.")
    return dtype


class Initializer:
    """Base class: ``init(shape, dtype=None, partition_info=None)`` returns a tensor."""

    def __call__(self, shape, dtype=None, partition_info=None):
        raise TypeError(f"{type(self).__name__} must define __call__")

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config.pop("dtype", None)
        return cls(**config)


class Zeros(Initializer):
    """``tf.zeros_initializer``: a tensor of zeros, built as ``tf.zeros`` builds it."""

    def __init__(self, dtype=dtypes.float32):
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        return array_ops.zeros(shape, self.dtype if dtype is None else dtype)

    def get_config(self):
        return {"dtype": self.dtype.name}


class Ones(Initializer):
    """``tf.ones_initializer``: a tensor of ones, built as ``tf.ones`` builds it."""

    def __init__(self, dtype=dtypes.float32):
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        return array_ops.ones(shape, self.dtype if dtype is None else dtype)

    def get_config(self):
        return {"dtype": self.dtype.name}


class Constant(Initializer):
    """``tf.constant_initializer``: a ``Const`` holding ``value``, broadcast or reshaped to the shape
    as ``tf.constant`` does (an error for a shape mismatch when ``verify_shape``)."""

    def __init__(self, value=0, dtype=dtypes.float32, verify_shape=False):
        if not (isinstance(value, (int, float, complex, str, bytes, list, tuple)) or hasattr(value, "dtype")):
            raise TypeError(f"Invalid type for initial value={value} of type: {type(value).__name__}. Expected "
                            f"Python scalar, list or tuple of values, or numpy.ndarray.")
        self.value = value
        self.dtype = dtypes.as_dtype(dtype)
        self._verify_shape = verify_shape

    def __call__(self, shape, dtype=None, partition_info=None, verify_shape=None):
        dtype = self.dtype if dtype is None else dtype
        verify = self._verify_shape if verify_shape is None else verify_shape
        return constant(self.value, dtype=dtype, shape=shape, verify_shape=verify)

    def get_config(self):
        return {"value": self.value, "dtype": self.dtype.name}


class RandomUniform(Initializer):
    """``tf.random_uniform_initializer``: values uniform in ``[minval, maxval)`` (``RandomUniform`` ops)."""

    def __init__(self, minval=0.0, maxval=None, seed=None, dtype=dtypes.float32):
        self.minval, self.maxval, self.seed = minval, maxval, seed
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        return random_ops.random_uniform(shape, self.minval, self.maxval, self.dtype if dtype is None else dtype,
                                         seed=self.seed)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed, "dtype": self.dtype.name}


class RandomNormal(Initializer):
    """``tf.random_normal_initializer``: normal values of ``mean`` and ``stddev`` (``RandomStandardNormal`` ops)."""

    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=dtypes.float32):
        self.mean, self.stddev, self.seed = mean, stddev, seed
        self.dtype = _float_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        return random_ops.random_normal(shape, self.mean, self.stddev, self.dtype if dtype is None else dtype,
                                        seed=self.seed)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed, "dtype": self.dtype.name}


class TruncatedNormal(RandomNormal):
    """``tf.truncated_normal_initializer``: normal values redrawn beyond two standard deviations."""

    def __call__(self, shape, dtype=None, partition_info=None):
        return random_ops.truncated_normal(shape, self.mean, self.stddev, self.dtype if dtype is None else dtype,
                                           seed=self.seed)


def _compute_fans(shape):
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return int(shape[0]), int(shape[0])
    if len(shape) == 2:
        return int(shape[0]), int(shape[1])
    receptive = 1
    for dim in shape[:-2]:
        receptive *= dim
    return int(shape[-2] * receptive), int(shape[-1] * receptive)


class VarianceScaling(Initializer):
    """``tf.variance_scaling_initializer``: values of variance ``scale / n``, where ``n`` is the fan-in,
    the fan-out or their mean (``mode``), from a (truncated) normal or a uniform ``distribution``."""

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None, dtype=dtypes.float32):
        if scale <= 0.0:
            raise ValueError(f"Argument `scale` must be a positive float. Received: {scale}")
        if mode not in {"fan_in", "fan_out", "fan_avg"}:
            raise ValueError(f"Argument `mode` should be one of ('fan_in', 'fan_out', 'fan_avg'). Received: {mode}")
        distribution = distribution.lower()
        if distribution not in {"normal", "uniform", "truncated_normal", "untruncated_normal"}:
            raise ValueError("Argument `distribution` should be one of ('normal', uniform', 'truncated_normal', "
                             f"'untruncated_normal'). Received: {distribution}")
        self.scale, self.mode, self.distribution, self.seed = scale, mode, distribution, seed
        self.dtype = _float_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = self.dtype if dtype is None else dtype
        # a shard of a partitioned variable scales by the whole variable's fans, as in TF
        fan_in, fan_out = _compute_fans(shape if partition_info is None else partition_info.full_shape)
        scale = self.scale / max(1.0, {"fan_in": fan_in, "fan_out": fan_out,
                                       "fan_avg": (fan_in + fan_out) / 2.0}[self.mode])
        if self.distribution in ("normal", "truncated_normal"):
            stddev = math.sqrt(scale) / 0.87962566103423978  # std of a unit normal truncated at 2
            return random_ops.truncated_normal(shape, 0.0, stddev, dtype, seed=self.seed)
        if self.distribution == "untruncated_normal":
            return random_ops.random_normal(shape, 0.0, math.sqrt(scale), dtype, seed=self.seed)
        limit = math.sqrt(3.0 * scale)
        return random_ops.random_uniform(shape, -limit, limit, dtype, seed=self.seed)

    def get_config(self):
        return {"scale": self.scale, "mode": self.mode, "distribution": self.distribution, "seed": self.seed,
                "dtype": self.dtype.name}


class GlorotUniform(VarianceScaling):
    """``tf.glorot_uniform_initializer`` (Xavier): uniform with variance ``2 / (fan_in + fan_out)``;
    what ``get_variable`` uses by default."""

    def __init__(self, seed=None, dtype=dtypes.float32):
        super().__init__(1.0, "fan_avg", "uniform", seed, dtype)

    def get_config(self):
        return {"seed": self.seed, "dtype": self.dtype.name}


class GlorotNormal(VarianceScaling):
    """``tf.glorot_normal_initializer``: truncated normal with variance ``2 / (fan_in + fan_out)``."""

    def __init__(self, seed=None, dtype=dtypes.float32):
        super().__init__(1.0, "fan_avg", "truncated_normal", seed, dtype)

    def get_config(self):
        return {"seed": self.seed, "dtype": self.dtype.name}


def lecun_normal(seed=None):
    """``tf.initializers.lecun_normal``: truncated normal of variance ``1 / fan_in``
    (``VarianceScaling(1.0, "fan_in", "truncated_normal")``)."""
    return VarianceScaling(1.0, "fan_in", "truncated_normal", seed)


def lecun_uniform(seed=None):
    """``tf.initializers.lecun_uniform``: uniform in ``[-sqrt(3 / fan_in), sqrt(3 / fan_in)]``."""
    return VarianceScaling(1.0, "fan_in", "uniform", seed)


def he_normal(seed=None):
    """``tf.initializers.he_normal``: truncated normal of variance ``2 / fan_in``.

    >>> he_normal(seed=1).get_config()["scale"]
    2.0
    """
    return VarianceScaling(2.0, "fan_in", "truncated_normal", seed)


def he_uniform(seed=None):
    """``tf.initializers.he_uniform``: uniform in ``[-sqrt(6 / fan_in), sqrt(6 / fan_in)]``."""
    return VarianceScaling(2.0, "fan_in", "uniform", seed)


class UniformUnitScaling(Initializer):
    """``tf.uniform_unit_scaling_initializer`` (deprecated in TF for ``variance_scaling``): uniform in
    ``[-m, m]`` with ``m = factor * sqrt(3 / n)``, ``n`` the product of every dimension but the last
    (of the whole variable for a partitioned one), at least 1."""

    def __init__(self, factor=1.0, seed=None, dtype=dtypes.float32):
        self.factor, self.seed = factor, seed
        self.dtype = _float_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = self.dtype if dtype is None else dtype
        input_size = 1.0
        for dim in (shape if partition_info is None else partition_info.full_shape)[:-1]:
            input_size *= float(dim)
        max_val = math.sqrt(3 / max(input_size, 1.0)) * self.factor
        return random_ops.random_uniform(shape, -max_val, max_val, dtype, seed=self.seed)

    def get_config(self):
        return {"factor": self.factor, "seed": self.seed, "dtype": self.dtype.name}


def _check_2d(shape):
    if len(shape) < 2:
        raise ValueError(f"The tensor to initialize, specified by argument `shape` must be at least "
                         f"two-dimensional. Received shape={list(shape)}")


class Orthogonal(Initializer):
    """``tf.orthogonal_initializer``: a (semi-)orthogonal matrix from the ``Qr`` of a normal one,
    times ``gain``, reshaped to the shape (at least 2-D)."""

    def __init__(self, gain=1.0, seed=None, dtype=dtypes.float32):
        self.gain, self.seed = gain, seed
        self.dtype = _float_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        dtype = self.dtype if dtype is None else dtype
        _check_2d(shape)
        rows = 1
        for dim in shape[:-1]:
            rows *= dim
        cols = shape[-1]
        flat = (cols, rows) if rows < cols else (rows, cols)
        a = random_ops.random_normal(flat, dtype=dtype, seed=self.seed)
        q, r = math_ops.qr(a, full_matrices=False)
        q *= math_ops.sign(math_ops.diag_part(r))
        if rows < cols:
            q = array_ops.matrix_transpose(q)
        return self.gain * array_ops.reshape(q, shape)

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed, "dtype": self.dtype.name}


class Identity(Initializer):
    """``tf.initializers.identity``: ``gain`` times the identity matrix (2-D shapes only)."""

    def __init__(self, gain=1.0, dtype=dtypes.float32):
        self.gain = gain
        self.dtype = _float_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        if len(shape) != 2:
            _check_2d(shape)
            raise ValueError(f"The tensor to initialize, specified by argument `shape` must be at least "
                             f"two-dimensional. Received shape={list(shape)}")
        dtype = self.dtype if dtype is None else dtype
        return self.gain * math_ops.eye(*list(shape), dtype=dtype)

    def get_config(self):
        return {"gain": self.gain, "dtype": self.dtype.name}


zeros_initializer = Zeros
ones_initializer = Ones
constant_initializer = Constant
random_uniform_initializer = RandomUniform
random_normal_initializer = RandomNormal
truncated_normal_initializer = TruncatedNormal
variance_scaling_initializer = VarianceScaling
glorot_uniform_initializer = GlorotUniform
glorot_normal_initializer = GlorotNormal
uniform_unit_scaling_initializer = UniformUnitScaling
orthogonal_initializer = Orthogonal
identity_initializer = Identity

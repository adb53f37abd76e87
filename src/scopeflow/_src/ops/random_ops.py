"""Random ops seeded by the graph seed and the op seed.

Values repeat run to run for the same seeds (each session starts every random op's stream
afresh, as TensorFlow does), but they are drawn from NumPy's PCG64, not TensorFlow's Philox
stream, so they differ from TensorFlow's numbers.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.ops_scope import get_seed, name_scope
from scopeflow._src.framework.registry import FLOAT, OpDef, create
from scopeflow._src.ops import math_ops, shape_fns


def _rng(op, state):
    seed, seed2 = op._attrs["seed"], op._attrs["seed2"]
    if seed == 0 and seed2 == 0:
        return np.random.default_rng()
    return np.random.default_rng([seed, seed2])


def _sampler(draw):
    def factory(op, state):
        rng = _rng(op, state)
        np_type = op._outputs[0].dtype.as_numpy_dtype
        return lambda shape: draw(rng, tuple(int(d) for d in shape)).astype(np_type, copy=False)
    return factory


def _truncated(rng, shape):
    out = rng.standard_normal(shape)
    bad = np.abs(out) > 2.0
    while bad.any():
        out[bad] = rng.standard_normal(int(bad.sum()))
        bad = np.abs(out) > 2.0
    return out


for _type, _draw in (("RandomUniform", lambda rng, s: rng.random(s)),
                     ("RandomStandardNormal", lambda rng, s: rng.standard_normal(s)),
                     ("TruncatedNormal", _truncated)):
    registry.register(OpDef(_type, inputs=["shape: T"], outputs=["output: dtype"], attrs={"dtype": FLOAT},
                            shape=shape_fns.from_shape_input(0), factory=_sampler(_draw), stateful=True))


def _uniform_int_factory(op, state):
    rng = _rng(op, state)
    np_type = op._outputs[0].dtype.as_numpy_dtype
    return lambda shape, lo, hi: rng.integers(lo, hi, size=tuple(int(d) for d in shape)).astype(np_type)


registry.register(OpDef("RandomUniformInt", inputs=["shape: T", "minval: Tout", "maxval: Tout"],
                        outputs=["output: Tout"], shape=shape_fns.from_shape_input(0),
                        factory=_uniform_int_factory, stateful=True))


def _shape_tensor(shape):
    from scopeflow._src.framework.operation import Tensor
    if isinstance(shape, Tensor):
        return shape
    if hasattr(shape, "as_list"):
        shape = shape.as_list()
    return convert_to_tensor(shape, dtype=dtypes.int32 if not _big(shape) else dtypes.int64, name="shape")


def _big(shape):
    try:
        return any(int(d) >= 2**31 for d in shape)
    except TypeError:
        return False


def _seed_attrs(seed):
    seed1, seed2 = get_seed(seed)
    return {"seed": seed1 or 0, "seed2": seed2 or 0}


def _random(op_type, shape, dtype, seed, scope):
    shape = _shape_tensor(shape)
    attrs = dict(_seed_attrs(seed), dtype=dtypes.as_dtype(dtype), T=shape.dtype.base_dtype)
    return create(op_type, [shape], attrs, name=scope)._outputs[0]


def random_uniform(shape, minval=0, maxval=None, dtype=dtypes.float32, seed=None, name=None):
    """Uniform values in ``[minval, maxval)`` (``maxval`` defaults to 1 for floats)."""
    dtype = dtypes.as_dtype(dtype)
    if dtype not in FLOAT and dtype not in (dtypes.int32, dtypes.int64):
        raise ValueError(f"Invalid dtype {dtype!r}")
    if maxval is None:
        if dtype.is_integer:
            raise ValueError(f"Must specify maxval for integer dtype {dtype!r}")
        maxval = 1
    with name_scope(name, "random_uniform", [shape, minval, maxval]) as scope:
        shape_t = _shape_tensor(shape)
        trivial = (_is_int(minval) and minval == 0 and _is_int(maxval) and maxval == 1
                   and not dtype.is_integer)
        if trivial:
            attrs = dict(_seed_attrs(seed), dtype=dtype, T=shape_t.dtype.base_dtype)
            return create("RandomUniform", [shape_t], attrs)._outputs[0]
        minval = convert_to_tensor(minval, dtype=dtype, name="min")
        maxval = convert_to_tensor(maxval, dtype=dtype, name="max")
        if dtype.is_integer:
            attrs = dict(_seed_attrs(seed), Tout=dtype, T=shape_t.dtype.base_dtype)
            return create("RandomUniformInt", [shape_t, minval, maxval], attrs, name=scope)._outputs[0]
        attrs = dict(_seed_attrs(seed), dtype=dtype, T=shape_t.dtype.base_dtype)
        rnd = create("RandomUniform", [shape_t], attrs)._outputs[0]
        return math_ops.add(rnd * (maxval - minval), minval, name=scope)


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """Normal values: ``RandomStandardNormal * stddev + mean``."""
    with name_scope(name, "random_normal", [shape, mean, stddev]) as scope:
        shape_t = _shape_tensor(shape)
        mean_t = convert_to_tensor(mean, dtype=dtype, name="mean")
        stddev_t = convert_to_tensor(stddev, dtype=dtype, name="stddev")
        attrs = dict(_seed_attrs(seed), dtype=dtypes.as_dtype(dtype), T=shape_t.dtype.base_dtype)
        rnd = create("RandomStandardNormal", [shape_t], attrs)._outputs[0]
        mul = rnd * stddev_t
        return math_ops.add(mul, mean_t, name=scope)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """Normal values redrawn beyond two standard deviations."""
    with name_scope(name, "truncated_normal", [shape, mean, stddev]) as scope:
        shape_t = _shape_tensor(shape)
        mean_t = convert_to_tensor(mean, dtype=dtype, name="mean")
        stddev_t = convert_to_tensor(stddev, dtype=dtype, name="stddev")
        attrs = dict(_seed_attrs(seed), dtype=dtypes.as_dtype(dtype), T=shape_t.dtype.base_dtype)
        rnd = create("TruncatedNormal", [shape_t], attrs)._outputs[0]
        mul = rnd * stddev_t
        return math_ops.add(mul, mean_t, name=scope)

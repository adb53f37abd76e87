"""Random ops seeded by the graph seed and the op seed, with TensorFlow's wrappers.

Seeding follows TensorFlow: with a graph seed (``tf.set_random_seed``) or an op seed, an
op's values repeat from session to session; each session starts every random op's stream
afresh and continues it from run to run (whatever else is fetched); with neither seed the
values differ every time (``StatelessMultinomial`` is a function of its seed input). Values
are drawn from NumPy's PCG64, not TensorFlow's Philox stream, so they differ from TensorFlow's
numbers (shapes, dtypes and distributions match).
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import get_seed, name_scope
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.framework.tensor_util import constant_value
from scopeflow._src.ops import math_ops
from scopeflow._src.ops.common import attr_defaults, dtype_lists, shape_fns
from scopeflow._src.ops.common.lowering import static

_INT = dtype_lists.types("int32,int64")


def stream(op, state):
    """The session's generator for random op ``op``, created on first use.

    Keyed by op name in the session's run state, so every plan of one session draws from the
    same stream and a new session starts it again.
    """
    seed, seed2 = op._attrs.get("seed", 0), op._attrs.get("seed2", 0)
    if state is None:
        return _new_rng(seed, seed2)
    streams = getattr(state, "random_streams", None)
    if streams is None:
        streams = state.random_streams = {}
    rng = streams.get(op._name)
    if rng is None:
        rng = streams[op._name] = _new_rng(seed, seed2)
    return rng


def _new_rng(seed, seed2):
    if seed == 0 and seed2 == 0:
        return np.random.default_rng()
    return np.random.default_rng([seed, seed2])


def _sampler(draw):
    def factory(op, state):
        rng = stream(op, state)
        np_type = op._outputs[0].dtype.as_numpy_dtype
        return lambda shape: np.asarray(draw(rng, shape_fns.output_dims(op, shape, np_type)), dtype=np_type)
    return factory


def _truncated(rng, shape):
    out = rng.standard_normal(shape)
    bad = np.abs(out) > 2.0
    while bad.any():
        out[bad] = rng.standard_normal(int(bad.sum()))
        bad = np.abs(out) > 2.0
    return out


def _shape_from_input(inputs, attrs):
    t = inputs[0]
    if t.op.type == "Shape":  # TF's shape inference reads a Shape op's input as a partial shape
        return t.op.inputs[0].shape
    return shape_fns.shape_from_tensor(t)


def _lowered_sampler(draw):
    """The lowering of a sampler: ``draw(random, key, shape, dtype)`` with JAX's ``random``
    module and the op's key for this step (``jx.key()``: from its seeds, as ``stream``)."""
    def lower(op, jx):
        np_type = op._outputs[0].dtype.as_numpy_dtype
        return lambda shape: draw(jx.random, jx.key(), shape_fns.output_dims(op, static(shape, "shape"), np_type),
                                  np_type)
    return lower


for _type, _draw, _lower in (
        ("RandomUniform", lambda rng, s: rng.random(s), lambda random, key, s, t: random.uniform(key, s, t)),
        ("RandomStandardNormal", lambda rng, s: rng.standard_normal(s),
         lambda random, key, s, t: random.normal(key, s, t)),
        ("TruncatedNormal", _truncated, lambda random, key, s, t: random.truncated_normal(key, -2.0, 2.0, s, t))):
    registry.register(OpDef(_type, inputs=["shape: T"], outputs=["output: dtype"],
                            attrs={"dtype": dtype_lists.types("float16,bfloat16,float32,float64"), "T": _INT},
                            shape=_shape_from_input, factory=_sampler(_draw), stateful=True,
                            defaults=attr_defaults.SEEDS, lower=_lowered_sampler(_lower)))


def _uniform_int_factory(op, state):
    rng = stream(op, state)
    np_type = op._outputs[0].dtype.as_numpy_dtype

    def kernel(shape, lo, hi):
        if not lo < hi:
            raise errors.InvalidArgumentError(None, op, f"Need minval < maxval: {lo} >= {hi}")
        return rng.integers(lo, hi, size=shape_fns.output_dims(op, shape, np_type)).astype(np_type)
    return kernel


def _lower_uniform_int(op, jx):
    np_type = op._outputs[0].dtype.as_numpy_dtype

    def uniform_int(shape, lo, hi):
        lo, hi = static(lo, "minval"), static(hi, "maxval")
        if not lo < hi:
            raise errors.InvalidArgumentError(None, op, f"Need minval < maxval: {lo} >= {hi}")
        dims = shape_fns.output_dims(op, static(shape, "shape"), np_type)
        return jx.random.randint(jx.key(), dims, lo, hi, np_type)
    return uniform_int


registry.register(OpDef("RandomUniformInt", inputs=["shape: T", "minval: Tout", "maxval: Tout"],
                        outputs=["output: Tout"], attrs={"Tout": _INT, "T": _INT}, shape=_shape_from_input,
                        factory=_uniform_int_factory, stateful=True, defaults=attr_defaults.SEEDS,
                        lower=_lower_uniform_int))


def _shuffle_factory(op, state):
    rng = stream(op, state)
    return lambda value: rng.permutation(value) if np.ndim(value) else np.array(value)


registry.register(OpDef("RandomShuffle", inputs=["value: T"], outputs=["output: T"], shape=shape_fns.unchanged,
                        factory=_shuffle_factory, stateful=True, defaults=attr_defaults.SEEDS,
                        lower=lambda op, jx: lambda value: jx.random.permutation(jx.key(), value) if value.ndim
                        else value))


def _multinomial_shape(inputs, attrs):
    logits = inputs[0].shape
    if logits.ndims is not None and logits.ndims != 2:
        raise ShapeError(f"Shape must be rank 2 but is rank {logits.ndims}")
    if inputs[1].shape.ndims not in (None, 0):
        raise ShapeError(f"Shape must be rank 0 but is rank {inputs[1].shape.ndims}")
    n = constant_value(inputs[1])
    batch = logits.as_list()[0] if logits.ndims is not None else None
    return TensorShape([batch, None if n is None else int(n)])


def _multinomial_factory(op, state):
    rng = stream(op, state)
    np_type = op._attrs["output_dtype"].as_numpy_dtype

    def kernel(logits, num_samples):
        n, (rows, classes) = int(num_samples), logits.shape
        shifted = logits.astype(np.float64) - np.max(logits, axis=1, keepdims=True)
        cdf = np.cumsum(np.exp(shifted), axis=1)
        offsets = np.arange(rows, dtype=np.float64)[:, None]
        # One search over all rows: row r's normalised CDF is shifted into [r, r + 1].
        flat = (cdf / cdf[:, -1:] + offsets).reshape(-1)
        u = (rng.random((rows, n)) + offsets).reshape(-1)
        idx = np.searchsorted(flat, u, side="right").reshape(rows, n) - (offsets.astype(np.int64) * classes)
        return np.clip(idx, 0, classes - 1).astype(np_type)
    return kernel


def _lower_multinomial(op, jx):
    def multinomial(logits, num_samples):
        n = int(static(num_samples, "num_samples"))
        draws = jx.random.categorical(jx.key(), logits.astype(jx.jnp.float64), axis=1, shape=(n, logits.shape[0]))
        return draws.T
    return multinomial


registry.register(OpDef("Multinomial", inputs=["logits: T", "num_samples: int32"], outputs=["output: output_dtype"],
                        attrs={"T": dtype_lists.REAL, "output_dtype": _INT}, shape=_multinomial_shape,
                        factory=_multinomial_factory, stateful=True,
                        defaults={**attr_defaults.SEEDS, "output_dtype": dtypes.int64}, lower=_lower_multinomial))


def _stateless_uniforms(seed, rows, n):
    """The uniforms a ``StatelessMultinomial``'s draws use: ``n`` per row of logits, row after
    row, from PCG64 keyed by the seed (not TF's Philox: the same seed gives the same draws here)."""
    seed = np.asarray(seed).reshape(-1)
    if seed.shape != (2,):
        raise errors.InvalidArgumentError(None, None, f"seed must have shape [2], not {list(np.shape(seed))}")
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([int(v) & (2**64 - 1) for v in seed])))
    return np.stack([rng.random(n) for _ in range(rows)]) if rows else np.zeros((0, n))


def _class_cdf(xp, logits):
    """Each row's cumulative class probabilities, normalised as ``Generator.choice`` normalises
    them (``xp``: NumPy or ``jax.numpy``): a draw is the first class whose value exceeds its uniform."""
    logits = logits.astype(np.float64)
    weights = xp.exp(logits - xp.max(logits, axis=1, keepdims=True))
    cdf = xp.cumsum(weights / xp.sum(weights, axis=1, keepdims=True), axis=1)
    return cdf / cdf[:, -1:]


def _stateless_multinomial_factory(op, state):
    out = np.dtype(op._attrs.get("output_dtype", dtypes.int64).as_numpy_dtype)

    def kernel(logits, num_samples, seed):
        u = _stateless_uniforms(seed, len(logits), int(num_samples))
        with np.errstate(all="ignore"):
            cdf = _class_cdf(np, logits)
        return np.array([np.searchsorted(c, x, side="right") for c, x in zip(cdf, u)], out).reshape(u.shape)
    return kernel


def _lower_stateless_multinomial(op, jx):
    """The kernel's draws: their uniforms made when compiling from the seed (which must be
    known then), the search over the traced logits' probabilities compiled."""
    jnp, out = jx.jnp, np.dtype(op._attrs.get("output_dtype", dtypes.int64).as_numpy_dtype)
    search = jx.jax.vmap(lambda cdf, u: jnp.searchsorted(cdf, u, side="right"))

    def multinomial(logits, num_samples, seed):
        u = _stateless_uniforms(static(seed, "seed"), np.shape(logits)[0], int(static(num_samples, "num_samples")))
        return search(_class_cdf(jnp, logits), u).astype(out) if u.size else np.zeros(u.shape, out)
    return multinomial


registry.register(OpDef("StatelessMultinomial", inputs=["logits: T", "num_samples: int32", "seed: Tseed"],
                        outputs=["output: output_dtype"], attrs={"T": dtype_lists.REAL, "Tseed": _INT,
                                                                 "output_dtype": _INT},
                        shape=_multinomial_shape, factory=_stateless_multinomial_factory,
                        defaults={"Tseed": dtypes.int64, "output_dtype": dtypes.int64},
                        lower=_lower_stateless_multinomial))


# -- wrappers -------------------------------------------------------------------------------------------
def _shape_tensor(shape):
    if isinstance(shape, Tensor):
        return shape
    if hasattr(shape, "as_list"):
        shape = shape.as_list()
    return convert_to_tensor(shape, dtype=dtypes.int64 if _big(shape) else dtypes.int32, name="shape")


def _big(shape):
    try:
        return any(int(d) >= 2**31 for d in shape)
    except TypeError:
        return False


def _seed_attrs(seed):
    seed1, seed2 = get_seed(seed)
    return {"seed": seed1 or 0, "seed2": seed2 or 0}


def _is_int(v, value):
    return isinstance(v, int) and not isinstance(v, bool) and v == value


_UNIFORM_TYPES = (dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64)


def random_uniform(shape, minval=0, maxval=None, dtype=dtypes.float32, seed=None, name=None):
    """Uniform values in ``[minval, maxval)`` (``maxval`` defaults to 1 for floats).

    >>> import scopeflow as tf
    >>> tf.random_uniform([2, 3], seed=1).name
    'random_uniform/RandomUniform:0'
    """
    dtype = dtypes.as_dtype(dtype)
    if dtype not in _UNIFORM_TYPES:
        raise ValueError(f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are "
                         f"({', '.join(repr(d) for d in _UNIFORM_TYPES)}).")
    if maxval is None:
        if dtype.is_integer:
            raise ValueError(f"Must specify maxval for integer dtype {dtype!r}")
        maxval = 1
    with name_scope(name, "random_uniform", [shape, minval, maxval]) as scope:
        shape_t = _shape_tensor(shape)
        min_is_zero, max_is_one = _is_int(minval, 0), _is_int(maxval, 1)
        if not min_is_zero or not max_is_one or dtype.is_integer:
            minval = convert_to_tensor(minval, dtype=dtype, name="min")
            maxval = convert_to_tensor(maxval, dtype=dtype, name="max")
        seeds = _seed_attrs(seed)
        if dtype.is_integer:
            attrs = dict(seeds, Tout=dtype, T=shape_t.dtype.base_dtype)
            return create("RandomUniformInt", [shape_t, minval, maxval], attrs, name=scope)._outputs[0]
        rnd = create("RandomUniform", [shape_t], dict(seeds, dtype=dtype, T=shape_t.dtype.base_dtype))._outputs[0]
        if min_is_zero:
            return rnd if max_is_one else math_ops.multiply(rnd, maxval, name="Mul")
        return math_ops.add(rnd * (maxval - minval), minval, name=scope)


def _normal(op_type, default_name, shape, mean, stddev, dtype, seed, name):
    with name_scope(name, default_name, [shape, mean, stddev]) as scope:
        shape_t = _shape_tensor(shape)
        mean_t = convert_to_tensor(mean, dtype=dtype, name="mean")
        stddev_t = convert_to_tensor(stddev, dtype=dtype, name="stddev")
        attrs = dict(_seed_attrs(seed), dtype=dtypes.as_dtype(dtype), T=shape_t.dtype.base_dtype)
        rnd = create(op_type, [shape_t], attrs)._outputs[0]
        return math_ops.add(rnd * stddev_t, mean_t, name=scope)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """Normal values: ``RandomStandardNormal * stddev + mean`` (named ``random_normal``)."""
    return _normal("RandomStandardNormal", "random_normal", shape, mean, stddev, dtype, seed, name)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    """Normal values redrawn beyond two standard deviations (named ``truncated_normal``)."""
    return _normal("TruncatedNormal", "truncated_normal", shape, mean, stddev, dtype, seed, name)


def random_shuffle(value, seed=None, name=None):
    """``value`` with its first dimension randomly permuted (a ``RandomShuffle`` op)."""
    attrs = _seed_attrs(seed)
    return create("RandomShuffle", [value], attrs, name=name)._outputs[0]


def _categorical(logits, num_samples, dtype, seed):
    logits = convert_to_tensor(logits, name="logits")
    dtype = dtypes.as_dtype(dtype) if dtype else dtypes.int64
    if dtype not in _INT:
        raise ValueError(f"Argument `dtype` got invalid value {dtype}. Accepted dtypes are (tf.int32, tf.int64).")
    attrs = dict(_seed_attrs(seed), output_dtype=dtype)
    return create("Multinomial", [logits, num_samples], attrs)._outputs[0]


def multinomial(logits, num_samples, seed=None, name=None, output_dtype=None):
    """``num_samples`` class indices per row of ``logits`` (``multinomial/Multinomial``)."""
    with name_scope(name, "multinomial", [logits]):
        return _categorical(logits, num_samples, output_dtype, seed)


def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    """``tf.random.categorical``: ``multinomial`` under the ``categorical`` scope."""
    with name_scope(name, "categorical", [logits]):
        return _categorical(logits, num_samples, dtype, seed)


"""The candidate samplers (``tf.nn.*_candidate_sampler``, ``tf.random.*``) and
``tf.nn.compute_accidental_hits``.

Each sampler op draws ``num_sampled`` classes in ``[0, range_max)`` and gives the expected
count of each sampled class and of each true class, with TensorFlow's formulas in float32:
``p * num_sampled`` when every try was kept (always without ``unique``), else
``-expm1(num_tries * log1p(-p))``, where ``num_tries`` counts the draws it took to find
``num_sampled`` distinct classes. The probabilities ``p`` are TensorFlow's: ``1 / range``
(uniform), ``log((c + 2) / (c + 1)) / log(range + 1)`` (log-uniform), ``weight / total``
(learned unigram: every class starts at weight 1 and each run adds 1 per true class, after
sampling; fixed unigram: the given counts raised to ``distortion``), with the C library's float
functions as TensorFlow's kernels (``c_math.py``). The draws come from NumPy's
generator seeded as the random ops are, so the sampled classes differ from TensorFlow's.
"""

from __future__ import annotations

import collections

import numpy as np

from scopeflow._src.framework import errors, registry
from scopeflow._src.framework.default_graph import get_seed, name_scope
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common.lowering import StaticValueError
from scopeflow._src.ops.random.random_ops import stream
from scopeflow._src.ops.sampling import c_math

_SAMPLER_OUTPUTS = ("sampled_candidates: int64", "true_expected_count: float", "sampled_expected_count: float")
_SEEDS = {"seed": 0, "seed2": 0}


# -- shapes --------------------------------------------------------------------------------------------------
def _true_classes_dims(t):
    dims = t.shape.as_tuple()
    if dims is not None and len(dims) != 2:
        raise ShapeError(f"Shape must be rank 2 but is rank {len(dims)}")
    return dims


def _sampler_shape(inputs, attrs):
    dims = _true_classes_dims(inputs[0])
    batch = dims[0] if dims is not None else None
    sampled = TensorShape([attrs["num_sampled"]])
    return [sampled, TensorShape([batch, attrs["num_true"]]), sampled]


def _accidental_hits_shape(inputs, attrs):
    dims = _true_classes_dims(inputs[0])
    if dims is not None and dims[1] is not None and dims[1] != attrs["num_true"]:
        raise ShapeError(f"Dimension must be {attrs['num_true']} but is {dims[1]}")
    if inputs[1].shape.ndims is not None and inputs[1].shape.ndims != 1:
        raise ShapeError(f"Shape must be rank 1 but is rank {inputs[1].shape.ndims}")
    return [TensorShape([None])] * 3


# -- the sampling loop shared by the samplers -----------------------------------------------------------------
def _expected_count(p, num_sampled, num_tries, logs=None):
    """TensorFlow's ``ExpectedCountHelper`` on float32 probabilities ``p``: ``p * num_sampled``
    when no try was rejected, else ``-expm1f(num_tries * log1pf(-p))`` in float32 (``logs``:
    the ``log1pf(-p)`` when known)."""
    p = np.asarray(p, dtype=np.float32)
    if num_tries == num_sampled:
        return p * np.float32(num_sampled)
    if c_math.FUNCTIONS is None:
        return -np.expm1(np.float32(num_tries) * np.log1p(-p))
    if logs is None:
        logs = c_math.each(c_math.FUNCTIONS["log1pf"], -p)
    return -c_math.expm1f(np.float32(num_tries) * logs)


class _LogCache:
    """``log1pf(-p)`` of each class of a sampler whose probabilities never change, computed on a
    class's first appearance: a training loop meets the same classes run after run."""

    def __init__(self, probability, size):
        self.probability = probability
        self.values = np.full(size, np.nan, np.float32) if size <= 10**7 and c_math.FUNCTIONS else None

    def __call__(self, classes):
        if self.values is None:
            return None
        found = self.values[classes]
        missing = np.isnan(found)
        if missing.any():
            new = classes[missing]
            found[missing] = self.values[new] = c_math.each(c_math.FUNCTIONS["log1pf"], -self.probability(new))
        return found


def _draw_unique(draw, needed):
    """The first ``needed`` distinct values of the stream ``draw(n)`` extends, and how many
    draws that took (TF's rejection loop, done a chunk at a time)."""
    chunk = max(2 * needed, 16)
    values = draw(chunk)
    while True:
        order = np.argsort(values, kind="stable")
        ordered = values[order]
        first = np.sort(order[np.concatenate(([True], ordered[1:] != ordered[:-1]))])  # each value's first draw
        if first.size >= needed:
            kept = first[:needed]
            return values[kept], int(kept[-1]) + 1
        chunk *= 2
        values = np.concatenate([values, draw(chunk)])


def _check_true_classes(op, true_classes, num_true):
    if true_classes.ndim != 2:
        raise errors.InvalidArgumentError(None, op, "true_classes must be a matrix")
    if true_classes.shape[1] != num_true:
        raise errors.InvalidArgumentError(
            None, op, f"true_classes must have num_true columns, expected: {true_classes.shape[1]} was: {num_true}")


def _sampler_factory(make_sampler):
    """A kernel factory for a sampler op: ``make_sampler(op, state)`` gives ``(range, draw,
    probability, update)`` (``update(true_classes)`` after sampling, or ``None``)."""

    def factory(op, state):
        attrs = op._attrs
        num_true, num_sampled, unique = attrs["num_true"], attrs["num_sampled"], attrs["unique"]
        rng = stream(op, state)
        size, draw, probability, update = make_sampler(op, state, rng)
        logs = _LogCache(probability, size) if update is None else lambda classes: None

        def kernel(true_classes):
            true_classes = np.asarray(true_classes)
            _check_true_classes(op, true_classes, num_true)
            if unique and num_sampled > size:
                raise errors.InvalidArgumentError(None, op, "Sampler's range is too small.")
            outside = true_classes[(true_classes < 0) | (true_classes >= size)]
            if outside.size:
                raise errors.InvalidArgumentError(None, op, f"`true_candidate` out of range [0, {size}), received "
                                                            f"{int(outside[0])}")
            if unique:
                sampled, tries = _draw_unique(draw, num_sampled)
            else:
                sampled, tries = draw(num_sampled), num_sampled
            classes = np.concatenate([true_classes.reshape(-1), sampled])
            p = probability(classes)
            counts = _expected_count(p, num_sampled, tries, None if tries == num_sampled else logs(classes))
            true_count = counts[:true_classes.size].reshape(true_classes.shape)
            sampled_count = counts[true_classes.size:]
            if update is not None:
                update(true_classes)
            return sampled.astype(np.int64), true_count, sampled_count
        return kernel
    return factory


def _register_sampler(op_type, make_sampler, range_attr=True, extra_defaults=None, lower=None):
    registry.register(OpDef(op_type, inputs=["true_classes: int64"], outputs=list(_SAMPLER_OUTPUTS),
                            shape=_sampler_shape, factory=_sampler_factory(make_sampler), stateful=True,
                            defaults={**_SEEDS, **(extra_defaults or {})}, lower=lower))


def _lowered_sampler(draw, probability):
    """The JAX lowering of a sampler of fixed probabilities: ``draw(jx, key, size)`` one class,
    ``probability(jnp, classes, size)`` their float32 probabilities. With ``unique``, TF's
    rejection loop as a ``lax.while_loop`` (a draw per iteration, a mask of the classes seen).
    A true class out of range is TF's error where the classes are known when compiling (the
    host raises it), and is not checked where they are computed in the step."""
    def lower(op, jx):
        jnp, lax, random = jx.jnp, jx.lax, jx.random
        num_sampled, unique, size = op._attrs["num_sampled"], op._attrs["unique"], op._attrs["range_max"]
        if unique and num_sampled > size:
            raise StaticValueError("a sampler's range smaller than num_sampled")  # TF's error, from the host

        def draws(key):
            """The sampled classes, and how many draws that took."""
            if not unique:
                return jx.jax.vmap(lambda k: draw(jx, k, size))(random.split(key, num_sampled)), num_sampled

            def step(carry):
                key, seen, sampled, found, tries = carry
                key, sub = random.split(key)
                c = draw(jx, sub, size)
                new = ~seen[c]
                return key, seen.at[c].set(True), sampled.at[found].set(jnp.where(new, c, sampled[found])), \
                    found + new.astype(np.int32), tries + 1
            start = (key, jnp.zeros(size, bool), jnp.zeros(num_sampled, np.int64), np.int32(0), np.int32(0))
            _, _, sampled, _, tries = lax.while_loop(lambda carry: carry[3] < num_sampled, step, start)
            return sampled, tries

        def sampler(true_classes):
            if np.ndim(true_classes) != 2 or np.shape(true_classes)[1] != op._attrs["num_true"]:
                raise StaticValueError("true_classes of another shape than num_true says")  # TF's error, from the host
            if isinstance(true_classes, np.ndarray) and ((true_classes < 0) | (true_classes >= size)).any():
                raise StaticValueError("a known true class out of range")
            sampled, tries = draws(jx.key())
            p = probability(jnp, jnp.concatenate([jnp.reshape(true_classes, (-1,)), sampled]), size)
            counts = jnp.where(tries == num_sampled, p * np.float32(num_sampled),
                               -jnp.expm1(jnp.float32(tries) * jnp.log1p(-p)))
            n = int(np.size(true_classes))
            return sampled, jnp.reshape(counts[:n], np.shape(true_classes)), counts[n:]
        return sampler
    return lower


def _lowered_uniform_draw(jx, key, size):
    return jx.random.randint(key, (), 0, size, np.int64)


def _lowered_log_uniform_draw(jx, key, size):
    log_range = np.log1p(float(size))
    return (jx.jnp.exp(jx.random.uniform(key, (), np.float64) * log_range).astype(np.int64) - 1) % size


def _lowered_log_uniform_probability(jnp, classes, size):
    c = classes.astype(np.float64)
    return (jnp.log((c + 2.0) / (c + 1.0)) / np.log1p(float(size))).astype(np.float32)


# -- the samplers ---------------------------------------------------------------------------------------------
def _uniform(op, state, rng):
    size = op._attrs["range_max"]
    p = np.float32(1.0) / np.float32(size)
    return size, lambda n: rng.integers(0, size, n), lambda c: np.full(np.shape(c), p, np.float32), None


def _log_uniform(op, state, rng):
    size = op._attrs["range_max"]
    log_range = np.log1p(float(size))

    def draw(n):
        return (np.exp(rng.random(n) * log_range).astype(np.int64) - 1) % size

    def probability(c):
        c = np.asarray(c, dtype=np.float64)
        return (np.log((c + 2.0) / (c + 1.0)) / log_range).astype(np.float32)
    return size, draw, probability, None


def _weighted_draw(rng, weights):
    cumulative = np.cumsum(weights, dtype=np.float64)
    total = cumulative[-1]
    return lambda n: np.minimum(np.searchsorted(cumulative, rng.random(n) * total, side="right"), len(weights) - 1)


def _learned_unigram(op, state, rng):
    """Weights that live as long as the session (each run adds the true classes')."""
    size = op._attrs["range_max"]
    tables = state.__dict__.setdefault("unigram_weights", {}) if state is not None else {}
    weights = tables.setdefault(op._name, np.ones(size, dtype=np.int64))

    def draw(n):
        return _weighted_draw(rng, weights)(n)

    def probability(c):
        c = np.asarray(c)
        return weights[np.asarray(c)].astype(np.float32) / np.float32(weights.sum())

    def update(true_classes):  # the kernel has checked that they are in range
        flat = true_classes.reshape(-1)
        room = max(0, 2**31 - 1 - int(weights.sum()))
        np.add.at(weights, flat[:room], 1)
    return size, draw, probability, update


def _fixed_unigram_weights(op):
    attrs = op._attrs
    vocab_file, unigrams = attrs["vocab_file"], list(attrs["unigrams"])
    if isinstance(vocab_file, bytes):
        vocab_file = vocab_file.decode()
    if not vocab_file and not unigrams:
        raise errors.InvalidArgumentError(None, op, "Must provide either vocab_file or unigrams.")
    if vocab_file and unigrams:
        raise errors.InvalidArgumentError(None, op, "Must only provide one of vocab_file and unigrams.")
    shards, shard = attrs["num_shards"], attrs["shard"]
    weights = [0.0 for word in range(attrs["num_reserved_ids"]) if word % shards == shard]
    counts = _vocab_counts(op, vocab_file) if vocab_file else unigrams
    first = len(weights)  # TensorFlow numbers the counts on from the reserved ids kept in this shard
    kept = [w for i, w in enumerate(counts, start=first) if i % shards == shard]
    distorted = _distort(np.asarray(kept, dtype=np.float32), np.float32(attrs["distortion"]))
    weights = np.concatenate([np.asarray(weights, dtype=np.float32), distorted.astype(np.float32)])
    if attrs["range_max"] != weights.size:
        raise errors.InvalidArgumentError(
            None, op, f"range is {attrs['range_max']} must be equal to weights size  {weights.size}")
    total = np.cumsum(distorted, dtype=np.float32)[-1] if distorted.size else np.float32(0)
    return weights, total


def _distort(counts, distortion):
    """``powf(count, distortion)`` of each count, as TensorFlow's ``std::pow`` on floats."""
    if distortion == 1 or c_math.FUNCTIONS is None:
        return np.power(counts, distortion)
    powf = c_math.FUNCTIONS["powf"]
    return c_math.each(lambda c: powf(c, float(distortion)), counts)


def _vocab_counts(op, path):
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        raise errors.NotFoundError(None, op, f"{path}; No such file or directory") from None
    counts = []
    for line in lines:
        cols = line.split(",")
        try:
            counts.append(float(cols[-1]))
        except ValueError:
            raise errors.InvalidArgumentError(None, op, f"Wrong vocabulary format at line: {line}") from None
    return counts


def _fixed_unigram(op, state, rng):
    weights, total = _fixed_unigram_weights(op)

    def probability(c):
        c = np.asarray(c)
        inside = (c >= 0) & (c < weights.size)
        return np.where(inside, weights[np.clip(c, 0, weights.size - 1)] / total, np.float32(0)).astype(np.float32)
    return weights.size, _weighted_draw(rng, weights), probability, None


def _all(op, state, rng):
    size = op._attrs["num_sampled"]

    def probability(c):  # expected counts of 1 whatever the tries: p = 1 / num_sampled, one try each
        return np.full(np.shape(c), np.float32(1) / np.float32(size), np.float32)
    return size, lambda n: np.arange(n, dtype=np.int64), probability, None


_register_sampler("UniformCandidateSampler", _uniform, lower=_lowered_sampler(
    _lowered_uniform_draw, lambda jnp, classes, size: jnp.full(classes.shape, np.float32(1.0) / np.float32(size))))
_register_sampler("LogUniformCandidateSampler", _log_uniform,
                  lower=_lowered_sampler(_lowered_log_uniform_draw, _lowered_log_uniform_probability))
_register_sampler("LearnedUnigramCandidateSampler", _learned_unigram)
_register_sampler("ThreadUnsafeUnigramCandidateSampler", _learned_unigram)
_register_sampler("FixedUnigramCandidateSampler", _fixed_unigram,
                  extra_defaults={"vocab_file": "", "distortion": 1.0, "num_reserved_ids": 0, "num_shards": 1,
                                  "shard": 0, "unigrams": ()})
_register_sampler("AllCandidateSampler", _all)


# -- ComputeAccidentalHits ------------------------------------------------------------------------------------
def _accidental_hits_factory(op, state):
    num_true = op._attrs["num_true"]

    def kernel(true_classes, sampled):
        true_classes, sampled = np.asarray(true_classes), np.asarray(sampled).reshape(-1)
        if true_classes.ndim != 2 or true_classes.shape[1] != num_true:
            raise errors.InvalidArgumentError(None, op, "true_candidates must be a batch_size * num_true matrix")
        position = {int(c): j for j, c in enumerate(sampled)}  # a repeated candidate: its last position
        hits = [(i, position[int(c)]) for i, row in enumerate(true_classes) for c in row if int(c) in position]
        indices = np.array([h[0] for h in hits], dtype=np.int32)
        ids = np.array([h[1] for h in hits], dtype=np.int64)
        return indices, ids, np.full(len(hits), -np.finfo(np.float32).max, np.float32)
    return kernel


registry.register(OpDef("ComputeAccidentalHits", inputs=["true_classes: int64", "sampled_candidates: int64"],
                        outputs=["indices: int32", "ids: int64", "weights: float"], shape=_accidental_hits_shape,
                        factory=_accidental_hits_factory, defaults=_SEEDS))


# -- wrappers -------------------------------------------------------------------------------------------------
def _outputs(op_type, names):
    return collections.namedtuple(op_type, names)


_SAMPLED = _outputs("CandidateSampler", ["sampled_candidates", "true_expected_count", "sampled_expected_count"])
AccidentalHits = _outputs("ComputeAccidentalHits", ["indices", "ids", "weights"])


def _check_minimum(op_type, name, attrs, minimum=1):
    for key in attrs:
        if attrs[key] < minimum:
            with name_scope(name, op_type):  # TF names the op before it checks its attributes
                raise ValueError(f"Attr '{key}' of '{op_type}' Op passed {attrs[key]} less than minimum {minimum}.")


def _sampler(op_type, true_classes, attrs, seed, name, minimums):
    seed1, seed2 = get_seed(seed)
    _check_minimum(op_type, name, {k: attrs[k] for k in minimums})
    attrs = dict(attrs, seed=seed1 or 0, seed2=seed2 or 0)
    return _SAMPLED(*create(op_type, [true_classes], attrs, name=name).outputs)


def _range_sampler(op_type, true_classes, num_true, num_sampled, unique, range_max, seed, name, **extra):
    attrs = {"num_true": int(num_true), "num_sampled": int(num_sampled), "unique": bool(unique),
             "range_max": int(range_max), **extra}
    return _sampler(op_type, true_classes, attrs, seed, name, ("num_true", "num_sampled", "range_max"))


def uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max, seed=None, name=None):
    """``num_sampled`` classes drawn uniformly from ``[0, range_max)`` (distinct if ``unique``),
    with the expected counts of the true and sampled classes (``UniformCandidateSampler``)."""
    return _range_sampler("UniformCandidateSampler", true_classes, num_true, num_sampled, unique, range_max, seed,
                          name)


def log_uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max, seed=None, name=None):
    """Classes drawn with probability ``log((c + 2) / (c + 1)) / log(range_max + 1)`` (Zipfian:
    for classes sorted by decreasing frequency), as ``LogUniformCandidateSampler``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     s = tf.nn.log_uniform_candidate_sampler([[0]], 1, 4, False, 10)
    ...     print(tf.Session().run(s.true_expected_count))  # 4 * log(2) / log(11): four tries, none rejected
    [[1.1562593]]
    """
    return _range_sampler("LogUniformCandidateSampler", true_classes, num_true, num_sampled, unique, range_max,
                          seed, name)


def learned_unigram_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max, seed=None, name=None):
    """Classes drawn by the counts of the true classes seen so far in this session (each class
    starts at 1), as ``LearnedUnigramCandidateSampler``."""
    if range_max > 2147483647:
        raise ValueError(f"Value of range_max:{range_max} is too large to handle")
    return _range_sampler("LearnedUnigramCandidateSampler", true_classes, num_true, num_sampled, unique, range_max,
                          seed, name)


def fixed_unigram_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max, vocab_file="",
                                    distortion=1.0, num_reserved_ids=0, num_shards=1, shard=0, unigrams=(),
                                    seed=None, name=None):
    """Classes drawn by given counts (``unigrams``, or the last comma-separated column of each line
    of ``vocab_file``) raised to ``distortion``; ``num_reserved_ids`` classes of weight 0 first;
    only the ids of shard ``shard`` of ``num_shards`` (``FixedUnigramCandidateSampler``)."""
    extra = {"vocab_file": vocab_file, "distortion": float(distortion), "num_reserved_ids": int(num_reserved_ids),
             "num_shards": int(num_shards), "shard": int(shard), "unigrams": [float(u) for u in unigrams]}
    if extra["num_shards"] < 1 or extra["shard"] < 0:
        key = "num_shards" if extra["num_shards"] < 1 else "shard"
        _check_minimum("FixedUnigramCandidateSampler", name, {key: extra[key]}, 1 if key == "num_shards" else 0)
    return _range_sampler("FixedUnigramCandidateSampler", true_classes, num_true, num_sampled, unique, range_max,
                          seed, name, **extra)


def all_candidate_sampler(true_classes, num_true, num_sampled, unique, seed=None, name=None):
    """The classes ``0 .. num_sampled - 1``, each with expected count 1 (``AllCandidateSampler``)."""
    attrs = {"num_true": int(num_true), "num_sampled": int(num_sampled), "unique": bool(unique)}
    return _sampler("AllCandidateSampler", true_classes, attrs, seed, name, ("num_true", "num_sampled"))


def compute_accidental_hits(true_classes, sampled_candidates, num_true, seed=None, name=None):
    """Where a sampled candidate equals one of its row's true classes: ``(indices, ids,
    weights)``, the row, the candidate's position and ``-FLT_MAX`` per hit
    (``ComputeAccidentalHits``)."""
    seed1, seed2 = get_seed(seed)
    attrs = {"num_true": int(num_true), "seed": seed1 or 0, "seed2": seed2 or 0}
    return AccidentalHits(*create("ComputeAccidentalHits", [true_classes, sampled_candidates], attrs,
                                  name=name).outputs)


"""``shuffle`` (``ShuffleDataset``) and ``tf.data.experimental.shuffle_and_repeat``
(``ShuffleAndRepeatDataset``).

TensorFlow's algorithm: fill a buffer of ``buffer_size`` elements, then repeatedly hand out a
random one and put the next input element in its place. With seeds the order is reproducible
(scopeflow's own sequence, not TensorFlow's: its Philox stream is not reproduced); without,
it differs each time. With ``reshuffle_each_iteration`` each pass (each ``repeat`` epoch, each
re-initialization) gets a new order.

When the input holds its elements (``from_tensor_slices``, ``range``: ``DatasetValue.gather``)
the buffer holds indices and a batch is gathered in one NumPy call.
"""

from __future__ import annotations

import random

import numpy as np

from scopeflow._src.data import runtime
from scopeflow._src.data.graph_build import add_dataset_op, int64_input, register_dataset_op
from scopeflow._src.data.transforms import RepeatValue
from scopeflow._src.framework import default_graph, dtypes, errors
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.ops.array.selection import where_v2
from scopeflow._src.ops.math.comparison import equal, logical_and


class ShuffleValue(runtime.DatasetValue):
    def __init__(self, inner, buffer_size, seed, seed2, reshuffle):
        if buffer_size <= 0:
            raise errors.InvalidArgumentError(None, None,
                                              "buffer_size must be greater than zero or UNKNOWN_CARDINALITY")
        self.inner, self.buffer_size, self.reshuffle = inner, buffer_size, reshuffle
        self.seeded = seed != 0 or seed2 != 0
        self.seed = (seed, seed2)
        self.passes = 0

    def make(self):
        self.passes += 1
        if not self.seeded:
            rng = random.Random()
        else:
            rng = random.Random(hash((self.seed, self.passes if self.reshuffle else 0)))
        if self.inner.size is not None:
            return IndexShuffleIterator(self.inner, _shuffled_indices(self.inner.size, self.buffer_size, rng))
        return BufferShuffleIterator(self.inner.make(), self.buffer_size, rng)


def _shuffled_indices(n: int, buffer_size: int, rng) -> np.ndarray:
    """The order TF's buffer algorithm gives ``range(n)`` (a whole permutation when the
    buffer holds everything)."""
    if buffer_size >= n:
        order = list(range(n))
        rng.shuffle(order)
        return np.asarray(order, np.int64)
    buffer = list(range(buffer_size))
    out = []
    rand = rng.random
    for nxt in range(buffer_size, n):
        i = int(rand() * buffer_size)
        out.append(buffer[i])
        buffer[i] = nxt
    rng.shuffle(buffer)
    out.extend(buffer)
    return np.asarray(out, np.int64)


class IndexShuffleIterator(runtime.ElementIterator):
    def __init__(self, inner, order):
        self.inner, self.order, self.pos = inner, order, 0

    def next(self):
        pos = self.pos
        if pos >= len(self.order):
            return None
        self.pos = pos + 1
        return self.inner.row(int(self.order[pos]))

    def next_batch(self, n):
        pos = self.pos
        if pos >= len(self.order):
            return None
        picked = self.order[pos:pos + n]
        self.pos = pos + len(picked)
        return self.inner.gather(picked), len(picked)


class BufferShuffleIterator(runtime.ElementIterator):
    def __init__(self, inner, buffer_size, rng):
        self.inner, self.size, self.rng = inner, buffer_size, rng
        self.buffer = None

    def next(self):
        buffer = self.buffer
        if buffer is None:
            buffer = self.buffer = []
            while len(buffer) < self.size:
                item = self.inner.next()
                if item is None:
                    break
                buffer.append(item)
        if not buffer:
            return None
        i = int(self.rng.random() * len(buffer))
        item = buffer[i]
        replacement = self.inner.next() if self.inner is not None else None
        if replacement is None:
            self.inner = None if self.inner is None else self._closed(self.inner)
            buffer[i] = buffer[-1]
            buffer.pop()
        else:
            buffer[i] = replacement
        return item

    @staticmethod
    def _closed(inner):
        inner.close()

    def close(self):
        if self.inner is not None:
            self.inner.close()


def _shuffle_factory(op, state):
    reshuffle = op._attrs.get("reshuffle_each_iteration", True)

    def shuffle_dataset(inner, buffer_size, seed, seed2):
        return ShuffleValue(inner, runtime.scalar(buffer_size), runtime.scalar(seed), runtime.scalar(seed2), reshuffle)
    return shuffle_dataset


def _shuffle_repeat_factory(op, state):
    reshuffle = op._attrs.get("reshuffle_each_iteration", True)

    def shuffle_and_repeat(inner, buffer_size, seed, seed2, count):
        shuffled = ShuffleValue(inner, runtime.scalar(buffer_size), runtime.scalar(seed), runtime.scalar(seed2),
                                reshuffle)
        return RepeatValue(shuffled, runtime.scalar(count))
    return shuffle_and_repeat


_SHUFFLE_INPUTS = ["input_dataset: variant", "buffer_size: int64", "seed: int64", "seed2: int64"]
register_dataset_op("ShuffleDataset", _SHUFFLE_INPUTS, _shuffle_factory, {"reshuffle_each_iteration": True})
register_dataset_op("ShuffleAndRepeatDataset", _SHUFFLE_INPUTS + ["count: int64"], _shuffle_repeat_factory,
                    {"reshuffle_each_iteration": True})


def seeds(seed):
    """TF's ``data.util.random_seed.get_seed``: ``seed`` and ``seed2`` tensors from the graph
    and op seeds (``seed2`` is ``2**31 - 1`` when both would be 0)."""
    seed, seed2 = default_graph.get_seed(seed)
    seed = (constant(0, dtype=dtypes.int64, name="seed") if seed is None
            else convert_to_tensor(seed, dtype=dtypes.int64, name="seed"))
    if seed2 is None:
        return seed, constant(0, dtype=dtypes.int64, name="seed2")
    with name_scope("seed2") as scope:
        seed2 = convert_to_tensor(seed2, dtype=dtypes.int64)
        seed2 = where_v2(logical_and(equal(seed, 0), equal(seed2, 0)),
                         constant(2 ** 31 - 1, dtype=dtypes.int64), seed2, name=scope)
    return seed, seed2


def shuffle(dataset, buffer_size, seed, reshuffle_each_iteration, name=None):
    size = int64_input(buffer_size, "buffer_size")
    seed, seed2 = seeds(seed)
    reshuffle = True if reshuffle_each_iteration is None else bool(reshuffle_each_iteration)
    attrs = {**dataset._structure.attrs(), "reshuffle_each_iteration": reshuffle}
    return add_dataset_op("ShuffleDataset", [dataset._variant_tensor, size, seed, seed2], attrs, name)


def shuffle_and_repeat(dataset, buffer_size, count, seed):
    size = int64_input(buffer_size, "buffer_size")
    seed, seed2 = seeds(seed)
    count = int64_input(-1 if count is None else count, "count")
    attrs = {**dataset._structure.attrs(), "reshuffle_each_iteration": True}
    return add_dataset_op("ShuffleAndRepeatDataset", [dataset._variant_tensor, size, seed, seed2, count], attrs)

"""``tf.data.experimental.sample_from_datasets`` and ``Dataset.random`` (``RandomDataset``).

As TensorFlow builds it: a ``RandomDataset`` of int64 seeds, batched in pairs, mapped through
``StatelessMultinomial`` on the log-weights to a dataset index per element, which a
``DirectedInterleaveDataset`` (``choose_from_datasets``) follows. Datasets of zero weight are
left out; weights may also be a dataset (new weights per element). With a seed (op or graph)
the order repeats from run to run; the numbers are scopeflow's (PCG64), not TensorFlow's.

>>> import scopeflow as tf
>>> with tf.Graph().as_default():
...     ds = tf.data.experimental.sample_from_datasets([tf.data.Dataset.range(3), tf.data.Dataset.range(10, 13)],
...                                                    seed=1)
...     nxt = tf.data.make_one_shot_iterator(ds).get_next()
...     with tf.Session() as sess:
...         print(sorted(int(sess.run(nxt)) for _ in range(6)))
[0, 1, 2, 10, 11, 12]
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.data import directed_interleave, runtime
from scopeflow._src.data.graph_build import add_dataset_op, register_dataset_op
from scopeflow._src.data.shuffling import seeds
from scopeflow._src.data.structure import Structure
from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops import array_ops, math_ops

_SEEDS = Structure(None, [dtypes.int64], [TensorShape([])])


class RandomValue(runtime.DatasetValue):
    """Endless int64 scalars: the same sequence each iteration when seeded, else fresh ones."""

    def __init__(self, seed, seed2):
        self.seeded, self.key = seed != 0 or seed2 != 0, [seed & (2**64 - 1), seed2 & (2**64 - 1)]

    def make(self):
        entropy = np.random.SeedSequence(self.key) if self.seeded else np.random.SeedSequence()
        return RandomIterator(np.random.Generator(np.random.PCG64(entropy)))


class RandomIterator(runtime.ElementIterator):
    def __init__(self, rng):
        self.rng = rng

    def next(self):
        return (np.array(self.rng.integers(np.iinfo(np.int64).min, np.iinfo(np.int64).max, dtype=np.int64)),)


register_dataset_op("RandomDataset", ["seed: int64", "seed2: int64"],
                    lambda op, state: lambda seed, seed2: RandomValue(int(seed), int(seed2)), stateful=True)


def random_dataset(seed=None):
    """``Dataset.random``'s ``RandomDataset``: (variant tensor, structure)."""
    seed, seed2 = seeds(seed)
    return add_dataset_op("RandomDataset", [seed, seed2], _SEEDS.attrs()), _SEEDS


def _select(logits, seed):
    sample = create("StatelessMultinomial", [logits, convert_to_tensor(1, dtype=dtypes.int32,
                                                                       name="StatelessMultinomial/num_samples"),
                                             seed], {"output_dtype": dtypes.int64})._outputs[0]
    return array_ops.squeeze(sample, axis=[0, 1])


def _positive(datasets, weights):
    kept = [(d, w) for d, w in zip(datasets, weights) if w > 0]
    if not kept:
        return [datasets[0].take(0)], [1.0]
    return [d for d, _ in kept], [w for _, w in kept]


def sample_from_datasets(datasets, weights, seed, stop_on_empty_dataset, dataset_cls):
    """The ``DirectedInterleaveDataset`` over ``datasets`` picked at random by ``weights``."""
    if not datasets:
        raise ValueError("Invalid `datasets`. `datasets` should not be empty.")
    datasets = list(datasets)
    if isinstance(weights, dataset_cls):
        logits = weights.map(lambda *p: math_ops.log(p, name="logits"))
        selector = dataset_cls.zip((logits, dataset_cls(*random_dataset(seed)).batch(2))).map(_select)
        return dataset_cls(*directed_interleave.choose_from_datasets(datasets, selector, stop_on_empty_dataset,
                                                                     _is(dataset_cls), rewrite=False))
    if weights is None:
        logits = [[1.0] * len(datasets)]
    else:
        if isinstance(weights, Tensor):
            if not weights.shape.is_compatible_with([len(datasets)]):
                raise ValueError(f"Invalid `weights`. The shape of `weights` should be compatible with "
                                 f"`[len(datasets)]` but is {weights.shape}.")
        else:
            if len(datasets) != len(weights):
                raise ValueError(f"Invalid `weights`. `weights` should have the same length as `datasets` but got "
                                 f"`len(weights)={len(weights)}` vs. `len(datasets)={len(datasets)}`.")
            datasets, weights = _positive(datasets, weights)
        weights = convert_to_tensor(weights, name="weights")
        if weights.dtype not in (dtypes.float32, dtypes.float64):
            raise TypeError(f"Invalid `weights`. `weights` type must be either `tf.float32` or `tf.float64` but is "
                            f"{weights.dtype}.")
        logits = array_ops.expand_dims(math_ops.log(weights, name="logits"), 0)
    if len(datasets) == 1:
        return datasets[0]
    selector = dataset_cls(*random_dataset(seed)).batch(2).map(lambda pair: _select(logits, pair))
    return dataset_cls(*directed_interleave.choose_from_datasets(datasets, selector, stop_on_empty_dataset,
                                                                 _is(dataset_cls), rewrite=False))


def _is(dataset_cls):
    return lambda d: isinstance(d, dataset_cls)

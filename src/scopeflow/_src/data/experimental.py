"""``tf.data.experimental`` names that TF1 programs use: ``AUTOTUNE``, ``shuffle_and_repeat``
and ``map_and_batch`` (transformations for ``Dataset.apply``)."""

from __future__ import annotations

from scopeflow._src.data import function_builders, shuffling

AUTOTUNE = function_builders.AUTOTUNE


def shuffle_and_repeat(buffer_size, count=None, seed=None):
    """``dataset.apply(shuffle_and_repeat(...))``: a shuffle reshuffled at each of ``count``
    passes (forever when ``None``), as one ``ShuffleAndRepeatDataset``."""
    def apply(dataset):
        return type(dataset)(shuffling.shuffle_and_repeat(dataset, buffer_size, count, seed), dataset._structure)
    return apply


def map_and_batch(map_func, batch_size, num_parallel_batches=None, drop_remainder=False, num_parallel_calls=None):
    """``dataset.apply(map_and_batch(...))``: ``map(map_func).batch(batch_size)`` as one
    ``MapAndBatchDataset``."""
    def apply(dataset):
        return type(dataset)(*function_builders.map_and_batch(dataset, map_func, batch_size, num_parallel_batches,
                                                              drop_remainder, num_parallel_calls))
    return apply

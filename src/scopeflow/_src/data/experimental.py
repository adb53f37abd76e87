"""``tf.data.experimental`` names that TF1 programs use: ``AUTOTUNE`` and the transformations
for ``Dataset.apply``: ``shuffle_and_repeat``, ``map_and_batch``, ``parallel_interleave``,
``ignore_errors``, ``scan``, ``unbatch``, ``choose_from_datasets`` and ``sample_from_datasets``."""

from __future__ import annotations

from scopeflow._src.data import directed_interleave, filtering, function_builders, grouping, shuffling
from scopeflow._src.data.dataset import Dataset

AUTOTUNE = function_builders.AUTOTUNE


def shuffle_and_repeat(buffer_size, count=None, seed=None):
    """``dataset.apply(shuffle_and_repeat(...))``: a shuffle reshuffled at each of ``count``
    passes (forever when ``None``), as one ``ShuffleAndRepeatDataset``."""
    def apply(dataset):
        return Dataset(shuffling.shuffle_and_repeat(dataset, buffer_size, count, seed), dataset._structure)
    return apply


def parallel_interleave(map_func, cycle_length, block_length=1, sloppy=False, buffer_output_elements=None,
                        prefetch_input_elements=None):
    """``dataset.apply(parallel_interleave(...))``: ``interleave`` as TF1 pipelines over many
    files wrote it (one ``LegacyParallelInterleaveDatasetV2``)."""
    def apply(dataset):
        return Dataset(*function_builders.parallel_interleave(
            dataset, map_func, cycle_length, block_length, sloppy, buffer_output_elements, prefetch_input_elements,
            lambda d: isinstance(d, Dataset)))
    return apply


def group_by_window(key_func, reduce_func, window_size=None, window_size_func=None):
    """``dataset.apply(group_by_window(...))``: elements grouped by ``key_func``, each window of
    ``window_size`` (or ``window_size_func(key)``) elements turned into a dataset by
    ``reduce_func(key, window)``, one ``GroupByWindowDataset``."""
    def apply(dataset):
        return Dataset(*grouping.group_by_window(dataset, key_func, reduce_func, window_size, window_size_func))
    return apply


bucket_by_sequence_length = grouping.bucket_by_sequence_length


def ignore_errors(log_warning=False):
    """``dataset.apply(ignore_errors())``: the elements, without those whose computation failed."""
    def apply(dataset):
        return Dataset(filtering.ignore_errors(dataset, log_warning), dataset._structure)
    return apply


def choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset=False) -> Dataset:
    """The elements of ``datasets`` in the order the indices of ``choice_dataset`` (scalar
    ``tf.int64``) pick them, as one ``DirectedInterleaveDataset``."""
    return Dataset(*directed_interleave.choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset,
                                                             lambda d: isinstance(d, Dataset)))


def sample_from_datasets(datasets, weights=None, seed=None, stop_on_empty_dataset=False) -> Dataset:
    """The elements of ``datasets``, each taken from one picked at random with ``weights``
    (equal by default; a dataset of weights gives new ones per element)."""
    from scopeflow._src.data import sampling  # sampling builds on this module's datasets

    return sampling.sample_from_datasets(datasets, weights, seed, stop_on_empty_dataset, Dataset)


def scan(initial_state, scan_func):
    """``dataset.apply(scan(...))``: ``Dataset.scan``, one ``ScanDataset``."""
    return lambda dataset: dataset.scan(initial_state, scan_func)


def unbatch():
    """``dataset.apply(unbatch())``: ``Dataset.unbatch``."""
    return lambda dataset: dataset.unbatch()


def map_and_batch(map_func, batch_size, num_parallel_batches=None, drop_remainder=False, num_parallel_calls=None):
    """``dataset.apply(map_and_batch(...))``: ``map(map_func).batch(batch_size)`` as one
    ``MapAndBatchDataset``."""
    def apply(dataset):
        return Dataset(*function_builders.map_and_batch(dataset, map_func, batch_size, num_parallel_batches,
                                                              drop_remainder, num_parallel_calls))
    return apply

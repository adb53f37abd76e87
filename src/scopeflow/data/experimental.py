"""``tf.data.experimental``: the names TF1 programs use. Only re-exports."""

__all__ = ["AUTOTUNE", "bucket_by_sequence_length", "choose_from_datasets", "CsvDataset", "group_by_window",
           "ignore_errors", "make_csv_dataset", "map_and_batch", "parallel_interleave", "sample_from_datasets",
           "scan", "shuffle_and_repeat", "unbatch"]

from scopeflow._src.data.api import (
    AUTOTUNE,
    CsvDataset,
    bucket_by_sequence_length,
    choose_from_datasets,
    group_by_window,
    ignore_errors,
    make_csv_dataset,
    map_and_batch,
    parallel_interleave,
    sample_from_datasets,
    scan,
    shuffle_and_repeat,
    unbatch,
)


def __dir__():
    return sorted(__all__)

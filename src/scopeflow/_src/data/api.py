"""The ``tf.data`` subsystem, loaded on first use (``import scopeflow`` does not import it):
importing this module registers every dataset and iterator op type and gives the public names."""

from scopeflow._src.data import (  # noqa: F401 - register GeneratorDataset, CSVDatasetV2, ScanDataset, ...
    csv_dataset,
    generator,
    sampling,
    scanning,
    windowing,
)
from scopeflow._src.data.dataset import (
    Dataset,
    get_output_classes,
    get_output_shapes,
    get_output_types,
    make_initializable_iterator,
)
from scopeflow._src.data.experimental import (
    AUTOTUNE,
    bucket_by_sequence_length,
    choose_from_datasets,
    group_by_window,
    ignore_errors,
    map_and_batch,
    parallel_interleave,
    sample_from_datasets,
    scan,
    shuffle_and_repeat,
    unbatch,
)
from scopeflow._src.data.iterator import Iterator
from scopeflow._src.data.make_csv import make_csv_dataset
from scopeflow._src.data.one_shot import make_one_shot_iterator
from scopeflow._src.data.readers import CsvDataset, FixedLengthRecordDataset, TextLineDataset, TFRecordDataset
from scopeflow._src.data.structure import DatasetSpec

__all__ = ["AUTOTUNE", "bucket_by_sequence_length", "choose_from_datasets", "CsvDataset", "Dataset", "DatasetSpec",
           "FixedLengthRecordDataset", "get_output_classes", "get_output_shapes", "get_output_types",
           "group_by_window", "ignore_errors", "Iterator", "make_csv_dataset", "make_initializable_iterator",
           "make_one_shot_iterator", "map_and_batch", "parallel_interleave", "sample_from_datasets", "scan",
           "shuffle_and_repeat", "TextLineDataset", "TFRecordDataset", "unbatch"]

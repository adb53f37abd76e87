"""``tf.data``: input pipelines (datasets and iterators), TF1 graph-mode semantics.

Only re-exports; the code lives in ``scopeflow._src.data`` (loaded when ``tf.data`` is first used).
"""

__all__ = ["AUTOTUNE", "Dataset", "DatasetSpec", "experimental", "FixedLengthRecordDataset", "get_output_classes",
           "get_output_shapes", "get_output_types", "Iterator", "make_initializable_iterator",
           "make_one_shot_iterator", "TextLineDataset", "TFRecordDataset"]

from scopeflow._src.data.api import (
    AUTOTUNE,
    Dataset,
    DatasetSpec,
    FixedLengthRecordDataset,
    Iterator,
    TextLineDataset,
    TFRecordDataset,
    get_output_classes,
    get_output_shapes,
    get_output_types,
    make_initializable_iterator,
    make_one_shot_iterator,
)
from scopeflow.data import experimental


def __dir__():
    return sorted(__all__)

"""``tf.data.experimental.make_csv_dataset``: batches of CSV records as dicts of columns (and a
label), the pipeline TensorFlow builds: the files' names (shuffled or sorted), a
``CsvDataset`` per file read through ``parallel_interleave``, then shuffle, repeat, batch, a
map that names the columns, and prefetch.

What the arguments leave out is found in the files first, as TensorFlow finds it with Python's
``csv`` module: column names from the first file's header (every file must have the same),
column types from the first ``num_rows_for_inference`` rows (the least permissive of int32,
int64, float32, float64, string that fits every value seen).

>>> import os, tempfile, scopeflow as tf
>>> path = os.path.join(tempfile.mkdtemp(), "a.csv")
>>> _ = open(path, "w").write("x,y,label\\n1,2.5,a\\n3,4.5,b\\n")
>>> with tf.Graph().as_default():
...     ds = tf.data.experimental.make_csv_dataset(path, 2, label_name="label", num_epochs=1, shuffle=False)
...     features, label = tf.data.make_one_shot_iterator(ds).get_next()
...     with tf.Session() as sess:
...         print(sess.run((features["x"], features["y"], label)))
(array([1, 3], dtype=int32), array([2.5, 4.5], dtype=float32), array([b'a', b'b'], dtype=object))
"""

from __future__ import annotations

import collections
import csv
import glob
import gzip

import numpy as np

from scopeflow._src.data import experimental
from scopeflow._src.data.dataset import Dataset
from scopeflow._src.data.readers import CsvDataset
from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.tensor_util import constant_value

_ACCEPTABLE_CSV_TYPES = (dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64, dtypes.string)
_INFERRED = (dtypes.int32, dtypes.int64, dtypes.float32, dtypes.float64, dtypes.string)


def _file_names(file_pattern) -> list:
    if isinstance(file_pattern, list):
        if not file_pattern:
            raise ValueError("Argument `file_pattern` should not be empty.")
        names = [n for entry in file_pattern for n in glob.glob(entry)]
    else:
        names = glob.glob(file_pattern)
    if not names:
        raise ValueError(f"No files match `file_pattern` {file_pattern}.")
    return sorted(names)


def _opener(compression_type, encoding):
    if compression_type is None:
        return lambda name: open(name, encoding=encoding, newline="")
    kind = constant_value(compression_type) if isinstance(compression_type, Tensor) else compression_type
    kind = kind.decode() if isinstance(kind, bytes) else kind
    if kind == "GZIP":
        return lambda name: gzip.open(name, "rt", encoding=encoding, newline="")
    if kind == "ZLIB":
        raise ValueError(f"`compression_type` {compression_type} is not supported for probing columns.")
    if kind != "":
        raise ValueError(f"Received unknown `compression_type` {compression_type}. Expected: GZIP, ZLIB or  (empty "
                         f"string).")
    return lambda name: open(name, encoding=encoding, newline="")


def _csv_reader(f, field_delim, use_quote_delim):
    return csv.reader(f, delimiter=field_delim, quoting=csv.QUOTE_MINIMAL if use_quote_delim else csv.QUOTE_NONE)


def _column_names(names, field_delim, use_quote_delim, opener) -> list:
    """The header row of the first file; every file must have the same."""
    header = None
    for name in names:
        with opener(name) as f:
            row = next(_csv_reader(f, field_delim, use_quote_delim), None)
        if row is None:
            raise ValueError(f"Failed when reading the header line of {name}. Is it an empty file?")
        if header is not None and row != header:
            raise ValueError(f"All input CSV files should have the same column names in the header row. File {name} "
                             f"has different column names.")
        header = row if header is None else header
    return header


def _fits(text: str, dtype) -> bool:
    """Whether NumPy reads ``text`` as ``dtype`` (TF's ``_is_valid_*``: int32 only when int64
    gives the same number; floats only when finite)."""
    try:
        if dtype == dtypes.int32:
            return np.int32(text) == np.int64(text)
        if dtype == dtypes.int64:
            np.int64(text)
            return True
        if dtype in (dtypes.float32, dtypes.float64):
            return bool(dtype.as_numpy_dtype(text) < np.inf)
    except (ValueError, OverflowError):
        return False
    return True


def _infer_type(text, na_value, previous):
    if text in ("", na_value):
        return previous
    for i, dtype in enumerate(_INFERRED):
        if _fits(text, dtype) and (previous is None or previous in _INFERRED[:i + 1]):
            return dtype
    return None


def _rows(names, num_cols, field_delim, use_quote_delim, header, opener):
    for name in names:
        with opener(name) as f:
            reader = _csv_reader(f, field_delim, use_quote_delim)
            row_num = 1
            if header:
                next(reader)
                row_num += 1
            for row in reader:
                if len(row) != num_cols:
                    raise ValueError(f"Problem inferring types: CSV row {row_num} has {len(row)} number of fields. "
                                     f"Expected: {num_cols}.")
                row_num += 1
                yield row


def _inferred_defaults(names, num_cols, args, select_columns, opener) -> list:
    field_delim, use_quote_delim, na_value, header, num_rows = args
    columns = range(num_cols) if select_columns is None else select_columns
    types = [None] * len(columns)
    for i, row in enumerate(_rows(names, num_cols, field_delim, use_quote_delim, header, opener)):
        if num_rows is not None and i >= num_rows:
            break
        types = [_infer_type(row[c], na_value, t) for c, t in zip(columns, types)]
    types = [t or dtypes.string for t in types]
    return [constant(["" if t == dtypes.string else 0], dtype=t) for t in types]


def _column_indices(select_columns, column_names) -> list:
    index = {n: i for i, n in enumerate(column_names)}
    found = []
    for v in select_columns:
        if isinstance(v, int):
            if v < 0 or v >= len(column_names):
                raise ValueError(f"Column index {v} specified in `select_columns` should be > 0  and <= "
                                 f"{len(column_names)}, which is the number of columns.")
            found.append(v)
        elif v not in index:
            raise ValueError(f"Column {v} specified in `select_columns` must be of one of the columns: "
                             f"{index.keys()}.")
        else:
            found.append(index[v])
    unique = sorted(set(found))
    if len(unique) != len(select_columns):
        raise ValueError(f"The `select_columns` argument contains duplicate columns: {set()}.")
    return unique


def _duplicates(names) -> set:
    ordered = sorted(names)
    return {a for a, b in zip(ordered[:-1], ordered[1:]) if a == b}


def make_csv_dataset(file_pattern, batch_size, column_names=None, column_defaults=None, label_name=None,
                     select_columns=None, field_delim=",", use_quote_delim=True, na_value="", header=True,
                     num_epochs=None, shuffle=True, shuffle_buffer_size=10000, shuffle_seed=None,
                     prefetch_buffer_size=None, num_parallel_reads=None, sloppy=False, num_rows_for_inference=100,
                     compression_type=None, ignore_errors=False, encoding="utf-8") -> Dataset:
    """``tf.data.experimental.make_csv_dataset``: see the module docstring."""
    names = _file_names(file_pattern)
    dataset = Dataset.from_tensor_slices(names)
    if shuffle:
        dataset = dataset.shuffle(len(names), shuffle_seed)
    opener = None
    if column_names is None or column_defaults is None:
        opener = _opener(compression_type, encoding)
    if column_names is None:
        if not header:
            raise ValueError("Expected `column_names` or `header` arguments. Neither is provided.")
        column_names = _column_names(names, field_delim, use_quote_delim, opener)
    if len(column_names) != len(set(column_names)):
        raise ValueError(f"Either `column_names` argument or CSV header row contains duplicate column names: "
                         f"{_duplicates(column_names)}.")
    if select_columns is not None:
        select_columns = _column_indices(select_columns, column_names)
    if column_defaults is not None:
        column_defaults = [constant([], dtype=x) if not isinstance(x, Tensor) and x in _ACCEPTABLE_CSV_TYPES else x
                           for x in column_defaults]
    else:
        column_defaults = _inferred_defaults(names, len(column_names), (field_delim, use_quote_delim, na_value,
                                                                         header, num_rows_for_inference),
                                             select_columns, opener)
    if select_columns is not None and len(column_defaults) != len(select_columns):
        raise ValueError(f"If specified, `column_defaults` and `select_columns` must have the same length: "
                         f"`column_defaults` has length {len(column_defaults)}, `select_columns` has length "
                         f"{len(select_columns)}.")
    if select_columns is not None and len(column_names) > len(select_columns):
        column_names = [column_names[i] for i in select_columns]
    if label_name is not None and label_name not in column_names:
        raise ValueError(f"`label_name` provided must be one of the columns: {column_names}. Received: "
                         f"{label_name}.")

    def filename_to_dataset(filename):
        one = CsvDataset(filename, column_defaults, compression_type, None, header, field_delim, use_quote_delim,
                         na_value, select_columns)
        return one.apply(experimental.ignore_errors()) if ignore_errors else one

    def map_fn(*columns):
        features = collections.OrderedDict(zip(column_names, columns))
        if label_name is not None:
            return features, features.pop(label_name)
        return features

    if num_parallel_reads == experimental.AUTOTUNE:
        dataset = dataset.interleave(filename_to_dataset, num_parallel_calls=num_parallel_reads)
    else:
        dataset = dataset.apply(experimental.parallel_interleave(
            filename_to_dataset, cycle_length=1 if num_parallel_reads is None else num_parallel_reads,
            block_length=1, sloppy=sloppy))
    if shuffle:
        dataset = dataset.shuffle(shuffle_buffer_size, shuffle_seed)
    if num_epochs != 1:
        dataset = dataset.repeat(num_epochs)
    dataset = dataset.batch(batch_size, drop_remainder=num_epochs is None).map(map_fn)
    return dataset.prefetch(experimental.AUTOTUNE if prefetch_buffer_size is None else prefetch_buffer_size)

"""File datasets: ``TextLineDataset``, ``TFRecordDataset``, ``FixedLengthRecordDataset`` and
``Dataset.list_files`` (``MatchingFiles``).

As in TensorFlow, a reader over several files is a ``TensorSliceDataset`` of the file names
(``is_files``) and a ``FlatMapDataset`` (or, with ``num_parallel_reads``, an interleave) whose
function makes the one-file reader op; files are opened when the iteration reaches them,
with TensorFlow's errors (``NotFoundError`` for a missing file, ``DataLossError`` for a
damaged record). Compressed files (``"GZIP"``, ``"ZLIB"``) are inflated as they are read.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.data import function_builders, runtime, sources
from scopeflow._src.data.dataset import Dataset
from scopeflow._src.data.graph_build import add_dataset_op, int64_input, register_dataset_op, string_input
from scopeflow._src.data.structure import Structure
from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import control_dependencies, name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError, shape_text
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.lib_io import file_io
from scopeflow._src.lib_io.tf_record import open_stream, read_records
from scopeflow._src.ops import array_ops, math_ops

_STRING = Structure(None, [dtypes.string], [TensorShape([])])
_COMPRESSION = {"": "", "ZLIB": "ZLIB", "GZIP": "GZIP"}


def _names(filenames) -> list:
    return [f.decode() if isinstance(f, bytes) else str(f) for f in np.asarray(filenames, dtype=object).reshape(-1)]


def _compression(value, op=None) -> str:
    kind = np.asarray(value, dtype=object).item()
    kind = kind.decode() if isinstance(kind, bytes) else str(kind)
    if kind not in _COMPRESSION:
        raise errors.InvalidArgumentError(None, op, f"Unsupported compression_type: {kind}.")
    return kind


class FileValue(runtime.DatasetValue):
    """The records of each file in turn, as ``read(path)`` splits them."""

    def __init__(self, filenames, read):
        self.filenames, self.read = _names(filenames), read

    def make(self):
        return FileIterator(self.filenames, self.read)


class FileIterator(runtime.ElementIterator):
    def __init__(self, filenames, read):
        self.filenames, self.read, self.records = list(filenames), read, None

    def next(self):
        while True:
            if self.records is None:
                if not self.filenames:
                    return None
                self.records = iter(self.read(self.filenames.pop(0)))
            record = next(self.records, None)
            if record is not None:
                return (np.array(record, dtype=object),)
            self.records = None


def _lines(compression):
    def read(path):
        with open_stream(path, compression) as stream:
            data = stream.read()
        lines = data.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        return [ln[:-1] if ln.endswith(b"\r") else ln for ln in lines]
    return read


def _records(compression):
    return lambda path: read_records(path, compression)


def _record_compression(value) -> str:
    """A TFRecord reader's compression: an unknown name reads the file uncompressed, as in TF."""
    kind = np.asarray(value, dtype=object).item()
    kind = kind.decode() if isinstance(kind, bytes) else str(kind)
    return kind if kind in _COMPRESSION else ""


def _fixed(header, record, footer, compression, op):
    if record <= 0:
        raise errors.InvalidArgumentError(None, op, "`record_bytes` must be > 0")

    def read(path):
        with open_stream(path, compression) as stream:
            data = stream.read()
        body = data[header:len(data) - footer] if len(data) >= header + footer else b""
        if len(body) % record:
            raise errors.InvalidArgumentError(
                None, None, f"Excluding the header ({header} bytes) and footer ({footer} bytes), input file "
                            f"\"{path}\" has body length {len(body)} bytes, which is not an exact multiple of the "
                            f"record length ({record} bytes).")
        return [body[i:i + record] for i in range(0, len(body), record)]
    return read


def _text_factory(op, state):
    return lambda filenames, compression, buffer_size: FileValue(filenames, _lines(_compression(compression, op)))


def _tfrecord_factory(op, state):
    return lambda filenames, compression, buffer_size, *offsets: FileValue(
        filenames, _records(_record_compression(compression)))


def _fixed_factory(op, state):
    def fixed_length(filenames, header, record, footer, buffer_size, compression):
        return FileValue(filenames, _fixed(int(header), int(record), int(footer), _compression(compression, op), op))
    return fixed_length


def _matching_files_factory(op, state):
    def matching_files(patterns):
        """TF's ``MatchingFiles``: the matches of every pattern, sorted together (a file two
        patterns match appears twice); local or remote paths (``file_io.glob``)."""
        if np.ndim(patterns) > 1:
            raise errors.InvalidArgumentError(
                None, op, "Input patterns tensor must be scalar or vector, but had shape: "
                          + shape_text(TensorShape(np.shape(patterns))))
        found = []
        for pattern in np.asarray(patterns, dtype=object).reshape(-1):
            found += file_io.glob(pattern.decode() if isinstance(pattern, bytes) else pattern)
        return np.array(sorted(p.encode() for p in found), dtype=object)
    return matching_files


def _matching_files_shape(inputs, attrs):
    rank = inputs[0].shape.ndims
    if rank is not None and rank > 1:
        raise ShapeError(f"Shape must be at most rank 1 but is rank {rank}")
    return TensorShape([None])


register_dataset_op("TextLineDataset", ["filenames: string", "compression_type: string", "buffer_size: int64"],
                    _text_factory, stateful=True)
register_dataset_op("TFRecordDataset", ["filenames: string", "compression_type: string", "buffer_size: int64"],
                    _tfrecord_factory, stateful=True)
register_dataset_op("FixedLengthRecordDatasetV2",
                    ["filenames: string", "header_bytes: int64", "record_bytes: int64", "footer_bytes: int64",
                     "buffer_size: int64", "compression_type: string"], _fixed_factory, stateful=True)
registry.register(OpDef("MatchingFiles", inputs=["pattern: string"], outputs=["filenames: string"],
                        shape=_matching_files_shape, factory=_matching_files_factory, stateful=True))


def matching_files(pattern, name=None):
    """The files matching ``pattern`` (a scalar or vector of glob patterns), sorted
    (``tf.matching_files``, ``tf.io.matching_files``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     found = tf.matching_files("/no/such/dir/*.txt")
    ...     print(found.name, found.shape, tf.Session().run(found).tolist())
    MatchingFiles:0 (?,) []
    """
    return create_output("MatchingFiles", [pattern], {}, name=name)


# -- graph builders ----------------------------------------------------------------------------
def _filenames_dataset(filenames):
    """TF's ``_create_or_validate_filenames_dataset``: a dataset of the file names."""
    if isinstance(filenames, Dataset):
        return filenames
    filenames = convert_to_tensor(filenames, preferred_dtype=dtypes.string) if not hasattr(filenames, "dtype") \
        or not hasattr(filenames, "op") else filenames
    if filenames.dtype.base_dtype != dtypes.string:
        raise TypeError(f"The `filenames` argument must contain `tf.string` elements. Got `tf.{filenames.dtype.name}` "
                        f"elements.")
    filenames = array_ops.reshape(filenames, [-1], name="flat_filenames")
    return Dataset(*sources.tensor_slices(filenames, is_files=True))


def _reader(filenames, num_parallel_reads, make_one):
    files = _filenames_dataset(filenames)
    if num_parallel_reads is None:
        dataset = files.flat_map(lambda name: Dataset(make_one(name), _STRING))
    else:
        # TF's readers: a deterministic parallel_interleave (sloppy=False) of one reader per file
        return function_builders.parallel_interleave(files, lambda name: Dataset(make_one(name), _STRING),
                                                     num_parallel_reads, 1, False, None, None,
                                                     lambda d: isinstance(d, Dataset))
    return dataset._variant_tensor, dataset._structure


def _kind(compression_type):
    return "" if compression_type is None else compression_type


class TextLineDataset(Dataset):
    """The lines of text files (without their ``\\n`` or ``\\r\\n``)."""

    def __init__(self, filenames, compression_type=None, buffer_size=None, num_parallel_reads=None, name=None):
        def one(name_tensor):
            return add_dataset_op("TextLineDataset", [
                name_tensor, string_input(_kind(compression_type), "compression_type"),
                int64_input(256 * 1024 if buffer_size is None else buffer_size, "buffer_size")], {})
        super().__init__(*_reader(filenames, num_parallel_reads, one))


class TFRecordDataset(Dataset):
    """The records of TFRecord files, as strings."""

    def __init__(self, filenames, compression_type=None, buffer_size=None, num_parallel_reads=None, name=None):
        def one(name_tensor):
            return add_dataset_op("TFRecordDataset", [
                name_tensor, string_input(_kind(compression_type), "compression_type"),
                int64_input(-1 if buffer_size is None else buffer_size, "buffer_size")], {})
        super().__init__(*_reader(filenames, num_parallel_reads, one))


class CsvDataset(Dataset):
    """``tf.data.experimental.CsvDataset``: one element per CSV record, a scalar per column,
    typed as ``record_defaults`` (``csv_dataset.py``)."""

    def __init__(self, filenames, record_defaults, compression_type=None, buffer_size=None, header=False,
                 field_delim=",", use_quote_delim=True, na_value="", select_cols=None):
        from scopeflow._src.data import csv_dataset  # loaded on first use: the CSV record reader

        super().__init__(*csv_dataset.csv_dataset(filenames, record_defaults, compression_type, buffer_size, header,
                                                  field_delim, use_quote_delim, na_value, select_cols))


class FixedLengthRecordDataset(Dataset):
    """Records of ``record_bytes`` bytes, after ``header_bytes`` and before ``footer_bytes``."""

    def __init__(self, filenames, record_bytes, header_bytes=None, footer_bytes=None, buffer_size=None,
                 compression_type=None, num_parallel_reads=None, name=None):
        def one(name_tensor):
            return add_dataset_op("FixedLengthRecordDatasetV2", [
                name_tensor, int64_input(header_bytes or 0, "header_bytes"),
                int64_input(record_bytes, "record_bytes"), int64_input(footer_bytes or 0, "footer_bytes"),
                int64_input(-1 if buffer_size is None else buffer_size, "buffer_size"),
                string_input(_kind(compression_type), "compression_type")], {})
        super().__init__(*_reader(filenames, num_parallel_reads, one))


def list_files(file_pattern, shuffle=None, seed=None):
    """``Dataset.list_files``: ``MatchingFiles``, an ``Assert`` that something matched, the names."""
    from scopeflow._src.ops.control import api as control  # loaded on first use: tf.Assert

    with name_scope("list_files"):
        if shuffle is None:
            shuffle = True
        pattern = convert_to_tensor(file_pattern, dtype=dtypes.string, name="file_pattern")
        matching = create_output("MatchingFiles", [pattern], {})
        count = array_ops.shape(matching)[0]
        condition = math_ops.greater(count, 0, name="match_not_empty")
        shown = ", ".join(_names(file_pattern)) if not hasattr(file_pattern, "op") else "<pattern>"
        message = convert_to_tensor(f"No files matched pattern: {shown}", dtype=dtypes.string, name="message")
        check = control.Assert(condition, [message], summarize=1, name="assert_not_empty")
        with control_dependencies([check]):
            matching = array_ops.identity(matching)
        dataset = Dataset(*sources.tensor_slices(matching, is_files=True))
        if shuffle:
            size = math_ops.maximum(array_ops.shape(matching, out_type=dtypes.int64)[0], 1)
            dataset = dataset.shuffle(size, seed=seed)
    return dataset

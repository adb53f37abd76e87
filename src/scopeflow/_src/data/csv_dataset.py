"""``tf.data.experimental.CsvDataset`` (``CSVDatasetV2``): the records of CSV files, one
element per record, one scalar per column, typed by ``record_defaults``.

Records are read as TensorFlow's CSV dataset kernel reads them, which differs from
``tf.io.decode_csv``: a record ends at ``\\n``, ``\\r`` or ``\\r\\n`` outside quotes (a quoted field
may hold line breaks), an empty line is a record of one empty field, and an error in a record
(a stray quote, a bad number, a missing required field, too few or too many fields) is raised
for that record after it has been read whole, so that the next element is the next record.
An empty field, or one equal to ``na_value``, takes the column's default; a column whose
default is empty (or a dtype) is required. ``header=True`` skips each file's first record.

>>> import os, tempfile, scopeflow as tf
>>> path = os.path.join(tempfile.mkdtemp(), "a.csv")
>>> _ = open(path, "w").write('n,name\\n1,"x,y"\\n2,\\n')
>>> with tf.Graph().as_default():
...     ds = tf.data.experimental.CsvDataset(path, [tf.int32, "?"], header=True)
...     nxt = tf.data.make_one_shot_iterator(ds).get_next()
...     with tf.Session() as sess:
...         print(sess.run(nxt), sess.run(nxt))
(np.int32(1), b'x,y') (np.int32(2), b'?')
"""

from __future__ import annotations

import re

import numpy as np

from scopeflow._src.data import runtime
from scopeflow._src.data.graph_build import add_dataset_op, register_dataset_op
from scopeflow._src.data.structure import Structure
from scopeflow._src.framework import dtypes, errors
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import Arg
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.lib_io.tf_record import open_stream
from scopeflow._src.ops.parsing.numbers import parse

_ACCEPTABLE_CSV_TYPES = (dtypes.float32, dtypes.float64, dtypes.int32, dtypes.int64, dtypes.string)
_TYPE_NAMES = {dtypes.float32: "float", dtypes.float64: "double", dtypes.int32: "int32", dtypes.int64: "int64"}
_QUOTE, _CR, _LF = ord('"'), ord("\r"), ord("\n")
_DEFAULT_BUFFER_SIZE = 4 * 1024 * 1024
_COMPRESSION = ("", "ZLIB", "GZIP")


class _RecordError(Exception):
    """The first error TF's kernel notes while reading a record (raised once the record is read)."""


class Columns:
    """What each record becomes: the output dtypes, defaults, ``na_value``, and the columns kept
    (``select``, increasing) or dropped (``exclude``, increasing); neither: every column."""

    def __init__(self, types, defaults, na_value: bytes, select, exclude):
        self.types, self.defaults, self.na_value = types, defaults, na_value
        self.select, self.exclude = select, exclude

    def include(self, column: int, taken: int) -> bool:
        if self.exclude:
            return column not in self.exclude
        return not self.select or (taken < len(self.select) and self.select[taken] == column)

    def add(self, outputs: list, field: bytes):
        """Append ``field`` converted to the next output's dtype, or raise TF's error for it."""
        index = len(outputs)
        if index >= len(self.types):
            raise _RecordError(f"Expect {len(self.types)} fields but have more in record")
        outputs.append(None)
        dtype, default = self.types[index], self.defaults[index]
        if not field or field == self.na_value:
            if default.size != 1:
                raise _RecordError(f"Field {index} is required but missing in record!")
            outputs[index] = default.reshape(-1)[:1].reshape(())
            return
        if dtype == dtypes.string:
            outputs[index] = field
            return
        value = parse(field, np.dtype(dtype.as_numpy_dtype))
        if value is None:
            raise _RecordError(f"Field {index} in record is not a valid {_TYPE_NAMES[dtype]}: "
                               f"{field.decode('utf-8', 'replace')}")
        with np.errstate(over="ignore"):  # a float32 column's 1e40 is inf, as in TF
            outputs[index] = np.array(value, dtype=dtype.as_numpy_dtype)


class RecordReader:
    """Reads one file's records from ``data`` (the whole file), field by field."""

    def __init__(self, data: bytes, delim: bytes, use_quote: bool):
        self.data, self.pos, self.delim, self.use_quote = data, 0, delim[0], use_quote
        self.stop = re.compile(b"[" + re.escape(delim) + b"\r\n]")

    def at_end(self) -> bool:
        return self.pos >= len(self.data)

    def record(self, columns):
        """The next record's outputs (``columns=None``: read and drop it, the header); TF's
        first noted error is raised after the whole record is read."""
        outputs, error, column, taken, end = [], None, 0, 0, False
        while not end:
            include = columns is not None and columns.include(column, taken)
            try:
                field, end = self._field()
                if include and field is not None:
                    columns.add(outputs, field)
            except _RecordError as e:
                error = error or e
                end = end or getattr(e, "end", False)
            column += 1
            taken += include
        if error is not None:
            raise error
        return outputs

    def _field(self):
        """(the field's bytes or ``None`` when it is not output, whether the record ended)."""
        if self.at_end():
            return b"", True
        if self.use_quote and self.data[self.pos] == _QUOTE:
            return self._quoted()
        return self._unquoted()

    def _unquoted(self):
        data, start = self.data, self.pos
        found = self.stop.search(data, start)
        end = len(data) if found is None else found.start()
        field = data[start:end]
        self.pos = end + 1
        ended = found is None or data[end] != self.delim
        if ended and found is not None and data[end] == _CR and self.pos < len(data) and data[self.pos] == _LF:
            self.pos += 1
        if self.use_quote and _QUOTE in field:
            error = _RecordError("Unquoted fields cannot have quotes inside")
            error.end = ended
            raise error
        return field, ended

    def _quoted(self):
        data, start, error = self.data, self.pos, None
        pos = start + 1
        while True:
            close = data.find(b'"', pos)
            if close < 0:
                self.pos = len(data)  # the record goes on: the next field is the empty one at the end
                raise _RecordError("Reached end of file without closing quoted field in record")
            pos = close + 2
            if close + 1 >= len(data):
                self.pos, ended = len(data), True
                break
            nxt = data[close + 1]
            if nxt == self.delim or nxt in (_CR, _LF):
                self.pos, ended = pos, nxt != self.delim
                if nxt == _CR and pos < len(data) and data[pos] == _LF:
                    self.pos += 1
                break
            if nxt != _QUOTE and error is None:
                error = _RecordError("Quote inside a string has to be escaped by another quote")
        if error is not None:
            error.end = ended
            raise error
        return data[start + 1:close].replace(b'""', b'"'), ended


class CsvValue(runtime.DatasetValue):
    def __init__(self, filenames, compression, header, delim, use_quote, columns):
        self.filenames, self.compression, self.header = filenames, compression, header
        self.delim, self.use_quote, self.columns = delim, use_quote, columns

    def make(self):
        return CsvIterator(self)


class CsvIterator(runtime.ElementIterator):
    def __init__(self, value):
        self.value, self.files, self.reader = value, list(value.filenames), None

    def next(self):
        v = self.value
        while True:
            if self.reader is not None and not self.reader.at_end():
                try:
                    outputs = self.reader.record(v.columns)
                except _RecordError as e:
                    raise errors.InvalidArgumentError(None, None, str(e)) from None
                if len(outputs) != len(v.columns.types):
                    raise errors.InvalidArgumentError(
                        None, None, f"Expect {len(v.columns.types)} fields but have {len(outputs)} in record")
                return tuple(outputs)
            if not self.files:
                return None
            self._open(self.files.pop(0))

    def _open(self, path):
        v = self.value
        with open_stream(path, v.compression) as stream:
            self.reader = RecordReader(stream.read(), v.delim, v.use_quote)
        if v.header:
            try:
                if self.reader.at_end():
                    raise _RecordError("end of file")
                self.reader.record(None)
            except _RecordError:
                raise errors.InvalidArgumentError(None, None, "Can't read header of file") from None


def _text(value) -> str:
    value = np.asarray(value, dtype=object).item()
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _check_columns(types, select, exclude):
    """The kernel's checks of ``select_cols``/``exclude_cols``, with TF's messages."""
    if select and len(select) != len(types):
        raise errors.InvalidArgumentError(None, None, "select_cols should match output size")
    for name, cols in (("select_cols", select), ("exclude_cols", exclude)):
        if any(cols[i - 1] >= cols[i] for i in range(1, len(cols))):
            raise errors.InvalidArgumentError(None, None, f"{name} should be strictly increasing indices")
        if cols and cols[0] < 0:
            raise errors.InvalidArgumentError(None, None, f"{name} should be non-negative indices")
        if name == "select_cols" and select and exclude:
            raise errors.InvalidArgumentError(None, None, "Either select_cols or exclude_cols should be empty")


def _csv_factory(op, state):
    types = list(op._attrs["output_types"])

    def csv_dataset(filenames, compression, buffer_size, header, delim, use_quote, na_value, select, *rest):
        defaults, exclude = rest[:-1], rest[-1]
        kind = _text(compression)
        if int(np.asarray(buffer_size)) <= 0:
            raise errors.InvalidArgumentError(None, None, "buffer_size should be positive")
        delim = np.asarray(delim, dtype=object).item()
        if len(delim) != 1:
            raise errors.InvalidArgumentError(None, None, "field_delim should be only 1 char")
        if kind not in _COMPRESSION:
            raise errors.InvalidArgumentError(None, None, f"Unsupported compression_type: {kind}.")
        select, exclude = [int(c) for c in np.ravel(select)], [int(c) for c in np.ravel(exclude)]
        _check_columns(types, select, exclude)
        columns = Columns(types, [np.asarray(d) for d in defaults], np.asarray(na_value, dtype=object).item(),
                          select, frozenset(exclude))
        names = [_text(f) for f in np.ravel(np.asarray(filenames, dtype=object))]
        return CsvValue(names, kind, bool(np.asarray(header)), delim, bool(np.asarray(use_quote)), columns)
    return csv_dataset


register_dataset_op("CSVDatasetV2", [
    "filenames: string", "compression_type: string", "buffer_size: int64", "header: bool", "field_delim: string",
    "use_quote_delim: bool", "na_value: string", "select_cols: int64",
    Arg("record_defaults", type_attr="output_types", number_attr="_num_components"), "exclude_cols: int64"],
    _csv_factory, stateful=True, metadata=False)


def _optional(value, default, dtype, name):
    """TF's ``optional_param_to_tensor``: ``value`` or ``default``, named ``name``."""
    if value is not None:
        return convert_to_tensor(value, dtype=dtype, name=name)
    return constant(default, dtype=dtype, name=name)


def csv_dataset(filenames, record_defaults, compression_type=None, buffer_size=None, header=False, field_delim=",",
                use_quote_delim=True, na_value="", select_cols=None, exclude_cols=None):
    """The ``CSVDatasetV2`` node, built as TF builds it: (variant tensor, element structure)."""
    names = convert_to_tensor(filenames, dtype=dtypes.string, name="filenames")
    compression = _optional(compression_type, "", dtypes.string, "compression_type")
    defaults = [constant([], dtype=x) if not isinstance(x, Tensor) and x in _ACCEPTABLE_CSV_TYPES else x
                for x in record_defaults]
    defaults = [d if isinstance(d, Tensor) else convert_to_tensor(d, name=f"record_defaults_{i}")
                for i, d in enumerate(defaults)]
    inputs = [names, compression, _optional(buffer_size, _DEFAULT_BUFFER_SIZE, dtypes.int64, "buffer_size"),
              convert_to_tensor(header, dtype=dtypes.bool, name="header"),
              convert_to_tensor(field_delim, dtype=dtypes.string, name="field_delim"),
              convert_to_tensor(use_quote_delim, dtype=dtypes.bool, name="use_quote_delim"),
              convert_to_tensor(na_value, dtype=dtypes.string, name="na_value"),
              _optional(select_cols, [], dtypes.int64, "select_cols")]
    exclude = _optional(exclude_cols, [], dtypes.int64, "exclude_cols")
    for d in defaults:
        if d.dtype.base_dtype not in _ACCEPTABLE_CSV_TYPES:
            raise TypeError(f"Value passed to parameter 'record_defaults' has DataType {d.dtype.name} not in list of "
                            f"allowed values: float32, float64, int32, int64, string")
        if d.shape.ndims is not None and (d.shape.ndims > 1 or (d.shape.ndims == 1 and (d.shape[0] or 0) > 1)):
            raise ValueError("Shape of a default must be a length-0 or length-1 vector, or a scalar.")
    structure = Structure(tuple(range(len(defaults))), [d.dtype.base_dtype for d in defaults],
                          [TensorShape([])] * len(defaults))
    attrs = {**structure.attrs(), "_num_components": len(defaults)}
    return add_dataset_op("CSVDatasetV2", inputs + defaults + [exclude], attrs), structure

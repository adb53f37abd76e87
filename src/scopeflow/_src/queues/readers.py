"""``tf.ReaderBase`` and the readers: ``TextLineReader``, ``WholeFileReader``,
``FixedLengthRecordReader``, ``TFRecordReader``, ``IdentityReader``.

A reader object holds its op's handle; ``read(queue)`` adds a ``ReaderReadV2`` op whose
run takes a file name from ``queue`` (a queue of strings, or its handle) when the reader
needs work, and gives the next ``(key, value)``. What the reader does when it runs is
``reader_kernels``. As in TensorFlow, only ``WholeFileReader`` and ``IdentityReader``
serialize their state (a ``ReaderBaseState``: counters and current work); the others raise
``UnimplementedError``.
"""

from __future__ import annotations

from scopeflow._src.framework import context, dtypes
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.lib_io.options import TFRecordOptions
from scopeflow._src.queues import reader_ops


def _queue_ref(queue):
    return queue if isinstance(queue, Tensor) else queue.queue_ref


class ReaderBase:
    """A reader of records from the files (work) named in a queue.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     key, value = tf.IdentityReader().read(tf.FIFOQueue(2, tf.string, shapes=[[]]))
    ...     key.name, value.name
    ('ReaderReadV2:0', 'ReaderReadV2:1')
    """

    def __init__(self, reader_ref, supports_serialize=False):
        self._reader_ref = reader_ref
        self._supports_serialize = supports_serialize

    @property
    def reader_ref(self) -> Tensor:
        """The reader's handle (the reader op's output)."""
        return self._reader_ref

    @property
    def supports_serialize(self) -> bool:
        """Whether ``serialize_state`` works for this reader."""
        return self._supports_serialize

    def read(self, queue, name=None):
        """``(key, value)`` string scalars: the next record, taking work from ``queue`` as needed."""
        op = reader_ops.read_op("ReaderReadV2", [self._reader_ref, _queue_ref(queue)], name,
                                [dtypes.string, dtypes.string])
        return op.outputs[0], op.outputs[1]

    def read_up_to(self, queue, num_records, name=None):
        """``(keys, values)`` string vectors: up to ``num_records`` records of the current work."""
        op = reader_ops.read_op("ReaderReadUpToV2", [self._reader_ref, _queue_ref(queue)], name,
                                [dtypes.string, dtypes.string], ("num_records", num_records, dtypes.int64))
        return op.outputs[0], op.outputs[1]

    def num_records_produced(self, name=None):
        """An int64 scalar: how many records this reader produced."""
        return reader_ops.read_op("ReaderNumRecordsProducedV2", [self._reader_ref], name, [dtypes.int64]).outputs[0]

    def num_work_units_completed(self, name=None):
        """An int64 scalar: how many work units (files) this reader finished."""
        return reader_ops.read_op("ReaderNumWorkUnitsCompletedV2", [self._reader_ref], name,
                                  [dtypes.int64]).outputs[0]

    def serialize_state(self, name=None):
        """A string scalar holding the reader's state (``UnimplementedError`` when run here)."""
        return reader_ops.read_op("ReaderSerializeStateV2", [self._reader_ref], name, [dtypes.string]).outputs[0]

    def restore_state(self, state, name=None):
        """An op restoring a state from ``serialize_state``."""
        return reader_ops.read_op("ReaderRestoreStateV2", [self._reader_ref], name, [],
                                  ("state", state, dtypes.string))

    def reset(self, name=None):
        """An op that forgets the current work and zeroes the counters."""
        return reader_ops.read_op("ReaderResetV2", [self._reader_ref], name, [])


def _make(op_type, name, **attrs):
    return reader_ops.reader_op(op_type, context.default_graph(), name,
                                {k: v for k, v in attrs.items() if v is not None})


class TextLineReader(ReaderBase):
    """Reads the lines of each file (keys ``b"<file>:<line number>"``), after
    ``skip_header_lines`` lines."""

    def __init__(self, skip_header_lines=None, name=None):
        super().__init__(_make("TextLineReaderV2", name, skip_header_lines=skip_header_lines))


class WholeFileReader(ReaderBase):
    """Reads each file whole: the key is the file name, the value its contents."""

    def __init__(self, name=None):
        super().__init__(_make("WholeFileReaderV2", name), supports_serialize=True)


class IdentityReader(ReaderBase):
    """Gives each work item as both the key and the value."""

    def __init__(self, name=None):
        super().__init__(_make("IdentityReaderV2", name), supports_serialize=True)


class FixedLengthRecordReader(ReaderBase):
    """Reads ``record_bytes``-long records (keys ``b"<file>:<index>"``) after ``header_bytes``
    and before ``footer_bytes``, each ``hop_bytes`` after the previous (default: adjacent);
    ``encoding`` ``"ZLIB"`` or ``"GZIP"`` for compressed files."""

    def __init__(self, record_bytes, header_bytes=None, footer_bytes=None, hop_bytes=None, name=None,
                 encoding=None):
        super().__init__(_make("FixedLengthRecordReaderV2", name, record_bytes=record_bytes,
                               header_bytes=header_bytes, footer_bytes=footer_bytes, hop_bytes=hop_bytes,
                               encoding=encoding))


class TFRecordReader(ReaderBase):
    """Reads the records of TFRecord files (keys ``b"<file>:<byte offset>"``), compressed as
    ``options`` (a ``TFRecordOptions``) says."""

    def __init__(self, name=None, options=None):
        compression_type = TFRecordOptions.get_compression_type_string(options)
        super().__init__(_make("TFRecordReaderV2", name, compression_type=compression_type))

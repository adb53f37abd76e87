"""The readers themselves: what a ``TextLineReaderV2`` (and its kin) op holds in a session.

A reader takes work (a file name) from a queue of strings when it has none, and produces
records from it until it is used up, as TensorFlow's ``ReaderBase``: ``read`` gives one
``(key, value)``, ``read_up_to`` up to ``n`` of them from the current work only (at least
one), and the counters say how many records and work units were done. A file that cannot
be opened stays the current work, so the next read fails the same way. Keys are TF's:
``b"<file>:<line>"`` (lines counted from 1, header included), ``b"<file>:<record>"`` for
fixed-length records, ``b"<file>:<byte offset>"`` for TFRecords, the file name for whole
files and the work itself for ``IdentityReader``.
"""

from __future__ import annotations

import threading

import numpy as np

from scopeflow._src import protos
from scopeflow._src.framework import errors
from scopeflow._src.lib_io.tf_record import open_stream, read_records


def _text(work) -> str:
    return work.decode("utf-8", "surrogateescape") if isinstance(work, bytes) else str(work)


class ReaderKernel:
    """Produces ``(key, value)`` records from work taken from a queue. ``kind`` and ``name``
    (the node's) word errors; readers of one record per work item finish it with that record,
    and only they serialize their state (a ``ReaderBaseState``), as in TensorFlow."""

    kind = "ReaderBase"
    one_record_per_work = False

    def __init__(self, name: str):
        self.name = name
        self._lock = threading.Lock()
        self.reset()

    # -- what the subclasses define -----------------------------------------------------------
    def _records(self, work: bytes):
        """An iterator of ``(key, value)`` pairs of ``work`` (each subclass reads its format)."""
        return iter(())

    # -- ops ----------------------------------------------------------------------------------
    def reset(self) -> None:
        self._work = None  # the current work (bytes) and its records, None when there is none
        self._records_left = None
        self._last_work = b""
        self.records_produced = 0
        self.work_units_started = 0
        self.work_units_completed = 0

    def read(self, queue):
        with self._lock:
            while True:
                record = self._next(queue)
                if record is not None:
                    self.records_produced += 1
                    return np.array(record[0], dtype=object), np.array(record[1], dtype=object)

    def read_up_to(self, queue, n):
        n = int(n)
        if n <= 0:
            raise errors.InvalidArgumentError(None, None, f"num_records must be positive, but got: {n}")
        keys, values = [], []
        with self._lock:
            while not keys:
                record = self._next(queue)
                while record is not None:
                    keys.append(record[0])
                    values.append(record[1])
                    if len(keys) == n:
                        break
                    record = self._next(queue, same_work_only=True)
            self.records_produced += len(keys)
        return np.array(keys, dtype=object), np.array(values, dtype=object)

    def _next(self, queue, same_work_only=False):
        """The next record, taking new work when needed; ``None`` when the work ran out."""
        if self._work is None:
            if same_work_only:
                return None
            work = queue.dequeue()[0].item()
            self._work = self._last_work = work if isinstance(work, bytes) else str(work).encode()
            self.work_units_started += 1
        if self._records_left is None:
            self._records_left = iter(self._records(self._work))
        try:
            record = next(self._records_left, None)
        except Exception:
            self._records_left = None  # the work stays current: the next read tries it again
            raise
        if record is None or self.one_record_per_work:
            self._work = self._records_left = None
            self.work_units_completed += 1
        return record

    def serialize_state(self):
        if not self.one_record_per_work:
            raise errors.UnimplementedError(None, None, "Reader SerializeState")
        with self._lock:
            return np.array(protos.ReaderBaseState(
                work_started=self.work_units_started, work_finished=self.work_units_completed,
                num_records_produced=self.records_produced, current_work=self._last_work).SerializeToString(),
                dtype=object)

    def restore_state(self, state):
        if not self.one_record_per_work:
            raise errors.UnimplementedError(None, None, "Reader RestoreState")
        data = np.asarray(state).item()
        parsed = protos.ReaderBaseState()
        try:
            parsed.ParseFromString(data)
        except Exception:  # noqa: BLE001 - protobuf's DecodeError
            parsed = None
        if parsed is None or parsed.work_started < parsed.work_finished or parsed.num_records_produced < 0:
            shown = data.decode("utf-8", "backslashreplace") if isinstance(data, bytes) else str(data)
            raise errors.InvalidArgumentError(None, None, f"Could not parse state for {self.kind} '{self.name}': "
                                                          f"{shown}")
        with self._lock:
            self.work_units_started, self.work_units_completed = parsed.work_started, parsed.work_finished
            self.records_produced, self._last_work = parsed.num_records_produced, parsed.current_work
            in_progress = parsed.work_started > parsed.work_finished
            self._work, self._records_left = (parsed.current_work if in_progress else None), None

    def close(self) -> None:
        """The session closes: nothing to stop (a read waits on its queue, which is closed)."""


class TextLineReaderKernel(ReaderKernel):
    """The lines of each file (without ``\\n`` or ``\\r\\n``), after ``skip_header_lines``."""

    def __init__(self, name, skip_header_lines=0):
        self.skip_header_lines = skip_header_lines
        super().__init__(name)

    def _records(self, work):
        with open_stream(_text(work)) as stream:
            data = stream.read()
        lines = data.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        for number, line in enumerate(lines[self.skip_header_lines:], self.skip_header_lines + 1):
            yield work + b":" + str(number).encode(), line[:-1] if line.endswith(b"\r") else line


class WholeFileReaderKernel(ReaderKernel):
    """Each file as one record, keyed by its name."""

    kind = "WholeFileReader"
    one_record_per_work = True

    def _records(self, work):
        with open_stream(_text(work)) as stream:
            data = stream.read()
        yield work, data


class IdentityReaderKernel(ReaderKernel):
    """Each work item as one record, both key and value."""

    kind = "IdentityReader"
    one_record_per_work = True

    def _records(self, work):
        yield work, work


class FixedLengthRecordReaderKernel(ReaderKernel):
    """``record_bytes``-long records between a header and a footer, ``hop_bytes`` apart (or
    back to back); a last record that would run into the footer is dropped."""

    def __init__(self, name, record_bytes, header_bytes=0, footer_bytes=0, hop_bytes=0, encoding=""):
        self.record_bytes, self.header_bytes, self.footer_bytes = record_bytes, header_bytes, footer_bytes
        self.hop_bytes, self.encoding = hop_bytes, encoding
        super().__init__(name)

    def _records(self, work):
        with open_stream(_text(work), self.encoding) as stream:
            data = stream.read()
        body = data[self.header_bytes:len(data) - self.footer_bytes]
        step = self.hop_bytes or self.record_bytes
        start, index = 0, 0
        while start + self.record_bytes <= len(body):
            yield work + b":" + str(index).encode(), body[start:start + self.record_bytes]
            start += step
            index += 1


class TFRecordReaderKernel(ReaderKernel):
    """The records of each TFRecord file, keyed by their byte offset in the (decompressed) file."""

    def __init__(self, name, compression_type=""):
        self.compression_type = compression_type
        super().__init__(name)

    def _records(self, work):
        offset = 0
        for record in read_records(_text(work), self.compression_type):
            yield work + b":" + str(offset).encode(), record
            offset += len(record) + 16  # length (8), its CRC (4), the data, its CRC (4)

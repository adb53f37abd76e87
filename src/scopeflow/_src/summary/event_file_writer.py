"""``EventFileWriter``: writes ``Event`` protocol buffers to an event file from a thread of its own.

The file is ``<logdir>/events.out.tfevents.<10-digit seconds>.<hostname><suffix>``, made at
the first event (at once when a ``filename_suffix`` is given, as TF's writer does); its
first record is the ``file_version`` event. ``add_event`` serializes the event and adds it
to the pending ones; each ``max_queue`` of them go to the thread together (``add_event``
blocks while the thread is still writing the ones before), as do the first event, and the
pending ones every ``flush_secs`` seconds and on ``flush``. The thread frames them as
TFRecords and writes them in one system call, so a file holds whole records only, and asks
the operating system to store the file at the first event, every ``flush_secs`` and on
``flush``. ``close`` flushes and closes the file; ``reopen`` starts a new file at the next
event. Writers still open when the interpreter exits are closed then, so no added event is
lost.

Where we differ: TensorFlow names a reopened writer's file after the current second and
overwrites a file of that name written in the same second; scopeflow takes the next free
second instead, so each file of a run keeps its events and files sort in writing order.
TensorFlow's thread takes the events one at a time; scopeflow's takes them ``max_queue`` at
a time, which halves the cost of an event.
"""

from __future__ import annotations

import atexit
import os
import queue
import socket
import sys
import threading
import time
import weakref

from scopeflow._src.framework import errors
from scopeflow._src.protos import Event
from scopeflow._src.summary.records import RecordWriter, frame_all

FILE_VERSION = "brain.Event:2"
SOURCE_WRITER = "tensorflow.core.util.events_writer"
_SYNC, _FLUSH, _CLOSE = object(), object(), object()
_BATCHES = 64  # batches of max_queue events that may wait for the thread before add_event blocks
_OPEN: weakref.WeakSet = weakref.WeakSet()


def message_kind(message) -> str | None:
    """``"Event"`` for a ``tensorflow.Event`` (ours, TensorFlow's, or TensorBoard's copy of it,
    ``tensorboard.Event``), and so on; ``None`` for anything else."""
    name = getattr(getattr(message, "DESCRIPTOR", None), "full_name", "")
    package, _, kind = name.rpartition(".")
    return kind if package in ("tensorflow", "tensorboard") else None


def event_bytes(event) -> bytes:
    """``event`` (an ``Event``, ours or another library's) serialized; TF's ``TypeError`` otherwise."""
    if type(event) is not Event and message_kind(event) != "Event":
        kind = getattr(getattr(event, "DESCRIPTOR", None), "full_name", None) or type(event).__name__
        raise TypeError(f"Expected an tensorflow.Event proto, but got {kind}")
    return event.SerializeToString()


class EventFileWriter:
    """Writes events to a new event file in ``logdir`` (made if missing), from a thread.

    >>> import tempfile
    >>> writer = EventFileWriter(tempfile.mkdtemp())
    >>> writer.add_event(Event(step=1))
    >>> writer.close()
    >>> os.path.basename(writer.path).startswith("events.out.tfevents.")
    True
    """

    def __init__(self, logdir, max_queue: int = 10, flush_secs: float = 120, filename_suffix=None):
        self._logdir = str(logdir)
        if os.path.exists(self._logdir) and not os.path.isdir(self._logdir):
            raise errors.FailedPreconditionError(None, None, f"{self._logdir} is not a directory")
        os.makedirs(self._logdir, exist_ok=True)
        self._max_queue = max_queue
        self._flush_secs = flush_secs
        self._suffix = filename_suffix.decode() if isinstance(filename_suffix, bytes) else (filename_suffix or "")
        self._file: RecordWriter | None = None
        self._next_sync = 0.0
        self._unsynced = False
        self.path: str | None = None
        if self._suffix:
            self._open_file()
        self._closed = True
        self._start()
        _OPEN.add(self)

    def get_logdir(self) -> str:
        """The directory the event files are written to."""
        return self._logdir

    def add_event(self, event) -> None:
        """Add ``event`` (an ``Event`` protocol buffer) to the file; nothing once closed."""
        if self._closed:
            return
        data = event_bytes(event)
        with self._lock:
            self._pending.append(data)
            count = len(self._pending)
        if not self._started:  # the first event is written and stored at once, as by TF's writer
            self._started = True
            self._hand_over(_SYNC)
        elif count >= self._max_queue:
            self._hand_over()

    def flush(self) -> None:
        """Write every event added so far and have the operating system store the file; waits."""
        if not self._closed:
            self._flushed.clear()
            self._hand_over(_FLUSH)
            self._flushed.wait()
            self._raise_failure()

    def close(self) -> None:
        """Flush, then close the file. ``reopen`` starts a new one."""
        if not self._closed:
            self.flush()
            self._stop()

    def reopen(self) -> None:
        """After ``close``: write the next events to a new file (nothing if still open)."""
        if self._closed:
            self._start()

    # -- the writing thread ----------------------------------------------------------------------
    def _start(self) -> None:
        self._queue: queue.Queue = queue.Queue(_BATCHES)
        self._lock = threading.Lock()
        self._pending: list[bytes] = []
        self._started = False
        self._flushed = threading.Event()
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="EventLoggerThread", daemon=True)
        self._closed = False
        self._thread.start()

    def _hand_over(self, then=None) -> None:
        """Give the pending events to the thread (followed by ``then``: sync, flush or close)."""
        self._raise_failure()
        with self._lock:
            batch, self._pending = self._pending, []
        self._queue.put((batch, then))

    def _raise_failure(self) -> None:
        """Re-raise, once, what stopped the thread writing (TF's writer then counts as closed)."""
        failure, self._failure = self._failure, None
        if failure is not None:
            self._stop()
            raise failure

    def _stop(self) -> None:
        self._queue.put(([], _CLOSE))
        self._thread.join()
        self._closed = True

    def _run(self) -> None:
        """Write each batch; sync when asked to and ``flush_secs`` after the last sync."""
        while True:
            try:
                batch, then = self._queue.get(timeout=self._flush_secs)
            except queue.Empty:  # flush_secs without a batch: the events added meanwhile
                with self._lock:
                    batch, self._pending = self._pending, []
                then = _SYNC
            try:
                self._write(batch, sync=then is not None or time.monotonic() >= self._next_sync)
                if then is _CLOSE:
                    if self._file is not None:
                        self._file.close()
                        self._file = None
                    return
            except Exception as e:  # noqa: BLE001 - raised in the caller by its next call
                self._failure = e
                print(f"EventFileWriter writer thread error: {e}", file=sys.stderr)
                if then is _CLOSE:
                    return
            finally:
                if then is _FLUSH:
                    self._flushed.set()

    def _write(self, batch: list, sync: bool) -> None:
        if batch:
            if self._file is None:
                self._open_file()
            self._file.write_framed(frame_all(batch))
            self._unsynced = True
        if sync and self._unsynced and self._file is not None:
            self._file.flush()
            self._unsynced = False
            self._next_sync = time.monotonic() + self._flush_secs

    def _open_file(self) -> None:
        seconds = int(time.time())
        while True:
            path = os.path.join(self._logdir, f"events.out.tfevents.{seconds:010d}.{socket.gethostname()}"
                                              f"{self._suffix}")
            try:
                self._file = RecordWriter(path, exclusive=True)
                break
            except FileExistsError:
                seconds += 1
        self.path = path
        first = Event(wall_time=float(seconds), file_version=FILE_VERSION)
        first.source_metadata.writer = SOURCE_WRITER
        self._file.write(first.SerializeToString())
        self._unsynced = True


@atexit.register
def _close_open_writers() -> None:
    """Flush and close every writer still open when the interpreter exits."""
    for writer in list(_OPEN):
        try:
            writer.close()
        except Exception:  # noqa: BLE001, S110 - exiting: each writer gets its chance
            pass

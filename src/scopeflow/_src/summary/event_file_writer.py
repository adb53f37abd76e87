"""``EventFileWriter``: writes ``Event`` protocol buffers to an event file.

The file is ``<logdir>/events.out.tfevents.<10-digit seconds>.<hostname><suffix>``, made at
the first event (at once when a ``filename_suffix`` is given, as TF's writer does); its
first record is the ``file_version`` event. ``add_event`` serializes the event and keeps it
with the pending ones; the first event, and then each ``max_queue`` pending events, are
framed as TFRecords and written to the file in one system call, so that a file only ever
holds whole records. A thread of the writer's own writes the pending events every
``flush_secs`` seconds and has the operating system store the file (``fsync``), after the
first event and then every ``flush_secs``; ``flush`` does both at once. ``close`` flushes and
closes the file; ``reopen`` starts a new file at the next event. Writers still open when the
interpreter exits are closed then, so no added event is lost.

Where we differ: TensorFlow names a reopened writer's file after the current second and
overwrites a file of that name written in the same second; scopeflow takes the next free
second instead, so each file of a run keeps its events and files sort in writing order.
TensorFlow's thread takes the events from a queue one at a time and writes them; scopeflow's
caller writes them ``max_queue`` at a time (to the operating system's cache, which is quick)
and the thread only does what is slow (storing the file), which makes an event cost a third.
"""

from __future__ import annotations

import atexit
import socket
import sys
import threading
import time
import weakref

from scopeflow._src.framework import errors
from scopeflow._src.lib_io import file_io, remote_fs
from scopeflow._src.lib_io.local_fs import local_path
from scopeflow._src.platform.records import RecordWriter, frame_all
from scopeflow._src.protos import Event

FILE_VERSION = "brain.Event:2"
SOURCE_WRITER = "tensorflow.core.util.events_writer"
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
    """Writes events to a new event file in ``logdir`` (made if missing).

    >>> import os, tempfile
    >>> writer = EventFileWriter(tempfile.mkdtemp())
    >>> writer.add_event(Event(step=1))
    >>> writer.close()
    >>> os.path.basename(writer.path).startswith("events.out.tfevents.")
    True
    """

    def __init__(self, logdir, max_queue: int = 10, flush_secs: float = 120, filename_suffix=None):
        self._logdir = str(logdir)
        if file_io.exists(self._logdir) and not file_io.isdir(self._logdir):
            raise errors.FailedPreconditionError(None, None, f"{self._logdir} is not a directory")
        file_io.makedirs(self._logdir)  # a local directory, or a remote one (gs://...) through tf.gfile
        self._max_queue = max_queue
        self._flush_secs = flush_secs
        self._suffix = filename_suffix.decode() if isinstance(filename_suffix, bytes) else (filename_suffix or "")
        self._lock = threading.Lock()  # the pending events and the file
        self._file: RecordWriter | None = None
        self._unsynced = False
        self.path: str | None = None
        if self._suffix:
            self._open_file()
        self._start()
        _OPEN.add(self)

    def get_logdir(self) -> str:
        """The directory the event files are written to."""
        return self._logdir

    def add_event(self, event) -> None:
        """Add ``event`` (an ``Event`` protocol buffer) to the file; nothing once closed."""
        if self._closed:
            return
        if self._failure is not None:
            self._raise_failure()
        data = event_bytes(event)
        with self._lock:
            self._pending.append(data)
            if len(self._pending) < self._max_queue and self._started:
                return
            first, self._started = not self._started, True
        self._write(sync=False)
        if first:
            self._wake.set()  # the thread stores the new file at once, as TF's writer does

    def flush(self) -> None:
        """Write every event added so far and have the operating system store the file."""
        if not self._closed:
            self._raise_failure()
            self._write(sync=True)
            self._raise_failure()  # the thread may have failed on these events while this call waited

    def close(self) -> None:
        """Flush, then close the file. ``reopen`` starts a new one."""
        if not self._closed:
            self.flush()
            self._stop()
            with self._lock:
                file, self._file = self._file, None
            if file is not None:
                file.close()

    def reopen(self) -> None:
        """After ``close``: write the next events to a new file (nothing if still open)."""
        if self._closed:
            self._start()

    # -- the thread that stores the file ----------------------------------------------------------
    def _start(self) -> None:
        self._pending: list[bytes] = []
        self._started = False
        self._failure: BaseException | None = None
        self._wake = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="EventLoggerThread", daemon=True)
        self._closed = False
        self._thread.start()

    def _stop(self) -> None:
        self._stopping = True
        self._wake.set()
        self._thread.join()
        self._closed = True

    def _raise_failure(self) -> None:
        """Re-raise, once, what stopped the thread writing (TF's writer then counts as closed)."""
        failure, self._failure = self._failure, None
        if failure is not None:
            self._abandon()
            raise failure

    def _write(self, sync: bool) -> None:
        """The pending events to the file (and the file stored, with ``sync``); on a failure the
        writer closes, as TF's does, and the error is raised."""
        try:
            with self._lock:
                self._write_pending()
                if sync:
                    self._sync()
        except Exception:
            self._abandon()
            raise

    def _abandon(self) -> None:
        """After a failure: stop the thread and let the file go."""
        self._stop()
        with self._lock:
            file, self._file, self._pending = self._file, None, []
        if file is not None:
            try:
                file.close()
            except (OSError, ValueError):
                pass  # the failure being raised says what went wrong

    def _run(self) -> None:
        """Every ``flush_secs`` (or when woken): write the pending events and store the file."""
        while True:
            self._wake.wait(self._flush_secs)
            self._wake.clear()
            if self._stopping:
                return
            with self._lock:  # a failure is recorded before a waiting flush can look for one
                try:
                    self._write_pending()
                    self._sync()
                except Exception as e:  # noqa: BLE001 - raised in the caller by its next call
                    self._failure = e
            if self._failure is not None:
                print(f"EventFileWriter writer thread error: {self._failure}", file=sys.stderr)
                return

    def _write_pending(self) -> None:
        """Under the lock: the pending events to the file, in one write."""
        if self._pending:
            batch, self._pending = self._pending, []
            if self._file is None:
                self._open_file()
            self._file.write_framed(frame_all(batch))
            self._unsynced = True

    def _sync(self) -> None:
        if self._unsynced and self._file is not None:
            self._file.flush()
            self._unsynced = False

    def _open_file(self) -> None:
        seconds = int(time.time())
        while True:
            path = file_io.join(self._logdir, f"events.out.tfevents.{seconds:010d}.{socket.gethostname()}"
                                              f"{self._suffix}")
            try:
                self._file = _new_record_file(path)
                break
            except FileExistsError:
                seconds += 1
        self.path = path
        first = Event(wall_time=float(seconds), file_version=FILE_VERSION)
        first.source_metadata.writer = SOURCE_WRITER
        self._file.write(first.SerializeToString())
        self._unsynced = True


def _new_record_file(path: str) -> RecordWriter:
    """A ``RecordWriter`` of a new file ``path``; ``FileExistsError`` if there is one (a remote
    path's file, opened through tf.gfile's file systems, is checked first)."""
    if remote_fs.scheme_of(path) in ("", "file"):
        return RecordWriter(local_path(path), exclusive=True)
    fs = file_io.filesystem(path)
    if fs.exists(path):
        raise FileExistsError(path)
    return RecordWriter(path, file=fs.open(path, "wb"))


@atexit.register
def _close_open_writers() -> None:
    """Flush and close every writer still open when the interpreter exits."""
    for writer in list(_OPEN):
        try:
            writer.close()
        except Exception:  # noqa: BLE001, S110 - exiting: each writer gets its chance
            pass

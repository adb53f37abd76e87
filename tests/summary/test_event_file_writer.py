"""``EventFileWriter``: file names, the writing thread (``flush_secs``, ``max_queue``, failures),
``reopen``, and that no written event is lost on close, at exit, or when the process is killed
after a flush (and no record is ever half-written)."""

import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest

import scopeflow as tf
from scopeflow._src import protos
from scopeflow._src.lib_io.tf_record import read_records
from scopeflow._src.summary.event_file_writer import EventFileWriter


def _steps(path):
    return [protos.Event.FromString(r).step for r in read_records(path)]


def _scalar_event(step):
    event = protos.Event(step=step, wall_time=1.0)
    event.summary.value.add(tag="v", simple_value=step)
    return event


def _files(logdir):
    return sorted(os.listdir(logdir))


def test_file_name_and_first_event(tmp_path):
    writer = EventFileWriter(str(tmp_path))
    assert _files(tmp_path) == []
    writer.add_event(_scalar_event(1))
    writer.close()
    (name,) = _files(tmp_path)
    assert re.fullmatch(rf"events\.out\.tfevents\.\d{{10}}\.{re.escape(socket.gethostname())}", name)
    first = protos.Event.FromString(next(read_records(str(tmp_path / name))))
    assert first.file_version == "brain.Event:2"
    assert first.source_metadata.writer == "tensorflow.core.util.events_writer"
    assert first.wall_time == int(name.split(".")[3])


def test_a_suffix_makes_the_file_at_once(tmp_path):
    writer = EventFileWriter(str(tmp_path), filename_suffix=".eval")
    (name,) = _files(tmp_path)
    assert name.endswith(".eval")
    writer.close()
    assert _steps(str(tmp_path / name)) == [0]


def test_reopen_in_the_same_second_keeps_both_files_in_order(tmp_path):
    writer = EventFileWriter(str(tmp_path))
    for round_ in range(3):
        writer.add_event(_scalar_event(round_ + 1))
        writer.close()
        writer.reopen()
    writer.close()
    files = _files(tmp_path)
    assert len(files) == 3
    assert [_steps(str(tmp_path / f)) for f in files] == [[0, 1], [0, 2], [0, 3]]


def test_flush_secs_writes_without_a_flush(tmp_path):
    writer = EventFileWriter(str(tmp_path), flush_secs=0.2)
    writer.add_event(_scalar_event(1))
    writer.add_event(_scalar_event(2))  # waits for the next sync, flush_secs after the first
    deadline = time.monotonic() + 5
    path = None
    while time.monotonic() < deadline:
        files = _files(tmp_path)
        if files and _steps(str(tmp_path / files[0])) == [0, 1, 2]:
            path = files[0]
            break
        time.sleep(0.05)
    writer.close()
    assert path is not None


def test_max_queue_blocks_but_loses_nothing(tmp_path):
    writer = EventFileWriter(str(tmp_path), max_queue=2)
    for step in range(500):
        writer.add_event(_scalar_event(step))
    writer.close()
    assert _steps(str(tmp_path / _files(tmp_path)[0])) == [0] + list(range(500))


def test_add_event_refuses_other_messages_at_once(tmp_path):
    writer = EventFileWriter(str(tmp_path))
    with pytest.raises(TypeError, match="Expected an tensorflow.Event proto, but got tensorflow.Summary"):
        writer.add_event(protos.Summary())
    writer.close()


def test_a_writing_failure_is_raised_and_closes_the_writer(tmp_path):
    writer = EventFileWriter(str(tmp_path))
    writer.add_event(_scalar_event(1))
    writer.flush()
    writer._file._file.close()  # the file goes away under the writer
    writer.add_event(_scalar_event(2))
    with pytest.raises(ValueError):
        writer.flush()
    writer.close()  # already closed: nothing to do
    writer.add_event(_scalar_event(3))  # ignored, as by a closed TF writer


def test_a_failure_of_the_thread_is_raised_by_the_next_call(tmp_path, capsys):
    writer = EventFileWriter(str(tmp_path), flush_secs=0.05)
    writer.add_event(_scalar_event(1))
    writer.flush()
    writer._file._file.close()
    writer.add_event(_scalar_event(2))  # pending: the thread writes it within flush_secs, and fails
    deadline = time.monotonic() + 5
    while writer._failure is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert "EventFileWriter writer thread error" in capsys.readouterr().err
    with pytest.raises(ValueError):
        writer.add_event(_scalar_event(3))
    writer.close()


def test_events_are_copied_when_added(tmp_path):
    writer = EventFileWriter(str(tmp_path))
    event = _scalar_event(1)
    writer.add_event(event)
    event.step = 99
    writer.close()
    assert _steps(str(tmp_path / _files(tmp_path)[0])) == [0, 1]


_CHILD = """
import sys, time
import scopeflow as tf
writer = tf.summary.FileWriter(sys.argv[1])
for step in range(int(sys.argv[2])):
    writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag="loss", simple_value=step)]), step)
if sys.argv[3] == "flush":
    writer.flush()
print("ready", flush=True)
if sys.argv[3] in ("flush", "hang"):
    time.sleep(60)
"""


def _child(logdir, count, mode):
    return subprocess.Popen([sys.executable, "-c", _CHILD, str(logdir), str(count), mode], stdout=subprocess.PIPE,
                            text=True)


def _steps_after_a_kill(logdir, count, mode):
    child = _child(logdir, count, mode)
    try:
        assert child.stdout.readline().strip() == "ready"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    (name,) = _files(logdir)
    return _steps(str(logdir / name))  # a half-written record would raise DataLossError


def test_events_flushed_before_a_kill_are_in_the_file(tmp_path):
    assert _steps_after_a_kill(tmp_path, 1000, "flush") == [0] + list(range(1000))


def test_a_kill_without_a_flush_leaves_whole_records_only(tmp_path):
    steps = _steps_after_a_kill(tmp_path, 5000, "hang")
    assert steps[:2] == [0, 0] and steps[1:] == list(range(len(steps) - 1))


def test_writers_left_open_are_flushed_at_exit(tmp_path):
    child = _child(tmp_path, 3000, "exit")
    assert child.wait() == 0
    (name,) = _files(tmp_path)
    assert _steps(str(tmp_path / name)) == [0] + list(range(3000))


def test_summary_iterator_reads_what_file_writer_wrote(tmp_path):
    with tf.summary.FileWriter(str(tmp_path)) as writer:
        writer.add_session_log(tf.SessionLog(status=tf.SessionLog.STOP), 7)
    events = list(tf.train.summary_iterator(str(tmp_path / _files(tmp_path)[0])))
    assert [e.WhichOneof("what") for e in events] == ["file_version", "session_log"]
    assert events[1].session_log.status == tf.SessionLog.STOP and events[1].step == 7

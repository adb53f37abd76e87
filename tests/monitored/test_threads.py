"""Threads of monitored training: queue runners started by a MonitoredSession and the
Supervisor's services are stopped and joined on exit; a thread's error reaches the loop."""

import threading
import time

import pytest

import scopeflow as tf


def _wait_until(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def _queue_threads(before):
    return [t for t in threading.enumerate() if t not in before and t.is_alive()]


def test_monitored_session_starts_and_joins_queue_runners():
    before = set(threading.enumerate())
    queue = tf.FIFOQueue(4, tf.int32)
    counter = tf.get_variable("counter", [], tf.int32, initializer=tf.zeros_initializer())
    enqueue = queue.enqueue(tf.assign_add(counter, 1))
    tf.train.add_queue_runner(tf.train.QueueRunner(queue, [enqueue]))
    dequeue = queue.dequeue()
    got = []
    with tf.train.MonitoredSession() as sess:
        assert _queue_threads(before)  # the runner is feeding the queue
        for _ in range(5):
            got.append(int(sess.run(dequeue)))
    assert got == [1, 2, 3, 4, 5]
    assert _wait_until(lambda: not _queue_threads(before)), _queue_threads(before)


def test_a_queue_runner_error_is_raised_from_run():
    queue = tf.FIFOQueue(4, tf.float32)
    bad = tf.placeholder(tf.float32, [])  # the runner cannot feed it: its enqueue fails
    tf.train.add_queue_runner(tf.train.QueueRunner(queue, [queue.enqueue(bad)]))
    dequeue = queue.dequeue()
    with pytest.raises(tf.errors.InvalidArgumentError, match="You must feed a value for placeholder"):
        with tf.train.MonitoredSession() as sess:
            while not sess.should_stop():
                sess.run(dequeue)


def test_supervisor_services_run_and_are_joined(tmp_path):
    before = set(threading.enumerate())
    step = tf.train.get_or_create_global_step()
    w = tf.get_variable("w", [], initializer=tf.ones_initializer())
    tf.summary.scalar("w", w)
    inc = tf.assign_add(step, 1)
    sv = tf.train.Supervisor(logdir=str(tmp_path), save_model_secs=0.05, save_summaries_secs=0.05)
    with sv.managed_session() as sess:
        names = {t.name for t in threading.enumerate()}
        assert {"scopeflow-supervisor-summaries", "scopeflow-supervisor-steps",
                "scopeflow-supervisor-checkpoints"} <= names
        assert _wait_until(lambda: tf.train.latest_checkpoint(str(tmp_path)) is not None)
        for _ in range(3):
            sess.run(inc)
    assert sv.should_stop()
    assert not [t for t in set(threading.enumerate()) - before if t.name.startswith("scopeflow-supervisor")]
    events = []
    for name in sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("events")):
        events += list(tf.train.summary_iterator(str(tmp_path / name)))
    tags = {v.tag for e in events for v in e.summary.value}
    assert {"w_1", "global_step/sec"} <= tags
    statuses = [e.session_log.status for e in events if e.HasField("session_log")]
    assert statuses[0] == tf.SessionLog.START and statuses[-1] == tf.SessionLog.STOP
    assert tf.SessionLog.CHECKPOINT in statuses
    tf.get_default_graph()._unsafe_unfinalize()


def test_supervisor_loop_thread_is_joined_by_stop():
    calls = []
    sv = tf.train.Supervisor(save_model_secs=0, save_summaries_secs=0)
    looper = sv.loop(0.01, calls.append, args=(1,))
    assert _wait_until(lambda: len(calls) >= 2)
    sv.stop()
    assert not looper.is_alive()
    tf.get_default_graph()._unsafe_unfinalize()


def test_supervisor_starts_and_joins_queue_runners():
    before = set(threading.enumerate())
    queue = tf.FIFOQueue(4, tf.int32)
    counter = tf.get_variable("counter", [], tf.int32, initializer=tf.zeros_initializer())
    tf.train.add_queue_runner(tf.train.QueueRunner(queue, [queue.enqueue(tf.assign_add(counter, 1))]))
    dequeue = queue.dequeue()
    sv = tf.train.Supervisor(save_model_secs=0, save_summaries_secs=0)
    with sv.managed_session() as sess:
        got = [int(sess.run(dequeue)) for _ in range(3)]
    assert got == [1, 2, 3]
    assert _wait_until(lambda: not _queue_threads(before)), _queue_threads(before)
    tf.get_default_graph()._unsafe_unfinalize()

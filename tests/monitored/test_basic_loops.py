"""``tf.train.basic_train_loop``: the step function's arguments, stopping, and the retry on
``AbortedError`` (a restarted server) that a single process cannot show with a real Supervisor."""

import contextlib

import pytest

import scopeflow as tf


class FakeSupervisor:
    """Counts managed sessions; stops after ``steps`` calls of ``should_stop``."""

    def __init__(self, steps):
        self.steps = steps
        self.sessions = []
        self.masters = []

    @contextlib.contextmanager
    def managed_session(self, master=""):
        self.masters.append(master)
        sess = f"session-{len(self.sessions)}"
        self.sessions.append(sess)
        yield sess

    def should_stop(self):
        self.steps -= 1
        return self.steps < 0


def test_step_fn_gets_the_session_args_and_kwargs():
    sv = FakeSupervisor(3)
    calls = []
    tf.train.basic_train_loop(sv, lambda sess, *a, **k: calls.append((sess, a, k)), args=(1, 2),
                              kwargs={"k": 3}, master="grpc://x")
    assert calls == [("session-0", (1, 2), {"k": 3})] * 3
    assert sv.masters == ["grpc://x"]


def test_aborted_error_opens_a_new_session_and_goes_on():
    sv = FakeSupervisor(6)
    calls = []

    def step(sess):
        calls.append(sess)
        if len(calls) == 2:
            raise tf.errors.AbortedError(None, None, "server restarted")

    tf.train.basic_train_loop(sv, step)
    assert calls == ["session-0", "session-0", "session-1", "session-1", "session-1", "session-1"]
    assert sv.masters == ["", ""]


def test_other_errors_end_the_loop():
    sv = FakeSupervisor(10)

    def step(sess):
        raise tf.errors.UnavailableError(None, None, "gone")

    with pytest.raises(tf.errors.UnavailableError, match="gone"):
        tf.train.basic_train_loop(sv, step)
    assert len(sv.sessions) == 1


def test_real_supervisor_trains_until_stop(tmp_path):
    with tf.Graph().as_default():
        step = tf.train.get_or_create_global_step()
        inc = tf.assign_add(step, 1)
        sv = tf.train.Supervisor(logdir=str(tmp_path), save_model_secs=0, save_summaries_secs=0)

        def train_step(sess):
            if sess.run(inc) >= 4:
                sv.request_stop()

        tf.train.basic_train_loop(sv, train_step)
        assert sv.should_stop()

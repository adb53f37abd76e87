"""``tf.train.checkpoints_iterator`` against a fake clock: the waits between looks, ``timeout``,
``min_interval_secs`` and ``timeout_fn``, without sleeping."""

import os

import pytest

import scopeflow as tf
from scopeflow._src.checkpoint import checkpoints_iterator as module


class FakeClock:
    def __init__(self):
        self.now = 1000.0
        self.sleeps = []
        self.on_sleep = None

    def time(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds
        if self.on_sleep is not None:
            self.on_sleep(self)


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(module, "_now", fake.time)
    monkeypatch.setattr(module, "_sleep", fake.sleep)
    return fake


@pytest.fixture
def saving(tmp_path):
    graph = tf.Graph()
    with graph.as_default():
        v = tf.Variable(1.0, name="v")
        saver = tf.train.Saver()
    sess = tf.Session(graph=graph)
    sess.run(v.initializer)

    def save(step):
        return saver.save(sess, os.path.join(str(tmp_path), "model"), global_step=step)

    yield save
    sess.close()


def test_timeout_looks_once_a_second_until_the_next_look_would_pass_it(tmp_path, clock):
    assert list(tf.train.checkpoints_iterator(str(tmp_path), timeout=3.5)) == []
    assert clock.sleeps == [1, 1, 1]


def test_waits_for_a_checkpoint_that_appears_later(tmp_path, clock, saving):
    def on_sleep(c):
        if len(c.sleeps) == 4:
            saving(5)

    clock.on_sleep = on_sleep
    it = tf.train.checkpoints_iterator(str(tmp_path), timeout=10)
    assert os.path.basename(next(it)) == "model-5"
    assert clock.sleeps == [1, 1, 1, 1]
    clock.sleeps.clear()
    assert list(it) == []  # the same checkpoint is not yielded twice; 10 s later the iterator ends
    assert clock.sleeps == [1] * 10


def test_min_interval_secs_sleeps_the_rest_of_the_interval(tmp_path, clock, saving):
    saving(1)
    it = tf.train.checkpoints_iterator(str(tmp_path), min_interval_secs=30, timeout=0)
    assert os.path.basename(next(it)) == "model-1"
    clock.now += 12  # the caller's evaluation took 12 s
    saving(2)
    assert os.path.basename(next(it)) == "model-2"
    assert clock.sleeps == [18]
    clock.now += 40  # longer than the interval: no sleep
    assert list(it) == []
    assert clock.sleeps == [18]


def test_timeout_fn_decides_whether_to_wait_again(tmp_path, clock, saving):
    answers = iter([False, False, True])
    calls = []

    def timeout_fn():
        calls.append(clock.now)
        return next(answers)

    saving(3)
    seen = [os.path.basename(p) for p in
            tf.train.checkpoints_iterator(str(tmp_path), timeout=2, timeout_fn=timeout_fn)]
    # asked after the checkpoint, then after each timeout (2 s each) until it says stop
    assert seen == ["model-3"]
    assert calls == [1000.0, 1002.0, 1004.0]


def test_without_timeout_it_waits_until_a_checkpoint_comes(tmp_path, clock, saving):
    def on_sleep(c):
        if len(c.sleeps) == 50:
            saving(9)

    clock.on_sleep = on_sleep
    assert os.path.basename(next(tf.train.checkpoints_iterator(str(tmp_path)))) == "model-9"
    assert len(clock.sleeps) == 50


def test_a_checkpoint_file_naming_a_missing_prefix_is_not_yielded(tmp_path, clock):
    tf.train.update_checkpoint_state(str(tmp_path), os.path.join(str(tmp_path), "gone-1"))
    assert list(tf.train.checkpoints_iterator(str(tmp_path), timeout=0)) == []

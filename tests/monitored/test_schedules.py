"""The hooks' second-based schedules, run against a clock the test moves (no sleeping)."""

import logging

import pytest

import scopeflow as tf
from scopeflow._src.monitored import basic_session_run_hooks as hooks_module


class FakeClock:
    def __init__(self, start=1000.0):
        self.now = start

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(hooks_module, "_now", fake)
    return fake


@pytest.fixture
def info_logs():
    logger = logging.getLogger("scopeflow")
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(record.getMessage())

    handler = Collect(logging.INFO)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield lines
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_second_timer_triggers_when_the_seconds_have_passed(clock):
    timer = tf.train.SecondOrStepTimer(every_secs=10)
    assert timer.should_trigger_for_step(0)
    assert timer.update_last_triggered_step(0) == (None, None)
    clock.now += 9.5
    assert not timer.should_trigger_for_step(5)
    clock.now += 0.5
    assert timer.should_trigger_for_step(5)
    assert not timer.should_trigger_for_step(0)  # never twice for the step of the last trigger
    assert timer.update_last_triggered_step(7) == (10.0, 7)


def _counting_graph():
    step = tf.train.get_or_create_global_step()
    return step, tf.assign_add(step, 1)


def test_checkpoint_saver_hook_saves_every_n_seconds(clock, tmp_path):
    step, inc = _counting_graph()
    hook = tf.train.CheckpointSaverHook(str(tmp_path), save_secs=60, save_graph_def=False)
    with tf.train.SingularMonitoredSession(hooks=[hook]) as sess:
        for i in range(1, 8):
            sess.run(inc)
            if i in (3, 6):
                clock.now += 60
    saved = sorted(int(p.rsplit("-", 1)[1]) for p in tf.train.get_checkpoint_state(str(tmp_path))
                   .all_model_checkpoint_paths)
    # at creation (0), then at the first run ending a minute or more after the last save (4, 7); the end
    # does not save step 7 twice
    assert saved == [0, 4, 7]


def test_summary_saver_hook_every_n_seconds(clock, tmp_path):
    step, inc = _counting_graph()
    x = tf.placeholder(tf.float32, [])
    summary = tf.summary.scalar("x", x)
    writer = tf.summary.FileWriter(str(tmp_path))
    values = iter(range(100))
    hooks = [tf.train.SummarySaverHook(save_secs=30, summary_writer=writer, summary_op=summary),
             tf.train.FeedFnHook(lambda: {x: float(next(values))})]
    with tf.train.MonitoredSession(hooks=hooks) as sess:
        for i in range(6):
            sess.run(inc)
            if i == 2:
                clock.now += 30
    writer.close()
    events = list(tf.train.summary_iterator(str(tmp_path / sorted(p.name for p in tmp_path.iterdir())[0])))
    written = [(e.step, e.summary.value[0].simple_value) for e in events if e.HasField("summary")]
    # the first run, then the run after the clock moved (its summary was requested before it ran)
    assert written == [(1, 0.0), (4, 3.0)]


def test_step_counter_hook_reports_steps_per_second(clock, tmp_path, info_logs):
    step, inc = _counting_graph()
    writer = tf.summary.FileWriter(str(tmp_path))
    hook = tf.train.StepCounterHook(every_n_steps=None, every_n_secs=10, summary_writer=writer)
    with tf.train.MonitoredSession(hooks=[hook]) as sess:
        for _ in range(5):
            sess.run(inc)
            clock.now += 4
    writer.close()
    events = list(tf.train.summary_iterator(str(tmp_path / sorted(p.name for p in tmp_path.iterdir())[0])))
    rates = [(e.step, e.summary.value[0].tag, e.summary.value[0].simple_value) for e in events
             if e.HasField("summary")]
    # triggered at step 1 (t=0), then at step 4 (t=12: 3 steps in 12 s)
    assert rates == [(4, "global_step/sec", 0.25)]
    assert "global_step/sec: 0.25" in info_logs


def test_logging_tensor_hook_every_n_seconds(clock, info_logs):
    step, inc = _counting_graph()
    hook = tf.train.LoggingTensorHook({"step": step}, every_n_secs=5)
    with tf.train.MonitoredSession(hooks=[hook]) as sess:
        for _ in range(4):
            sess.run(inc)
            clock.now += 3
    logged = [line for line in info_logs if line.startswith("step")]
    assert logged == ["step = 1", "step = 3 (6.000 sec)"]


def test_nan_hook_in_a_training_session_propagates_and_skips_the_final_save(tmp_path):
    step = tf.train.get_or_create_global_step()
    x = tf.placeholder(tf.float32, [])
    loss = tf.identity(x)
    inc = tf.assign_add(step, 1)
    with pytest.raises(tf.train.NanLossDuringTrainingError, match="NaN loss during training."):
        with tf.train.MonitoredTrainingSession(checkpoint_dir=str(tmp_path), hooks=[tf.train.NanTensorHook(loss)],
                                               save_checkpoint_steps=100) as sess:
            sess.run([inc, loss], {x: 1.0})
            sess.run([inc, loss], {x: float("nan")})
    assert tf.train.latest_checkpoint(str(tmp_path)).endswith("model.ckpt-0")  # no save at the end: end() skipped
    assert not tf.get_default_graph().finalized

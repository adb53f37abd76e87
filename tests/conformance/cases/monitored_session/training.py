"""``MonitoredTrainingSession`` and the saving hooks: the files of a checkpoint directory, the
events written, the checkpoints kept, and a restart that restores the global step."""

import numpy as np

from tests.conformance.cases.monitored_session._helpers import CkptDir, Logs, plain
from tests.conformance.harness import case, raises


def _model(tf, lr=0.1):
    step = tf.train.get_or_create_global_step()
    w = tf.get_variable("w", [], initializer=tf.constant_initializer(2.0))
    loss = tf.square(w, name="loss")
    tf.summary.scalar("loss", loss)
    train = tf.train.GradientDescentOptimizer(lr).minimize(loss, global_step=step)
    return step, w, loss, train


def _train(tf, d, last_step, **kwargs):
    tf.reset_default_graph()
    step, w, loss, train = _model(tf)
    hooks = [tf.train.StopAtStepHook(last_step=last_step)]
    seen = []
    with tf.train.MonitoredTrainingSession(checkpoint_dir=d.path, hooks=hooks, **kwargs) as sess:
        while not sess.should_stop():
            _, s = sess.run([train, step])
            seen.append(int(s))
    return seen


@case
def training_session_files_and_restart(tf):
    with CkptDir() as d:
        first = _train(tf, d, 3, save_checkpoint_steps=2, save_summaries_steps=2, log_step_count_steps=2)
        files_first = d.names()
        state_first = d.checkpoint_state(tf)
        second = _train(tf, d, 6, save_checkpoint_steps=2, save_summaries_steps=2, log_step_count_steps=2)
        return {"first": first, "second": second, "files_first": files_first, "files": d.names(),
                "state_first": state_first, "state": d.checkpoint_state(tf),
                "value": float(tf.train.load_variable(d.path, "w"))}


@case
def training_session_events(tf):
    with CkptDir() as d:
        _train(tf, d, 4, save_checkpoint_steps=3, save_summaries_steps=2, log_step_count_steps=2)
        return d.plain_events(tf)


@case
def training_session_defaults(tf):
    with CkptDir() as d:
        seen = _train(tf, d, 3)
        return {"seen": seen, "files": d.names(), "events": len(d.plain_events(tf))}


@case
def training_session_without_checkpoint_dir(tf):
    step, w, loss, train = _model(tf)
    final = tf.train.FinalOpsHook([step, w])
    with tf.train.MonitoredTrainingSession(hooks=[tf.train.StopAtStepHook(num_steps=3), final]) as sess:
        while not sess.should_stop():
            sess.run(train)
    return plain(final.final_ops_values)


@case
def training_session_summary_dir(tf):
    with CkptDir() as d:
        summaries = d.subdir("summaries")
        _train(tf, d, 2, save_checkpoint_secs=None, save_checkpoint_steps=None, summary_dir=summaries,
               save_summaries_steps=1)
        import os

        return {"top": d.names(), "summaries": [n.split(".tfevents")[0] for n in sorted(os.listdir(summaries))]}


@case
def training_session_logs(tf):
    with CkptDir() as d, Logs(tf, replace=[(d.path, "<dir>")]) as logs:
        tf.reset_default_graph()
        step, w, loss, train = _model(tf)
        hooks = [tf.train.StopAtStepHook(last_step=4),
                 tf.train.LoggingTensorHook({"loss": loss, "step": step}, every_n_iter=2)]
        with tf.train.MonitoredTrainingSession(checkpoint_dir=d.path, hooks=hooks, save_checkpoint_steps=3,
                                               log_step_count_steps=2) as sess:
            while not sess.should_stop():
                sess.run(train)
    # StepCounterHook's warning that the step did not move depends on whether its read of the step ran
    # before or after the train op's increment in the same step: TF's order of the two is not fixed
    return [line for line in logs.clean() if not line.startswith("It seems that global step")]


@case
def restart_continues_from_the_latest_checkpoint(tf):
    with CkptDir() as d:
        runs = []
        for _ in range(2):
            tf.reset_default_graph()
            step, w, loss, train = _model(tf)
            start = tf.train.FinalOpsHook([step, w])
            hooks = [tf.train.StopAtStepHook(num_steps=3), _StartValues(tf, [step, w]), start]
            with tf.train.MonitoredTrainingSession(checkpoint_dir=d.path, hooks=hooks) as sess:
                while not sess.should_stop():
                    sess.run(train)
            runs.append({"start": hooks[1].values, "end": plain(start.final_ops_values)})
        return runs


def _StartValues(tf, fetches):  # noqa: N802 - a class made for the tf under test
    class StartValues(tf.train.SessionRunHook):
        def after_create_session(self, session, coord):
            self.values = plain(session.run(fetches))

    return StartValues()


@case
def chief_only_hooks_run_on_the_chief(tf):
    log = []

    class Note(tf.train.SessionRunHook):
        def __init__(self, name):
            self.name = name

        def begin(self):
            log.append(self.name)

    step, w, loss, train = _model(tf)
    with tf.train.MonitoredTrainingSession(hooks=[Note("hook")], chief_only_hooks=[Note("chief")]) as sess:
        sess.run(train)
    return log


@case
def worker_waits_for_an_initialized_model(tf):
    step, w, loss, train = _model(tf)
    return raises(tf.train.MonitoredTrainingSession, is_chief=False, max_wait_secs=1)


@case
def checkpoint_saver_hook_and_listener(tf):
    log = []

    class Listener(tf.train.CheckpointSaverListener):
        def begin(self):
            log.append(["begin"])

        def before_save(self, session, global_step_value):
            log.append(["before_save", int(global_step_value)])

        def after_save(self, session, global_step_value):
            log.append(["after_save", int(global_step_value)])
            return global_step_value >= 4

        def end(self, session, global_step_value):
            log.append(["end", int(global_step_value)])

    with CkptDir() as d:
        step, w, loss, train = _model(tf)
        saver = tf.train.Saver(max_to_keep=2)
        hook = tf.train.CheckpointSaverHook(d.path, save_steps=2, saver=saver, listeners=[Listener()],
                                            checkpoint_basename="m.ckpt")
        seen = []
        with tf.train.SingularMonitoredSession(hooks=[hook]) as sess:
            while not sess.should_stop():
                seen.append(int(sess.run([train, step])[1]))
        return {"log": log, "seen": seen, "files": d.names(), "state": d.checkpoint_state(tf)}


@case
def checkpoint_saver_hook_secs_saves_at_start_and_end(tf):
    with CkptDir() as d:
        step, w, loss, train = _model(tf)
        hook = tf.train.CheckpointSaverHook(d.path, save_secs=3600, save_graph_def=False)
        with tf.train.MonitoredSession(hooks=[hook, tf.train.StopAtStepHook(last_step=3)]) as sess:
            while not sess.should_stop():
                sess.run(train)
        return {"files": d.names(), "state": d.checkpoint_state(tf)}


@case
def summary_saver_hook_with_summary_op(tf):
    with CkptDir() as d:
        step = tf.train.get_or_create_global_step()
        inc = tf.assign_add(step, 1)
        x = tf.placeholder(tf.float32, [], name="x")
        s1 = tf.summary.scalar("a", x * 2.0)
        s2 = tf.summary.scalar("b", tf.constant(1.5))
        writer = tf.summary.FileWriter(d.path)
        hook = tf.train.SummarySaverHook(save_steps=2, summary_writer=writer, summary_op=[s1, s2])
        feeds = iter(range(100))
        hooks = [hook, tf.train.StopAtStepHook(last_step=5), tf.train.FeedFnHook(lambda: {x: float(next(feeds))})]
        with tf.train.MonitoredSession(hooks=hooks) as sess:
            while not sess.should_stop():
                sess.run(inc)
        writer.close()
        return d.plain_events(tf)


@case
def step_counter_hook_events(tf):
    with CkptDir() as d:
        step = tf.train.get_or_create_global_step()
        inc = tf.assign_add(step, 1)
        hook = tf.train.StepCounterHook(every_n_steps=2, output_dir=d.path)
        with tf.train.MonitoredSession(hooks=[hook, tf.train.StopAtStepHook(last_step=6)]) as sess:
            while not sess.should_stop():
                sess.run(inc)
        tf.summary.FileWriterCache.clear()
        return [e for e in d.plain_events(tf) if "summary" in e]


@case
def nan_tensor_hook_fails_or_stops(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    loss = tf.identity(x, name="loss")
    out = {}

    def fail():
        with tf.train.MonitoredSession(hooks=[tf.train.NanTensorHook(loss)]) as sess:
            sess.run(loss, feed_dict={x: 1.0})
            sess.run(loss, feed_dict={x: np.nan})

    with Logs(tf) as logs:
        out["fail"] = raises(fail)
        with tf.train.MonitoredSession(hooks=[tf.train.NanTensorHook(loss, fail_on_nan_loss=False)]) as sess:
            sess.run(loss, feed_dict={x: np.nan})
            out["stopped"] = sess.should_stop()
    out["logs"] = logs.clean()
    out["class"] = [c.__name__ for c in tf.train.NanLossDuringTrainingError.__mro__[:2]]
    return out


@case
def final_ops_and_feed_fn_hooks(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    total = tf.get_variable("total", [], initializer=tf.zeros_initializer())
    add = tf.assign_add(total, x)
    final = tf.train.FinalOpsHook({"total": total, "twice": total * 2.0})
    feeds = iter([1.0, 2.0, 3.0])
    feed = tf.train.FeedFnHook(lambda: {x: next(feeds)})
    with tf.train.MonitoredSession(hooks=[final, feed]) as sess:
        got = [float(sess.run(add)) for _ in range(3)]
        before_end = final.final_ops_values
    return {"got": got, "before_end": before_end, "final": plain(final.final_ops_values)}


@case
def global_step_waiter_hook_reached(tf):
    step = tf.train.get_or_create_global_step()
    inc = tf.assign_add(step, 1)
    with Logs(tf) as logs:
        with tf.train.MonitoredSession(hooks=[tf.train.GlobalStepWaiterHook(0)]) as sess:
            a = int(sess.run(inc))
    return {"a": a, "logs": logs.clean()}


@case
def training_session_graph_pbtxt(tf):
    from google.protobuf import text_format

    with CkptDir() as d:
        _train(tf, d, 1, save_checkpoint_steps=1)
        with open(d.path + "/graph.pbtxt") as f:
            graph = text_format.Parse(f.read(), tf.GraphDef())
        meta = tf.MetaGraphDef.FromString(open(d.path + "/model.ckpt-1.meta", "rb").read())
    # the saver's own nodes are left out: the default saver is sharded, its graph the checkpoint area's
    return {"nodes": [[n.name, n.op, list(n.input)] for n in graph.node if not n.name.startswith("save/")],
            "collections": sorted(meta.collection_def.keys())}

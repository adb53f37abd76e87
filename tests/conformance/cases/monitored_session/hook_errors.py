"""The constructors' checks of the hooks and timers, their errors without a global step, and the
plain values hooks exchange (``SessionRunArgs``, ``SessionRunValues``)."""

from tests.conformance.cases.monitored_session._helpers import Logs
from tests.conformance.harness import case, raises


@case
def constructor_errors(tf):
    x = tf.constant(1.0, name="x")
    t = tf.train
    return {
        "stop_none": raises(t.StopAtStepHook),
        "stop_both": raises(t.StopAtStepHook, num_steps=1, last_step=2),
        "timer_none": raises(t.SecondOrStepTimer),
        "timer_both": raises(t.SecondOrStepTimer, every_secs=1, every_steps=1),
        "logging_none": raises(t.LoggingTensorHook, [x]),
        "logging_both": raises(t.LoggingTensorHook, [x], every_n_iter=1, every_n_secs=1),
        "logging_zero": raises(t.LoggingTensorHook, [x], every_n_iter=0),
        "logging_at_end": type(t.LoggingTensorHook([x], at_end=True)).__name__,
        "summary_none": raises(t.SummarySaverHook, save_steps=1),
        "summary_both": raises(t.SummarySaverHook, save_steps=1, scaffold=t.Scaffold(), summary_op=x),
        "summary_no_schedule": raises(t.SummarySaverHook, summary_op=x),
        "checkpoint_both": raises(t.CheckpointSaverHook, "/tmp/x", save_steps=1, saver=object(), scaffold=object()),
        "checkpoint_no_schedule": raises(t.CheckpointSaverHook, "/tmp/x"),
        "counter_none": raises(t.StepCounterHook, every_n_steps=None),
        "counter_both": raises(t.StepCounterHook, every_n_steps=1, every_n_secs=1),
    }


@case
def hooks_need_a_global_step(tf):
    tf.constant(1.0)
    out = {}
    for name, hook in [("stop", tf.train.StopAtStepHook(num_steps=1)),
                       ("counter", tf.train.StepCounterHook()),
                       ("waiter", tf.train.GlobalStepWaiterHook(1)),
                       ("summary", tf.train.SummarySaverHook(save_steps=1, summary_op=tf.constant("s"))),
                       ("checkpoint", tf.train.CheckpointSaverHook("/tmp/unused_dir", save_steps=1))]:
        out[name] = raises(hook.begin)
    return out


@case
def global_step_read_tensor(tf):
    tf.train.get_or_create_global_step()
    n = len(tf.get_default_graph().get_operations())
    tf.train.StopAtStepHook(num_steps=1).begin()
    tf.train.StepCounterHook().begin()
    ops = [[op.name, op.type, [t.name for t in op.inputs]] for op in tf.get_default_graph().get_operations()[n:]]
    return {"ops": ops, "collection": [t.name for t in tf.get_collection("global_step_read_op_cache")]}


@case
def logging_tensor_hook_names_and_at_end(tf):
    a = tf.constant([1.5, 2.0], name="a")
    b = tf.constant(3, name="b")
    pair = tf.split(tf.constant([1.0, 2.0]), 2, name="pair")
    out = {"ambiguous": raises(tf.train.LoggingTensorHook(["pair"], every_n_iter=1).begin)}
    hooks = [tf.train.LoggingTensorHook(["b", "a:0"], every_n_iter=2),
             tf.train.LoggingTensorHook({"z": a, "y": b}, at_end=True),
             tf.train.LoggingTensorHook({"b": b}, every_n_iter=1, at_end=True,
                                        formatter=lambda values: "b is %d" % values["b"])]
    with Logs(tf) as logs:
        with tf.train.MonitoredSession(hooks=hooks) as sess:
            for _ in range(3):
                sess.run(pair)
    out["logs"] = logs.clean()
    return out


@case
def session_run_values(tf):
    args = tf.train.SessionRunArgs("f")
    values = tf.train.SessionRunValues(results=1, options=None, run_metadata=None)
    context = tf.train.SessionRunContext(original_args=args, session="s")
    before = context.stop_requested
    context.request_stop()
    return {"args": [args.fetches, args.feed_dict, args.options], "fields": list(args._fields),
            "values": list(values._fields), "context": [context.session, before, context.stop_requested],
            "hook_methods": sorted(m for m in vars(tf.train.SessionRunHook) if not m.startswith("_"))}


@case
def second_or_step_timer(tf):
    timer = tf.train.SecondOrStepTimer(every_steps=3)
    out = [timer.last_triggered_step(), timer.should_trigger_for_step(5)]
    out.append(timer.update_last_triggered_step(5))
    out += [timer.should_trigger_for_step(s) for s in (5, 6, 7, 8, 9)]
    elapsed_secs, elapsed_steps = timer.update_last_triggered_step(9)
    out += [elapsed_steps, isinstance(elapsed_secs, float), timer.last_triggered_step()]
    timer.reset()
    out.append(timer.should_trigger_for_step(9))
    return out


@case
def monitored_session_initializes_variables(tf):
    v = tf.get_variable("v", [], initializer=tf.constant_initializer(4.0))
    loc = tf.get_variable("loc", [], initializer=tf.constant_initializer(2.0),
                          collections=[tf.GraphKeys.LOCAL_VARIABLES])
    with tf.train.MonitoredSession() as sess:
        return [float(sess.run(v)), float(sess.run(loc)), tf.get_default_graph().finalized]


@case
def logging_tensor_hook_with_tensors_as_tags(tf):
    a = tf.constant([1.0, 2.5], name="a")
    b = tf.constant(7, name="b")
    with Logs(tf) as logs:
        with tf.train.MonitoredSession(hooks=[tf.train.LoggingTensorHook([a, b], every_n_iter=1)]) as sess:
            sess.run(a)
    return [line for line in logs.clean() if "Tensor" in line]


@case
def training_session_schedule_errors(tf):
    tf.train.get_or_create_global_step()
    tf.constant(1.0)
    return {"checkpoints": raises(tf.train.MonitoredTrainingSession, checkpoint_dir="/tmp/sf_never_made",
                                  save_checkpoint_steps=1, save_checkpoint_secs=1),
            "summaries": raises(tf.train.MonitoredTrainingSession, checkpoint_dir="/tmp/sf_never_made",
                                save_summaries_steps=1, save_summaries_secs=1)}

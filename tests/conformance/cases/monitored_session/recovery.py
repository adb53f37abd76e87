"""Recovery and the details of a run: a preempted run is retried on a new session, options and
run metadata reach the hooks (hooks' options merged), a graph final before stays final, and a
queue-fed training loop ends cleanly when its input runs out."""

from tests.conformance.cases.monitored_session._helpers import plain, recording_hook
from tests.conformance.harness import case, raises


@case
def aborted_run_is_retried_on_a_new_session(tf):
    log = []
    v = tf.get_variable("v", [], initializer=tf.constant_initializer(1.0))
    inc = tf.assign_add(v, 1.0)

    class Preempt(tf.train.SessionRunHook):
        def __init__(self):
            self.failed = False

        def after_create_session(self, session, coord):
            log.append(["created", float(session.run(v))])

        def before_run(self, run_context):
            if not self.failed:
                self.failed = True
                log.append(["preempted"])
                raise tf.errors.AbortedError(None, None, "preempted")
            return None

    with tf.train.MonitoredSession(hooks=[Preempt(), recording_hook(tf, log)]) as sess:
        out = [float(sess.run(inc)), float(sess.run(inc))]
    return {"out": out, "log": [e[:2] for e in log]}


@case
def singular_session_does_not_recover(tf):
    c = tf.constant(1.0)

    class Preempt(tf.train.SessionRunHook):
        def before_run(self, run_context):
            raise tf.errors.UnavailableError(None, None, "gone")

    def run():
        with tf.train.SingularMonitoredSession(hooks=[Preempt()]) as sess:
            sess.run(c)

    return raises(run)


@case
def options_and_run_metadata_reach_the_hooks(tf):
    seen = []
    c = tf.constant(2.0)

    class Trace(tf.train.SessionRunHook):
        def __init__(self, level, timeout):
            self.level, self.timeout = level, timeout

        def before_run(self, run_context):
            return tf.train.SessionRunArgs(None, options=tf.RunOptions(trace_level=self.level,
                                                                       timeout_in_ms=self.timeout))

        def after_run(self, run_context, run_values):
            seen.append([run_values.options.trace_level, run_values.options.timeout_in_ms,
                         type(run_values.run_metadata).__name__, run_values.results])

    hooks = [Trace(tf.RunOptions.SOFTWARE_TRACE, 0), Trace(tf.RunOptions.NO_TRACE, 5000)]
    metadata = tf.RunMetadata()
    with tf.train.MonitoredSession(hooks=hooks) as sess:
        sess.run(c, options=tf.RunOptions(timeout_in_ms=100), run_metadata=metadata)
        sess.run(c)
    return seen


@case
def a_graph_final_before_stays_final(tf):
    c = tf.constant(1.0)
    tf.train.get_or_create_global_step()
    tf.train.Scaffold().finalize()
    with tf.train.MonitoredSession() as sess:
        sess.run(c)
    return tf.get_default_graph().finalized


@case
def hooks_may_add_ops_in_begin(tf):
    x = tf.get_variable("x", [], initializer=tf.constant_initializer(3.0))

    class Doubler(tf.train.SessionRunHook):
        def begin(self):
            self.double = tf.multiply(x, 2.0, name="double")

        def before_run(self, run_context):
            return tf.train.SessionRunArgs({"double": self.double})

        def after_run(self, run_context, run_values):
            self.value = plain(run_values.results)

    hook = Doubler()
    with tf.train.MonitoredSession(hooks=[hook]) as sess:
        sess.run(x)
    return {"value": hook.value, "name": hook.double.name}


@case
def queue_input_ends_the_training_loop(tf):
    step = tf.train.get_or_create_global_step()
    data = tf.constant([[1.0], [2.0], [3.0], [4.0], [5.0], [6.0]])
    row = tf.train.slice_input_producer([data], num_epochs=2, shuffle=False)
    batch = tf.train.batch(row, batch_size=4)
    total = tf.get_variable("total", [], initializer=tf.zeros_initializer())
    add = tf.assign_add(total, tf.reduce_sum(batch))
    with tf.control_dependencies([add]):  # TF's last, failing run may still count a step that does not wait
        train = tf.assign_add(step, 1)
    final = tf.train.FinalOpsHook([step, total])
    with tf.train.MonitoredTrainingSession(hooks=[final]) as sess:
        while not sess.should_stop():
            sess.run(train)
    return plain(final.final_ops_values)


@case
def monitored_session_with_a_config(tf):
    with tf.device("/gpu:0"):
        c = tf.constant(3.0) * 2.0
    config = tf.ConfigProto(allow_soft_placement=True)
    with tf.train.MonitoredTrainingSession(config=config) as sess:
        return float(sess.run(c))

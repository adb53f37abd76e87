"""``tf.train.Supervisor``: its default pieces, ``managed_session`` (files and events in
``logdir``, restore on restart, errors of the block), and stopping."""

from tests.conformance.cases.monitored_session._helpers import CkptDir, Logs, plain
from tests.conformance.harness import case, error_class, raises


def _model(tf):
    step = tf.train.get_or_create_global_step()
    w = tf.get_variable("w", [], initializer=tf.constant_initializer(2.0))
    loss = tf.square(w, name="loss")
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=step)
    return step, w, train


def _name(x):
    return None if x is None else x.name


@case
def supervisor_default_pieces(tf):
    step, w, train = _model(tf)
    with CkptDir() as d:
        sv = tf.train.Supervisor(logdir=d.path)
        out = {"init_op": _name(sv.init_op), "ready_op": _name(sv.ready_op),
               "ready_for_local_init_op": sv.ready_for_local_init_op, "summary_op": sv.summary_op,
               "global_step": _name(sv.global_step), "saver": type(sv.saver).__name__,
               "save_path": d.clean(sv.save_path), "is_chief": sv.is_chief, "secs": [sv.save_summaries_secs,
                                                                                      sv.save_model_secs],
               "writer": type(sv.summary_writer).__name__, "coord": type(sv.coord).__name__,
               "finalized": tf.get_default_graph().finalized, "files": d.names(),
               "local_init": [op.name for op in tf.get_collection(tf.GraphKeys.LOCAL_INIT_OP)],
               "manager": type(sv.session_manager).__name__}
        sv.summary_writer.close()
    tf.get_default_graph()._unsafe_unfinalize()
    return out


@case
def supervisor_managed_session_files_events_and_restart(tf):
    with CkptDir() as d:
        runs = []
        for _ in range(2):
            tf.reset_default_graph()
            step, w, train = _model(tf)
            tf.summary.scalar("w", w)
            sv = tf.train.Supervisor(logdir=d.path, save_model_secs=0, save_summaries_secs=0)
            with sv.managed_session() as sess:
                start = plain(sess.run([step, w]))
                for _ in range(3):
                    sess.run(train)
                sv.summary_computed(sess, sess.run(sv.summary_op))
                path = sv.saver.save(sess, sv.save_path, global_step=sv.global_step)
            runs.append({"start": start, "saved": d.clean(path), "stopped": sv.should_stop()})
            tf.get_default_graph()._unsafe_unfinalize()
        # the second run's writer has a file of its own, or (made in the same second) the first one's name,
        # which it starts afresh: either way the last file holds the second run's events
        events = d.events(tf, [f for f in d.files() if f.startswith("events")][-1])
        return {"runs": runs, "files": [f for f in d.names() if not f.startswith("events")], "events": events}


@case
def supervisor_errors_of_the_block(tf):
    step, w, train = _model(tf)
    q = tf.FIFOQueue(2, tf.float32)
    closed = q.dequeue()
    close = q.close()
    sv = tf.train.Supervisor(save_model_secs=0, save_summaries_secs=0)
    with sv.managed_session() as sess:
        sess.run(close)
        sess.run(closed)
    after_out_of_range = sv.should_stop()

    def fail():
        with sv.managed_session() as sess:
            sess.run(train)
            raise ValueError("user code failed")

    out = {"out_of_range": after_out_of_range, "value_error": raises(fail), "stopped": sv.should_stop()}
    tf.get_default_graph()._unsafe_unfinalize()
    return out


@case
def supervisor_stop_and_requests(tf):
    step, w, train = _model(tf)
    sv = tf.train.Supervisor(save_model_secs=0, save_summaries_secs=0)
    sess = sv.prepare_or_wait_for_session()
    out = {"before": sv.should_stop()}
    sv.request_stop()
    out["requested"] = sv.should_stop()
    sv.stop()
    out["value"] = float(sess.run(w))
    out["summary_without_writer"] = raises(sv.summary_computed, sess, b"")
    out["services_without_logdir"] = sv.start_standard_services(sess)
    sess.close()
    tf.get_default_graph()._unsafe_unfinalize()
    return out


@case
def supervisor_worker(tf):
    step, w, train = _model(tf)
    out = {"no_device": error_class(tf.train.Supervisor, is_chief=False)}
    tf.reset_default_graph()
    with tf.device("/job:ps/task:0"):
        step, w, train = _model(tf)
    sv = tf.train.Supervisor(is_chief=False, logdir="/tmp/never_written", recovery_wait_secs=1)
    out["worker"] = [sv.is_chief, sv.save_path, sv.summary_writer, sv.save_model_secs]
    out["services"] = raises(sv.start_standard_services, None)
    tf.get_default_graph()._unsafe_unfinalize()
    return out


@case
def supervisor_logs(tf):
    with CkptDir() as d, Logs(tf, replace=[(d.path, "<dir>")]) as logs:
        step, w, train = _model(tf)
        sv = tf.train.Supervisor(logdir=d.path, save_model_secs=0, save_summaries_secs=0)
        with sv.managed_session() as sess:
            sess.run(train)
        tf.get_default_graph()._unsafe_unfinalize()
    return logs.clean()

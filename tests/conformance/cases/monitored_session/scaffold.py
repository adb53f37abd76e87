"""``tf.train.Scaffold`` and ``tf.train.SessionManager``: the ops ``finalize`` makes (names,
types, inputs), the collections it fills, and the errors of both."""

from tests.conformance.cases.monitored_session._helpers import CkptDir, plain
from tests.conformance.harness import case, error_class, raises


def _ops_since(tf, n, skip_saver=True):
    out = []
    for op in tf.get_default_graph().get_operations()[n:]:
        if skip_saver and op.name.startswith("save"):
            continue  # the default saver is sharded: its ops are the checkpoint code's, checked by the saver area
        out.append([op.name, op.type, [t.name for t in op.inputs], sorted(c.name for c in op.control_inputs),
                    op.device])
    return out


def _name(x):
    return None if x is None else x.name


@case
def finalize_makes_the_default_ops(tf):
    tf.get_variable("v", [2])
    tf.get_variable("loc", [], collections=[tf.GraphKeys.LOCAL_VARIABLES])
    n = len(tf.get_default_graph().get_operations())
    scaffold = tf.train.Scaffold()
    before = [scaffold.init_op, scaffold.ready_op, scaffold.saver]
    same = scaffold.finalize() is scaffold
    g = tf.get_default_graph()
    out = {"before": before, "same": same, "finalized": g.finalized, "ops": _ops_since(tf, n),
           "init_op": _name(scaffold.init_op), "ready_op": _name(scaffold.ready_op),
           "ready_for_local_init_op": _name(scaffold.ready_for_local_init_op),
           "local_init_op": _name(scaffold.local_init_op), "summary_op": _name(scaffold.summary_op),
           "saver": type(scaffold.saver).__name__, "init_fn": scaffold.init_fn,
           "collections": {k: [_name(x) if hasattr(x, "name") else type(x).__name__ for x in g.get_collection(k)]
                           for k in ("init_op", "ready_op", "ready_for_local_init_op", "local_init_op",
                                     "summary_op", "savers")}}
    g._unsafe_unfinalize()
    return out


@case
def finalize_with_summaries_and_given_ops(tf):
    v = tf.get_variable("v", [], initializer=tf.ones_initializer())
    tf.summary.scalar("v", v)
    tf.summary.histogram("h", v)
    init = tf.group(v.initializer, name="my_init")
    scaffold = tf.train.Scaffold(init_op=init, ready_op=tf.constant([], dtype=tf.string, name="ready"))
    scaffold.finalize()
    g = tf.get_default_graph()
    out = {"init_op": scaffold.init_op.name, "ready_op": scaffold.ready_op.name,
           "summary_op": scaffold.summary_op.name, "summary_type": scaffold.summary_op.op.type,
           "init_collection": g.get_collection("init_op"), "ready_collection": g.get_collection("ready_op")}
    g._unsafe_unfinalize()
    return out


@case
def finalize_takes_ops_from_collections(tf):
    tf.get_variable("v", [])
    tf.add_to_collection(tf.GraphKeys.INIT_OP, tf.no_op(name="mine"))
    tf.add_to_collection(tf.GraphKeys.LOCAL_INIT_OP, tf.no_op(name="mine_local"))
    scaffold = tf.train.Scaffold().finalize()
    tf.get_default_graph()._unsafe_unfinalize()
    return [scaffold.init_op.name, scaffold.local_init_op.name]


@case
def two_items_in_a_collection(tf):
    tf.get_variable("v", [])
    tf.add_to_collection(tf.GraphKeys.INIT_OP, tf.no_op(name="a"))
    tf.add_to_collection(tf.GraphKeys.INIT_OP, tf.no_op(name="b"))
    got = raises(tf.train.Scaffold().finalize)
    tf.reset_default_graph()
    tf.get_variable("v", [])
    tf.add_to_collection(tf.GraphKeys.SAVERS, tf.train.Saver())
    tf.add_to_collection(tf.GraphKeys.SAVERS, tf.train.Saver())
    return {"init_op": got, "savers": raises(tf.train.Scaffold().finalize)}


@case
def copy_from_scaffold(tf):
    v = tf.get_variable("v", [])
    first = tf.train.Scaffold(init_op=v.initializer, init_fn=lambda scaffold, sess: None)
    second = tf.train.Scaffold(copy_from_scaffold=first, ready_op=tf.constant([], dtype=tf.string, name="r"))
    return {"init_op": second.init_op.name, "ready_op": second.ready_op.name,
            "init_fn": second.init_fn is not None, "bad": raises(tf.train.Scaffold, copy_from_scaffold=object())}


@case
def scaffold_init_fn_runs_without_a_checkpoint(tf):
    calls = []
    v = tf.get_variable("v", [], initializer=tf.zeros_initializer())
    assign = tf.assign(v, 7.0)
    tf.train.get_or_create_global_step()

    def init_fn(scaffold, sess):
        calls.append(type(scaffold).__name__)
        sess.run(assign)

    with CkptDir() as d:
        scaffold = tf.train.Scaffold(init_fn=init_fn)
        with tf.train.MonitoredTrainingSession(checkpoint_dir=d.path, scaffold=scaffold) as sess:
            first = float(sess.run(v))
        tf.reset_default_graph()
        v = tf.get_variable("v", [], initializer=tf.zeros_initializer())
        tf.train.get_or_create_global_step()
        with tf.train.MonitoredTrainingSession(checkpoint_dir=d.path, scaffold=tf.train.Scaffold(
                init_fn=lambda scaffold, sess: calls.append("again"))) as sess:
            second = float(sess.run(v))
    return {"calls": calls, "first": first, "second": second}


@case
def session_manager_prepare_and_errors(tf):
    v = tf.get_variable("v", [], initializer=tf.constant_initializer(3.0))
    ready = tf.report_uninitialized_variables()
    manager = tf.train.SessionManager(ready_op=ready)
    out = {"no_init": raises(manager.prepare_session, "")}
    sess = manager.prepare_session("", init_op=v.initializer)
    out["value"] = float(sess.run(v))
    sess.close()
    out["not_ready"] = raises(manager.prepare_session, "", init_op=tf.no_op(name="nothing"))
    out["local_without_init"] = error_class(tf.train.SessionManager, ready_for_local_init_op=ready)
    return out


@case
def session_manager_recover_and_restore(tf):
    v = tf.get_variable("v", [], initializer=tf.constant_initializer(3.0))
    saver = tf.train.Saver()
    manager = tf.train.SessionManager(ready_op=tf.report_uninitialized_variables())
    with CkptDir() as d:
        sess, restored = manager.recover_session("", saver=saver, checkpoint_dir=d.path)
        out = {"empty": restored}
        sess.run(v.initializer)
        sess.run(tf.assign(v, 5.0))
        saver.save(sess, d.path + "/model.ckpt", global_step=1)
        sess.close()
        sess, restored = manager.recover_session("", saver=saver, checkpoint_dir=d.path)
        out["restored"] = [restored, float(sess.run(v))]
        sess.close()
        sess = manager.prepare_session("", saver=saver, checkpoint_filename_with_path=d.path + "/model.ckpt-1")
        out["by_path"] = float(sess.run(v))
        sess.close()
        out["both"] = raises(manager.prepare_session, "", saver=saver, checkpoint_dir=d.path,
                             checkpoint_filename_with_path=d.path + "/model.ckpt-1")
        out["last"] = [d.clean(p) for p in saver.last_checkpoints]
    return plain(out)

"""The hook protocol of ``MonitoredSession``: call order, fetches and feeds merged with the
caller's, ``request_stop``/``should_stop``, the end of a loop on ``OutOfRangeError``, and errors."""

from tests.conformance.cases.monitored_session._helpers import plain, recording_hook
from tests.conformance.harness import case, raises


@case
def call_order_and_merged_fetches(tf):
    log = []
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.placeholder(tf.float32, [], name="y")
    z = tf.add(x, 1.0, name="z")
    w = tf.multiply(y, 2.0, name="w")
    h1 = recording_hook(tf, log, "h1", fetch={"w": w}, feed={y: 3.0})
    h2 = recording_hook(tf, log, "h2")
    out = []
    with tf.train.MonitoredSession(hooks=[h1, h2]) as sess:
        log.append(["user", "created", sess.should_stop(), tf.get_default_graph().finalized])
        for i in range(2):
            out.append(plain(sess.run([z], feed_dict={x: float(i)})))
        log.append(["user", "graph", sess.graph is tf.get_default_graph()])
    log.append(["user", "closed", sess.should_stop(), tf.get_default_graph().finalized])
    return {"log": log, "out": out}


@case
def request_stop_ends_the_loop(tf):
    log = []
    c = tf.constant(5, name="c")
    hook = recording_hook(tf, log, "stopper", stop_at=3)
    values = []
    with tf.train.MonitoredSession(hooks=[hook]) as sess:
        while not sess.should_stop():
            values.append(int(sess.run(c)))
        again = raises(sess.run, c)
    return {"log": log, "values": values, "again": again}


@case
def feeds_fed_twice_are_refused(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = x * 2.0
    both = [tf.train.FeedFnHook(lambda: {x: 1.0}), tf.train.FeedFnHook(lambda: {x: 2.0})]
    out = {}
    with tf.train.MonitoredSession(hooks=both) as sess:
        out["two_hooks"] = raises(sess.run, y)
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [], name="x")
    y = x * 2.0
    with tf.train.MonitoredSession(hooks=[tf.train.FeedFnHook(lambda: {x: 1.0})]) as sess:
        out["hook_only"] = float(sess.run(y))
        out["hook_and_user"] = raises(sess.run, y, feed_dict={x: 5.0})
    return out


@case
def out_of_range_ends_the_loop_cleanly(tf):
    log = []
    ds = tf.data.Dataset.range(3)
    nxt = tf.data.make_one_shot_iterator(ds).get_next()
    seen = []
    with tf.train.MonitoredSession(hooks=[recording_hook(tf, log)]) as sess:
        while not sess.should_stop():
            seen.append(int(sess.run(nxt)))
    return {"seen": seen, "log": [e[:2] for e in log], "closed": sess.should_stop()}


@case
def other_errors_propagate_and_skip_end(tf):
    log = []
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.identity(x, name="y")

    def run():
        with tf.train.MonitoredSession(hooks=[recording_hook(tf, log)]) as sess:
            sess.run(y, feed_dict={x: 1.0})
            sess.run(y)

    raised = raises(run)
    raised["message"] = raised["message"].splitlines()[-1]  # TF's names the Python frames that built the node
    return {"raised": raised, "log": [e[:2] for e in log]}


@case
def python_error_in_the_loop_skips_end(tf):
    log = []
    c = tf.constant(1.0)

    def run():
        with tf.train.MonitoredSession(hooks=[recording_hook(tf, log)]) as sess:
            sess.run(c)
            raise ValueError("user code failed")

    return {"raised": raises(run), "log": [e[:2] for e in log]}


@case
def stop_iteration_ends_the_loop_cleanly(tf):
    log = []
    c = tf.constant(1.0)
    with tf.train.MonitoredSession(hooks=[recording_hook(tf, log)]) as sess:
        sess.run(c)
        raise StopIteration
    return [e[:2] for e in log]


@case
def close_twice(tf):
    c = tf.constant(1.0)
    sess = tf.train.MonitoredSession()
    sess.run(c)
    sess.close()
    return {"second": raises(sess.close), "should_stop": sess.should_stop(), "graph": sess.graph}


@case
def run_step_fn(tf):
    c = tf.placeholder(tf.float32, [], name="c")
    v = tf.add(c, 4.0, name="v")
    w = tf.add(c, 0.5, name="w")
    log = []
    out = []
    calls = []

    def step_fn(step_context):
        calls.append(float(step_context.session.run(v, feed_dict={c: 0.5})))
        if len(calls) == 3:
            step_context.request_stop()
        return float(step_context.run_with_hooks(fetches=w, feed_dict={c: 0.1}))

    with tf.train.MonitoredSession(hooks=[recording_hook(tf, log)]) as sess:
        while not sess.should_stop():
            out.append(sess.run_step_fn(step_fn))
    bad = tf.train.MonitoredSession()
    wrong = raises(bad.run_step_fn, lambda ctx: 1)
    bad.close()
    return {"out": out, "calls": calls, "log": [e[:2] for e in log], "wrong": wrong}


@case
def singular_monitored_session_raw_session(tf):
    v = tf.get_variable("v", [], initializer=tf.constant_initializer(3.0))
    with tf.train.SingularMonitoredSession() as sess:
        raw = sess.raw_session()
        value = float(raw.run(v))
        kind = type(raw).__name__
    return {"value": value, "kind": kind, "after": sess.raw_session()}


@case
def hook_results_in_order_of_hooks(tf):
    log = []
    a = tf.constant(1, name="a")
    b = tf.constant(2, name="b")
    hooks = [recording_hook(tf, log, "ha", fetch=[a, b]), recording_hook(tf, log, "hb", fetch=a.op),
             recording_hook(tf, log, "hc", fetch={"b": "b:0"})]
    with tf.train.MonitoredSession(hooks=hooks) as sess:
        user = plain(sess.run({"x": a}))
    return {"user": user, "log": [e for e in log if e[1] == "after_run"]}

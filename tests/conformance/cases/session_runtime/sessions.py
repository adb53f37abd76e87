"""Session behaviour: make_callable, default sessions, configs and lifetime."""

import numpy as np

from tests.conformance.cases.session_runtime._helpers import _frame_only, _op_error, _type_and_value
from tests.conformance.harness import case, raises


# -- make_callable --------------------------------------------------------------------------------
@case
def callable_with_feed_list(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.placeholder(tf.float32, [], name="y")
    n = tf.no_op(name="n")
    with tf.Session() as sess:
        add = sess.make_callable(x + y, [x, y])
        struct = sess.make_callable({"s": [x * y, n], "t": (x,)}, ["x:0", "y:0"])
        out = struct(2.0, 3.0)
        return [float(add(1.0, 2.0)), float(add(3.0, 4.0)), float(out["s"][0]), out["s"][1],
                _type_and_value(out["t"][0]), float(add(1.0, 2.0, 9.0))]


@case
def callable_without_feed_list(tf):
    c = tf.constant([1, 2])
    n = tf.no_op()
    with tf.Session() as sess:
        return [sess.make_callable(c)().tolist(), sess.make_callable(n)(), sess.make_callable([c, n])()[0].tolist()]


@case
def callable_errors(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.placeholder(tf.float32, [], name="y")
    with tf.Session() as sess:
        f = sess.make_callable(x + y, [x, y])
        return [raises(sess.make_callable, x, x), raises(sess.make_callable, None),
                _frame_only(_op_error(f, 1.0)), raises(f, [1.0], 2.0),
                _op_error(sess.make_callable([])), sess.make_callable([], [x])(1.0)]


@case
def callable_after_close(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    c = tf.constant(1.0)
    sess = tf.Session()
    plain = sess.make_callable(c)
    fed = sess.make_callable(x * 2.0, [x])
    fed(1.0)
    sess.close()
    return [_op_error(plain), raises(fed, 1.0)]


# -- sessions, defaults, lifetime -----------------------------------------------------------------
@case
def session_constructor_errors(tf):
    return [raises(tf.Session, graph=3), raises(tf.Session, 3), raises(tf.Session, config=3),
            raises(tf.Session, tf.ConfigProto())]


@case
def session_with_config(tf):
    config = tf.ConfigProto(allow_soft_placement=True, log_device_placement=False)
    config.gpu_options.allow_growth = True
    config.intra_op_parallelism_threads = 2
    with tf.Session(config=config) as sess:
        out = float(sess.run(tf.constant(2.0)))
    return [out, str(config)]


@case
def config_proto_errors(tf):
    config = tf.ConfigProto()
    return [raises(tf.ConfigProto, foo=1), raises(setattr, config, "foo", 1),
            raises(setattr, config, "gpu_options", tf.GPUOptions()), raises(tf.ConfigProto, allow_soft_placement="x")]


@case
def session_as_default_keeps_default_graph(tf):
    g = tf.Graph()
    sess = tf.Session(graph=g)
    with sess.as_default():
        inside = [tf.get_default_session() is sess, tf.get_default_graph() is g]
    with sess:
        in_with = [tf.get_default_session() is sess, tf.get_default_graph() is g]
    return [inside, in_with, tf.get_default_session() is None]


@case
def session_not_reentrant(tf):
    c = tf.constant(1.0)
    sess = tf.Session()

    def enter_twice():
        with sess:
            with sess:
                pass
    first = raises(enter_twice)
    return [first, raises(sess.run, c)]


@case
def session_nested_as_default(tf):
    s1, s2 = tf.Session(), tf.Session()
    with s1.as_default():
        with s2.as_default():
            inner = tf.get_default_session() is s2
        outer = tf.get_default_session() is s1
    s1.close()
    s2.close()
    return [inner, outer]


@case
def session_exit_returns(tf):
    sess = tf.Session()
    entered = sess.__enter__() is sess
    return [entered, sess.__exit__(None, None, None)]


@case
def session_misc_properties(tf):
    sess = tf.Session()
    devices = [(d.name, d.device_type, d.memory_limit_bytes) for d in sess.list_devices()]
    out = [sess.sess_str, devices, tf.Session.reset("")]
    sess.close()
    return out


@case
def eval_and_run_graph_mismatch_errors(tf):
    c = tf.constant(1.0)
    n = tf.no_op()
    other = tf.Session(graph=tf.Graph())
    with other.as_default():
        default_eval = raises(c.eval)
        default_run = raises(n.run)
    return [default_eval, default_run, raises(c.eval, session=other), raises(n.run, session=other), raises(n.run)]


@case
def interactive_session_defaults(tf):
    g = tf.Graph()
    sess = tf.InteractiveSession(graph=g)
    with g.as_default():
        c = tf.constant(4.0)
    during = [tf.get_default_session() is sess, tf.get_default_graph() is g, float(c.eval())]
    sess.close()
    sess.close()
    after = [tf.get_default_session() is None, tf.get_default_graph() is g]
    return [during, after, isinstance(sess, tf.Session)]


@case
def interactive_session_on_default_graph(tf):
    sess = tf.InteractiveSession()
    v = tf.Variable(2.0)
    v.initializer.run()
    out = [float(v.eval()), float((v * 3.0).eval())]
    sess.close()
    return [out, raises(v.eval)]


@case
def variables_freed_by_close(tf):
    v = tf.Variable(1.0, name="v")
    sess = tf.Session()
    sess.run(v.initializer)
    before = float(sess.run(v))
    sess.close()
    return [before, raises(sess.run, v)]


@case
def eval_feed_dict_and_op_run_feed(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    v = tf.Variable(0.0, name="v")
    a = tf.assign(v, x * 2.0)
    with tf.Session() as sess:
        sess.run(v.initializer)
        a.op.run(feed_dict={x: 4.0})
        return [float(v.eval()), float((x + 1.0).eval(feed_dict={x: 1.0})), float(v.eval(session=sess))]


@case
def random_stream_continues_across_fetch_sets(tf):
    tf.set_random_seed(1)
    r = tf.random_uniform([3], seed=2)
    z = r * 1.0
    with tf.Session() as s:
        first, (second, doubled) = s.run(r), s.run([r, z])
    with tf.Session() as s:
        again_first, again_second = s.run(r), s.run(r)
    return [bool(np.array_equal(first, second)), bool(np.array_equal(second, doubled)),
            bool(np.array_equal(first, again_first)), bool(np.array_equal(second, again_second))]


@case
def feed_satisfies_control_dependency_on_placeholder(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    with tf.control_dependencies([x]):
        y = tf.constant(1.0, name="one") + 1.0
    with tf.Session() as sess:
        return [float(sess.run(y, feed_dict={x: 1.0})), _op_error(sess.run, y)["error"]]

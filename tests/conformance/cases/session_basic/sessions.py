"""A first tf.Session: eval and default sessions, graphs, variables, closing and lifetime."""

from tests.conformance.harness import case, raises
from tests.conformance.harness import raises_last_line as _run_error


@case
def tensor_eval_with_session(tf):
    c = tf.constant([1, 2])
    sess = tf.Session()
    try:
        return c.eval(session=sess)
    finally:
        sess.close()


@case
def tensor_eval_default_session(tf):
    c = tf.constant(5) * 2
    with tf.Session():
        return c.eval()


@case
def tensor_eval_feed_dict(tf):
    x = tf.placeholder(tf.int32, [])
    with tf.Session():
        return (x + 1).eval(feed_dict={x: 41})


@case
def eval_without_default_session_error(tf):
    c = tf.constant(1)
    return raises(c.eval)


@case
def default_session_set_in_with(tf):
    with tf.Session() as sess:
        inside = tf.get_default_session() is sess
    return [inside, tf.get_default_session() is None]


@case
def session_as_default(tf):
    sess = tf.Session()
    with sess.as_default():
        inside = tf.get_default_session() is sess
        v = tf.constant(3).eval()
    sess.close()
    return [inside, v]


@case
def operation_run_default_session(tf):
    v = tf.Variable(1.0)
    with tf.Session() as sess:
        tf.global_variables_initializer().run()
        return sess.run(v)


@case
def session_graph_property(tf):
    g = tf.Graph()
    with tf.Session(graph=g) as sess:
        other = sess.graph is g
    with tf.Session() as sess2:
        default = sess2.graph is tf.get_default_graph()
    return [other, default]


@case
def session_with_explicit_graph(tf):
    g = tf.Graph()
    with g.as_default():
        c = tf.constant(7)
    with tf.Session(graph=g) as sess:
        return sess.run(c)


@case
def fetch_from_other_graph_error(tf):
    g = tf.Graph()
    with g.as_default():
        c = tf.constant(7, name="c")
    tf.constant(1, name="d")
    with tf.Session() as sess:
        return raises(sess.run, c)


@case
def variable_initialized_then_read(tf):
    v = tf.Variable([1.0, 2.0])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(v)


@case
def variable_initializer_op(tf):
    v = tf.Variable(3)
    with tf.Session() as sess:
        sess.run(v.initializer)
        return sess.run(v)


@case
def get_variable_zeros_initialized(tf):
    v = tf.get_variable("w", shape=[2], initializer=tf.zeros_initializer())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(v)


@case
def global_variables_initializer_empty(tf):
    init = tf.global_variables_initializer()
    with tf.Session() as sess:
        return [init.type, init.name, sess.run(init)]


@case
def global_variables_initializer_op(tf):
    tf.Variable(1.0, name="a")
    tf.Variable(2.0, name="b")
    init = tf.global_variables_initializer()
    return [init.name, init.type, sorted(o.name for o in init.control_inputs)]


@case
def assign_values(tf):
    v = tf.Variable(1.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        a = sess.run(tf.assign(v, 5.0))
        b = sess.run(v)
    return [a, b]


@case
def assign_add_sub_values(tf):
    v = tf.Variable(10)
    inc = tf.assign_add(v, 3)
    dec = tf.assign_sub(v, 1)
    with tf.Session() as sess:
        sess.run(v.initializer)
        return [sess.run(inc), sess.run(inc), sess.run(dec), sess.run(v)]


@case
def variable_methods_assign(tf):
    v = tf.Variable([1, 2])
    with tf.Session() as sess:
        sess.run(v.initializer)
        return [sess.run(v.assign([5, 6])), sess.run(v.assign_add([1, 1])), sess.run(v.assign_sub([2, 2]))]


@case
def assign_wrong_shape_build_error(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    return raises(tf.assign, v, [1.0, 2.0, 3.0])


@case
def uninitialized_variable_error(tf):
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        return _run_error(sess.run, v)


@case
def uninitialized_variable_error_class(tf):
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        try:
            sess.run(v)
        except tf.errors.FailedPreconditionError as exc:
            return [type(exc).__name__, exc.error_code, isinstance(exc, tf.errors.OpError)]
    return "no error"


@case
def closed_session_run_error(tf):
    c = tf.constant(1)
    sess = tf.Session()
    sess.close()
    return raises(sess.run, c)


@case
def closed_session_close_again(tf):
    sess = tf.Session()
    sess.close()
    sess.close()
    return "ok"


@case
def session_used_after_with_error(tf):
    c = tf.constant(1)
    with tf.Session() as sess:
        pass
    return raises(sess.run, c)


@case
def two_sessions_separate_variables(tf):
    v = tf.Variable(0)
    inc = tf.assign_add(v, 1)
    s1 = tf.Session()
    s2 = tf.Session()
    s1.run(v.initializer)
    s2.run(v.initializer)
    s1.run(inc)
    s1.run(inc)
    s2.run(inc)
    out = [s1.run(v), s2.run(v)]
    s1.close()
    s2.close()
    return out


@case
def new_session_needs_new_init(tf):
    v = tf.Variable(1.0, name="v")
    with tf.Session() as s1:
        s1.run(v.initializer)
    with tf.Session() as s2:
        return _run_error(s2.run, v)


@case
def run_group_returns_none(tf):
    v = tf.Variable(1)
    w = tf.Variable(2)
    g = tf.group(tf.assign(v, 10), tf.assign(w, 20))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [sess.run(g), sess.run([v, w])]


@case
def control_dependency_runs_first(tf):
    v = tf.Variable(1)
    with tf.Session() as sess:
        sess.run(v.initializer)
        a = tf.assign(v, 5)
        with tf.control_dependencies([a]):
            r = tf.identity(v)
        return sess.run(r)

"""TF's errors for ``name_scope`` arguments, for iterating a variable, and
``assert_variables_initialized``'s graph."""

import re

from tests.conformance.harness import case, error_class, raises


def _open(tf, *args, **kwargs):
    with tf.name_scope(*args, **kwargs) as scope:
        return scope


def _same_graph_error(tf, a, b, *, default_name="d"):
    """The error with the graphs' reprs (which name the library) cut off."""
    got = raises(_open, tf, "n", default_name, [a, b])
    if "message" in got:
        got["message"] = re.sub(r" \(graphs are .*\)\.$", "", got["message"])
    return got


@case
def name_scope_list_as_default_name(tf):
    a = tf.constant(1, name="a")
    b = tf.constant(2, name="b")
    return raises(_open, tf, "n", [a, b])


@case
def name_scope_tuple_and_int_as_default_name(tf):
    a = tf.constant(1, name="a")
    return [raises(_open, tf, "n", (a,)), raises(_open, tf, None, 3), raises(_open, tf, "n", None, [a])]


@case
def name_scope_default_name_string_is_used(tf):
    a = tf.constant(1, name="a")
    return [_open(tf, None, "dflt", [a]), _open(tf, None, "dflt", [a]), _open(tf, "given", "dflt", [a])]


@case
def name_scope_values_from_two_graphs(tf):
    g1, g2 = tf.Graph(), tf.Graph()
    with g1.as_default():
        a = tf.constant(1, name="a")
    with g2.as_default():
        b = tf.constant(2, name="b")
    return _same_graph_error(tf, a, b)


@case
def name_scope_values_of_an_op_and_a_tensor_from_two_graphs(tf):
    g1, g2 = tf.Graph(), tf.Graph()
    with g1.as_default():
        a = tf.no_op(name="a")
    with g2.as_default():
        b = tf.constant(2.0, name="b")
    return _same_graph_error(tf, a, b)


@case
def name_scope_values_variable_and_tensor_from_two_graphs(tf):
    g1, g2 = tf.Graph(), tf.Graph()
    with g1.as_default():
        v = tf.Variable(1.0, name="v")
    with g2.as_default():
        b = tf.constant(2.0, name="b")
    return _same_graph_error(tf, b, v)


@case
def name_scope_values_of_one_other_graph_enter_it(tf):
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1, name="a")
        b = tf.constant(2, name="b")
    with tf.name_scope("n", "d", [a, b, 3]) as scope:
        inside = tf.get_default_graph() is g
        c = tf.constant(3, name="c")
    return [scope, inside, c.name, c.graph is g, tf.get_default_graph() is g]


@case
def name_scope_values_with_python_numbers_only(tf):
    with tf.name_scope(None, "d", [1, 2.0, "x"]) as scope:
        c = tf.constant(1, name="c")
    return [scope, c.name]


@case
def iterating_over_a_variable(tf):
    v = tf.Variable([1.0, 2.0], name="v")

    def loop():
        for _ in v:
            pass

    return [raises(loop), raises(iter, v), raises(list, v)]


@case
def iterating_over_a_scalar_variable_and_get_variable(tf):
    v = tf.Variable(1.0, name="v")
    w = tf.get_variable("w", [3])
    return [raises(iter, v), raises(iter, w)]


@case
def variable_len_and_bool(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    return [raises(len, v), raises(bool, v)]


@case
def assert_variables_initialized_graph(tf):
    with tf.device("/job:ps"):
        tf.Variable(1.0, name="v")
        tf.Variable([2.0, 3.0], name="w")
    op = tf.assert_variables_initialized()
    ops = [o for o in tf.get_default_graph().get_operations() if o.name.startswith(("Rank", "stack"))]
    return {"name": op.name, "ops": [[o.name, o.type, [t.name for t in o.inputs],
                                      [g.decode() for g in o.colocation_groups()]] for o in ops]}


@case
def assert_variables_initialized_one_variable_and_none(tf):
    none = tf.assert_variables_initialized()
    v = tf.Variable(1.0, name="v")
    one = tf.assert_variables_initialized()
    listed = tf.assert_variables_initialized([v])
    return [none, one.name, one.op.type, listed.name]


@case
def assert_variables_initialized_after_initialization(tf):
    tf.Variable([1.0, 2.0], name="v")
    tf.Variable([[1.0]], name="w")
    op = tf.assert_variables_initialized()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(op).tolist()


@case
def assert_variables_initialized_local_variables_too(tf):
    tf.Variable(1.0, name="v", collections=[tf.GraphKeys.LOCAL_VARIABLES])
    tf.Variable(1.0, name="w")
    op = tf.assert_variables_initialized()
    return [op.name, [t.name for t in op.op.inputs]]


def _last_line(fn, *args):
    got = raises(fn, *args)
    if "message" in got:
        got["message"] = got["message"].splitlines()[-1]
    return got


@case
def assert_variables_initialized_fails_at_run_time(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    w = tf.Variable([[3.0]], name="w")
    op = tf.assert_variables_initialized()
    with tf.Session() as sess:
        first = error_class(sess.run, op)
        sess.run(v.initializer)
        second = _last_line(sess.run, op)
        sess.run(w.initializer)
        return [first, second, sess.run(op).tolist()]


@case
def assert_variables_initialized_of_one_variable_fails_at_run_time(tf):
    v = tf.Variable([1, 2], name="v")
    w = tf.Variable([3, 4], name="w")
    check = tf.assert_variables_initialized([v])
    with tf.Session() as sess:
        first = _last_line(sess.run, check.op)
        sess.run(w.initializer)
        second = _last_line(sess.run, check.op)
        sess.run(v.initializer)
        return [first, second, int(sess.run(check))]


@case
def variable_scope_exit_out_of_order_keeps_the_graph_stack(tf):
    g = tf.Graph()
    out = []
    with g.as_default():
        a = tf.variable_scope("a")
        a.__enter__()
        b = tf.variable_scope("b")
        b.__enter__()
        out.append(raises(a.__exit__, None, None, None))
        out.append(tf.get_default_graph() is g)
        out.append(raises(b.__exit__, None, None, None))
        out.append(raises(a.__exit__, None, None, None))
        out.append([tf.get_default_graph() is g, tf.get_variable_scope().name, tf.constant(1.0).name])
    out.append(tf.get_default_graph() is g)
    return out

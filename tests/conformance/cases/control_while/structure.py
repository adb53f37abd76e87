"""tf.while_loop graph structure: the Enter/Merge/Switch/LoopCond/NextIteration/Exit ops, their
names, inputs and control inputs, loop invariants, names under scopes, several loops in one graph,
op attributes and the WHILE_CONTEXT collection."""

import numpy as np

from tests.conformance.cases.control_while._helpers import detail, loop_ops, names
from tests.conformance.harness import case, op_summary, static


@case
def simple_loop_detail(tf):
    i = tf.constant(0, name="i")
    n = tf.constant(10, name="n")
    r = tf.while_loop(lambda i: i < n, lambda i: i + 1, [i])
    return [static(r), detail(tf)]


@case
def simple_loop_python_limit(tf):
    i = tf.constant(0, name="i")
    r = tf.while_loop(lambda i: i < 10, lambda i: i + 1, [i])
    return [static(r), detail(tf)]


@case
def simple_loop_float(tf):
    x = tf.constant(1.0, name="x")
    r = tf.while_loop(lambda x: x < 100.0, lambda x: x * 2.0, [x])
    return [static(r), detail(tf)]


@case
def loop_named(tf):
    i = tf.constant(0, name="i")
    r = tf.while_loop(lambda i: i < 3, lambda i: i + 1, [i], name="my_loop")
    return [r.name, op_summary(tf.get_default_graph())]


@case
def loop_named_twice(tf):
    i = tf.constant(0, name="i")
    a = tf.while_loop(lambda i: i < 3, lambda i: i + 1, [i], name="L")
    b = tf.while_loop(lambda i: i < 3, lambda i: i + 1, [i], name="L")
    return [a.name, b.name, loop_ops(tf, "L_1")]


@case
def loop_named_with_slash(tf):
    i = tf.constant(0, name="i")
    with tf.name_scope("outer"):
        r = tf.while_loop(lambda i: i < 3, lambda i: i + 1, [i], name="abs/")
    return [r.name, op_summary(tf.get_default_graph())]


@case
def two_loops_one_graph(tf):
    i = tf.constant(0, name="i")
    a = tf.while_loop(lambda i: i < 3, lambda i: i + 1, [i])
    b = tf.while_loop(lambda i: i < 5, lambda i: i + 2, [a])
    return [a.name, b.name, detail(tf)]


@case
def three_loops_names(tf):
    i = tf.constant(0, name="i")
    outs = [tf.while_loop(lambda i: i < 3, lambda i: i + 1, [i]) for _ in range(3)]
    return [names(outs), [op.name for op in tf.get_default_graph().get_operations() if op.type == "LoopCond"]]


@case
def loop_after_op_named_while(tf):
    c = tf.constant(0, name="while")
    r = tf.while_loop(lambda i: i < 3, lambda i: i + 1, [c])
    return [r.name, op_summary(tf.get_default_graph())]


@case
def loop_in_name_scope(tf):
    i = tf.constant(0, name="i")
    with tf.name_scope("outer"):
        r = tf.while_loop(lambda i: i < 3, lambda i: i + 1, [i])
        c = tf.constant(0.0, name="after")
    return [r.name, c.name, op_summary(tf.get_default_graph())]


@case
def loop_in_variable_scope(tf):
    i = tf.constant(0, name="i")
    with tf.variable_scope("vs"):
        r = tf.while_loop(lambda i: i < 3, lambda i: i + 1, [i])
    return [r.name, op_summary(tf.get_default_graph())]


@case
def name_scope_in_body(tf):
    x = tf.constant(1.0, name="x")

    def body(x):
        with tf.name_scope("inner"):
            return tf.square(x, name="sq")

    r = tf.while_loop(lambda x: x < 50.0, body, [x])
    return [r.name, detail(tf)]


@case
def named_ops_in_cond_and_body(tf):
    i = tf.constant(0, name="i")
    r = tf.while_loop(lambda i: tf.less(i, 4, name="check"), lambda i: tf.add(i, 1, name="step"), [i])
    return [r.name, detail(tf)]


@case
def body_constant_control_input(tf):
    x = tf.constant(1.0, name="x")

    def body(x):
        k = tf.constant(3.0, name="k")
        return x * k

    tf.while_loop(lambda x: x < 100.0, body, [x])
    return detail(tf)


@case
def body_external_placeholder(tf):
    x = tf.constant(1.0, name="x")
    w = tf.placeholder(tf.float32, [], name="w")
    r = tf.while_loop(lambda x: x < 100.0, lambda x: x * w, [x])
    return [static(r), detail(tf)]


@case
def external_used_in_cond_and_body(tf):
    i = tf.constant(0, name="i")
    n = tf.constant(4, name="n")
    tf.while_loop(lambda i: i < n, lambda i: i + n, [i])
    return detail(tf)


@case
def external_used_twice_in_body(tf):
    x = tf.constant(1.0, name="x")
    w = tf.constant(2.0, name="w")
    tf.while_loop(lambda x: x < 100.0, lambda x: x * w + w, [x])
    return detail(tf)


@case
def two_loop_vars_detail(tf):
    i = tf.constant(0, name="i")
    s = tf.constant(0.0, name="s")
    r = tf.while_loop(lambda i, s: i < 5, lambda i, s: (i + 1, s + tf.cast(i, tf.float32)), [i, s])
    return [names(r), static(r), detail(tf)]


@case
def loop_var_passed_through(tf):
    i = tf.constant(0, name="i")
    x = tf.constant([1.0, 2.0], name="x")
    r = tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x), [i, x])
    return [names(r), detail(tf)]


@case
def python_number_loop_var(tf):
    r = tf.while_loop(lambda i: i < 3, lambda i: i + 1, [0])
    return [static(r), detail(tf)]


@case
def numpy_loop_var(tf):
    r = tf.while_loop(lambda x: tf.reduce_sum(x) < 20.0, lambda x: x * 2.0, [np.array([1.0, 2.0], np.float32)])
    return [static(r), detail(tf)]


@case
def body_returns_python_number(tf):
    r = tf.while_loop(lambda i: i < 3, lambda i: 5, [tf.constant(0, name="i")])
    return [static(r), detail(tf)]


@case
def enter_attrs(tf):
    i = tf.constant(0, name="i")
    n = tf.constant(10, name="n")
    tf.while_loop(lambda i: i < n, lambda i: i + 1, [i], parallel_iterations=7)
    g = tf.get_default_graph()
    out = []
    for name in ["while/Enter", "while/Less/Enter"]:
        op = g.get_operation_by_name(name)
        out.append([name, op.get_attr("frame_name"), op.get_attr("is_constant"),
                    op.get_attr("parallel_iterations"), op.get_attr("T").name])
    return out


@case
def op_outputs_static(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    tf.while_loop(lambda x: tf.reduce_sum(x) < 10.0, lambda x: x + 1.0, [x])
    g = tf.get_default_graph()
    return [static(g.get_operation_by_name(n).outputs)
            for n in ["while/Enter", "while/Merge", "while/LoopCond", "while/Switch", "while/Identity",
                      "while/NextIteration", "while/Exit"]]


@case
def while_context_collection(tf):
    i = tf.constant(0, name="i")
    s = tf.constant(0.0, name="s")
    tf.while_loop(lambda i, s: i < 5, lambda i, s: (i + 1, s + 1.0), [i, s], name="loop")
    out = []
    for c in tf.get_collection(tf.GraphKeys.WHILE_CONTEXT):
        out.append([c.name, c.pivot.name, names(c.loop_exits), names(c.loop_enters),
                    c.parallel_iterations, c.back_prop, c.swap_memory])
    return out


@case
def while_context_collection_two_loops(tf):
    i = tf.constant(0, name="i")
    tf.while_loop(lambda i: i < 5, lambda i: i + 1, [i])
    tf.while_loop(lambda i: i < 5, lambda i: i + 1, [i], back_prop=False, parallel_iterations=3)
    return [[c.name, c.pivot.name, c.back_prop, c.parallel_iterations]
            for c in tf.get_collection(tf.GraphKeys.WHILE_CONTEXT)]


@case
def loop_graph_def_nodes(tf):
    i = tf.constant(0, name="i")
    tf.while_loop(lambda i: i < 3, lambda i: i + 1, [i])
    gd = tf.get_default_graph().as_graph_def()
    return [[n.name, n.op, list(n.input)] for n in gd.node]


@case
def loop_under_outer_control_dependencies(tf):
    a = tf.no_op(name="a")
    i = tf.constant(0, name="i")
    with tf.control_dependencies([a]):
        tf.while_loop(lambda i: i < 3, lambda i: i + tf.constant(1), [i])
    return detail(tf)


@case
def control_dependencies_in_body(tf):
    i = tf.constant(0, name="i")

    def body(i):
        j = i + 1
        with tf.control_dependencies([j]):
            return tf.identity(j, name="out")

    tf.while_loop(lambda i: i < 3, body, [i])
    return detail(tf)


@case
def cond_false_constant(tf):
    i = tf.constant(7, name="i")
    r = tf.while_loop(lambda i: False, lambda i: i + 1, [i])
    with tf.Session() as sess:
        got = sess.run(r)
    return [static(r), detail(tf), got]

"""Loops inside loops, conds inside loop bodies and loops inside cond branches, and variables
(``tf.get_variable``, ``tf.Variable``) created or read in a loop body."""

from tests.conformance.cases.control_while._helpers import detail, loop_ops, names, run
from tests.conformance.harness import case, op_summary, raises, static


def _inner_sum(tf, i):
    """sum_{j < i} j, as a loop."""
    return tf.while_loop(lambda j, s: j < i, lambda j, s: (j + 1, s + j), [tf.constant(0), tf.constant(0)])[1]


@case
def nested_loop_detail(tf):
    n = tf.constant(3, name="n")

    def body(i, acc):
        return i + 1, acc + _inner_sum(tf, i)

    r = tf.while_loop(lambda i, acc: i < n, body, [tf.constant(0, name="i"), tf.constant(0, name="acc")])
    return [names(r), detail(tf)]


@case
def nested_loop_values(tf):
    def body(i, acc):
        return i + 1, acc + _inner_sum(tf, i)

    r = tf.while_loop(lambda i, acc: i < 6, body, [tf.constant(0), tf.constant(0)])
    return run(tf, r)


@case
def nested_loop_external_tensor(tf):
    w = tf.constant(2.0, name="w")

    def inner(x):
        return tf.while_loop(lambda k, x: k < 2, lambda k, x: (k + 1, x * w), [tf.constant(0), x])[1]

    r = tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, inner(x)), [tf.constant(0), tf.constant(1.0)])
    return [names(r), [op.name for op in tf.get_default_graph().get_operations() if op.type == "Enter"],
            run(tf, r)]


@case
def nested_loop_uses_outer_var(tf):
    def body(i, acc):
        inner = tf.while_loop(lambda j, s: j < 2, lambda j, s: (j + 1, s + i), [tf.constant(0), acc])
        return i + 1, inner[1]

    r = tf.while_loop(lambda i, acc: i < 4, body, [tf.constant(0, name="i"), tf.constant(0, name="acc")])
    return [detail(tf), run(tf, r)]


@case
def two_inner_loops(tf):
    def body(i, a, b):
        a2 = tf.while_loop(lambda x: x < 100, lambda x: x * 2, [a])
        b2 = tf.while_loop(lambda x: x < 100, lambda x: x * 3, [b])
        return i + 1, a2 - 99, b2 - 99

    r = tf.while_loop(lambda i, a, b: i < 2, body, [tf.constant(0), tf.constant(1), tf.constant(1)])
    return [names(r), [op.name for op in tf.get_default_graph().get_operations() if op.type == "LoopCond"],
            run(tf, r)]


@case
def triple_nested_names(tf):
    def lvl(depth):
        def body(i):
            if depth == 0:
                return i + 1
            tf.while_loop(lambda k: k < 1, lvl(depth - 1), [tf.constant(0)])
            return i + 1
        return body

    r = tf.while_loop(lambda k: k < 1, lvl(2), [tf.constant(0)])
    return [r.name, [op.name for op in tf.get_default_graph().get_operations() if op.type in ("LoopCond", "Exit")]]


@case
def nested_while_context_collection(tf):
    tf.while_loop(lambda i: i < 2, lambda i: i + tf.while_loop(lambda k: k < 1, lambda k: k + 1, [i]),
                  [tf.constant(0)])
    return [[c.name, c.pivot.name, None if c.outer_context is None else c.outer_context.name]
            for c in tf.get_collection(tf.GraphKeys.WHILE_CONTEXT)]


@case
def cond_in_body_detail(tf):
    def body(i, x):
        return i + 1, tf.cond(tf.equal(i % 2, 0), lambda: x + 1.0, lambda: x * 2.0)

    r = tf.while_loop(lambda i, x: i < 4, body, [tf.constant(0, name="i"), tf.constant(0.0, name="x")])
    return [names(r), detail(tf)]


@case
def cond_in_body_values(tf):
    def body(i, x):
        return i + 1, tf.cond(tf.equal(i % 2, 0), lambda: x + 1.0, lambda: x * 2.0)

    r = tf.while_loop(lambda i, x: i < 5, body, [tf.constant(0), tf.constant(0.0)])
    return run(tf, r)


@case
def cond_in_body_uses_external(tf):
    w = tf.constant(10.0, name="w")

    def body(i, x):
        return i + 1, tf.cond(i < 2, lambda: x + w, lambda: x - 1.0)

    r = tf.while_loop(lambda i, x: i < 4, body, [tf.constant(0), tf.constant(0.0)])
    return [[op.name for op in tf.get_default_graph().get_operations() if op.type in ("Enter", "Switch")],
            run(tf, r)]


@case
def loop_in_cond_branch_detail(tf):
    p = tf.placeholder(tf.bool, [], name="p")
    x = tf.constant(1.0, name="x")
    r = tf.cond(p, lambda: tf.while_loop(lambda v: v < 10.0, lambda v: v * 2.0, [x]), lambda: x)
    return [r.name, detail(tf)]


@case
def loop_in_cond_branch_values(tf):
    p = tf.placeholder(tf.bool, [], name="p")
    x = tf.constant(1.0, name="x")
    r = tf.cond(p, lambda: tf.while_loop(lambda v: v < 10.0, lambda v: v * 2.0, [x]), lambda: x - 1.0)
    with tf.Session() as sess:
        return [sess.run(r, {p: True}), sess.run(r, {p: False})]


@case
def loop_in_both_cond_branches(tf):
    p = tf.placeholder(tf.bool, [], name="p")
    x = tf.constant(1.0, name="x")
    r = tf.cond(p, lambda: tf.while_loop(lambda v: v < 10.0, lambda v: v * 2.0, [x]),
                lambda: tf.while_loop(lambda v: v < 10.0, lambda v: v + 4.0, [x]))
    with tf.Session() as sess:
        got = [sess.run(r, {p: True}), sess.run(r, {p: False})]
    return [[op.name for op in tf.get_default_graph().get_operations() if op.type == "LoopCond"], got]


@case
def get_variable_in_body(tf):
    def body(i, x):
        w = tf.get_variable("w", [], initializer=tf.constant_initializer(3.0))
        return i + 1, x * w

    r = tf.while_loop(lambda i, x: i < 3, body, [tf.constant(0, name="i"), tf.constant(1.0, name="x")])
    v = tf.global_variables()[0]
    init_inputs = [t.name for t in v.initializer.inputs]
    return [[g.name for g in tf.global_variables()], v.initializer.name, v.initializer.type, init_inputs,
            v.initial_value.name, [op.name for op in tf.get_default_graph().get_operations()], run(tf, r)]


@case
def get_variable_in_body_detail(tf):
    def body(x):
        w = tf.get_variable("w", [2], initializer=tf.ones_initializer())
        return x * w

    tf.while_loop(lambda x: tf.reduce_sum(x) < 10.0, body, [tf.constant([1.0, 1.0], name="x")])
    return detail(tf)


@case
def get_variable_in_body_scoped(tf):
    def body(x):
        with tf.variable_scope("layer"):
            w = tf.get_variable("w", [], initializer=tf.constant_initializer(2.0))
        return x * w

    with tf.variable_scope("model"):
        r = tf.while_loop(lambda x: x < 20.0, body, [tf.constant(1.0)])
    return [[g.name for g in tf.global_variables()], [g.name for g in tf.trainable_variables()],
            tf.global_variables()[0].initializer.name, run(tf, r)]


@case
def get_variable_in_nested_body(tf):
    def inner(x):
        w = tf.get_variable("w", [], initializer=tf.constant_initializer(2.0))
        return x * w

    def body(i, x):
        return i + 1, tf.while_loop(lambda x: x < 5.0, inner, [x])

    r = tf.while_loop(lambda i, x: i < 2, body, [tf.constant(0), tf.constant(1.0)])
    v = tf.global_variables()[0]
    return [v.name, v.initializer.name, [t.name for t in v.initializer.inputs], run(tf, r)]


@case
def get_variable_initializer_from_loop_var(tf):
    def body(x):
        w = tf.get_variable("w", initializer=x)
        return x * w

    return raises(tf.while_loop, lambda x: x < 10.0, body, [tf.constant(2.0)])


@case
def tf_variable_read_in_body(tf):
    v = tf.Variable(2.0, name="v")
    r = tf.while_loop(lambda x: x < 50.0, lambda x: x * v, [tf.constant(1.0, name="x")])
    return [static(r), detail(tf), run(tf, r)]


@case
def tf_variable_created_in_body(tf):
    def body(x):
        v = tf.Variable(3.0, name="v")
        return x * v

    r = tf.while_loop(lambda x: x < 50.0, body, [tf.constant(1.0, name="x")])
    v = tf.global_variables()[0]
    return [v.name, v.initializer.name, [t.name for t in v.initializer.inputs], run(tf, r)]


@case
def assign_add_in_body(tf):
    v = tf.Variable(0, name="counter")

    def body(i):
        with tf.control_dependencies([tf.assign_add(v, i)]):
            return i + 1

    r = tf.while_loop(lambda i: i < 5, body, [tf.constant(0, name="i")])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run(r)
        after = sess.run(v)
    return [op_summary(tf.get_default_graph()), got, after]


@case
def loop_in_cond_in_loop(tf):
    def body(i, x):
        y = tf.cond(i > 0, lambda: tf.while_loop(lambda v: v < 100.0, lambda v: v * 2.0, [x]), lambda: x + 1.0)
        return i + 1, y

    r = tf.while_loop(lambda i, x: i < 3, body, [tf.constant(0), tf.constant(1.0)])
    return [loop_ops(tf, "while/cond"), run(tf, r)]

"""A variable's ops are built outside the enclosing control dependencies and control flow
(TF builds them in an init scope); ``tf.init_scope`` does the same for any op."""

from tests.conformance.harness import case, run


def _control(t):
    op = getattr(t, "op", t)
    return [c.name for c in op.control_inputs]


@case
def variable_in_control_dependencies_has_no_control_inputs(tf):
    c = tf.constant(1.0, name="c")
    with tf.control_dependencies([c]):
        v = tf.Variable(2.0, name="v")
        d = tf.constant(3.0, name="d")
    return {"initializer": _control(v.initializer), "initial_value": _control(v.initial_value),
            "variable": _control(v.op), "read": _control(v.value()), "other_op": _control(d)}


@case
def get_variable_in_control_dependencies_has_no_control_inputs(tf):
    c = tf.constant(1.0, name="c")
    with tf.control_dependencies([c]):
        tf.get_variable("w", [2], initializer=tf.zeros_initializer())
    ops = tf.get_default_graph().get_operations()
    return [[op.name, _control(op)] for op in ops]


@case
def variable_from_a_callable_in_control_dependencies(tf):
    c = tf.constant(1.0, name="c")
    with tf.control_dependencies([c]):
        tf.Variable(lambda: tf.ones([2]) * 3.0, name="v")
    return [[op.name, _control(op)] for op in tf.get_default_graph().get_operations()]


@case
def variable_in_nested_control_dependencies_then_used(tf):
    a = tf.constant(1.0, name="a")
    b = tf.constant(2.0, name="b")
    with tf.control_dependencies([a]):
        with tf.control_dependencies([b]):
            v = tf.Variable(5.0, name="v")
            y = v * 2.0
    with tf.Session() as sess:
        sess.run(v.initializer)
        out = sess.run(y)
    return {"mul": _control(y), "assign": _control(v.initializer), "value": out}


@case
def assign_in_control_dependencies_keeps_them(tf):
    c = tf.constant(1.0, name="c")
    v = tf.Variable(2.0, name="v")
    with tf.control_dependencies([c]):
        a = v.assign(4.0)
        b = tf.assign_add(v, 1.0)
    return [_control(a), _control(b)]


@case
def init_scope_clears_control_dependencies(tf):
    c = tf.constant(1.0, name="c")
    with tf.control_dependencies([c]):
        with tf.init_scope():
            e = tf.constant(3.0, name="e")
        f = tf.constant(4.0, name="f")
    return [e.name, _control(e), f.name, _control(f)]


@case
def init_scope_keeps_the_name_scope(tf):
    with tf.name_scope("outer"):
        with tf.name_scope("inner"):
            with tf.init_scope():
                h = tf.constant(1.0, name="h")
                scope = tf.get_default_graph().get_name_scope()
            k = tf.constant(1.0, name="h")
    return [h.name, scope, k.name]


@case
def init_scope_at_the_root(tf):
    with tf.init_scope():
        a = tf.constant(1.0)
        scope = tf.get_default_graph().get_name_scope()
    return [a.name, scope, tf.executing_eagerly()]


@case
def init_scope_keeps_the_device(tf):
    with tf.device("/cpu:0"):
        with tf.init_scope():
            a = tf.constant(1.0, name="a")
    return a.device


@case
def init_scope_keeps_the_variable_scope(tf):
    with tf.variable_scope("vs"):
        with tf.init_scope():
            v = tf.get_variable("v", [1])
            a = tf.constant(1.0, name="a")
    return [v.name, a.name]


@case
def init_scope_inside_a_cond_branch(tf):
    p = tf.placeholder(tf.bool, [], name="p")

    def branch():
        with tf.init_scope():
            k = tf.constant(7.0, name="k")
        return tf.identity(k) + 1.0

    out = tf.cond(p, branch, lambda: tf.constant(0.0))
    k = tf.get_default_graph().get_operation_by_name("cond/k")
    return [k.name, _control(k), [t.name for t in k.inputs], run(tf, out, {p: True})]


@case
def variable_created_inside_a_cond_branch(tf):
    p = tf.placeholder(tf.bool, [], name="p")

    def branch():
        v = tf.Variable(lambda: tf.constant(2.0), name="v")
        return tf.identity(v.initial_value)

    out = tf.cond(p, branch, lambda: tf.constant(0.0))
    ops = tf.get_default_graph().get_operations()
    return [[op.name, op.type, _control(op)] for op in ops if op.name.startswith("cond/v")] + [out.name]


@case
def init_scope_then_variable_initialized_and_run(tf):
    c = tf.constant(1.0, name="c")
    with tf.control_dependencies([c]):
        with tf.init_scope():
            v = tf.Variable([1.0, 2.0], name="v")
        y = tf.reduce_sum(v)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [_control(y), sess.run(y)]

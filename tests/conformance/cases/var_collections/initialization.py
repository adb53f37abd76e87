"""Variable initializer ops (global, local, list) and the initialization-check ops
(is_variable_initialized, report_uninitialized_variables, assert_variables_initialized)."""

from tests.conformance.harness import case, op_names, op_summary, raises


@case
def coll_global_variables_initializer_name(tf):
    tf.Variable(1.0, name="a")
    init = tf.global_variables_initializer()
    return [init.name, init.type, type(init).__name__, [i.name for i in init.inputs],
            [c.name for c in init.control_inputs]]


@case
def coll_global_variables_initializer_many(tf):
    tf.Variable(1.0, name="a")
    tf.get_variable("b", [1], initializer=tf.zeros_initializer())
    tf.Variable(1.0, name="c", trainable=False)
    init = tf.global_variables_initializer()
    return [init.name, [c.name for c in init.control_inputs]]


@case
def coll_global_variables_initializer_excludes_locals(tf):
    tf.Variable(1.0, name="a")
    tf.get_local_variable("l", [1])
    init = tf.global_variables_initializer()
    return [c.name for c in init.control_inputs]


@case
def coll_global_variables_initializer_twice(tf):
    tf.Variable(1.0, name="a")
    i1 = tf.global_variables_initializer()
    i2 = tf.global_variables_initializer()
    return [i1.name, i2.name]


@case
def coll_global_variables_initializer_empty(tf):
    init = tf.global_variables_initializer()
    return [init.name, init.type, init.control_inputs, op_summary(tf.get_default_graph())]


@case
def coll_global_variables_initializer_in_name_scope(tf):
    tf.Variable(1.0, name="a")
    with tf.name_scope("ns"):
        init = tf.global_variables_initializer()
    return init.name


@case
def coll_global_variables_initializer_runs(tf):
    a = tf.Variable(1.0, name="a")
    b = tf.get_variable("b", [2], initializer=tf.ones_initializer())
    with tf.Session() as sess:
        out = sess.run(tf.global_variables_initializer())
        return [out, sess.run(a), sess.run(b)]


@case
def coll_local_variables_initializer_name(tf):
    tf.Variable(1.0, name="a")
    tf.get_local_variable("l", [1])
    g = tf.global_variables_initializer()
    loc = tf.local_variables_initializer()
    return [g.name, loc.name, loc.type, [c.name for c in loc.control_inputs]]


@case
def coll_local_variables_initializer_alone(tf):
    tf.get_local_variable("l", [1])
    loc = tf.local_variables_initializer()
    return [loc.name, [c.name for c in loc.control_inputs]]


@case
def coll_local_variables_initializer_empty(tf):
    loc = tf.local_variables_initializer()
    return [loc.name, loc.type]


@case
def coll_local_variables_initializer_runs(tf):
    v = tf.get_local_variable("l", [2], initializer=tf.constant_initializer(3.0))
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        return sess.run(v)


@case
def coll_variables_initializer_list(tf):
    a = tf.Variable(1.0, name="a")
    b = tf.Variable(2.0, name="b")
    init = tf.variables_initializer([a, b])
    return [init.name, init.type, [c.name for c in init.control_inputs]]


@case
def coll_variables_initializer_custom_name(tf):
    a = tf.Variable(1.0, name="a")
    init = tf.variables_initializer([a], name="my_init")
    return [init.name, [c.name for c in init.control_inputs]]


@case
def coll_variables_initializer_empty_list(tf):
    init = tf.variables_initializer([])
    return [init.name, init.type, init.control_inputs]


@case
def coll_variables_initializer_empty_list_named(tf):
    init = tf.variables_initializer([], name="nothing")
    return [init.name, init.type]


@case
def coll_variables_initializer_partial_run(tf):
    a = tf.Variable(1.0, name="a")
    b = tf.Variable(2.0, name="b")
    with tf.Session() as sess:
        sess.run(tf.variables_initializer([a]))
        return [sess.run(a), raises(sess.run, b)["error"]]


@case
def coll_variables_initializer_names_sequence(tf):
    a = tf.Variable(1.0, name="a")
    names = [tf.variables_initializer([a]).name, tf.variables_initializer([a]).name,
             tf.global_variables_initializer().name, tf.local_variables_initializer().name]
    return names


@case
def coll_initialize_all_variables_alias(tf):
    tf.Variable(1.0, name="a")
    init = tf.initialize_all_variables()
    return [init.name, init.type]


@case
def coll_initialize_variables_alias(tf):
    a = tf.Variable(1.0, name="a")
    init = tf.initialize_variables([a])
    return [init.name, init.type]


@case
def coll_initialize_local_variables_alias(tf):
    init = tf.initialize_local_variables()
    return [init.name, init.type]


@case
def coll_is_variable_initialized_op(tf):
    v = tf.Variable(1.0, name="v")
    t = tf.is_variable_initialized(v)
    return [t.name, t.op.type, t.dtype, [i.name for i in t.op.inputs]]


@case
def coll_is_variable_initialized_values(tf):
    v = tf.Variable(1.0, name="v")
    t = tf.is_variable_initialized(v)
    with tf.Session() as sess:
        before = sess.run(t)
        sess.run(v.initializer)
        after = sess.run(t)
    return [before, after]


@case
def coll_is_variable_initialized_twice_names(tf):
    v = tf.Variable(1.0, name="v")
    return [tf.is_variable_initialized(v).name, tf.is_variable_initialized(v).name]


@case
def coll_report_uninitialized_variables_ops(tf):
    tf.Variable(1.0, name="a")
    tf.Variable(2.0, name="b")
    t = tf.report_uninitialized_variables()
    return [t.name, t.dtype, op_summary(tf.get_default_graph())]


@case
def coll_report_uninitialized_variables_values(tf):
    a = tf.Variable(1.0, name="a")
    tf.Variable(2.0, name="b")
    with tf.variable_scope("s"):
        tf.get_variable("c", [1])
    t = tf.report_uninitialized_variables()
    with tf.Session() as sess:
        before = sess.run(t)
        sess.run(a.initializer)
        middle = sess.run(t)
        sess.run(tf.global_variables_initializer())
        after = sess.run(t)
    return [before, middle, after]


@case
def coll_report_uninitialized_variables_empty(tf):
    t = tf.report_uninitialized_variables()
    with tf.Session() as sess:
        out = sess.run(t)
    return [t.name, op_summary(tf.get_default_graph()), out]


@case
def coll_report_uninitialized_variables_list(tf):
    a = tf.Variable(1.0, name="a")
    tf.Variable(2.0, name="b")
    t = tf.report_uninitialized_variables([a])
    with tf.Session() as sess:
        return sess.run(t)


@case
def coll_report_uninitialized_variables_includes_locals(tf):
    tf.Variable(1.0, name="a")
    tf.get_local_variable("l", [1])
    t = tf.report_uninitialized_variables()
    with tf.Session() as sess:
        return sess.run(t)


@case
def coll_assert_variables_initialized_exists(tf):
    return hasattr(tf, "assert_variables_initialized")


@case
def coll_assert_variables_initialized_op(tf):
    tf.Variable(1.0, name="a")
    tf.Variable(2.0, name="b")
    t = tf.assert_variables_initialized()
    return [t.name, t.dtype, op_summary(tf.get_default_graph())]


@case
def coll_assert_variables_initialized_empty(tf):
    return tf.assert_variables_initialized()


@case
def coll_global_variables_initializer_control_inputs_are_assign_ops(tf):
    tf.Variable(1.0, name="a")
    init = tf.global_variables_initializer()
    return [[c.name, c.type] for c in init.control_inputs]


@case
def coll_initializer_op_names_after_other_init(tf):
    tf.no_op(name="init")
    tf.Variable(1.0, name="a")
    return tf.global_variables_initializer().name


@case
def coll_global_variables_initializer_op_name_listing(tf):
    tf.Variable(1.0, name="a")
    tf.global_variables_initializer()
    tf.local_variables_initializer()
    return op_names(tf.get_default_graph())

"""Custom getters: changing trainable, initializer and dtype, errors, local variables, tf.Variable and
variable_creator_scope, ops and name scopes."""

from tests.conformance.harness import case, op_names, raises


@case
def cg_modifies_trainable(tf):
    def getter(getter, name, *args, **kwargs):
        kwargs["trainable"] = False
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        v = tf.get_variable("w", [1])
    return [v.trainable, [x.name for x in tf.trainable_variables()]]


@case
def cg_modifies_initializer(tf):
    def getter(getter, name, *args, **kwargs):
        kwargs["initializer"] = tf.constant_initializer(9.0)
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        v = tf.get_variable("w", [2])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(v)


@case
def cg_modifies_dtype(tf):
    def getter(getter, name, *args, **kwargs):
        kwargs["dtype"] = tf.float64
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        v = tf.get_variable("w", [1])
    return v.dtype


@case
def cg_getter_exception_propagates(tf):
    def getter(getter, name, *args, **kwargs):
        raise RuntimeError("getter refused " + name)

    with tf.variable_scope("s", custom_getter=getter):
        return raises(tf.get_variable, "w", [1])


@case
def cg_applies_to_local_variable(tf):
    calls = []

    def getter(getter, name, *args, **kwargs):
        calls.append([name, kwargs["trainable"], kwargs["collections"]])
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        tf.get_local_variable("lv", [1])
    return calls


@case
def cg_not_applied_to_tf_variable(tf):
    calls = []

    def getter(getter, name, *args, **kwargs):
        calls.append(name)
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        v = tf.Variable(1.0, name="v")
    return [calls, v.name]


@case
def cg_variable_creator_scope_sees_tf_variable(tf):
    seen = []

    def creator(next_creator, **kwargs):
        seen.append(sorted(k for k in kwargs if kwargs[k] is not None))
        return next_creator(**kwargs)

    with tf.variable_creator_scope(creator):
        v = tf.Variable(1.0, name="v")
    return [v.name, len(seen)]


@case
def cg_getter_called_once_per_get_variable(tf):
    calls = []

    def getter(getter, name, *args, **kwargs):
        calls.append(name)
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        tf.get_variable("a", [1])
        tf.get_variable("b", [1])
        with tf.variable_scope("t"):
            tf.get_variable("c", [1])
    return calls


@case
def cg_getter_ops_are_created_outside_name_scope(tf):
    def getter(getter, name, *args, **kwargs):
        c = tf.constant(0.0, name="inside_getter")
        return getter(name, *args, **kwargs) + c

    with tf.variable_scope("s", custom_getter=getter):
        with tf.name_scope("ns"):
            v = tf.get_variable("w", [1], initializer=tf.zeros_initializer())
            after = tf.constant(0.0, name="after")
    return [v.name, after.name, op_names(tf.get_default_graph())]

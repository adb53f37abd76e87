"""tf.variable_scope: scope defaults (initializer, dtype, regularizer, custom getter, ...), variables
by scope, auxiliary_name_scope, and inheritance by get_variable."""

from tests.conformance.harness import case, op_names


@case
def vs_set_initializer(tf):
    with tf.variable_scope("foo") as s:
        s.set_initializer(tf.constant_initializer(3.0))
        v = tf.get_variable("v", [2])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(v)


@case
def vs_set_dtype(tf):
    with tf.variable_scope("foo") as s:
        s.set_dtype(tf.float64)
        v = tf.get_variable("v", [1])
    return [v.dtype, s.dtype]


@case
def vs_default_dtype_attr(tf):
    with tf.variable_scope("foo") as s:
        return [s.dtype, s.initializer, s.regularizer, s.caching_device, s.partitioner, s.custom_getter]


@case
def vs_set_regularizer(tf):
    with tf.variable_scope("foo") as s:
        s.set_regularizer(lambda w: tf.identity(w, name="reg"))
        tf.get_variable("v", [1])
    return [t.name for t in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)]


@case
def vs_set_initializer_inherited_by_child(tf):
    with tf.variable_scope("foo") as s:
        s.set_initializer(tf.ones_initializer())
        with tf.variable_scope("bar"):
            v = tf.get_variable("v", [2])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(v)


@case
def vs_set_custom_getter(tf):
    seen = []

    def getter(getter, name, *args, **kwargs):
        seen.append(name)
        return getter(name, *args, **kwargs)

    with tf.variable_scope("foo") as s:
        s.set_custom_getter(getter)
        tf.get_variable("v", [1])
    return seen


@case
def vs_set_use_resource_false(tf):
    with tf.variable_scope("foo") as s:
        s.set_use_resource(False)
        v = tf.get_variable("v", [1])
    return [s.use_resource, type(v).__name__]


@case
def vs_use_resource_default(tf):
    with tf.variable_scope("foo") as s:
        return s.use_resource


@case
def vs_set_caching_device(tf):
    with tf.variable_scope("foo") as s:
        s.set_caching_device("/cpu:0")
        return s.caching_device


@case
def vs_scope_global_variables(tf):
    with tf.variable_scope("foo") as s:
        tf.get_variable("a", [1])
        tf.get_variable("b", [1], trainable=False)
    with tf.variable_scope("foobar"):
        tf.get_variable("c", [1])
    tf.get_variable("d", [1])
    return [v.name for v in s.global_variables()]


@case
def vs_scope_trainable_variables(tf):
    with tf.variable_scope("foo") as s:
        tf.get_variable("a", [1])
        tf.get_variable("b", [1], trainable=False)
    return [v.name for v in s.trainable_variables()]


@case
def vs_scope_local_variables(tf):
    with tf.variable_scope("foo") as s:
        tf.get_variable("a", [1])
        tf.get_variable("l", [1], collections=[tf.GraphKeys.LOCAL_VARIABLES])
    return [v.name for v in s.local_variables()]


@case
def vs_scope_get_collection(tf):
    with tf.variable_scope("foo") as s:
        a = tf.get_variable("a", [1])
        tf.add_to_collection("mine", a)
    b = tf.constant(1.0, name="foo_b")
    tf.add_to_collection("mine", b)
    return [t.name for t in s.get_collection("mine")]


@case
def vs_scope_global_variables_prefix_match(tf):
    with tf.variable_scope("foo") as s:
        pass
    with tf.variable_scope("foo_extra"):
        tf.get_variable("x", [1])
    with tf.variable_scope("foo"):
        tf.get_variable("y", [1])
    return [v.name for v in s.global_variables()]


@case
def vs_root_scope_global_variables(tf):
    with tf.variable_scope("foo"):
        tf.get_variable("a", [1])
    tf.get_variable("b", [1])
    return [v.name for v in tf.get_variable_scope().global_variables()]


@case
def vs_auxiliary_name_scope_false(tf):
    with tf.variable_scope("foo", auxiliary_name_scope=False) as s:
        v = tf.get_variable("v", [1])
        c = tf.constant(1.0, name="c")
    return [s.name, s.original_name_scope, v.name, c.name]


@case
def vs_auxiliary_name_scope_false_reenter_object(tf):
    with tf.variable_scope("foo") as s:
        pass
    with tf.variable_scope(s, auxiliary_name_scope=False) as s2:
        c = tf.constant(1.0, name="c")
    return [s2.original_name_scope, c.name]


@case
def vs_auxiliary_name_scope_false_with_name_scope(tf):
    with tf.variable_scope("foo") as s:
        pass
    with tf.variable_scope(s, auxiliary_name_scope=False):
        with tf.name_scope(s.original_name_scope):
            c = tf.constant(1.0, name="c")
    return c.name


@case
def vs_auxiliary_name_scope_bad_type(tf):
    with tf.variable_scope("foo", auxiliary_name_scope=1):
        pass
    return "unreachable"


@case
def vs_initializer_inherited_by_get_variable(tf):
    with tf.variable_scope("foo", initializer=tf.constant_initializer(2.0)):
        v = tf.get_variable("v", [3])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(v)


@case
def vs_initializer_overridden_by_get_variable(tf):
    with tf.variable_scope("foo", initializer=tf.constant_initializer(2.0)):
        v = tf.get_variable("v", [2], initializer=tf.zeros_initializer())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(v)


@case
def vs_initializer_inherited_op_names(tf):
    with tf.variable_scope("foo", initializer=tf.constant_initializer(2.0)):
        tf.get_variable("v", [3])
    return op_names(tf.get_default_graph())


@case
def vs_initializer_nested_override(tf):
    with tf.variable_scope("a", initializer=tf.constant_initializer(2.0)):
        with tf.variable_scope("b", initializer=tf.constant_initializer(5.0)):
            v1 = tf.get_variable("v", [1])
        v2 = tf.get_variable("v", [1])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([v1, v2])


@case
def vs_dtype_inherited_by_get_variable(tf):
    with tf.variable_scope("foo", dtype=tf.float64):
        v = tf.get_variable("v", [1])
        with tf.variable_scope("bar"):
            w = tf.get_variable("w", [1])
    return [v.dtype, w.dtype]


@case
def vs_dtype_overridden_by_get_variable(tf):
    with tf.variable_scope("foo", dtype=tf.float64):
        v = tf.get_variable("v", [1], dtype=tf.float32)
    return v.dtype


@case
def vs_dtype_int_with_initializer(tf):
    with tf.variable_scope("foo", dtype=tf.int32):
        v = tf.get_variable("v", [2])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [v.dtype, sess.run(v)]

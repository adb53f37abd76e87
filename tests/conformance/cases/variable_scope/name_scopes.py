"""tf.variable_scope: scope names, interplay with name_scope and ops, re-entry by object, attributes
and errors."""

from tests.conformance.harness import case, op_names, raises


@case
def vs_scope_name_with_slash(tf):
    with tf.variable_scope("a/b") as s:
        v = tf.get_variable("v", [1])
        c = tf.constant(1.0, name="c")
    return [s.name, s.original_name_scope, v.name, c.name]


@case
def vs_scope_name_with_slash_then_parts(tf):
    with tf.variable_scope("a/b"):
        v1 = tf.get_variable("v", [1])
    with tf.variable_scope("a"):
        with tf.variable_scope("b", reuse=True):
            v2 = tf.get_variable("v", [1])
    return [v1.name, v2.name, v1 is v2]


@case
def vs_scope_name_empty_string(tf):
    with tf.variable_scope("") as s:
        v = tf.get_variable("v", [1])
        c = tf.constant(1.0, name="c")
    return [s.name, s.original_name_scope, v.name, c.name]


@case
def vs_scope_bad_type(tf):
    with tf.variable_scope(3):
        pass
    return "unreachable"


@case
def vs_name_scope_inside_variable_scope(tf):
    with tf.variable_scope("vs"):
        with tf.name_scope("ns"):
            v = tf.get_variable("v", [1])
            w = tf.Variable(1.0, name="w")
            c = tf.constant(1.0, name="c")
    return [v.name, w.name, c.name]


@case
def vs_variable_scope_inside_name_scope(tf):
    with tf.name_scope("ns"):
        with tf.variable_scope("vs") as s:
            v = tf.get_variable("v", [1])
            w = tf.Variable(1.0, name="w")
            c = tf.constant(1.0, name="c")
    return [s.name, s.original_name_scope, v.name, w.name, c.name]


@case
def vs_variable_scope_inside_name_scope_get_variable_scope(tf):
    with tf.name_scope("ns"):
        with tf.variable_scope("vs"):
            return tf.get_variable_scope().name


@case
def vs_name_scope_does_not_change_variable_scope(tf):
    with tf.variable_scope("vs"):
        with tf.name_scope("ns"):
            return tf.get_variable_scope().name


@case
def vs_name_scope_absolute_inside_variable_scope(tf):
    with tf.variable_scope("vs"):
        with tf.name_scope("abs/"):
            v = tf.get_variable("v", [1])
            c = tf.constant(1.0, name="c")
    return [v.name, c.name]


@case
def vs_name_scope_none_inside_variable_scope(tf):
    with tf.variable_scope("vs"):
        with tf.name_scope(None):
            v = tf.get_variable("v", [1])
            c = tf.constant(1.0, name="c")
    return [v.name, c.name]


@case
def vs_ops_op_names_in_scope(tf):
    with tf.variable_scope("foo"):
        x = tf.constant(1.0)
        y = x + x
        z = tf.identity(y)
    return [x.name, y.name, z.name]


@case
def vs_variable_scope_op_name_collides_with_existing_op(tf):
    tf.constant(1.0, name="foo")
    with tf.variable_scope("foo") as s:
        c = tf.constant(1.0, name="c")
        v = tf.get_variable("v", [1])
    return [s.original_name_scope, c.name, v.name]


@case
def vs_nested_reentry_original_name_scope(tf):
    with tf.variable_scope("a"):
        with tf.variable_scope("b") as b:
            pass
    with tf.variable_scope("a"):
        with tf.variable_scope(b) as b2:
            c = tf.constant(1.0, name="c")
    return [b2.name, b2.original_name_scope, c.name]


@case
def vs_reuse_true_by_object(tf):
    with tf.variable_scope("foo") as s:
        v1 = tf.get_variable("v", [1])
    with tf.variable_scope(s, reuse=True):
        v2 = tf.get_variable("v", [1])
    return v1 is v2


@case
def vs_initializer_on_reentry_by_object(tf):
    with tf.variable_scope("foo", initializer=tf.constant_initializer(7.0)) as s:
        pass
    with tf.variable_scope(s):
        v = tf.get_variable("v", [1])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(v)


@case
def vs_initializer_not_kept_on_reentry_by_string(tf):
    with tf.variable_scope("foo", initializer=tf.constant_initializer(7.0)):
        pass
    with tf.variable_scope("foo") as s:
        return s.initializer is None


@case
def vs_reuse_true_missing_variable_message(tf):
    with tf.variable_scope("foo", reuse=True):
        tf.get_variable("nope", [1])
    return "unreachable"


@case
def vs_scope_default_name_with_values_ops(tf):
    a = tf.constant(1.0, name="a")
    with tf.variable_scope(None, "dense", [a]):
        tf.get_variable("kernel", [1], initializer=tf.zeros_initializer())
        tf.identity(a, name="out")
    return op_names(tf.get_default_graph())


@case
def vs_scope_object_as_name_with_default_name(tf):
    with tf.variable_scope("foo") as s:
        pass
    with tf.variable_scope(s, default_name="ignored") as s2:
        return s2.name


@case
def vs_get_variable_scope_store(tf):
    with tf.variable_scope("foo"):
        tf.get_variable("v", [1])
    store = tf.get_variable_scope()
    return [v.name for v in store.global_variables()]


@case
def vs_variable_scope_name_scope_counts_shared(tf):
    with tf.name_scope("foo"):
        pass
    with tf.variable_scope("foo") as s:
        c = tf.constant(1.0, name="c")
        v = tf.get_variable("v", [1])
    return [s.name, s.original_name_scope, c.name, v.name]


@case
def vs_variable_scope_partitioner_attr(tf):
    with tf.variable_scope("foo", partitioner=None) as s:
        return s.partitioner


@case
def vs_variable_scope_regularizer_attr(tf):
    reg = lambda w: tf.identity(w)  # noqa: E731
    with tf.variable_scope("foo", regularizer=reg) as s:
        with tf.variable_scope("bar") as s2:
            return [s.regularizer is reg, s2.regularizer is reg]


@case
def vs_variable_scope_constraint_attr(tf):
    cons = lambda w: w  # noqa: E731
    with tf.variable_scope("foo", constraint=cons) as s:
        v = tf.get_variable("v", [1])
        return [s.constraint is cons, v.constraint is cons]


@case
def vs_original_name_scope_root(tf):
    return tf.get_variable_scope().original_name_scope


@case
def vs_reuse_true_with_default_name_error(tf):
    with tf.variable_scope(None, default_name="layer", reuse=True):
        pass
    return "unreachable"


@case
def vs_auto_reuse_with_default_name_error(tf):
    with tf.variable_scope(None, default_name="layer", reuse=tf.AUTO_REUSE) as s1:
        v1 = tf.get_variable("w", [1])
    with tf.variable_scope(None, default_name="layer", reuse=tf.AUTO_REUSE) as s2:
        v2 = tf.get_variable("w", [1])
    return [s1.name, s2.name, v1.name, v2.name]


@case
def vs_reuse_true_blocks_creation_in_child(tf):
    with tf.variable_scope("foo", reuse=True):
        with tf.variable_scope("bar"):
            return raises(tf.get_variable, "w", [1])


@case
def vs_reuse_scope_object_reuse_kwarg_false_keeps_parent(tf):
    with tf.variable_scope("foo") as foo:
        pass
    with tf.variable_scope("outer", reuse=True):
        with tf.variable_scope(foo, reuse=False) as s:
            return s.reuse

"""tf.variable_scope: naming, nesting, re-entry, reuse, defaults, setters and errors."""

from tests.conformance.harness import case, op_names, raises


@case
def vs_string_name(tf):
    with tf.variable_scope("foo") as scope:
        v = tf.get_variable("v", [1])
    return [scope.name, scope.original_name_scope, v.name]


@case
def vs_nested_names(tf):
    with tf.variable_scope("foo"):
        with tf.variable_scope("bar") as scope:
            v = tf.get_variable("v", [1])
            c = tf.constant(1.0, name="c")
    return [scope.name, scope.original_name_scope, v.name, c.name]


@case
def vs_scope_object_type_name(tf):
    with tf.variable_scope("foo") as scope:
        pass
    return [type(scope).__name__, isinstance(scope, tf.VariableScope)]


@case
def vs_reenter_by_string(tf):
    with tf.variable_scope("foo"):
        v1 = tf.get_variable("v1", [1])
        c1 = tf.constant(1.0, name="c")
    with tf.variable_scope("foo"):
        v2 = tf.get_variable("v2", [1])
        c2 = tf.constant(1.0, name="c")
    return [v1.name, c1.name, v2.name, c2.name]


@case
def vs_reenter_by_string_scope_attrs(tf):
    with tf.variable_scope("foo") as s1:
        pass
    with tf.variable_scope("foo") as s2:
        pass
    return [s1.name, s1.original_name_scope, s2.name, s2.original_name_scope, s1 is s2]


@case
def vs_reenter_by_object(tf):
    with tf.variable_scope("foo") as scope:
        c1 = tf.constant(1.0, name="c")
    with tf.variable_scope(scope):
        v = tf.get_variable("v", [1])
        c2 = tf.constant(1.0, name="c")
    return [c1.name, v.name, c2.name]


@case
def vs_reenter_by_object_yields_copy(tf):
    with tf.variable_scope("foo") as scope:
        pass
    with tf.variable_scope(scope) as scope2:
        pass
    return [scope2.name, scope2.original_name_scope, scope2 is scope]


@case
def vs_reenter_by_object_three_times(tf):
    with tf.variable_scope("foo") as scope:
        pass
    names = []
    for _ in range(3):
        with tf.variable_scope(scope):
            names.append(tf.constant(0.0, name="c").name)
    return names


@case
def vs_reenter_by_object_from_other_scope(tf):
    with tf.variable_scope("foo") as foo:
        pass
    with tf.variable_scope("bar"):
        with tf.variable_scope(foo) as s:
            v = tf.get_variable("v", [1])
            c = tf.constant(1.0, name="c")
    return [s.name, v.name, c.name]


@case
def vs_reenter_object_then_nested_string(tf):
    with tf.variable_scope("foo") as foo:
        pass
    with tf.variable_scope(foo):
        with tf.variable_scope("inner") as inner:
            v = tf.get_variable("v", [1])
            c = tf.constant(1.0, name="c")
    return [inner.name, inner.original_name_scope, v.name, c.name]


@case
def vs_reenter_nested_by_string_twice(tf):
    with tf.variable_scope("a"):
        with tf.variable_scope("b"):
            c1 = tf.constant(1.0, name="c")
    with tf.variable_scope("a"):
        with tf.variable_scope("b"):
            c2 = tf.constant(1.0, name="c")
    return [c1.name, c2.name]


@case
def vs_default_name_uniquified(tf):
    names = []
    for _ in range(3):
        with tf.variable_scope(None, default_name="layer") as s:
            v = tf.get_variable("w", [1])
            names.append([s.name, s.original_name_scope, v.name])
    return names


@case
def vs_default_name_nested(tf):
    with tf.variable_scope("outer"):
        with tf.variable_scope(None, default_name="layer") as s1:
            pass
        with tf.variable_scope(None, default_name="layer") as s2:
            pass
    with tf.variable_scope("outer"):
        with tf.variable_scope(None, default_name="layer") as s3:
            pass
    return [s1.name, s2.name, s3.name, s3.original_name_scope]


@case
def vs_default_name_after_explicit_same_name(tf):
    with tf.variable_scope("layer"):
        pass
    with tf.variable_scope(None, default_name="layer") as s:
        pass
    return [s.name, s.original_name_scope]


@case
def vs_default_name_ignored_when_name_given(tf):
    with tf.variable_scope("given", default_name="layer") as s:
        pass
    return [s.name, s.original_name_scope]


@case
def vs_default_name_counts_variable_scope_not_name_scope(tf):
    with tf.name_scope("layer"):
        pass
    with tf.variable_scope(None, default_name="layer") as s:
        c = tf.constant(1.0, name="c")
    return [s.name, s.original_name_scope, c.name]


@case
def vs_none_without_default_name_error(tf):
    with tf.variable_scope(None):
        pass
    return "unreachable"


@case
def vs_values_argument(tf):
    a = tf.constant(1.0, name="a")
    with tf.variable_scope("foo", values=[a]) as s:
        c = tf.constant(1.0, name="c")
    return [s.name, c.name]


@case
def vs_values_with_default_name(tf):
    a = tf.constant(1.0, name="a")
    with tf.variable_scope(None, default_name="mylayer", values=[a]) as s:
        c = tf.constant(1.0, name="c")
    return [s.name, c.name]


@case
def vs_values_from_other_graph_switches_default_graph(tf):
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1.0, name="a")
    with tf.variable_scope("foo", values=[a]):
        c = tf.constant(1.0, name="c")
    return [c.graph is g, c.name]


@case
def vs_reuse_default_false(tf):
    with tf.variable_scope("foo") as s:
        r = s.reuse
    return [r, tf.get_variable_scope().reuse]


@case
def vs_reuse_true_attr(tf):
    with tf.variable_scope("foo", reuse=True) as s:
        return [s.reuse, tf.get_variable_scope().reuse]


@case
def vs_reuse_inherited_by_child(tf):
    with tf.variable_scope("foo", reuse=True):
        with tf.variable_scope("bar") as s:
            return s.reuse


@case
def vs_reuse_false_inside_true_stays_true(tf):
    with tf.variable_scope("foo", reuse=True):
        with tf.variable_scope("bar", reuse=False) as s:
            return s.reuse


@case
def vs_reuse_none_inside_true_stays_true(tf):
    with tf.variable_scope("foo", reuse=True):
        with tf.variable_scope("bar", reuse=None) as s:
            return s.reuse


@case
def vs_reuse_restored_after_exit(tf):
    with tf.variable_scope("foo", reuse=True):
        pass
    with tf.variable_scope("foo") as s:
        return [s.reuse, tf.get_variable_scope().reuse]


@case
def vs_reuse_auto_reuse_attr(tf):
    with tf.variable_scope("foo", reuse=tf.AUTO_REUSE) as s:
        return [s.reuse is tf.AUTO_REUSE, str(s.reuse)]


@case
def vs_auto_reuse_creates_then_shares(tf):
    def make():
        with tf.variable_scope("foo", reuse=tf.AUTO_REUSE):
            return tf.get_variable("v", [1])

    v1 = make()
    v2 = make()
    return [v1.name, v2.name, v1 is v2, len(tf.global_variables())]


@case
def vs_auto_reuse_inherited(tf):
    with tf.variable_scope("foo", reuse=tf.AUTO_REUSE):
        with tf.variable_scope("bar") as s:
            v1 = tf.get_variable("v", [1])
            v2 = tf.get_variable("v", [1])
    return [s.reuse is tf.AUTO_REUSE, v1 is v2, v1.name]


@case
def vs_reuse_true_inside_auto_reuse(tf):
    with tf.variable_scope("foo", reuse=tf.AUTO_REUSE):
        with tf.variable_scope("bar", reuse=True) as s:
            return str(s.reuse)


@case
def vs_auto_reuse_inside_reuse_true(tf):
    with tf.variable_scope("foo", reuse=True):
        with tf.variable_scope("bar", reuse=tf.AUTO_REUSE) as s:
            return str(s.reuse)


@case
def vs_auto_reuse_repr(tf):
    return [repr(tf.AUTO_REUSE), str(tf.AUTO_REUSE)]


@case
def vs_reuse_variables_method(tf):
    with tf.variable_scope("foo") as s:
        before = s.reuse
        v1 = tf.get_variable("v", [1])
        s.reuse_variables()
        after = s.reuse
        v2 = tf.get_variable("v", [1])
        current = tf.get_variable_scope().reuse
    return [before, after, current, v1 is v2]


@case
def vs_reuse_variables_via_get_variable_scope(tf):
    with tf.variable_scope("foo"):
        v1 = tf.get_variable("v", [1])
        tf.get_variable_scope().reuse_variables()
        v2 = tf.get_variable("v", [1])
    return v1 is v2


@case
def vs_reuse_variables_does_not_leak(tf):
    with tf.variable_scope("foo") as s:
        s.reuse_variables()
    with tf.variable_scope("foo") as s2:
        return [s.reuse, s2.reuse]


@case
def vs_reuse_variables_propagates_to_reentry_by_object(tf):
    with tf.variable_scope("foo") as s:
        tf.get_variable("v", [1])
        s.reuse_variables()
    with tf.variable_scope(s) as s2:
        return s2.reuse


@case
def vs_reuse_bad_value(tf):
    with tf.variable_scope("foo", reuse="yes") as s:
        return repr(s.reuse)


@case
def vs_reuse_int_value(tf):
    with tf.variable_scope("foo", reuse=1) as s:
        return repr(s.reuse)


@case
def vs_get_variable_scope_root(tf):
    s = tf.get_variable_scope()
    return [type(s).__name__, s.name, s.original_name_scope, s.reuse]


@case
def vs_get_variable_scope_inside(tf):
    with tf.variable_scope("foo") as s:
        cur = tf.get_variable_scope()
        return [cur.name, cur is s]


@case
def vs_get_variable_scope_nested(tf):
    with tf.variable_scope("foo"):
        with tf.variable_scope("bar"):
            return tf.get_variable_scope().name


@case
def vs_root_scope_object_persists(tf):
    root1 = tf.get_variable_scope()
    with tf.variable_scope("foo"):
        pass
    root2 = tf.get_variable_scope()
    return root1 is root2


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

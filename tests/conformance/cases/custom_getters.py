"""Custom getters on variable_scope and get_variable: call order, kwargs, renaming and wrapping."""

from tests.conformance.harness import case, op_names, raises, shape_of


@case
def cg_passthrough(tf):
    calls = []

    def getter(getter, name, *args, **kwargs):
        calls.append(name)
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        v = tf.get_variable("w", [1])
    return [calls, v.name, type(v).__name__]


@case
def cg_kwargs_keys(tf):
    seen = {}

    def getter(getter, name, *args, **kwargs):
        seen["args"] = len(args)
        seen["keys"] = sorted(kwargs)
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        tf.get_variable("w", [2, 3])
    return seen


@case
def cg_kwargs_values(tf):
    seen = {}

    def getter(getter, name, *args, **kwargs):
        seen["shape"] = shape_of(tf.TensorShape(kwargs["shape"]))
        seen["dtype"] = kwargs["dtype"]
        seen["trainable"] = kwargs["trainable"]
        seen["reuse"] = kwargs["reuse"]
        seen["collections"] = kwargs["collections"]
        seen["validate_shape"] = kwargs["validate_shape"]
        seen["initializer_is_none"] = kwargs["initializer"] is None
        seen["regularizer_is_none"] = kwargs["regularizer"] is None
        seen["partitioner"] = kwargs["partitioner"]
        seen["use_resource"] = kwargs["use_resource"]
        seen["caching_device"] = kwargs["caching_device"]
        seen["constraint"] = kwargs["constraint"]
        seen["synchronization"] = str(kwargs["synchronization"])
        seen["aggregation"] = str(kwargs["aggregation"])
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        tf.get_variable("w", [2, 3])
    return seen


@case
def cg_kwargs_values_explicit(tf):
    seen = {}

    def getter(getter, name, *args, **kwargs):
        seen["dtype"] = kwargs["dtype"]
        seen["trainable"] = kwargs["trainable"]
        seen["collections"] = kwargs["collections"]
        seen["initializer_type"] = type(kwargs["initializer"]).__name__
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        tf.get_variable("w", [2], dtype=tf.float64, trainable=False, collections=["c", "variables"],
                        initializer=tf.zeros_initializer())
    return seen


@case
def cg_kwargs_reuse_value_under_reuse(tf):
    seen = []

    def getter(getter, name, *args, **kwargs):
        seen.append(str(kwargs["reuse"]))
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        tf.get_variable("w", [1])
    with tf.variable_scope("s", custom_getter=getter, reuse=True):
        tf.get_variable("w", [1])
    with tf.variable_scope("s", custom_getter=getter, reuse=tf.AUTO_REUSE):
        tf.get_variable("w", [1])
    return seen


@case
def cg_kwargs_dtype_default_from_scope(tf):
    seen = []

    def getter(getter, name, *args, **kwargs):
        seen.append(kwargs["dtype"])
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter, dtype=tf.float64):
        tf.get_variable("w", [1])
    return seen


@case
def cg_rename(tf):
    def getter(getter, name, *args, **kwargs):
        return getter(name + "_renamed", *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        v = tf.get_variable("w", [1])
    return [v.name, [x.name for x in tf.global_variables()]]


@case
def cg_wrap_with_identity(tf):
    def getter(getter, name, *args, **kwargs):
        return tf.identity(getter(name, *args, **kwargs), name="wrapped")

    with tf.variable_scope("s", custom_getter=getter):
        v = tf.get_variable("w", [1], initializer=tf.zeros_initializer())
    return [v.name, isinstance(v, tf.Tensor), op_names(tf.get_default_graph()),
            [x.name for x in tf.global_variables()]]


@case
def cg_wrap_with_multiply(tf):
    def getter(getter, name, *args, **kwargs):
        return getter(name, *args, **kwargs) * 2.0

    with tf.variable_scope("s", custom_getter=getter):
        v = tf.get_variable("w", [2], initializer=tf.ones_initializer())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [v.name, sess.run(v)]


@case
def cg_nested_call_order(tf):
    calls = []

    def make(tag):
        def getter(getter, name, *args, **kwargs):
            calls.append(tag + ":enter")
            v = getter(name, *args, **kwargs)
            calls.append(tag + ":exit")
            return v

        return getter

    with tf.variable_scope("outer", custom_getter=make("outer")):
        with tf.variable_scope("inner", custom_getter=make("inner")):
            tf.get_variable("w", [1])
    return calls


@case
def cg_nested_rename_order(tf):
    def make(suffix):
        def getter(getter, name, *args, **kwargs):
            return getter(name + suffix, *args, **kwargs)

        return getter

    with tf.variable_scope("outer", custom_getter=make("_o")):
        with tf.variable_scope("inner", custom_getter=make("_i")):
            v = tf.get_variable("w", [1])
    return v.name


@case
def cg_get_variable_getter_replaces_scope_getters(tf):
    calls = []

    def make(tag):
        def getter(getter, name, *args, **kwargs):
            calls.append(tag)
            return getter(name, *args, **kwargs)

        return getter

    with tf.variable_scope("outer", custom_getter=make("outer")):
        with tf.variable_scope("inner", custom_getter=make("inner")):
            tf.get_variable("w", [1], custom_getter=make("direct"))
    return calls


@case
def cg_nested_three_levels(tf):
    calls = []

    def make(tag):
        def getter(getter, name, *args, **kwargs):
            calls.append(tag)
            return getter(name, *args, **kwargs)

        return getter

    with tf.variable_scope("a", custom_getter=make("a")):
        with tf.variable_scope("b", custom_getter=make("b")):
            with tf.variable_scope("c", custom_getter=make("c")):
                tf.get_variable("w", [1])
    return calls


@case
def cg_child_scope_without_getter_inherits(tf):
    calls = []

    def getter(getter, name, *args, **kwargs):
        calls.append(name)
        return getter(name, *args, **kwargs)

    with tf.variable_scope("outer", custom_getter=getter):
        with tf.variable_scope("inner"):
            tf.get_variable("w", [1])
    return calls


@case
def cg_getter_not_active_after_exit(tf):
    calls = []

    def getter(getter, name, *args, **kwargs):
        calls.append(name)
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        pass
    tf.get_variable("w", [1])
    return calls


@case
def cg_on_get_variable_directly(tf):
    calls = []

    def getter(getter, name, *args, **kwargs):
        calls.append(name)
        return getter(name, *args, **kwargs)

    v = tf.get_variable("w", [1], custom_getter=getter)
    u = tf.get_variable("u", [1])
    return [calls, v.name, u.name]


@case
def cg_direct_getter_kwargs_keys(tf):
    seen = {}

    def getter(getter, name, *args, **kwargs):
        seen["keys"] = sorted(kwargs)
        seen["args"] = len(args)
        return getter(name, *args, **kwargs)

    tf.get_variable("w", [1], custom_getter=getter)
    return seen


@case
def cg_not_callable_on_scope_fails_at_get_variable(tf):
    with tf.variable_scope("s", custom_getter="nope"):
        return raises(tf.get_variable, "w", [1])


@case
def cg_not_callable_on_get_variable(tf):
    tf.get_variable("w", [1], custom_getter=5)
    return "unreachable"


@case
def cg_called_on_reuse_too(tf):
    calls = []

    def getter(getter, name, *args, **kwargs):
        calls.append(name)
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        a = tf.get_variable("w", [1])
    with tf.variable_scope("s", reuse=True, custom_getter=getter):
        b = tf.get_variable("w", [1])
    return [calls, a is b]


@case
def cg_returns_constant(tf):
    def getter(getter, name, *args, **kwargs):
        return tf.constant(5.0, name="fake")

    with tf.variable_scope("s", custom_getter=getter):
        v = tf.get_variable("w", [1])
    return [v.name, op_names(tf.get_default_graph()), len(tf.global_variables())]


@case
def cg_getter_name_arg_is_full_name(tf):
    names = []

    def getter(getter, name, *args, **kwargs):
        names.append(name)
        return getter(name, *args, **kwargs)

    with tf.variable_scope("a"):
        with tf.variable_scope("b", custom_getter=getter):
            with tf.name_scope("ns"):
                tf.get_variable("w", [1])
    return names


@case
def cg_set_custom_getter_replaces(tf):
    calls = []

    def make(tag):
        def getter(getter, name, *args, **kwargs):
            calls.append(tag)
            return getter(name, *args, **kwargs)

        return getter

    with tf.variable_scope("s", custom_getter=make("first")) as scope:
        scope.set_custom_getter(make("second"))
        tf.get_variable("w", [1])
    return calls


@case
def cg_scope_custom_getter_attr(tf):
    def getter(getter, name, *args, **kwargs):
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter) as scope:
        a = scope.custom_getter is getter
        with tf.variable_scope("inner") as inner:
            b = inner.custom_getter is getter
    return [a, b]


@case
def cg_nested_scope_custom_getter_attr_is_composite(tf):
    def g1(getter, name, *args, **kwargs):
        return getter(name, *args, **kwargs)

    def g2(getter, name, *args, **kwargs):
        return getter(name, *args, **kwargs)

    with tf.variable_scope("a", custom_getter=g1):
        with tf.variable_scope("b", custom_getter=g2) as inner:
            return [inner.custom_getter is g1, inner.custom_getter is g2, callable(inner.custom_getter)]


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

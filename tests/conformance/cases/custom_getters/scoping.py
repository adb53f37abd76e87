"""Custom getters: nesting, inheritance by child scopes, scope and direct getters, reuse,
set_custom_getter."""

from tests.conformance.harness import case, op_names, raises


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

"""tf.variable_scope: names, nesting, re-entry, default_name and values."""

from tests.conformance.harness import case


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

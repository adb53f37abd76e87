"""Conformance cases for op naming: tf.name_scope, uniquification and name validation."""

from tests.conformance.harness import case, op_names, raises


@case
def default_op_names(tf):
    return [tf.constant(1.0).name, tf.constant(2.0).name, tf.placeholder(tf.float32).name, tf.no_op().name]


@case
def explicit_name_uniquified(tf):
    return [tf.constant(1.0, name="c").name, tf.constant(1.0, name="c").name, tf.constant(1.0, name="c").name]


@case
def name_scope_prefixes_ops(tf):
    with tf.name_scope("s"):
        a = tf.constant(1.0)
        b = tf.constant(1.0, name="b")
    return [a.name, b.name]


@case
def name_scope_returns_scope_string(tf):
    with tf.name_scope("s") as s1:
        with tf.name_scope("t") as s2:
            pass
    return [s1, s2]


@case
def name_scope_nesting(tf):
    with tf.name_scope("a"):
        with tf.name_scope("b"):
            with tf.name_scope("c"):
                x = tf.constant(1.0, name="x")
    return x.name


@case
def name_scope_uniquified_on_reuse(tf):
    names = []
    for _ in range(3):
        with tf.name_scope("s") as s:
            names.append(s)
            tf.constant(1.0)
    return [names, op_names(tf.get_default_graph())]


@case
def empty_name_scope_uniquified(tf):
    names = []
    for _ in range(2):
        with tf.name_scope("s") as s:
            names.append(s)
    return names


@case
def nested_scope_uniquified_per_parent(tf):
    out = []
    for outer in ["a", "b"]:
        with tf.name_scope(outer):
            for _ in range(2):
                with tf.name_scope("in") as s:
                    out.append(s)
    return out


@case
def case_insensitive_uniquification_ops(tf):
    return [tf.constant(1.0, name="Foo").name, tf.constant(1.0, name="foo").name,
            tf.constant(1.0, name="FOO").name]


@case
def case_insensitive_uniquification_scopes(tf):
    with tf.name_scope("Foo") as a:
        pass
    with tf.name_scope("foo") as b:
        pass
    return [a, b]


@case
def explicit_names_collide_with_suffixes(tf):
    return [tf.constant(1.0, name=n).op.name for n in ["foo_1", "foo", "foo", "foo_1"]]


@case
def explicit_suffix_after_generated(tf):
    return [tf.constant(1.0, name=n).op.name for n in ["foo", "foo", "foo_1", "foo_2", "foo"]]


@case
def default_names_collide_with_explicit(tf):
    a = tf.constant(1.0, name="Const_1")
    b = tf.constant(1.0)
    c = tf.constant(1.0)
    d = tf.constant(1.0)
    return [a.op.name, b.op.name, c.op.name, d.op.name]


@case
def ops_and_scopes_share_namespace(tf):
    a = tf.constant(1.0, name="x")
    with tf.name_scope("x") as s:
        b = tf.constant(1.0, name="y")
    return [a.name, s, b.name]


@case
def scope_then_op_same_name(tf):
    with tf.name_scope("x") as s:
        pass
    a = tf.constant(1.0, name="x")
    return [s, a.name]


@case
def reenter_scope_with_trailing_slash(tf):
    with tf.name_scope("s") as s:
        a = tf.constant(1.0, name="a")
    with tf.name_scope(s) as s2:
        b = tf.constant(1.0, name="a")
        c = tf.constant(1.0, name="c")
    return [s2, a.name, b.name, c.name]


@case
def reenter_nested_scope_from_other_scope(tf):
    with tf.name_scope("outer"):
        with tf.name_scope("inner") as inner:
            pass
    with tf.name_scope("other"):
        with tf.name_scope(inner) as again:
            x = tf.constant(1.0, name="x")
    return [again, x.name]


@case
def trailing_slash_scope_not_yet_used(tf):
    with tf.name_scope("fresh/") as s:
        x = tf.constant(1.0, name="x")
    with tf.name_scope("fresh") as t:
        pass
    return [s, x.name, t]


@case
def name_scope_none_resets_to_root(tf):
    with tf.name_scope("a"):
        with tf.name_scope(None) as s:
            x = tf.constant(1.0, name="x")
    return [s, x.name]


@case
def name_scope_empty_string_resets_to_root(tf):
    with tf.name_scope("a"):
        with tf.name_scope("") as s:
            x = tf.constant(1.0, name="x")
    return [s, x.name]


@case
def name_scope_default_name_used(tf):
    with tf.name_scope(None, "Default") as s1:
        pass
    with tf.name_scope(None, "Default") as s2:
        pass
    return [s1, s2]


@case
def name_scope_name_overrides_default(tf):
    with tf.name_scope("given", "Default") as s:
        pass
    return s


@case
def name_scope_with_values(tf):
    c = tf.constant(1.0, name="c")
    with tf.name_scope("scope", "Default", [c]) as s:
        x = tf.identity(c)
    return [s, x.name]


@case
def name_scope_values_from_other_graph(tf):
    g = tf.Graph()
    with g.as_default():
        c = tf.constant(1.0, name="c")
    with tf.name_scope("scope", values=[c]) as s:
        x = tf.constant(2.0, name="x")
    return [s, x.graph is g, x.name]


@case
def name_scope_none_none_resets_to_root(tf):
    with tf.name_scope("a"):
        with tf.name_scope(None, None) as s:
            x = tf.constant(1.0, name="x")
    return [s, x.name]


@case
def name_scope_default_name_nested(tf):
    with tf.name_scope("outer"):
        with tf.name_scope(None, "D") as a:
            pass
        with tf.name_scope(None, "D") as b:
            pass
    return [a, b]


@case
def name_scope_invalid_leading_underscore(tf):
    def build():
        with tf.name_scope("_bad"):
            pass
    return raises(build)


@case
def name_scope_invalid_leading_dash(tf):
    def build():
        with tf.name_scope("-bad"):
            pass
    return raises(build)


@case
def name_scope_invalid_space(tf):
    def build():
        with tf.name_scope("has space"):
            pass
    return raises(build)


@case
def name_scope_nested_leading_underscore_allowed(tf):
    with tf.name_scope("outer"):
        with tf.name_scope("_inner") as s:
            x = tf.constant(1.0, name="x")
    return [s, x.name]


@case
def name_scope_nested_leading_dash_allowed(tf):
    with tf.name_scope("outer"):
        with tf.name_scope("-inner") as s:
            pass
    return s


@case
def name_scope_nested_invalid_space(tf):
    def build():
        with tf.name_scope("outer"):
            with tf.name_scope("in ner"):
                pass
    return raises(build)


@case
def name_scope_allowed_characters(tf):
    with tf.name_scope("a.b-c_d1") as s:
        pass
    with tf.name_scope("9lives") as t:
        pass
    with tf.name_scope(".dot") as u:
        pass
    return [s, t, u]


@case
def name_scope_invalid_characters(tf):
    def build(n):
        with tf.name_scope(n):
            pass
    return [raises(build, n) for n in ["a:b", "a*", "a!b"]]


@case
def op_name_with_leading_underscore_error(tf):
    return raises(tf.constant, 1.0, name="_c")


@case
def op_name_with_space_error(tf):
    return raises(tf.constant, 1.0, name="a b")


@case
def op_name_with_leading_dash_error(tf):
    return raises(tf.constant, 1.0, name="-c")


@case
def op_name_nested_leading_underscore(tf):
    with tf.name_scope("s"):
        return raises(lambda: tf.constant(1.0, name="_c").name)


@case
def op_name_with_slash(tf):
    return [tf.constant(1.0, name="a/b").name, tf.constant(1.0, name="a/b").name]


@case
def op_name_with_slash_then_scope(tf):
    tf.constant(1.0, name="a/b")
    with tf.name_scope("a") as s:
        x = tf.constant(1.0, name="b")
    return [s, x.name]


@case
def placeholder_name_inside_scope(tf):
    with tf.name_scope("inputs"):
        x = tf.placeholder(tf.float32, name="x")
        y = tf.placeholder(tf.float32)
    return [x.name, y.name]


@case
def explicit_names_inside_scope_uniquified(tf):
    with tf.name_scope("s"):
        a = tf.constant(1.0, name="c")
        b = tf.constant(1.0, name="c")
    with tf.name_scope("s"):
        c = tf.constant(1.0, name="c")
    return [a.name, b.name, c.name]


@case
def get_name_scope_values(tf):
    g = tf.get_default_graph()
    out = [g.get_name_scope()]
    with tf.name_scope("a"):
        out.append(g.get_name_scope())
        with tf.name_scope("b"):
            out.append(g.get_name_scope())
        with tf.name_scope(None):
            out.append(g.get_name_scope())
    out.append(g.get_name_scope())
    return out


@case
def get_name_scope_after_uniquification(tf):
    g = tf.get_default_graph()
    with tf.name_scope("a"):
        pass
    with tf.name_scope("a"):
        return g.get_name_scope()


@case
def module_get_name_scope(tf):
    with tf.name_scope("outer"):
        return tf.get_default_graph().get_name_scope()


@case
def binary_op_names_in_scope(tf):
    with tf.name_scope("m"):
        x = tf.constant(1.0, name="x")
        y = x + x
        z = x * 2.0
    return op_names(tf.get_default_graph())


@case
def operator_names_uniquified(tf):
    x = tf.constant(1.0, name="x")
    return [(x + x).name, (x + x).name, (x * x).name, (x * x).name, tf.add(x, x).name, tf.add(x, x).name]


@case
def op_names_case_preserved_but_unique(tf):
    a = tf.constant(1.0, name="Add")
    b = tf.constant(1.0, name="add")
    c = tf.add(a, b)
    return [a.name, b.name, c.name]


@case
def name_scope_string_object_reused_in_ops(tf):
    with tf.name_scope("s") as scope:
        x = tf.constant(1.0, name="x")
        y = tf.identity(x, name=scope)
    return [scope, y.name, y.op.name]


@case
def op_named_after_closed_scope_string(tf):
    with tf.name_scope("s") as scope:
        x = tf.constant(1.0, name="x")
    y = tf.identity(x, name=scope)
    return [y.name, op_names(tf.get_default_graph())]


@case
def name_scope_with_numeric_suffix(tf):
    with tf.name_scope("s_1") as a:
        pass
    with tf.name_scope("s") as b:
        pass
    with tf.name_scope("s") as c:
        pass
    return [a, b, c]


@case
def graph_name_scope_same_as_module(tf):
    g = tf.get_default_graph()
    with g.name_scope("a") as s1:
        pass
    with tf.name_scope("a") as s2:
        pass
    return [s1, s2]


@case
def graph_name_scope_none_resets(tf):
    g = tf.get_default_graph()
    with g.name_scope("a"):
        with g.name_scope(None) as s:
            x = tf.constant(1.0, name="x")
    return [s, x.name]


@case
def variable_name_in_scope(tf):
    with tf.name_scope("s"):
        v = tf.Variable(1.0, name="v")
    return [v.name, v.op.name, sorted(op_names(tf.get_default_graph()))]


@case
def constant_name_with_colon_error(tf):
    return raises(tf.constant, 1.0, name="a:0")


@case
def exact_scope_name_used_twice_error(tf):
    with tf.name_scope("foo") as scope:
        tf.constant(1.0, name=scope)
        got = raises(tf.constant, 2.0, name=scope)
    return [got, sorted(op_names(tf.get_default_graph()))]


@case
def op_named_after_existing_node_error(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    return [raises(lambda: tf.tanh(x, name="x/").name), sorted(op_names(tf.get_default_graph()))]


@case
def unique_name_after_exact_name_error(tf):
    tf.constant(1.0, name="c/")  # an exact name is not marked as used, so "c" is handed out again
    got = raises(lambda: tf.constant(2.0, name="c").name)
    return [got, tf.constant(3.0, name="c").name, sorted(op_names(tf.get_default_graph()))]

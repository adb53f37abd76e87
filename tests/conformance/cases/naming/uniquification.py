"""Op naming: default names, uniquification of ops and scopes, re-entering scopes."""

from tests.conformance.harness import case, op_names


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

"""Op naming: tf.name_scope arguments (None, empty, default_name, values) and valid characters."""

from tests.conformance.harness import case, raises


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

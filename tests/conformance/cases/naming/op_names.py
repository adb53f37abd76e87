"""Op naming: op name validation, get_name_scope, operators, Graph.name_scope, naming errors."""

from tests.conformance.harness import case, op_names, raises


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
        _ = x + x
        _ = x * 2.0
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

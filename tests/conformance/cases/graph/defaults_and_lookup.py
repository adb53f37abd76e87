"""tf.Graph: the default graph, reset, get_operations, lookup by name and as_graph_element."""

from tests.conformance.harness import case, op_names, raises


@case
def default_graph_is_stable(tf):
    return tf.get_default_graph() is tf.get_default_graph()


@case
def new_graph_is_not_default(tf):
    g = tf.Graph()
    return [g is tf.get_default_graph(), len(g.get_operations())]


@case
def as_default_switches_default(tf):
    g = tf.Graph()
    with g.as_default():
        inside = tf.get_default_graph() is g
        c = tf.constant(1.0)
    return [inside, c.graph is g, tf.get_default_graph() is g, len(g.get_operations())]


@case
def as_default_returns_graph(tf):
    g = tf.Graph()
    with g.as_default() as h:
        return h is g


@case
def as_default_nesting(tf):
    g1, g2 = tf.Graph(), tf.Graph()
    with g1.as_default():
        with g2.as_default():
            a = tf.get_default_graph() is g2
        b = tf.get_default_graph() is g1
    return [a, b]


@case
def ops_created_in_default_graph(tf):
    outer = tf.get_default_graph()
    g = tf.Graph()
    with g.as_default():
        tf.constant(1.0, name="inner")
    tf.constant(2.0, name="outer")
    return [op_names(outer), op_names(g)]


@case
def reset_default_graph_replaces_graph(tf):
    g = tf.get_default_graph()
    tf.constant(1.0)
    tf.reset_default_graph()
    h = tf.get_default_graph()
    return [g is h, len(h.get_operations()), len(g.get_operations())]


@case
def reset_default_graph_inside_as_default_error(tf):
    g = tf.Graph()
    with g.as_default():
        return raises(tf.reset_default_graph)


@case
def names_restart_after_reset(tf):
    tf.constant(1.0)
    tf.reset_default_graph()
    return tf.constant(1.0).name


@case
def separate_graphs_have_separate_names(tf):
    g = tf.Graph()
    a = tf.constant(1.0)
    with g.as_default():
        b = tf.constant(1.0)
    return [a.name, b.name]


@case
def get_operations_order(tf):
    tf.constant(1.0, name="c")
    tf.placeholder(tf.float32, name="p")
    tf.no_op(name="n")
    tf.constant(2.0, name="a")
    return op_names(tf.get_default_graph())


@case
def get_operations_returns_copy(tf):
    g = tf.get_default_graph()
    ops = g.get_operations()
    tf.constant(1.0)
    return [len(ops), len(g.get_operations()), type(ops).__name__]


@case
def get_operation_by_name(tf):
    c = tf.constant(1.0, name="c")
    op = tf.get_default_graph().get_operation_by_name("c")
    return [op is c.op, op.name]


@case
def get_operation_by_name_missing_error(tf):
    return raises(tf.get_default_graph().get_operation_by_name, "nope")


@case
def get_operation_by_name_with_tensor_name_error(tf):
    tf.constant(1.0, name="c")
    return raises(tf.get_default_graph().get_operation_by_name, "c:0")


@case
def get_operation_by_name_non_string_error(tf):
    c = tf.constant(1.0, name="c")
    return raises(tf.get_default_graph().get_operation_by_name, c.op)


@case
def get_tensor_by_name(tf):
    c = tf.constant(1.0, name="c")
    return tf.get_default_graph().get_tensor_by_name("c:0") is c


@case
def get_tensor_by_name_missing_op_error(tf):
    return raises(tf.get_default_graph().get_tensor_by_name, "nope:0")


@case
def get_tensor_by_name_missing_output_error(tf):
    tf.constant(1.0, name="c")
    return raises(tf.get_default_graph().get_tensor_by_name, "c:1")


@case
def get_tensor_by_name_op_name_error(tf):
    tf.constant(1.0, name="c")
    return raises(tf.get_default_graph().get_tensor_by_name, "c")


@case
def as_graph_element_tensor_and_op(tf):
    g = tf.get_default_graph()
    c = tf.constant(1.0, name="c")
    return [g.as_graph_element(c) is c, g.as_graph_element(c.op) is c.op]


@case
def as_graph_element_names(tf):
    g = tf.get_default_graph()
    c = tf.constant(1.0, name="c")
    return [g.as_graph_element("c:0") is c, g.as_graph_element("c") is c.op]


@case
def as_graph_element_allow_flags(tf):
    g = tf.get_default_graph()
    c = tf.constant(1.0, name="c")
    return [raises(g.as_graph_element, "c:0", allow_tensor=False, allow_operation=True),
            raises(g.as_graph_element, "c", allow_tensor=True, allow_operation=False),
            g.as_graph_element(c.op, allow_tensor=False) is c.op]


@case
def as_graph_element_missing_output_error(tf):
    tf.constant(1.0, name="c")
    return raises(tf.get_default_graph().as_graph_element, "c:1")


@case
def as_graph_element_missing_name_error(tf):
    return raises(tf.get_default_graph().as_graph_element, "zzz")


@case
def as_graph_element_missing_tensor_name_error(tf):
    return raises(tf.get_default_graph().as_graph_element, "zzz:0")


@case
def as_graph_element_bad_tensor_name_error(tf):
    tf.constant(1.0, name="c")
    return raises(tf.get_default_graph().as_graph_element, "c:x")


@case
def as_graph_element_wrong_type_error(tf):
    return raises(tf.get_default_graph().as_graph_element, 3)


@case
def as_graph_element_other_graph_error(tf):
    g = tf.Graph()
    with g.as_default():
        c = tf.constant(1.0, name="c")
    return raises(tf.get_default_graph().as_graph_element, c)

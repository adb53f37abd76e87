"""tf.Graph: unique_name and control_dependencies."""

from tests.conformance.harness import case, raises


@case
def unique_name_marks_used(tf):
    g = tf.get_default_graph()
    return [g.unique_name("foo"), g.unique_name("foo"), g.unique_name("foo")]


@case
def unique_name_without_mark(tf):
    g = tf.get_default_graph()
    return [g.unique_name("foo", mark_as_used=False), g.unique_name("foo", mark_as_used=False),
            g.unique_name("foo"), g.unique_name("foo", mark_as_used=False)]


@case
def unique_name_affects_op_names(tf):
    g = tf.get_default_graph()
    g.unique_name("c")
    return tf.constant(1.0, name="c").name


@case
def unique_name_inside_name_scope(tf):
    g = tf.get_default_graph()
    with tf.name_scope("s"):
        return [g.unique_name("foo"), g.unique_name("foo")]


@case
def unique_name_after_op(tf):
    tf.constant(1.0, name="x")
    return tf.get_default_graph().unique_name("x")


@case
def control_dependencies_sets_control_inputs(tf):
    a = tf.constant(1.0, name="a")
    with tf.control_dependencies([a]):
        b = tf.constant(2.0, name="b")
    c = tf.constant(3.0, name="c")
    return [[o.name for o in b.op.control_inputs], [o.name for o in c.op.control_inputs]]


@case
def control_dependencies_accepts_ops_and_tensors(tf):
    a = tf.constant(1.0, name="a")
    n = tf.no_op(name="n")
    with tf.control_dependencies([a, n]):
        b = tf.constant(2.0, name="b")
    return sorted(o.name for o in b.op.control_inputs)


@case
def control_dependencies_nesting_accumulates(tf):
    a = tf.constant(1.0, name="a")
    b = tf.constant(2.0, name="b")
    with tf.control_dependencies([a]):
        with tf.control_dependencies([b]):
            c = tf.constant(3.0, name="c")
        d = tf.constant(4.0, name="d")
    return [sorted(o.name for o in c.op.control_inputs), [o.name for o in d.op.control_inputs]]


@case
def control_dependencies_none_clears(tf):
    a = tf.constant(1.0, name="a")
    with tf.control_dependencies([a]):
        with tf.control_dependencies(None):
            b = tf.constant(2.0, name="b")
        c = tf.constant(3.0, name="c")
    return [[o.name for o in b.op.control_inputs], [o.name for o in c.op.control_inputs]]


@case
def control_dependencies_skips_direct_input(tf):
    a = tf.constant(1.0, name="a")
    with tf.control_dependencies([a]):
        b = tf.identity(a, name="b")
    return [o.name for o in b.op.control_inputs]


@case
def control_dependencies_empty_list(tf):
    a = tf.constant(1.0, name="a")
    with tf.control_dependencies([a]):
        with tf.control_dependencies([]):
            b = tf.constant(2.0, name="b")
    return [o.name for o in b.op.control_inputs]


@case
def control_dependencies_graph_method(tf):
    g = tf.get_default_graph()
    a = tf.no_op(name="a")
    with g.control_dependencies([a]):
        b = tf.no_op(name="b")
    return [o.name for o in b.control_inputs]


@case
def control_dependencies_bad_type_error(tf):
    def build():
        with tf.control_dependencies([3]):
            pass
    return raises(build)


@case
def control_dependencies_dedup(tf):
    a = tf.constant(1.0, name="a")
    with tf.control_dependencies([a, a]):
        with tf.control_dependencies([a]):
            b = tf.constant(2.0, name="b")
    return [o.name for o in b.op.control_inputs]

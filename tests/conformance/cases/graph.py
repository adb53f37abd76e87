"""Conformance cases for tf.Graph: defaults, lookup, control dependencies, collections, finalize."""

from tests.conformance.harness import case, error_class, op_names, raises


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


@case
def add_and_get_collection(tf):
    tf.add_to_collection("things", 1)
    tf.add_to_collection("things", "two")
    return [tf.get_collection("things"), tf.get_collection("other")]


@case
def add_to_collections_multiple(tf):
    tf.add_to_collections(["a", "b"], 5)
    tf.add_to_collections("c", 6)
    return [tf.get_collection("a"), tf.get_collection("b"), tf.get_collection("c")]


@case
def get_collection_returns_copy(tf):
    tf.add_to_collection("k", 1)
    got = tf.get_collection("k")
    got.append(2)
    return tf.get_collection("k")


@case
def get_collection_ref_is_live(tf):
    ref = tf.get_collection_ref("k")
    ref.append(1)
    tf.add_to_collection("k", 2)
    return [tf.get_collection("k"), ref, ref is tf.get_collection_ref("k")]


@case
def get_collection_scope_filter(tf):
    with tf.name_scope("foo"):
        a = tf.constant(1.0, name="a")
    with tf.name_scope("foobar"):
        b = tf.constant(2.0, name="b")
    with tf.name_scope("bar"):
        c = tf.constant(3.0, name="c")
    for t in (a, b, c):
        tf.add_to_collection("ts", t)
    return [[t.name for t in tf.get_collection("ts", scope=s)] for s in ["foo", "foo/", "bar", "o", ".*a", None]]


@case
def get_collection_scope_skips_nameless(tf):
    c = tf.constant(1.0, name="c")
    tf.add_to_collection("mixed", 7)
    tf.add_to_collection("mixed", c)
    return [len(tf.get_collection("mixed")), len(tf.get_collection("mixed", scope="c"))]


@case
def get_all_collection_keys(tf):
    tf.add_to_collection("zeta", 1)
    tf.add_to_collection("alpha", 2)
    tf.get_collection_ref("empty")
    return sorted(tf.get_default_graph().get_all_collection_keys())


@case
def clear_collection(tf):
    g = tf.get_default_graph()
    g.add_to_collection("k", 1)
    g.clear_collection("k")
    return [g.get_collection("k"), "k" in g.get_all_collection_keys()]


@case
def collection_keys_standard_names(tf):
    k = tf.GraphKeys
    return [k.GLOBAL_VARIABLES, k.TRAINABLE_VARIABLES, k.LOCAL_VARIABLES, k.UPDATE_OPS, k.SUMMARIES,
            k.QUEUE_RUNNERS, k.LOSSES, k.MODEL_VARIABLES]


@case
def variable_added_to_collections(tf):
    v = tf.Variable(1.0, name="v")
    w = tf.Variable(2.0, name="w", trainable=False)
    return [[x.name for x in tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)],
            [x.name for x in tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES)],
            v.name, w.name]


@case
def finalize_sets_flag(tf):
    g = tf.Graph()
    before = g.finalized
    g.finalize()
    return [before, g.finalized]


@case
def finalized_graph_rejects_ops(tf):
    g = tf.Graph()
    g.finalize()
    with g.as_default():
        return raises(tf.constant, 1.0)


@case
def finalized_graph_still_readable(tf):
    g = tf.Graph()
    with g.as_default():
        tf.constant(1.0, name="c")
    g.finalize()
    return [op_names(g), g.get_tensor_by_name("c:0").name]


@case
def finalized_graph_collections_error(tf):
    g = tf.Graph()
    g.finalize()
    return raises(g.add_to_collection, "k", 1)


@case
def graph_version_counts_ops(tf):
    g = tf.get_default_graph()
    v0 = g.version
    tf.constant(1.0)
    v1 = g.version
    tf.constant(2.0) + 1.0
    return [v0, v1, g.version]


@case
def mixing_graphs_error(tf):
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1.0, name="a")
    b = tf.constant(2.0, name="b")
    got = raises(tf.add, a, b)
    if "message" in got:  # the tail names the two Graph objects (module path and address)
        got["message"] = got["message"].split(" (graphs are")[0]
    return got


@case
def mixing_graphs_operator_error(tf):
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1.0, name="a")
    b = tf.constant(2.0, name="b")
    return error_class(lambda: a + b)


@case
def graph_of_tensor_and_op(tf):
    g = tf.get_default_graph()
    c = tf.constant(1.0)
    return [c.graph is g, c.op.graph is g]


@case
def graph_get_name_scope_default(tf):
    return tf.get_default_graph().get_name_scope()


@case
def graph_building_function_flags(tf):
    g = tf.get_default_graph()
    return [g.building_function, tf.executing_eagerly()]


@case
def graph_seed_default(tf):
    return tf.get_default_graph().seed


@case
def graph_seed_settable(tf):
    tf.set_random_seed(7)
    return tf.get_default_graph().seed


@case
def graph_name_scope_method(tf):
    g = tf.get_default_graph()
    with g.name_scope("outer") as s:
        c = tf.constant(1.0, name="c")
    return [s, c.name]

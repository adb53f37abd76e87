"""tf.Graph: collections, finalize, version, mixing graphs and graph properties."""

from tests.conformance.harness import case, error_class, op_names, raises


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

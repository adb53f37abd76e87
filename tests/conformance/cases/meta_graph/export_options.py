"""``export_scope``, ``clear_devices``, ``strip_default_attrs``, ``clear_extraneous_savers``,
a given ``graph_def``, and the errors of ``tf.train.export_meta_graph``."""

from tests.conformance.cases.graph_def._helpers import node_plain
from tests.conformance.cases.meta_graph._helpers import collections, linear_model, listing, node_names
from tests.conformance.harness import case, raises


def _tower(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    with tf.variable_scope("tower"):
        w = tf.get_variable("w", [2], initializer=tf.constant_initializer([1.5, -2.0]))
        with tf.control_dependencies([x]):
            dot = tf.reduce_sum(w * x, name="dot")
        tf.add_to_collection("outputs", dot)
        tf.add_to_collection("outputs", x)
    tf.add_to_collection("names", "tower/dot")
    tf.Variable(1.0, name="outside")
    return dot


@case
def export_scope_keeps_the_scopes_nodes_without_it(tf):
    _tower(tf)
    meta = tf.train.export_meta_graph(export_scope="tower")
    return [listing(meta), collections(tf, meta)]


@case
def export_scope_with_a_trailing_slash(tf):
    _tower(tf)
    return node_names(tf.train.export_meta_graph(export_scope="tower/"))


@case
def export_scope_sets_the_graphs_unbound_inputs_collection(tf):
    _tower(tf)
    tf.train.export_meta_graph(export_scope="tower")
    first = tf.get_collection("unbound_inputs")
    meta = tf.train.export_meta_graph()
    return [first, tf.get_collection("unbound_inputs"), collections(tf, meta).get("unbound_inputs")]


@case
def export_scope_keeps_colocation_inside_the_scope(tf):
    with tf.variable_scope("a"):
        v = tf.get_variable("v", [2], initializer=tf.zeros_initializer())
        with tf.colocate_with(v):
            tf.identity(v, name="near")
    meta = tf.train.export_meta_graph(export_scope="a")
    return [node_plain(tf, n) for n in meta.graph_def.node]


@case
def clear_devices_empties_each_nodes_device(tf):
    with tf.device("/cpu:0"):
        a = tf.constant(1.0, name="a")
    with tf.device("/job:worker/task:1"):
        tf.add(a, a, name="b")
    return [listing(tf.train.export_meta_graph()), listing(tf.train.export_meta_graph(clear_devices=True))]


@case
def strip_default_attrs_removes_default_values(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    w = tf.Variable(tf.ones([2, 2]), name="w")
    y = tf.matmul(x, w, transpose_b=True, name="y")
    tf.reduce_sum(y, axis=1, keepdims=True, name="s")
    tf.nn.conv2d(tf.ones([1, 3, 3, 1]), tf.ones([2, 2, 1, 1]), [1, 1, 1, 1], "SAME", name="conv")
    meta = tf.train.export_meta_graph(strip_default_attrs=True)
    return [meta.meta_info_def.stripped_default_attrs,
            {n.name: sorted(k for k in n.attr if k != "_output_shapes") for n in meta.graph_def.node}]


@case
def clear_extraneous_savers_keeps_one_savers_ops(tf):
    tf.Variable(1.0, name="v")
    tf.train.Saver()
    kept = tf.train.Saver(name="kept")
    tf.add_to_collection("savers", kept)
    meta = kept.export_meta_graph(clear_extraneous_savers=True)
    return [node_names(meta), collections(tf, meta)["savers"]]


@case
def a_given_graph_def_is_used_for_the_nodes(tf):
    linear_model(tf)
    other = tf.Graph()
    with other.as_default():
        tf.constant(1.0, name="elsewhere")
    meta = tf.train.export_meta_graph(graph_def=other.as_graph_def())
    return [node_names(meta), [op.name for op in meta.meta_info_def.stripped_op_list.op], sorted(meta.collection_def)]


@case
def another_graph_is_exported(tf):
    other = tf.Graph()
    with other.as_default():
        tf.Variable(1.0, name="there")
    tf.constant(1.0, name="here")
    meta = tf.train.export_meta_graph(graph=other)
    return [node_names(meta), sorted(meta.collection_def)]


@case
def export_errors(tf):
    tf.constant(1.0, name="c")
    # (a proto of the wrong type is refused too; the message names its class's module path)
    return [raises(lambda: tf.train.export_meta_graph(graph_def="nodes")),
            raises(lambda: tf.train.export_meta_graph(saver_def="names")),
            raises(lambda: tf.train.export_meta_graph(graph="graph"))]

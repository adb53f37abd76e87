"""A meta graph's ``meta_info_def`` and ``graph_def``: the op types listed, their arguments,
versions, and the nodes with their output shapes."""

from tests.conformance.cases.graph_def._helpers import node_plain
from tests.conformance.cases.meta_graph._helpers import linear_model
from tests.conformance.harness import case


def _op_names(meta):
    return [op.name for op in meta.meta_info_def.stripped_op_list.op]


def _args(meta):
    """Each listed op's arguments: ``[name, type, type_attr, number_attr, type_list_attr, is_ref]``,
    and whether it is stateful."""
    out = {}
    for op in meta.meta_info_def.stripped_op_list.op:
        args = [[a.name, a.type, a.type_attr, a.number_attr, a.type_list_attr, a.is_ref]
                for a in list(op.input_arg) + list(op.output_arg)]
        out[op.name] = [args, op.is_stateful]
    return out


@case
def stripped_op_list_of_a_training_graph(tf):
    linear_model(tf)
    tf.train.Saver()
    meta = tf.train.export_meta_graph()
    return [_op_names(meta), _args(meta)]


@case
def stripped_op_list_of_layers_and_control_flow(tf):
    x = tf.placeholder(tf.float32, [None, 4, 4, 1], name="x")
    h = tf.layers.conv2d(x, 2, 3, padding="same", activation=tf.nn.relu)
    h = tf.layers.max_pooling2d(h, 2, 2)
    h = tf.layers.dense(tf.layers.flatten(h), 3)
    y = tf.cond(tf.reduce_sum(h) > 0, lambda: tf.nn.softmax(h), lambda: h)
    tf.while_loop(lambda i: i < 3, lambda i: i + 1, [tf.constant(0)])
    tf.gradients(tf.reduce_sum(y), tf.trainable_variables())
    meta = tf.train.export_meta_graph()
    return [_op_names(meta), _args(meta)]


@case
def meta_info_versions_and_flags(tf):
    tf.constant(1.0, name="c")
    info = tf.train.export_meta_graph().meta_info_def
    return {"meta_graph_version": info.meta_graph_version, "tags": list(info.tags),
            "stripped_default_attrs": info.stripped_default_attrs, "has_any_info": info.HasField("any_info"),
            "tensorflow_version": info.tensorflow_version, "ops": [op.name for op in info.stripped_op_list.op]}


@case
def a_given_meta_info_def_is_kept(tf):
    tf.constant(1.0, name="c")
    info = tf.MetaGraphDef.MetaInfoDef(meta_graph_version="v7", tags=["serve", "train"])
    meta = tf.train.export_meta_graph(meta_info_def=info)
    got = meta.meta_info_def
    return [got.meta_graph_version, list(got.tags), got.tensorflow_version, _op_names(meta),
            info.tensorflow_version == got.tensorflow_version]


@case
def graph_def_nodes_carry_output_shapes(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    w = tf.Variable(tf.ones([3, 2]), name="w")
    y = tf.matmul(x, w, name="y")
    tf.unstack(y, num=2, axis=1, name="cols")
    tf.no_op(name="nothing")
    return [node_plain(tf, n) for n in tf.train.export_meta_graph().graph_def.node]


@case
def graph_def_versions(tf):
    tf.constant(1.0, name="c")
    versions = tf.train.export_meta_graph().graph_def.versions
    return [versions.producer, versions.min_consumer, list(versions.bad_consumers)]

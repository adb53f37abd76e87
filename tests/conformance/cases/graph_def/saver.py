"""Saver graphs: SaveV2/RestoreV2 (no private attributes), their inputs, the restore ops."""

from tests.conformance.cases.graph_def._helpers import nodes, nodes_under
from tests.conformance.harness import case


@case
def saver_nodes(tf):
    tf.Variable([1.0, 2.0], name="v")
    tf.Variable(3, name="i")
    tf.train.Saver()
    return nodes_under(tf, "save/")


@case
def saver_with_var_list_dict(tf):
    v = tf.Variable([1.0], name="v")
    w = tf.Variable([[1.0]], name="w")
    tf.train.Saver({"renamed_w": w, "v": v}, name="mysaver")
    return nodes_under(tf, "mysaver/")


@case
def saver_sharded(tf):
    with tf.device("/cpu:0"):
        tf.Variable([1.0, 2.0], name="v")
    tf.train.Saver(sharded=True)
    return nodes_under(tf, "save/")


@case
def saver_whole_graph(tf):
    tf.Variable(1.0, name="v")
    tf.train.Saver(max_to_keep=2)
    return [n[:2] for n in nodes(tf)]

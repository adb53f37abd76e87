"""GraphDefs as TensorFlow writes them: each op type's default attributes (checked against
TensorFlow's OpDefs, recorded in ``goldens/op_attrs.json`` by ``record_op_defaults.py``), the
attribute names of every node, AttrValue conversions both ways, and GraphDef-level rules."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src import ops, protos
from scopeflow._src.checkpoint import io_ops  # noqa: F401 - registers SaveV2/RestoreV2
from scopeflow._src.data import api as data_api  # noqa: F401 - registers the dataset and iterator ops
from scopeflow._src.framework import node_def, registry
from scopeflow._src.framework.tensor_shape import TensorShape

ops.load_lazy_ops()
TF_ATTRS = json.loads((Path(__file__).parent / "goldens" / "op_attrs.json").read_text())
# Underscore attributes TensorFlow's Python layer writes on nodes (colocation, control inputs,
# gradient overrides, add_shapes).
PRIVATE_TF_ATTRS = {"_class", "_has_manual_control_dependencies", "_gradient_op_type", "_output_shapes"}


def _plain(value):
    """A default as the recorder writes TensorFlow's: dtype names, shapes as lists or None,
    floats rounded to float32."""
    if isinstance(value, tf.DType):
        return value.name
    if isinstance(value, TensorShape):
        return None if value.ndims is None else [-1 if d is None else d for d in value.as_list()]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, protos.TensorProto):
        value = tf.make_ndarray(value)
    if isinstance(value, np.ndarray):
        return {"dtype": tf.as_dtype(value.dtype).name, "shape": list(value.shape), "values": value.ravel().tolist()}
    if isinstance(value, float):
        return float(np.float32(value))
    return value


def _tf_defaults(op_type):
    return {a[0]: (float(np.float32(a[2])) if a[1] == "float" else a[2]) for a in TF_ATTRS[op_type] if len(a) == 3}


def test_every_registered_op_type_has_tensorflows_attrs_recorded():
    assert sorted(set(registry._REGISTRY) - set(TF_ATTRS)) == [], "run tests/framework/record_op_defaults.py"


@pytest.mark.parametrize("op_type", sorted(registry._REGISTRY))
def test_defaults_are_tensorflows(op_type):
    ours = {k: _plain(v) for k, v in registry.get(op_type).defaults.items()}
    assert ours == _tf_defaults(op_type)


def _model():
    """A graph with ops of most kinds: layers, an optimizer, a cond, a loop, a Saver."""
    x = tf.placeholder(tf.float32, [None, 4, 4, 1], name="x")
    labels = tf.placeholder(tf.int64, [None], name="labels")
    h = tf.layers.conv2d(x, 2, 3, padding="same", activation=tf.nn.relu)
    h = tf.layers.max_pooling2d(h, 2, 2)
    h = tf.layers.batch_normalization(h, training=True)
    logits = tf.layers.dense(tf.layers.flatten(h), 3)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    loss = tf.cond(loss > 0, lambda: loss, lambda: -loss)
    tf.while_loop(lambda i: i < 3, lambda i: i + 1, [0])
    tf.Assert(loss > -1.0, [loss, "loss"])
    tf.train.AdamOptimizer().minimize(loss, global_step=tf.train.get_or_create_global_step())
    tf.train.Saver()


def test_every_node_has_exactly_tensorflows_attributes():
    with tf.Graph().as_default() as g:
        _model()
        graph_def = g.as_graph_def()
    assert len(graph_def.node) > 250
    for node in graph_def.node:
        names = set(node.attr)
        assert {n for n in names if not n.startswith("_")} == {a[0] for a in TF_ATTRS[node.op]}, node.name
        assert names - {a[0] for a in TF_ATTRS[node.op]} <= PRIVATE_TF_ATTRS, node.name


def test_private_type_list_lengths_stay_off_the_node():
    with tf.Graph().as_default():
        a = tf.Assert(tf.constant(True), [1, "two"])
        assert sorted(a.node_def.attr) == ["T", "summarize"]
        assert a.get_attr("T") == [tf.int32, tf.string]
        with pytest.raises(ValueError, match="has no attr named '_num_data'"):
            a.get_attr("_num_data")


def test_an_attribute_left_unset_takes_the_op_types_default():
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [2, 2], name="x")
        op = g._add_op("MatMul", "mm", [x, x], {"T": tf.float32}, [(tf.float32, TensorShape([2, 2]))])
        assert op.get_attr("transpose_a") is False and op.get_attr("grad_b") is False
        assert op.node_def.attr["transpose_b"].b is False and op.node_def.attr["transpose_b"].HasField("b")
        assert sorted(op.node_def.attr) == ["T", "grad_a", "grad_b", "transpose_a", "transpose_b"]


def test_floats_are_written_as_floats_and_read_back_as_float32():
    with tf.Graph().as_default():
        y = tf.nn.leaky_relu(tf.placeholder(tf.float32, [2]), alpha=0)
        assert y.op.node_def.attr["alpha"].WhichOneof("value") == "f"
        z = tf.nn.leaky_relu(tf.placeholder(tf.float32, [2]), alpha=0.1)
        assert z.op.get_attr("alpha") == float(np.float32(0.1)) != 0.1


@pytest.mark.parametrize("value, like, kind, read_back", [
    (True, None, "b", True),
    (3, None, "i", 3),
    (3, 1.0, "f", 3.0),
    ("SAME", None, "s", "SAME"),
    (b"\xff", None, "s", b"\xff"),
    (tf.int64, None, "type", tf.int64),
    (TensorShape([2, None]), None, "shape", TensorShape([2, None])),
    (TensorShape([]), None, "shape", TensorShape([])),
    (TensorShape(None), None, "shape", TensorShape(None)),
    ([1, 2], None, "list", [1, 2]),
    ((), None, "list", []),
    ([b"loc:@a"], None, "list", [b"loc:@a"]),
    ([tf.float32, tf.string], None, "list", [tf.float32, tf.string]),
    ([TensorShape([1]), TensorShape(None)], None, "list", [TensorShape([1]), TensorShape(None)]),
])
def test_attr_values_both_ways(value, like, kind, read_back):
    proto = protos.AttrValue()
    node_def.set_attr_value(proto, value, like)
    assert proto.WhichOneof("value") == kind
    assert node_def.attr_value(proto) == read_back


def test_tensor_attr_both_ways():
    proto = protos.AttrValue()
    node_def.set_attr_value(proto, np.arange(6, dtype=np.int64).reshape(2, 3))
    got = node_def.attr_value(proto)
    assert got.dtype == np.int64 and got.tolist() == [[0, 1, 2], [3, 4, 5]] and not got.flags.writeable


def test_graph_def_sorts_control_inputs_and_node_def_keeps_their_order():
    with tf.Graph().as_default() as g:
        z, y = tf.constant(0.0, name="z"), tf.constant(0.0, name="y")
        with tf.control_dependencies([z, y]):
            n = tf.no_op(name="n")
        assert list(n.node_def.input) == ["^z", "^y"]
        assert list(g.as_graph_def().node[-1].input) == ["^y", "^z"]


def test_add_shapes_on_nodes_with_outputs_only():
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        tf.split(x, 3, axis=1, name="s")
        tf.no_op(name="nothing")
        nodes = {n.name: n for n in g.as_graph_def(add_shapes=True).node}
    assert [[d.size for d in s.dim] for s in nodes["s"].attr["_output_shapes"].list.shape] == [[-1, 1]] * 3
    assert "_output_shapes" not in nodes["nothing"].attr


def test_graph_def_serializes_and_parses_back():
    with tf.Graph().as_default() as g:
        _model()
        graph_def = g.as_graph_def()
    again = tf.GraphDef()
    again.ParseFromString(graph_def.SerializeToString())
    assert again == graph_def and again.versions.producer == g.graph_def_versions.producer


def test_get_attr_returns_tensorflows_types():
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float32, [None, 3], name="p")
        c = tf.constant([[1, 2]], name="c")
        assert type(p.op.get_attr("shape")).__name__ == "TensorShapeProto"
        assert tf.TensorShape(p.op.get_attr("shape")).as_list() == [None, 3]
        assert tf.make_ndarray(c.op.get_attr("value")).tolist() == [[1, 2]]
        assert tf.nn.conv2d(tf.ones([1, 2, 2, 1]), tf.ones([1, 1, 1, 1]), [1, 1, 1, 1], "SAME").op.get_attr(
            "padding") == b"SAME"

"""as_graph_def keeps each node serialized between calls: every change of an op shows in the
next GraphDef."""

import scopeflow as tf


def _node(graph, name, add_shapes=False):
    return next(n for n in graph.as_graph_def(add_shapes=add_shapes).node if n.name == name)


def test_a_second_graph_def_equals_the_first_and_sees_new_ops():
    with tf.Graph().as_default() as g:
        a = tf.constant(1.0, name="a")
        tf.identity(a, name="b")
        first = g.as_graph_def()
        assert g.as_graph_def() == first
        tf.identity(a, name="c")
        assert [n.name for n in g.as_graph_def().node] == ["a", "b", "c"]


def test_changes_of_an_op_show_in_the_next_graph_def():
    with tf.Graph().as_default() as g:
        a = tf.constant(1.0, name="a")
        x = tf.constant(2.0, name="x")
        b = tf.identity(a, name="b")
        g.as_graph_def()
        g.as_graph_def(add_shapes=True)
        b.op._update_input(0, x)
        assert list(_node(g, "b").input) == ["x"]
        b.op._add_control_input(a.op)
        assert list(_node(g, "b", add_shapes=True).input) == ["x", "^a"]
        b.op._set_device("/device:CPU:0")
        assert _node(g, "b").device == "/device:CPU:0"
        b.op._set_attr("T", tf.float32)
        b.op._set_attr("_class", [b"loc:@x"])
        assert list(_node(g, "b").attr["_class"].list.s) == [b"loc:@x"]
        b.op._remove_all_control_inputs()
        assert list(_node(g, "b").input) == ["x"]


def test_output_shapes_follow_set_shape():
    with tf.Graph().as_default() as g:
        p = tf.placeholder(tf.float32, name="p")
        assert _node(g, "p", add_shapes=True).attr["_output_shapes"].list.shape[0].unknown_rank
        p.set_shape([2, 3])
        dims = _node(g, "p", add_shapes=True).attr["_output_shapes"].list.shape[0].dim
        assert [d.size for d in dims] == [2, 3]
        assert "_output_shapes" not in _node(g, "p").attr

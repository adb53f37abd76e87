"""tf.import_graph_def: what the conformance goldens do not show (the graph after a failure,
graphs written with shapes, loops imported twice)."""

import numpy as np
import pytest

import scopeflow as tf


def _model():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 2], name="x")
        w = tf.Variable([[1.0], [2.0]], name="w")
        tf.matmul(x, w, name="y")
        tf.global_variables_initializer()
    return g


def test_a_failed_import_leaves_the_graph_as_it_was():
    gd = _model().as_graph_def()
    with tf.Graph().as_default() as g:
        tf.constant(1.0, name="c")
        with pytest.raises(ValueError, match="Requested return node 'nope' not found in graph def"):
            tf.import_graph_def(gd, return_elements=["nope"])
        assert [op.name for op in g.get_operations()] == ["c"]
        assert g.get_tensor_by_name("c:0").consumers() == []
        y, = tf.import_graph_def(gd, return_elements=["y:0"])
        assert y.name == "import_1/y:0"


def test_a_graph_def_with_output_shapes_imports_and_runs():
    gd = _model().as_graph_def(add_shapes=True)
    assert all(("_output_shapes" in n.attr) == (n.op != "NoOp") for n in gd.node)  # TF: nodes with outputs
    with tf.Graph().as_default():
        y, init = tf.import_graph_def(gd, return_elements=["y:0", "init"])
        assert y.shape.as_list() == [None, 1]
        with tf.Session() as sess:
            sess.run(init)
            np.testing.assert_allclose(sess.run(y, {"import/x:0": [[1.0, 1.0]]}), [[3.0]])


def test_a_loop_imported_twice_runs_in_both_copies():
    g = tf.Graph()
    with g.as_default():
        n = tf.placeholder(tf.int32, [], name="n")
        tf.while_loop(lambda i, s: i < n, lambda i, s: (i + 1, s + i), [0, 0], name="loop")
    gd = g.as_graph_def()
    with tf.Graph().as_default():
        a = tf.import_graph_def(gd, return_elements=["n:0", "loop/Exit_1:0"])
        b = tf.import_graph_def(gd, return_elements=["n:0", "loop/Exit_1:0"])
        with tf.Session() as sess:
            assert sess.run([a[1], b[1]], {a[0]: 4, b[0]: 5}) == [6, 10]


def test_a_serialized_graph_def_from_another_protobuf_class_is_accepted():
    data = _model().as_graph_def().SerializeToString()

    class Foreign:  # a GraphDef of another protobuf module (TensorFlow's own, say)
        def SerializeToString(self):  # noqa: N802 - protobuf's name
            return data

    with tf.Graph().as_default() as g:
        tf.import_graph_def(Foreign(), name="")
        assert g.get_operation_by_name("y").type == "MatMul"

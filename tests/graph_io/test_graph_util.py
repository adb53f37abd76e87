"""``tf.graph_util``: freezing, subgraphs, removing training nodes, and TF's helpers."""

import logging

import numpy as np
import pytest
from google.protobuf import text_format

import scopeflow as tf
from scopeflow._src.graph_io.freeze import replace_variables


def graph_def(text):
    return text_format.Parse(text, tf.GraphDef())


def nodes(gd):
    return [(n.name, n.op, list(n.input)) for n in gd.node]


def dense_model():
    """x -> dense/w, dense/b -> relu ``y``; returns (x, y)."""
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    with tf.variable_scope("dense"):
        w = tf.get_variable("w", initializer=np.arange(6, dtype=np.float32).reshape(3, 2) - 2)
        b = tf.get_variable("b", initializer=np.array([0.5, -0.5], np.float32))
    return x, tf.nn.relu(tf.matmul(x, w) + b, name="y")


# -- convert_variables_to_constants -------------------------------------------------------------


def test_freezing_makes_each_variable_a_const_of_its_value_and_keeps_the_reads():
    with tf.Graph().as_default() as g:
        x, y = dense_model()
        tf.assign(tf.trainable_variables()[0], tf.zeros([3, 2]), name="reset")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            frozen = tf.graph_util.convert_variables_to_constants(sess, g.as_graph_def(), ["y"])
            want = sess.run(y, {x: np.ones((2, 3))})
    assert nodes(frozen) == [
        ("x", "Placeholder", []), ("dense/w", "Const", []), ("dense/w/read", "Identity", ["dense/w"]),
        ("dense/b", "Const", []), ("dense/b/read", "Identity", ["dense/b"]),
        ("MatMul", "MatMul", ["x", "dense/w/read"]), ("add", "AddV2", ["MatMul", "dense/b/read"]),
        ("y", "Relu", ["add"])]
    w = frozen.node[1]
    assert sorted(w.attr) == ["dtype", "value"] and w.device == ""
    assert w.attr["dtype"].type == tf.float32.as_datatype_enum
    np.testing.assert_array_equal(tf.make_ndarray(w.attr["value"].tensor), np.arange(6).reshape(3, 2) - 2)
    assert w.attr["value"].tensor.tensor_content  # raw bytes, as TF writes a fetched array
    assert frozen.versions.producer == g.as_graph_def().versions.producer

    with tf.Graph().as_default() as g2:
        tf.import_graph_def(frozen, name="")
        assert not tf.global_variables()
        with tf.Session() as sess:
            np.testing.assert_array_equal(sess.run("y:0", {"x:0": np.ones((2, 3))}), want)
    assert "reset" not in {op.name for op in g2.get_operations()}


def test_freezing_uses_the_sessions_current_values():
    with tf.Graph().as_default() as g:
        v = tf.get_variable("v", initializer=1.0)
        out = tf.identity(v * 2.0, name="out")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(tf.assign(v, 21.0))
            frozen = tf.graph_util.convert_variables_to_constants(sess, g.as_graph_def(), [out.op.name])
    const = frozen.node[0]
    assert (const.name, const.op) == ("v", "Const")
    assert list(const.attr["value"].tensor.float_val) == [21.0]  # a scalar is a value list


def test_whitelist_and_blacklist_choose_the_variables_to_convert():
    with tf.Graph().as_default() as g:
        dense_model()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            gd = g.as_graph_def()
            only_w = tf.graph_util.convert_variables_to_constants(sess, gd, ["y"], variable_names_whitelist=["dense/w"])
            not_w = tf.graph_util.convert_variables_to_constants(sess, gd, ["y"], variable_names_blacklist={"dense/w"})
    assert {n.name: n.op for n in only_w.node}["dense/b"] == "VariableV2"
    assert {n.name: n.op for n in only_w.node}["dense/w"] == "Const"
    assert {n.name: n.op for n in not_w.node}["dense/w"] == "VariableV2"
    assert {n.name: n.op for n in not_w.node}["dense/b"] == "Const"


def test_freezing_logs_tf1s_lines_at_info(caplog):
    with tf.Graph().as_default() as g:
        dense_model()
        with tf.Session() as sess, caplog.at_level(logging.INFO, logger="scopeflow"):
            sess.run(tf.global_variables_initializer())
            tf.graph_util.convert_variables_to_constants(sess, g.as_graph_def(), ["y"])
    assert [r.getMessage() for r in caplog.records] == ["Froze 2 variables.", "Converted 2 variables to const ops."]


def test_freezing_an_uninitialized_variable_is_the_sessions_error():
    with tf.Graph().as_default() as g:
        dense_model()
        with tf.Session() as sess, pytest.raises(tf.errors.FailedPreconditionError, match="uninitialized value dense"):
            tf.graph_util.convert_variables_to_constants(sess, g.as_graph_def(), ["y"])


def test_freezing_unknown_outputs_is_extract_sub_graphs_error():
    with tf.Graph().as_default() as g:
        dense_model()
        with tf.Session() as sess:
            with pytest.raises(AssertionError, match="^y:0 is not in graph$"):
                tf.graph_util.convert_variables_to_constants(sess, g.as_graph_def(), ["y:0"])
            with pytest.raises(TypeError, match="dest_nodes must be an iterable of strings"):
                tf.graph_util.convert_variables_to_constants(sess, g.as_graph_def(), "y")


def test_reads_in_conds_and_loops_take_the_constants_type_and_lose_their_output_shapes():
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [], name="x")
        v = tf.get_variable("v", initializer=3.0)
        c = tf.cond(x > 0, lambda: v * 2.0, lambda: x, name="c")
        _, total = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a + v), [0, x], name="w")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            gd = g.as_graph_def(add_shapes=True)
            frozen = tf.graph_util.convert_variables_to_constants(sess, gd, [c.op.name, total.op.name])
            want = sess.run([c, total], {x: 1.5})
    by_name = {n.name: n for n in frozen.node}
    for reader in ("v/read", "c/mul/Switch", "w/add_1/Enter"):
        assert "_output_shapes" not in by_name[reader].attr, reader
        assert by_name[reader].attr["T"].type == tf.float32.as_datatype_enum
    assert "_output_shapes" in by_name["c/Merge"].attr  # a Merge passes nothing on
    with tf.Graph().as_default():
        tf.import_graph_def(frozen, name="")
        with tf.Session() as sess:
            np.testing.assert_allclose(sess.run([c.name, total.name], {"x:0": 1.5}), want)


def test_a_value_reaching_a_switchs_predicate_is_tfs_value_error():
    gd = graph_def("""
      node { name: "p" op: "VariableV2" attr { key: "dtype" value { type: DT_BOOL } } }
      node { name: "p/read" op: "Identity" input: "p" attr { key: "T" value { type: DT_BOOL } } }
      node { name: "s" op: "Switch" input: "p/read" input: "p/read" attr { key: "T" value { type: DT_BOOL } } }""")
    message = r"^`index` 1 is out of range for node\(s\)\.attr\(T\), which has 1 elements\.$"
    with pytest.raises(ValueError, match=message):
        replace_variables(gd, {"p": (np.array(True), tf.bool.as_datatype_enum)})


def test_resource_gather_with_batch_dims_cannot_be_frozen():
    gd = graph_def("""
      node { name: "v" op: "VarHandleOp" attr { key: "dtype" value { type: DT_FLOAT } } }
      node { name: "i" op: "Placeholder" attr { key: "dtype" value { type: DT_INT32 } } }
      node { name: "g" op: "ResourceGather" input: "v" input: "i" attr { key: "batch_dims" value { i: 1 } }
             attr { key: "dtype" value { type: DT_FLOAT } } attr { key: "Tindices" value { type: DT_INT32 } } }""")
    message = r"^batch_dims must be 0 for freeze_graph, but got node\(g\)\.attr\('batch_dims'\) = 1\.$"
    with pytest.raises(ValueError, match=message):
        replace_variables(gd, {"v": (np.zeros((2, 2), np.float32), tf.float32.as_datatype_enum)})


# -- extract_sub_graph ----------------------------------------------------------------------------

CHAIN = """
  node { name: "in" op: "Const" } node { name: "mid" op: "Identity" input: "in" } node { name: "waited" op: "NoOp" }
  node { name: "c" op: "Identity" input: "mid:0" input: "^waited" }
  node { name: "colocated" op: "Const" }
  node { name: "d" op: "Identity" input: "in" attr { key: "_class" value { list { s: "loc:@colocated" } } } }
  node { name: "unused" op: "Identity" input: "in" }
  library { }
  versions { producer: 27 min_consumer: 12 }
"""


def test_extract_sub_graph_keeps_what_the_nodes_need_in_graph_order():
    gd = graph_def(CHAIN)
    sub = tf.graph_util.extract_sub_graph(gd, ["c", "d"])
    assert [n.name for n in sub.node] == ["in", "mid", "waited", "c", "colocated", "d"]
    assert (sub.versions.producer, sub.versions.min_consumer) == (27, 12)
    assert sub.node[3] == gd.node[3] and sub.node[3] is not gd.node[3]
    assert [n.name for n in tf.graph_util.extract_sub_graph(gd, {"mid"}).node] == ["in", "mid"]
    assert list(tf.graph_util.extract_sub_graph(gd, []).node) == []


def test_extract_sub_graph_errors_are_tfs():
    gd = graph_def(CHAIN)
    with pytest.raises(TypeError, match=r"^graph_def must be a graph_pb2.GraphDef proto, but got type <class 'str'>"):
        tf.graph_util.extract_sub_graph("nope", ["in"])
    with pytest.raises(TypeError, match=r"^dest_nodes must be an iterable of strings, but got type <class 'str'>\.$"):
        tf.graph_util.extract_sub_graph(gd, "c")
    with pytest.raises(AssertionError, match="^nope is not in graph$"):
        tf.graph_util.extract_sub_graph(gd, ["c", "nope"])
    dangling = graph_def('node { name: "x" op: "Identity" input: "ghost" }')
    with pytest.raises(KeyError, match="ghost"):
        tf.graph_util.extract_sub_graph(dangling, ["x"])


# -- remove_training_nodes ----------------------------------------------------------------------


def test_identities_are_spliced_out_through_chains():
    gd = graph_def("""
      node { name: "a" op: "Const" }
      node { name: "i1" op: "Identity" input: "a" }
      node { name: "i2" op: "StopGradient" input: "i1" }
      node { name: "out" op: "Neg" input: "i2" }
      versions { producer: 5 }""")
    out = tf.graph_util.remove_training_nodes(gd)
    assert nodes(out) == [("a", "Const", []), ("out", "Neg", ["a"])]
    assert not out.HasField("versions")  # as TF: the nodes only
    protected = tf.graph_util.remove_training_nodes(gd, protected_nodes=["i2"])
    assert nodes(protected) == [("a", "Const", []), ("i2", "StopGradient", ["a"]), ("out", "Neg", ["i2"])]


def test_check_numerics_nodes_go_and_so_do_the_inputs_naming_them():
    gd = graph_def("""
      node { name: "a" op: "Const" }
      node { name: "check" op: "CheckNumerics" input: "a" }
      node { name: "out" op: "Add" input: "check" input: "a" input: "^check" }""")
    assert nodes(tf.graph_util.remove_training_nodes(gd)) == [("a", "Const", []), ("out", "Add", ["a"])]
    kept = tf.graph_util.remove_training_nodes(gd, protected_nodes=["check"])
    assert [n.name for n in kept.node] == ["a", "check", "out"]


def test_identities_tied_by_control_edges_or_colocation_stay():
    gd = graph_def("""
      node { name: "a" op: "Const" }
      node { name: "with_control" op: "Identity" input: "a" input: "^a" }
      node { name: "a_control" op: "Identity" input: "a" }
      node { name: "colocated" op: "Identity" input: "a" }
      node { name: "plain" op: "Identity" input: "a" }
      node { name: "out" op: "AddN" input: "with_control" input: "colocated" input: "plain" input: "^a_control"
             attr { key: "_class" value { list { s: "loc:@colocated" } } } }""")
    out = tf.graph_util.remove_training_nodes(gd)
    assert [n.name for n in out.node] == ["a", "with_control", "a_control", "colocated", "out"]
    assert list(out.node[-1].input) == ["with_control", "colocated", "a", "^a_control"]


# -- must_run_on_cpu, tensor_shape_from_node_def_name -------------------------------------------


def test_must_run_on_cpu_follows_tfs_rules():
    with tf.Graph().as_default():
        assert tf.graph_util.must_run_on_cpu(tf.constant("s").op)
        assert tf.graph_util.must_run_on_cpu(tf.constant(1).op)
        assert not tf.graph_util.must_run_on_cpu(tf.constant(1.0).op)
        assert tf.graph_util.must_run_on_cpu(tf.cast(tf.constant(1), tf.float32).op)
        assert not tf.graph_util.must_run_on_cpu(tf.cast(tf.constant(1.0), tf.int32).op)
        v = tf.get_variable("v", [2])
        assert not tf.graph_util.must_run_on_cpu(v.op)
        assert tf.graph_util.must_run_on_cpu(v.op, pin_variables_on_cpu=True)
        assert tf.graph_util.must_run_on_cpu(v.op.node_def, pin_variables_on_cpu=True)
    stitch = graph_def('node { name: "s" op: "DynamicStitch" attr { key: "T" value { type: DT_INT32 } } }').node[0]
    assert tf.graph_util.must_run_on_cpu(stitch)
    with pytest.raises(AssertionError):
        tf.graph_util.must_run_on_cpu("Const")


def test_tensor_shape_from_node_def_name():
    with tf.Graph().as_default() as g:
        tf.split(tf.zeros([4, 6]), [2, 4], axis=1, name="parts")
    assert tf.graph_util.tensor_shape_from_node_def_name(g, "parts").as_list() == [4, 2]
    assert tf.graph_util.tensor_shape_from_node_def_name(g, "parts:1").as_list() == [4, 4]
    with pytest.raises(KeyError):
        tf.graph_util.tensor_shape_from_node_def_name(g, "nope")

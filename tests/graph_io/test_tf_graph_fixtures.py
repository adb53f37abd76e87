"""GraphDefs written by TensorFlow 2.21 import into scopeflow and compute TensorFlow's values.

The files and the values are made by ``tests/fixtures/tf_graphs/make_graph_fixtures.py`` (run
by hand with TensorFlow); these tests need only scopeflow.
"""

import importlib.util
import json
import os

import numpy as np
import pytest
from google.protobuf import text_format

import scopeflow as tf
from scopeflow._src.graph_io.freeze import replace_variables

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "tf_graphs")
with open(os.path.join(FIXTURES, "expected.json")) as _f:
    EXPECTED = json.load(_f)
# The fixture script's JSON form of a value (it imports TensorFlow only when run).
_SPEC = importlib.util.spec_from_file_location("make_graph_fixtures", os.path.join(FIXTURES, "make_graph_fixtures.py"))
_SCRIPT = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_SCRIPT)
_plain = _SCRIPT._plain


def load(name):
    graph_def = tf.GraphDef()
    with open(os.path.join(FIXTURES, name), "rb") as f:
        data = f.read()
    if name.endswith(".pbtxt"):
        text_format.Parse(data.decode(), graph_def)
    else:
        graph_def.ParseFromString(data)
    return graph_def


def imported(name):
    graph = tf.Graph()
    with graph.as_default():
        tf.import_graph_def(load(name), name="")
    return graph


def feeds_of(graph, feeds):
    return {name: np.asarray(value, graph.get_tensor_by_name(name).dtype.as_numpy_dtype)
            for name, value in feeds.items()}


@pytest.mark.parametrize("name", ["scopes.pb", "scopes.pbtxt"])
def test_a_model_written_by_write_graph_initializes_trains_and_computes_tfs_values(name):
    expected = EXPECTED["scopes"]
    graph = imported(name)
    assert {op.name.split("/")[0] for op in graph.get_operations()} >= {"encoder", "decoder", "loss", "train"}
    feeds = feeds_of(graph, expected["feeds"])
    with tf.Session(graph=graph) as sess:
        sess.run(expected["init"])
        before = sess.run(expected["fetches"], feeds)
        sess.run(expected["train"], feeds)
        after = sess.run(expected["fetches"], feeds)
        weights = sess.run("encoder/layer1/weights:0")
    for got, want in zip(before + after, expected["before"] + expected["after"]):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(weights, expected["layer1_weights_after"], rtol=1e-6, atol=1e-7)


def test_the_binary_and_text_files_hold_the_same_graph():
    assert load("scopes.pb") == load("scopes.pbtxt")


def test_a_graph_frozen_by_tensorflow_runs_with_tfs_outputs():
    expected = EXPECTED["frozen_convnet"]
    graph = imported("frozen_convnet.pb")
    assert [[op.name, op.type] for op in graph.get_operations()] == expected["nodes"]
    with tf.Session(graph=graph) as sess:
        got = sess.run(expected["fetches"], feeds_of(graph, expected["feeds"]))
    for value, want in zip(got, expected["values"]):
        np.testing.assert_allclose(value, want, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(got[1].sum(axis=1), 1.0, rtol=1e-6)


def test_a_graph_frozen_by_tensorflow_imports_under_a_prefix_with_an_input_map():
    expected = EXPECTED["frozen_convnet"]
    with tf.Graph().as_default():
        images = tf.placeholder(tf.float32, [None, 8, 8, 3], name="my_images")
        probabilities, = tf.import_graph_def(load("frozen_convnet.pb"), input_map={"images:0": images},
                                             return_elements=["probabilities:0"], name="net")
        assert probabilities.name == "net/probabilities:0"
        with tf.Session() as sess:
            got = sess.run(probabilities, {images: np.asarray(expected["feeds"]["images:0"], np.float32)})
    np.testing.assert_allclose(got, expected["values"][1], rtol=1e-5, atol=1e-6)


def test_a_cond_and_a_while_loop_written_by_tensorflow_compute_tfs_values():
    expected = EXPECTED["control_flow"]
    graph = imported("control_flow.pb")
    types = {op.type for op in graph.get_operations()}
    assert {"Switch", "Merge", "Enter", "Exit", "NextIteration", "LoopCond"} <= types
    with tf.Session(graph=graph) as sess:
        for run in expected["runs"]:
            got = sess.run(expected["fetches"], feeds_of(graph, run["feeds"]))
            np.testing.assert_allclose(got, run["values"], rtol=1e-6)


def test_constants_of_every_dtype_written_by_tensorflow_hold_tfs_values():
    expected = EXPECTED["dtypes"]
    graph = imported("dtypes.pb")
    tensors = [graph.get_tensor_by_name(name) for name in expected["fetches"]]
    assert [t.dtype.name for t in tensors] == expected["dtypes"]
    with tf.Session(graph=graph) as sess:
        values = sess.run(tensors)
    for name, value, want in zip(expected["fetches"], values, expected["values"]):
        assert _plain(value) == want, name


def test_freezing_a_resource_variable_rewrites_its_readers_as_tensorflow_does():
    expected = EXPECTED["resource_freeze"]
    sub = tf.graph_util.extract_sub_graph(load("resource_graph.pbtxt"), expected["outputs"])
    value = (np.asarray(expected["value"], np.float32), tf.float32.as_datatype_enum)
    frozen = replace_variables(sub, {expected["variable"]: value})
    assert frozen == load("resource_frozen.pbtxt")
    with tf.Graph().as_default() as graph:
        tf.import_graph_def(frozen, name="")
        with tf.Session() as sess:
            out = sess.run("out:0", feeds_of(graph, expected["feeds"]))
    np.testing.assert_allclose(out, expected["out"], rtol=1e-6)

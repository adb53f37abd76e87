"""The ``scopeflow graph`` command: ``ls`` of GraphDef and MetaGraph files, ``freeze``, errors."""

import os
import subprocess
import sys

import numpy as np
import pytest
from google.protobuf import text_format

import scopeflow as tf
from tests.cli.test_ckpt_command import run

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "tf_graphs")
SCOPES = os.path.join(FIXTURES, "scopes.pb")


# -- ls ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, kind", [("scopes.pb", "binary GraphDef"), ("scopes.pbtxt", "text GraphDef")])
def test_ls_shows_the_scope_tree_with_op_counts_variables_and_placeholders(name, kind):
    path = os.path.join(FIXTURES, name)
    code, out, err = run("graph", "ls", path)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"graph: {path} ({kind}, producer 2474)"
    assert lines[1].split() == ["name", "op", "dtype", "shape", "ops"]
    assert lines[2].split() == ["x", "Placeholder", "float32", "[?,", "4]"]
    assert lines[4].split() == ["encoder/", "22"]
    assert lines[5].split() == ["layer1/", "11"] and lines[5].startswith("  layer1/")
    assert lines[6].split() == ["weights", "VariableV2", "float32", "[4,", "3]", "4"]
    assert lines[6].startswith("    weights")
    assert "gradients/" in out and "  update_encoder/" in out
    assert lines[-1] == "total: 121 ops in 61 scopes, 6 variables (35 parameters), 2 placeholders"
    assert out.count("op types: Identity 22, Const 21, MatMul 9") == 1


def test_ls_of_text_and_binary_files_is_the_same_listing_but_for_the_header():
    text = run("graph", "ls", os.path.join(FIXTURES, "scopes.pbtxt"))[1]
    binary = run("graph", "ls", SCOPES)[1]
    assert text.splitlines()[1:] == binary.splitlines()[1:]


def test_ls_of_a_frozen_graph_shows_its_frozen_variables():
    code, out, _ = run("graph", "ls", os.path.join(FIXTURES, "frozen_convnet.pb"))
    assert code == 0
    lines = out.splitlines()
    assert lines[2].split() == ["images", "Placeholder", "float32", "[?,", "8,", "8,", "3]"]
    assert "  kernel  Const        float32  [3, 3, 3, 4]" in out
    assert lines[-1] == "total: 18 ops in 8 scopes, 4 frozen variables (437 parameters), 1 placeholder"


def test_ls_ops_lists_every_op_and_depth_cuts_the_tree():
    code, out, _ = run("graph", "ls", "--ops", os.path.join(FIXTURES, "frozen_convnet.pb"))
    assert code == 0
    assert "    read       Identity     float32" in out  # inside the frozen kernel's box
    assert "probabilities  Softmax      float32" in out
    assert "flatten        Reshape      float32                  2" in out
    code, shallow, _ = run("graph", "ls", "--depth", "1", SCOPES)
    assert "encoder/" in shallow and "layer1/" not in shallow and "weights" not in shallow
    assert shallow.splitlines()[-1] == run("graph", "ls", SCOPES)[1].splitlines()[-1]


def _meta_graph_def():
    meta = tf.MetaGraphDef()
    with open(SCOPES, "rb") as f:
        meta.graph_def.ParseFromString(f.read())
    meta.meta_info_def.tensorflow_version = "2.21.0"
    meta.collection_def["variables"].bytes_list.value.extend([b"a", b"b"])
    meta.collection_def["train_op"].node_list.value.append("train")
    return meta


@pytest.mark.parametrize("as_text", [False, True])
def test_ls_of_a_meta_graph_names_its_collections(tmp_path, as_text):
    path = str(tmp_path / "model.ckpt-1.meta")
    meta = _meta_graph_def()
    with open(path, "wb") as f:
        f.write(text_format.MessageToString(meta).encode() if as_text else meta.SerializeToString())
    code, out, _ = run("graph", "ls", path)
    assert code == 0
    lines = out.splitlines()
    kind = "text" if as_text else "binary"
    assert lines[0] == f"graph: {path} ({kind} MetaGraphDef, TensorFlow 2.21.0, producer 2474)"
    assert lines[1] == "collections: train_op (1), variables (2)"
    assert lines[-1] == "total: 121 ops in 61 scopes, 6 variables (35 parameters), 2 placeholders"


def test_ls_errors_exit_2_with_a_message(tmp_path):
    code, out, err = run("graph", "ls", str(tmp_path / "nope.pb"))
    assert (code, out) == (2, "")
    assert err == f"scopeflow graph ls: error: no such file: {tmp_path / 'nope.pb'}\n"
    junk = tmp_path / "junk.pb"
    junk.write_bytes(b"\xff\xfe not a graph")
    code, _, err = run("graph", "ls", str(junk))
    assert code == 2 and "is not a GraphDef (binary or text)" in err
    code, _, err = run("graph", "ls", SCOPES, "--depth", "0")
    assert code == 2 and err == "scopeflow graph ls: error: --depth must be at least 1\n"
    meta = tmp_path / "bad.meta"
    meta.write_text("node { name: 'x' }")
    code, _, err = run("graph", "ls", str(meta))
    assert code == 2 and err == f"scopeflow graph ls: error: {meta} is not a MetaGraphDef (binary or text)\n"


def test_the_console_script_runs_graph_ls():
    result = subprocess.run([sys.executable, "-m", "scopeflow._src.cli", "graph", "ls", "--depth", "1", SCOPES],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.startswith("graph: ")
    result = subprocess.run([sys.executable, "-m", "scopeflow._src.cli", "graph"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 2 and "ls" in result.stderr and "freeze" in result.stderr


# -- freeze ------------------------------------------------------------------------------------


def _train_and_save(directory):
    """A small model trained one step and saved with its MetaGraph; returns (prefix, feed,
    output value)."""
    feed = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        with tf.variable_scope("dense"):
            w = tf.get_variable("w", initializer=np.arange(6, dtype=np.float32).reshape(3, 2) / 10)
            b = tf.get_variable("b", initializer=np.array([0.1, -0.1], np.float32))
        y = tf.nn.softmax(tf.matmul(x, w) + b, name="y")
        loss = tf.reduce_sum(tf.square(y), name="loss")
        train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train, {x: feed})
            prefix = tf.train.Saver().save(sess, os.path.join(directory, "model.ckpt"), global_step=1)
            return prefix, feed, sess.run([y, loss], {x: feed})


def test_freeze_writes_a_graph_that_computes_the_trained_values(tmp_path):
    prefix, feed, (want_y, want_loss) = _train_and_save(str(tmp_path))
    target = str(tmp_path / "model.pb")
    code, out, err = run("graph", "freeze", str(tmp_path), "--outputs", "y, loss", "-o", target)
    assert (code, err) == (0, "")
    assert out.startswith(f"froze 2 variables of {prefix} into ")
    graph_def = tf.GraphDef()
    with open(target, "rb") as f:
        graph_def.ParseFromString(f.read())
    ops = {n.name: n.op for n in graph_def.node}
    assert ops["dense/w"] == ops["dense/b"] == "Const"
    assert not {"VariableV2", "ApplyGradientDescent", "SaveV2", "RestoreV2"} & set(ops.values())
    assert all(n.device == "" for n in graph_def.node)
    with tf.Graph().as_default():
        y, loss = tf.import_graph_def(graph_def, return_elements=["y:0", "loss:0"], name="")
        with tf.Session() as sess:
            got_y, got_loss = sess.run([y, loss], {"x:0": feed})
    np.testing.assert_allclose(got_y, want_y, rtol=1e-6)
    np.testing.assert_allclose(got_loss, want_loss, rtol=1e-6)
    assert [f for f in os.listdir(tmp_path) if "tempstate" in f] == []


def test_ls_of_a_checkpoint_lists_its_meta_graph(tmp_path):
    prefix, _, _ = _train_and_save(str(tmp_path))
    for path in (str(tmp_path), prefix):
        code, out, err = run("graph", "ls", path)
        assert (code, err) == (0, "")
        assert out.startswith(f"graph: {prefix}.meta (binary MetaGraphDef, TensorFlow ")
        assert ["w", "VariableV2", "float32", "[3,", "2]", "4"] in [line.split() for line in out.splitlines()]
        assert out.splitlines()[1] == "collections: train_op (1), trainable_variables (2), variables (2)"


def test_freeze_as_text_and_overwriting(tmp_path):
    _train_and_save(str(tmp_path))
    target = tmp_path / "model.pbtxt"
    assert run("graph", "freeze", str(tmp_path), "--outputs", "y", "-o", str(target), "--text")[0] == 0
    graph_def = text_format.Parse(target.read_text(), tf.GraphDef())
    assert [n.name for n in graph_def.node][-1] == "y"
    code, _, err = run("graph", "freeze", str(tmp_path), "--outputs", "y", "-o", str(target), "--text")
    assert code == 2 and err == f"scopeflow graph freeze: error: {target} exists; pass --force to overwrite it\n"
    assert run("graph", "freeze", str(tmp_path), "--outputs", "loss", "-o", str(target), "--force")[0] == 0
    assert target.read_bytes()[:1] != b"n"  # binary now


def test_freeze_errors_exit_2_with_a_message(tmp_path):
    prefix, _, _ = _train_and_save(str(tmp_path))
    target = str(tmp_path / "out.pb")
    code, _, err = run("graph", "freeze", str(tmp_path), "--outputs", "y:0", "-o", target)
    assert (code, err) == (2, "scopeflow graph freeze: error: 'y:0' is a tensor; --outputs takes node names: y\n")
    code, _, err = run("graph", "freeze", str(tmp_path), "--outputs", "los", "-o", target)
    assert code == 2 and err.startswith("scopeflow graph freeze: error: no node named 'los' in the graph; did you mean")
    code, _, err = run("graph", "freeze", str(tmp_path), "--outputs", " , ", "-o", target)
    assert code == 2 and "--outputs names no node" in err
    code, _, err = run("graph", "freeze", str(tmp_path / "nothing"), "--outputs", "y", "-o", target)
    assert code == 2 and err.startswith("scopeflow graph freeze: error: no checkpoint at ")
    os.remove(prefix + ".meta")
    code, _, err = run("graph", "freeze", prefix, "--outputs", "y", "-o", target)
    assert code == 2 and err.startswith(f"scopeflow graph freeze: error: {prefix}.meta does not exist")
    assert not os.path.exists(target)

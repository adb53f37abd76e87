"""A graph with datasets as a GraphDef: TF's nodes, and the traced functions in its library
(checked by TensorFlow itself, which imports and runs the GraphDef, when it is installed)."""

import os
import pathlib
import subprocess
import textwrap

import numpy as np
import pytest

import scopeflow as tf

TF_PYTHON = pathlib.Path.home() / "tfref" / "bin" / "python"


def _pipeline():
    w = tf.constant(3.0, name="w")
    ds = tf.data.Dataset.from_tensor_slices(np.arange(4, dtype=np.float32)).map(lambda a: a * w)
    ds = ds.flat_map(lambda x: tf.data.Dataset.from_tensors(x).map(lambda y: y + 1.0))
    return tf.data.make_one_shot_iterator(ds).get_next()


def test_the_library_holds_each_traced_function_once():
    with tf.Graph().as_default() as g:
        _pipeline()
        gd = g.as_graph_def()
    names = [f.signature.name for f in gd.library.function]
    assert len(names) == len(set(names)) == 4
    first = gd.library.function[0]
    assert [a.name for a in first.signature.input_arg] == ["args_0", "w"]
    assert [(n.name, n.op, list(n.input)) for n in first.node_def] == [
        ("mul", "Mul", ["args_0", "w"]), ("Identity", "Identity", ["mul:z:0"])]
    assert dict(first.ret) == {"identity": "Identity:output:0"}
    map_node = next(n for n in gd.node if n.op == "MapDataset")
    assert map_node.attr["f"].func.name == names[0] and list(map_node.input) == ["TensorSliceDataset", "w"]


@pytest.mark.skipif(not TF_PYTHON.exists(), reason="TensorFlow 2.21 is not installed at ~/tfref")
def test_tensorflow_imports_and_runs_the_graph_def(tmp_path):
    with tf.Graph().as_default() as g:
        _pipeline()
        (tmp_path / "g.pb").write_bytes(g.as_graph_def().SerializeToString())
    script = textwrap.dedent(f"""
        import tensorflow.compat.v1 as tf
        tf.disable_v2_behavior()
        gd = tf.GraphDef()
        gd.ParseFromString(open({str(tmp_path / "g.pb")!r}, "rb").read())
        tf.import_graph_def(gd, name="")
        nxt = tf.get_default_graph().get_tensor_by_name("IteratorGetNext:0")
        with tf.Session() as sess:
            print([float(sess.run(nxt)) for _ in range(4)])
    """)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    out = subprocess.run([str(TF_PYTHON), "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[1.0, 4.0, 7.0, 10.0]"

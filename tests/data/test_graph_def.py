"""A graph with datasets as a GraphDef: TF's nodes, and the traced functions in its library
(checked by TensorFlow itself, which imports and runs the GraphDef, when it is installed)."""

import numpy as np
import pytest

import scopeflow as tf
from tests.data._helpers import TF_PYTHON, run_graph_in_tensorflow


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
    out = run_graph_in_tensorflow(g, tmp_path, """
        nxt = tf.get_default_graph().get_tensor_by_name("IteratorGetNext:0")
        with tf.Session() as sess:
            print([float(sess.run(nxt)) for _ in range(4)])
    """)
    assert out == "[1.0, 4.0, 7.0, 10.0]"

"""TensorFlow imports the GraphDefs scopeflow writes and computes scopeflow's values.

Runs TensorFlow in a subprocess; skipped where the reference TensorFlow is absent (CI): set
SCOPEFLOW_TF_PYTHON to its interpreter, or install it at ~/tfref. The other direction (TF's
files read by scopeflow) runs everywhere, on the fixtures in tests/fixtures/tf_graphs/.
"""

import json
import os
import subprocess

import numpy as np
import pytest

import scopeflow as tf

TF_PYTHON = os.environ.get("SCOPEFLOW_TF_PYTHON", os.path.expanduser("~/tfref/bin/python"))
pytestmark = pytest.mark.skipif(not os.path.exists(TF_PYTHON), reason="reference TensorFlow not installed")

TF_SCRIPT = """
import json, os, sys
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
spec = json.loads(sys.argv[1])
graph_def = tf.GraphDef()
with open(spec["path"], "rb") as f:
    graph_def.ParseFromString(f.read())
out = {}
with tf.Graph().as_default() as g:
    fetched = tf.import_graph_def(graph_def, name="", return_elements=spec["fetches"] + spec["init"])
    with tf.Session() as sess:
        feeds = {name + ":0": np.array(value, np.float32) for name, value in spec["feeds"].items()}
        for op in fetched[len(spec["fetches"]):]:
            sess.run(op, feeds)
        values = sess.run(fetched[:len(spec["fetches"])], feeds)
    out["values"] = [np.asarray(v).tolist() for v in values]
    out["ops"] = [op.type for op in g.get_operations()]
print(json.dumps(out))
"""

X = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]], np.float32)


def _run_tf(path, fetches, feeds, init):
    spec = json.dumps({"path": path, "fetches": fetches, "feeds": feeds, "init": init})
    done = subprocess.run([TF_PYTHON, "-c", TF_SCRIPT, spec], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": ""})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _model():
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    with tf.variable_scope("dense"):
        h = tf.layers.dense(x, 4, activation=tf.nn.relu, kernel_initializer=tf.constant_initializer(0.3))
    with tf.variable_scope("head"):
        logits = tf.layers.dense(h, 2, kernel_initializer=tf.constant_initializer(-0.2),
                                 bias_initializer=tf.constant_initializer(0.1))
    probs = tf.nn.softmax(logits, name="probs")
    loss = tf.reduce_mean(tf.square(probs - 0.5), name="loss")
    tf.train.GradientDescentOptimizer(0.5).minimize(loss, name="train")
    i = tf.constant(0, name="i")
    tf.while_loop(lambda i, s: i < 4, lambda i, s: (i + 1, s * 1.5), [i, tf.reduce_sum(probs)], name="loop")
    tf.cond(tf.reduce_sum(x) > 0, lambda: tf.reduce_max(x), lambda: tf.reduce_min(x), name="pick")
    tf.global_variables_initializer()
    return ["probs:0", "loss:0", "loop/Exit_1:0", "pick/Merge:0"]


@pytest.mark.parametrize("as_text", [False, True], ids=["binary", "text"])
def test_tensorflow_imports_scopeflow_graph_and_computes_its_values(tmp_path, as_text):
    with tf.Graph().as_default() as g:
        fetches = _model()
        with tf.Session() as sess:
            sess.run("init")
            want = sess.run(fetches, {"x:0": X})
    path = tf.train.write_graph(g, str(tmp_path), "model.pb", as_text=False)
    if as_text:  # TF reads the binary file; the text one must parse to the same GraphDef
        from google.protobuf import text_format

        text_path = tf.train.write_graph(g, str(tmp_path), "model.pbtxt", as_text=True)
        with open(text_path) as f:
            parsed = text_format.Parse(f.read(), tf.GraphDef())
        with open(path, "rb") as f:
            assert parsed == tf.GraphDef.FromString(f.read())
    got = _run_tf(path, fetches, {"x": X.tolist()}, ["init"])
    for w, v in zip(want, got["values"]):
        np.testing.assert_allclose(v, w, rtol=1e-6)
    assert sorted(got["ops"]) == sorted(op.type for op in g.get_operations())  # TF imports in topological order


def test_tensorflow_trains_an_imported_scopeflow_graph(tmp_path):
    with tf.Graph().as_default() as g:
        _model()
        with tf.Session() as sess:
            sess.run("init")
            for _ in range(3):
                sess.run("train", {"x:0": X})
            want = sess.run("loss:0", {"x:0": X})
    path = tf.train.write_graph(g, str(tmp_path), "model.pb", as_text=False)
    got = _run_tf(path, ["loss:0"], {"x": X.tolist()}, ["init", "train", "train", "train"])
    np.testing.assert_allclose(got["values"][0], want, rtol=1e-5)

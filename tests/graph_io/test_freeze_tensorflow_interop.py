"""Freezing across the two libraries: ``scopeflow graph freeze`` of a checkpoint TensorFlow
trained gives TF's own frozen graph and values, and TensorFlow runs what scopeflow froze.

Runs TensorFlow in a subprocess; skipped where the reference TensorFlow is absent (CI): set
SCOPEFLOW_TF_PYTHON to its interpreter, or install it at ~/tfref.
"""

import json
import os
import subprocess

import numpy as np
import pytest

import scopeflow as tf
from tests.cli.test_ckpt_command import run

TF_PYTHON = os.environ.get("SCOPEFLOW_TF_PYTHON", os.path.expanduser("~/tfref/bin/python"))
pytestmark = pytest.mark.skipif(not os.path.exists(TF_PYTHON), reason="reference TensorFlow not installed")

X = np.linspace(-1, 1, 12, dtype=np.float32).reshape(2, 2, 3, 1)

# Builds and trains a small conv + dense model, saves it (checkpoint + .meta), freezes it
# itself, and prints what its outputs are.
TRAIN_IN_TF = """
import json, os, sys
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
directory, x_value = sys.argv[1], np.array(json.loads(sys.argv[2]), np.float32)
tf.set_random_seed(3)
x = tf.placeholder(tf.float32, [None, 2, 3, 1], name="x")
with tf.variable_scope("conv"):
    k = tf.get_variable("kernel", [2, 2, 1, 2])
    h = tf.nn.relu(tf.nn.conv2d(x, k, [1, 1, 1, 1], "SAME"))
with tf.variable_scope("out"):
    w = tf.get_variable("w", [12, 2])
    logits = tf.matmul(tf.reshape(h, [-1, 12]), w, name="logits")
probs = tf.nn.softmax(logits, name="probs")
loss = tf.reduce_mean(tf.square(probs - 0.5), name="loss")
train = tf.train.AdamOptimizer(0.1).minimize(loss, global_step=tf.train.get_or_create_global_step())
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(2):
        sess.run(train, {x: x_value})
    tf.train.Saver().save(sess, os.path.join(directory, "model.ckpt"), global_step=2)
    frozen = tf.graph_util.convert_variables_to_constants(sess, sess.graph.as_graph_def(), ["probs", "loss"])
    values = sess.run([probs, loss], {x: x_value})
print(json.dumps({"nodes": [[n.name, n.op, list(n.input)] for n in frozen.node],
                  "values": [np.asarray(v).tolist() for v in values]}))
"""

RUN_IN_TF = """
import json, sys
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
graph_def = tf.GraphDef()
with open(sys.argv[1], "rb") as f:
    graph_def.ParseFromString(f.read())
with tf.Graph().as_default():
    outs = tf.import_graph_def(graph_def, return_elements=["y:0", "loss:0"], name="")
    with tf.Session() as sess:
        values = sess.run(outs, {"x:0": np.array(json.loads(sys.argv[2]), np.float32)})
print(json.dumps([np.asarray(v).tolist() for v in values]))
"""


def _tf(script, *args):
    done = subprocess.run([TF_PYTHON, "-c", script, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": ""})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _load(path):
    graph_def = tf.GraphDef()
    with open(path, "rb") as f:
        graph_def.ParseFromString(f.read())
    return graph_def


def test_freezing_a_checkpoint_tensorflow_trained_gives_tfs_frozen_graph_and_values(tmp_path):
    expected = _tf(TRAIN_IN_TF, str(tmp_path), json.dumps(X.tolist()))
    target = str(tmp_path / "frozen.pb")
    code, out, err = run("graph", "freeze", str(tmp_path), "--outputs", "probs,loss", "-o", target)
    assert (code, err) == (0, ""), err
    assert out.startswith("froze 2 variables of ")
    frozen = _load(target)
    assert [[n.name, n.op, list(n.input)] for n in frozen.node] == expected["nodes"]
    with tf.Graph().as_default():
        outs = tf.import_graph_def(frozen, return_elements=["probs:0", "loss:0"], name="")
        with tf.Session() as sess:
            values = sess.run(outs, {"x:0": X})
    for got, want in zip(values, expected["values"]):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


def test_tensorflow_runs_what_scopeflow_froze(tmp_path):
    x_value = X.reshape(2, 6)[:, :3]
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        with tf.variable_scope("layer"):
            h = tf.layers.dense(x, 4, activation=tf.nn.tanh)
        y = tf.layers.dense(h, 2, name="head")
        y = tf.identity(y, name="y")
        loss = tf.reduce_sum(tf.square(y), name="loss")
        train = tf.train.RMSPropOptimizer(0.05).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train, {x: x_value})
            tf.train.Saver().save(sess, str(tmp_path / "model.ckpt"))
            want = sess.run([y, loss], {x: x_value})
    target = str(tmp_path / "frozen.pb")
    assert run("graph", "freeze", str(tmp_path), "--outputs", "y,loss", "-o", target)[0] == 0
    got = _tf(RUN_IN_TF, target, json.dumps(x_value.tolist()))
    for value, expected in zip(got, want):
        np.testing.assert_allclose(value, expected, rtol=1e-5, atol=1e-6)

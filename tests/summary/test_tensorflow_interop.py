"""Event files across TensorFlow and scopeflow: TensorFlow reads the events scopeflow writes
(and imports and runs the summary ops of its graph), scopeflow reads TensorFlow's (and imports
and runs TF's summary ops, with TF's outputs byte for byte).

Runs TensorFlow in a subprocess; skipped where the reference TensorFlow is absent (CI): set
SCOPEFLOW_TF_PYTHON to its interpreter, or install it at ~/tfref.
"""

import base64
import json
import os
import subprocess

import numpy as np
import pytest
from google.protobuf import json_format

import scopeflow as tf

TF_PYTHON = os.environ.get("SCOPEFLOW_TF_PYTHON", os.path.expanduser("~/tfref/bin/python"))
pytestmark = pytest.mark.skipif(not os.path.exists(TF_PYTHON), reason="reference TensorFlow not installed")

TF_SCRIPT = r"""
import base64, json, os, sys
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import numpy as np
import tensorflow.compat.v1 as tf
from google.protobuf import json_format
tf.disable_v2_behavior()
ours, theirs = sys.argv[1], sys.argv[2]
(name,) = os.listdir(ours)
events = list(tf.train.summary_iterator(os.path.join(ours, name)))
out = {"events": [json_format.MessageToDict(e) for e in events]}
graph_def = tf.GraphDef.FromString(next(e.graph_def for e in events if e.graph_def))
with tf.Graph().as_default():
    tf.import_graph_def(graph_def, name="")
    with tf.Session() as sess:
        out["merged"] = base64.b64encode(sess.run("Merge/MergeSummary:0", {"x:0": [[0.25, -0.5, 1.0]]})).decode()
with tf.Graph().as_default() as g:
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    tf.summary.scalar("mean", tf.reduce_mean(x))
    tf.summary.histogram("values", x)
    tf.summary.image("picture", tf.reshape(x, [-1, 1, 3, 1]))
    merged = tf.summary.merge_all()
    with tf.Session() as sess, tf.summary.FileWriter(theirs, g) as writer:
        value = sess.run(merged, {x: [[0.25, -0.5, 1.0]]})
        writer.add_summary(value, 7)
        writer.add_session_log(tf.SessionLog(status=tf.SessionLog.START), 8)
    out["their_merged"] = base64.b64encode(value).decode()
print(json.dumps(out))
"""

X = [[0.25, -0.5, 1.0]]


def _write_ours(logdir):
    graph = tf.Graph()
    with graph.as_default():
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        tf.summary.scalar("mean", tf.reduce_mean(x))
        tf.summary.histogram("values", x)
        tf.summary.image("picture", tf.reshape(x, [-1, 1, 3, 1]))
        tf.summary.audio("sound", x, 8000)
        tf.summary.text("note", tf.constant("hi"))
        merged = tf.summary.merge_all()
        with tf.Session() as sess, tf.summary.FileWriter(logdir, graph) as writer:
            value = sess.run(merged, {x: X})
            writer.add_summary(value, 3)
            writer.add_run_metadata(tf.RunMetadata(), "run", 4)
    return value


@pytest.fixture(scope="module")
def exchanged(tmp_path_factory):
    ours, theirs = tmp_path_factory.mktemp("ours"), tmp_path_factory.mktemp("theirs")
    value = _write_ours(str(ours))
    done = subprocess.run([TF_PYTHON, "-c", TF_SCRIPT, str(ours), str(theirs)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": ""})
    assert done.returncode == 0, done.stderr[-3000:]
    return str(ours), str(theirs), value, json.loads(done.stdout.strip().splitlines()[-1])


def test_tensorflow_reads_our_events_as_we_do(exchanged):
    ours, _, _, got = exchanged
    (name,) = os.listdir(ours)
    mine = [json_format.MessageToDict(e) for e in tf.train.summary_iterator(os.path.join(ours, name))]
    assert got["events"] == mine
    assert [next(k for k in e if k not in ("wallTime", "step", "sourceMetadata")) for e in mine] == [
        "fileVersion", "graphDef", "metaGraphDef", "summary", "taggedRunMetadata"]


def test_tensorflow_runs_our_summary_ops_with_our_output(exchanged):
    _, _, value, got = exchanged
    assert base64.b64decode(got["merged"]) == value


def test_we_read_tensorflows_events_and_run_its_summary_ops(exchanged):
    _, theirs, _, got = exchanged
    (name,) = os.listdir(theirs)
    events = list(tf.train.summary_iterator(os.path.join(theirs, name)))
    assert [e.WhichOneof("what") for e in events] == ["file_version", "graph_def", "meta_graph_def", "summary",
                                                      "session_log"]
    assert [e.step for e in events[3:]] == [7, 8]
    graph_def = tf.GraphDef.FromString(events[1].graph_def)
    with tf.Graph().as_default():
        tf.import_graph_def(graph_def, name="")
        with tf.Session() as sess:
            value = sess.run("Merge/MergeSummary:0", {"x:0": np.array(X, np.float32)})
    assert value == base64.b64decode(got["their_merged"]) == events[3].summary.SerializeToString()

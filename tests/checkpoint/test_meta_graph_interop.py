"""TensorFlow imports scopeflow's ``.meta`` + checkpoint and computes the same values, and the
other way round, with TensorFlow in a subprocess.

Skipped where the reference TensorFlow is absent (CI): set SCOPEFLOW_TF_PYTHON to its
interpreter, or install it at ~/tfref (see DEVELOPERS.md). TensorFlow is never imported into
the test process.
"""

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import scopeflow as tf

TF_PYTHON = os.environ.get("SCOPEFLOW_TF_PYTHON", os.path.expanduser("~/tfref/bin/python"))
pytestmark = pytest.mark.skipif(not os.path.exists(TF_PYTHON), reason="reference TensorFlow not installed")

X = [[1.0, 2.0], [3.0, -4.0], [0.5, 0.5]]
PRELUDE = """
import json, os, sys
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
X = %r
""" % (X,)

# Import a meta graph, restore its checkpoint, compute the outputs, a gradient and one train step.
RUN_IMPORTED = """
def run_imported(prefix):
    with tf.Graph().as_default() as graph:
        saver = tf.train.import_meta_graph(prefix + ".meta")
        x = graph.get_tensor_by_name("x:0")
        outputs = tf.get_collection("outputs")
        grads = tf.gradients(outputs[-1], tf.trainable_variables())
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            out = {"outputs": [np.asarray(v).tolist() for v in sess.run(outputs, {x: X})],
                   "grads": [np.asarray(v).tolist() for v in sess.run(grads, {x: X})]}
            sess.run(tf.get_collection("train_op"), {x: X})
            out["trained"] = np.asarray(sess.run(outputs[0], {x: X})).tolist()
            out["step"] = int(sess.run(tf.train.get_global_step()))
        out["collections"] = sorted(graph.get_all_collection_keys())
        out["variables"] = [v.name for v in tf.global_variables()]
        out["labels"] = [s.decode() if isinstance(s, bytes) else s for s in tf.get_collection("labels")]
    return out
"""

# The same model in both libraries: scoped dense layers, a cond and a loop, momentum training.
BUILD = """
def build(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    with tf.variable_scope("net"):
        w = tf.get_variable("w", [2, 3], initializer=tf.constant_initializer([0.1, -0.2, 0.3, 0.4, 0.5, -0.6]))
        b = tf.get_variable("b", [3], initializer=tf.constant_initializer(0.05))
        h = tf.nn.relu(tf.matmul(x, w) + b, name="h")
    loss = tf.reduce_mean(tf.square(h - 1.0), name="loss")
    scaled = tf.cond(loss > 0.5, lambda: loss * 2.0, lambda: loss - 1.0, name="branch")
    _, grown = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, a * 1.5 + tf.reduce_sum(b)), [0, scaled],
                             name="loop")
    step = tf.train.get_or_create_global_step()
    tf.train.MomentumOptimizer(0.1, 0.9).minimize(grown, global_step=step, name="train")
    tf.add_to_collection("outputs", loss)
    tf.add_to_collection("outputs", grown)
    tf.add_to_collection("labels", "momentum")
    return x
"""


def _run_tf(code: str, *args) -> dict:
    result = subprocess.run([TF_PYTHON, "-c", PRELUDE + textwrap.dedent(code), *args], capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


def _run_here(prefix: str) -> dict:
    namespace = {"tf": tf, "np": np, "X": X}
    exec(RUN_IMPORTED, namespace)  # the very code TensorFlow runs
    return namespace["run_imported"](prefix)


def _same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for key in a:
        if key in ("collections", "variables", "labels", "step"):
            assert a[key] == b[key], key
        elif key == "trained":
            assert np.allclose(a[key], b[key], rtol=1e-5), key
        else:  # lists of values of different shapes
            assert len(a[key]) == len(b[key]) and all(np.allclose(x, y, rtol=1e-5) for x, y in zip(a[key], b[key])), key


def test_tensorflow_imports_scopeflows_meta_graph_and_checkpoint(tmp_path):
    namespace = {}
    exec(BUILD, namespace)
    with tf.Graph().as_default():
        x = namespace["build"](tf)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(tf.get_collection("train_op"), {x: X})
            prefix = saver.save(sess, str(tmp_path / "model.ckpt"), global_step=tf.train.get_global_step())
    theirs = _run_tf(RUN_IMPORTED + "print(json.dumps(run_imported(sys.argv[1])))", prefix)
    ours = _run_here(prefix)
    assert theirs["step"] == 2 and theirs["labels"] == ["momentum"]
    assert "while_context" in theirs["collections"] and "cond_context" in theirs["collections"]
    _same(ours, theirs)


def test_scopeflow_imports_tensorflows_meta_graph_and_checkpoint(tmp_path):
    code = BUILD + RUN_IMPORTED + """
with tf.Graph().as_default():
    x = build(tf)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(tf.get_collection("train_op"), {x: X})
        prefix = saver.save(sess, os.path.join(sys.argv[1], "model.ckpt"), global_step=tf.train.get_global_step())
print(json.dumps({"prefix": prefix, "run": run_imported(prefix)}))
"""
    theirs = _run_tf(code, str(tmp_path))
    _same(_run_here(theirs["prefix"]), theirs["run"])


def test_the_meta_graph_messages_match_tensorflows_descriptors():
    names = ["MetaGraphDef", "MetaGraphDef.MetaInfoDef", "CollectionDef", "SaverDef", "VariableDef",
             "SaveSliceInfoDef", "OpDef", "OpDef.ArgDef", "OpDef.AttrDef", "OpList", "ValuesDef",
             "ControlFlowContextDef", "CondContextDef", "WhileContextDef"]
    dump = """
def fields(descriptor):
    return {f.name: [f.number, f.type, f.is_repeated, (f.message_type or f.enum_type).full_name
                     if (f.message_type or f.enum_type) else ""] for f in descriptor.fields}
"""
    theirs = _run_tf(dump + """
from google.protobuf import descriptor_pool
pool = descriptor_pool.Default()
print(json.dumps({n: fields(pool.FindMessageTypeByName("tensorflow." + n)) for n in json.loads(sys.argv[1])}))
""", json.dumps(names))
    namespace = {}
    exec(dump, namespace)
    from scopeflow._src import protos

    for name in names:
        cls = protos
        for part in name.split("."):
            cls = getattr(cls, part)
        ours = namespace["fields"](cls.DESCRIPTOR)
        assert {k: v for k, v in theirs[name].items() if k in ours} == ours, name


def test_a_text_meta_graph_from_scopeflow_reads_in_tensorflow(tmp_path):
    with tf.Graph().as_default():
        v = tf.Variable([1.0, 2.0], name="v")
        tf.add_to_collection("outputs", tf.reduce_sum(v * 3.0, name="total"))
        tf.train.export_meta_graph(str(tmp_path / "m.meta"), as_text=True)
    theirs = _run_tf("""
with tf.Graph().as_default():
    saver = tf.train.import_meta_graph(sys.argv[1])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(json.dumps([saver is not None, float(sess.run(tf.get_collection("outputs")[0]))]))
""", str(tmp_path / "m.meta"))
    assert theirs == [True, 9.0]
    assert sys.modules.get("tensorflow") is None

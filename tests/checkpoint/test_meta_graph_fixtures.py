"""Meta graphs and checkpoints written by TensorFlow 2.21 import into scopeflow, restore, train
and compute TensorFlow's values.

The files and the values are made by ``tests/fixtures/tf_graphs/meta/make_meta_fixtures.py``
(run by hand with TensorFlow); these tests need only scopeflow.
"""

import json
import os

import numpy as np

import scopeflow as tf

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "tf_graphs", "meta")
with open(os.path.join(FIXTURES, "expected.json")) as _f:
    EXPECTED = json.load(_f)


def test_tensorflows_trained_model_restores_computes_and_trains_on():
    expected = EXPECTED["mlp"]
    prefix = os.path.join(FIXTURES, "mlp", "model.ckpt-3")
    with tf.Graph().as_default() as graph:
        saver = tf.train.import_meta_graph(prefix + ".meta")
        assert str(saver.saver_def) == expected["saver_def"]
        assert sorted(graph.get_all_collection_keys()) == expected["collections"]
        assert [t.name for t in tf.get_collection("outputs")] == expected["outputs"]
        assert [op.name for op in tf.get_collection("train_op")] == expected["train_op"]
        assert [v.name for v in tf.trainable_variables()] == expected["trainable"]
        assert [x.decode() for x in tf.get_collection("labels")] == expected["labels"]
        assert (tf.get_collection("sizes"), tf.get_collection("rates")) == (expected["sizes"], expected["rates"])
        feeds = expected["feeds"]
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            restored = expected["restored"]
            assert np.allclose(sess.run("loss:0", feeds), restored["loss"], rtol=1e-6)
            assert np.allclose(sess.run("net/out/pred:0", feeds), restored["pred"], rtol=1e-6)
            values = {v.op.name: sess.run(v) for v in tf.global_variables()}
            assert sorted(values) == sorted(restored["variables"])
            for name, value in restored["variables"].items():
                assert np.allclose(values[name], value, rtol=1e-6), name
            sess.run(tf.get_collection("train_op"), feeds)
            assert np.allclose(sess.run("loss:0", feeds), expected["after_one_step"]["loss"], rtol=1e-5)
            assert sess.run(tf.train.get_global_step()) == expected["after_one_step"]["global_step"]


def test_tensorflows_conds_and_loops_run_and_differentiate():
    expected = EXPECTED["control_flow"]
    prefix = os.path.join(FIXTURES, "control_flow", "model.ckpt")
    with tf.Graph().as_default() as graph:
        saver = tf.train.import_meta_graph(prefix + ".meta")
        assert [c.name for c in tf.get_collection("cond_context")] == expected["cond_contexts"]
        assert [c.name for c in tf.get_collection("while_context")] == expected["while_contexts"]
        total, = tf.get_collection("outputs")
        x = graph.get_tensor_by_name("x:0")
        grads = tf.gradients(total, [x, tf.global_variables()[0]])
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            for value, want, want_grads in zip(expected["feeds"], expected["total"], expected["gradients"]):
                assert np.allclose(sess.run(total, {x: value}), want)
                assert np.allclose(sess.run(grads, {x: value}), want_grads)


def test_tensorflows_scoped_text_meta_graph_imports_under_a_new_scope():
    expected = EXPECTED["scoped"]
    with tf.Graph().as_default() as graph:
        fed = tf.constant([2.0, 3.0], name="fed")
        tf.train.import_meta_graph(os.path.join(FIXTURES, "scoped.meta"), import_scope="copy",
                                   input_map={"$unbound_inputs_x": fed})
        dot, = tf.get_collection("outputs")
        assert dot.name == expected["dot"]
        assert [v.name for v in tf.global_variables()] == expected["variables"]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            assert sess.run(dot) == expected["value"]
        assert sorted(op.name for op in graph.get_operations()) == expected["ops"]

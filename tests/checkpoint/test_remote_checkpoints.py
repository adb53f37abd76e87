"""Checkpoints, meta graphs and graph files on remote paths (``gs://``, ``s3://``... through fsspec),
tested on fsspec's ``memory://`` file system (skipped without fsspec, the `remote` extra)."""

import os
import uuid

import numpy as np
import pytest

import scopeflow as tf

fsspec = pytest.importorskip("fsspec", reason="remote paths need fsspec (the `remote` extra)")


@pytest.fixture
def root():
    path = f"memory://sf_{uuid.uuid4().hex}"
    yield path
    if tf.io.gfile.exists(path):
        tf.io.gfile.rmtree(path)


def _model():
    w = tf.get_variable("w", initializer=tf.constant([[1.0, 2.0], [3.0, 4.0]]))
    step = tf.train.get_or_create_global_step()
    return w, tf.assign_add(step, 1)


def test_saver_saves_restores_and_rotates_checkpoints_on_a_remote_path(root):
    w, inc = _model()
    saver = tf.train.Saver(max_to_keep=2)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saved = []
        for _ in range(3):
            sess.run(inc)
            saved.append(saver.save(sess, f"{root}/run/model.ckpt", global_step=tf.train.get_global_step()))
        assert saved == [f"{root}/run/model.ckpt-{n}" for n in (1, 2, 3)]
        # the oldest is deleted (max_to_keep), with its meta graph; the state file names the rest
        assert sorted(tf.gfile.ListDirectory(f"{root}/run")) == [
            "checkpoint", "model.ckpt-2.data-00000-of-00001", "model.ckpt-2.index", "model.ckpt-2.meta",
            "model.ckpt-3.data-00000-of-00001", "model.ckpt-3.index", "model.ckpt-3.meta"]
        # as TensorFlow writes it for a non-local directory: paths relative to it
        assert tf.gfile.GFile(f"{root}/run/checkpoint").read() == (
            'model_checkpoint_path: "model.ckpt-3"\n'
            'all_model_checkpoint_paths: "model.ckpt-2"\nall_model_checkpoint_paths: "model.ckpt-3"\n')
        latest = tf.train.latest_checkpoint(f"{root}/run")
        assert latest == f"{root}/run/model.ckpt-3"
        assert tf.train.get_checkpoint_state(f"{root}/run").all_model_checkpoint_paths == saved[1:]
        sess.run(w.assign(tf.zeros([2, 2])))
        saver.restore(sess, latest)
        np.testing.assert_array_equal(sess.run(w), [[1.0, 2.0], [3.0, 4.0]])
        assert tf.train.list_variables(f"{root}/run") == [("global_step", []), ("w", [2, 2])]
        assert tf.train.load_variable(latest, "global_step") == 3
        assert len(tf.train.get_checkpoint_mtimes(saved)) == 2


def test_a_remote_checkpoint_holds_the_bytes_of_a_local_one(root, tmp_path):
    _model()
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        local = saver.save(sess, str(tmp_path / "model.ckpt"), write_meta_graph=False)
        remote = saver.save(sess, f"{root}/model.ckpt", write_meta_graph=False)
    for suffix in (".index", ".data-00000-of-00001"):
        with open(local + suffix, "rb") as f:
            assert tf.gfile.GFile(remote + suffix, "rb").read() == f.read()
    assert not [p for p in os.listdir(tmp_path) if "temp" in p]


def test_a_meta_graph_and_a_graph_file_are_written_and_read_remotely(root):
    _model()
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        path = saver.save(sess, f"{root}/model.ckpt")
    names = [op.name for op in tf.get_default_graph().get_operations()]
    assert tf.train.write_graph(tf.get_default_graph(), f"{root}/graphs", "g.pbtxt") == f"{root}/graphs/g.pbtxt"
    assert tf.gfile.GFile(f"{root}/graphs/g.pbtxt").read().startswith("node {")
    tf.reset_default_graph()
    restorer = tf.train.import_meta_graph(path + ".meta")
    assert [op.name for op in tf.get_default_graph().get_operations()] == names
    with tf.Session() as sess:
        restorer.restore(sess, path)
        np.testing.assert_array_equal(sess.run("w:0"), [[1.0, 2.0], [3.0, 4.0]])


def test_restoring_a_missing_remote_checkpoint_fails_as_tensorflow_does(root):
    _model()
    saver = tf.train.Saver()
    assert tf.train.latest_checkpoint(f"{root}/nothing") is None
    with tf.Session() as sess, pytest.raises(ValueError, match="The passed save_path is not a valid checkpoint"):
        saver.restore(sess, f"{root}/model.ckpt-7")

"""``tf.train.Saver(sharded=True)`` against TensorFlow's own files, and the ops it builds.

The fixture in ``tests/fixtures/sharded_checkpoints`` was written by TensorFlow from the graph
of that folder's ``make_sharded_fixtures.py`` (variables on two devices: two shards merged
into one checkpoint with two data files); here the same code builds the graph under
scopeflow. Our files must be TensorFlow's byte for byte, and TensorFlow's must restore, also
through its own ``.meta``.
"""

import importlib.util
import json
import logging
import os

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.checkpoint import io_ops
from scopeflow._src.checkpoint.bundle_writer import BundleWriter
from scopeflow._src.framework import errors

HERE = os.path.join(os.path.dirname(__file__), "..", "fixtures", "sharded_checkpoints")
_spec = importlib.util.spec_from_file_location("make_sharded_fixtures", os.path.join(HERE, "make_sharded_fixtures.py"))
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)
EXPECTED = json.load(open(os.path.join(HERE, "expected.json")))
FILES = (".index", ".data-00000-of-00002", ".data-00001-of-00002")


def _save(directory):
    with tf.Graph().as_default():
        fixtures.build(tf)
        saver = tf.train.Saver(sharded=True)
        with fixtures.session(tf) as sess:
            sess.run(tf.global_variables_initializer())
            return saver.save(sess, os.path.join(directory, "model"), write_meta_graph=False, write_state=False)


def _check_values(sess, variables):
    v, p, w, s, step = sess.run([variables[0], tf.convert_to_tensor(variables[1])] + list(variables[2:]))
    assert v.tolist() == EXPECTED["v"]["value"]
    assert p.ravel().tolist() == EXPECTED["p"]["value"]
    assert w.ravel().tolist() == EXPECTED["gpu/w"]["value"] and w.dtype == np.float64
    assert [x.decode() for x in s] == EXPECTED["gpu/s"]["value"]
    assert int(step) == EXPECTED["gpu/step"]["value"][0]


def test_our_sharded_checkpoint_is_tensorflows_byte_for_byte(tmp_path):
    path = _save(str(tmp_path))
    assert path == str(tmp_path / "model")
    assert sorted(os.listdir(tmp_path)) == ["model" + s for s in sorted(FILES)]  # model_temp/ is gone
    for suffix in FILES:
        assert open(path + suffix, "rb").read() == open(os.path.join(HERE, "model") + suffix, "rb").read(), suffix


def test_tensorflows_sharded_checkpoint_lists_and_restores(caplog):
    path = os.path.join(HERE, "model")
    assert [(n, list(s)) for n, s in tf.train.list_variables(path)] == \
        [(n, v["shape"]) for n, v in sorted(EXPECTED.items())]
    with tf.Graph().as_default():
        variables = fixtures.build(tf)
        saver = tf.train.Saver(sharded=True)
        with fixtures.session(tf) as sess, caplog.at_level(logging.INFO, logger="scopeflow"):
            saver.restore(sess, path)
            _check_values(sess, variables)
    assert [r.getMessage() for r in caplog.records] == [f"Restoring parameters from {path}"]


def test_tensorflows_meta_graph_restores_through_its_sharded_saver():
    with tf.Graph().as_default():
        saver = tf.train.import_meta_graph(os.path.join(HERE, "model.meta"))
        assert saver.saver_def.sharded and saver.saver_def.save_tensor_name == "save/Identity:0"
        g = tf.get_default_graph()
        assert g.get_operation_by_name("save/restore_all").control_inputs[0].name == "save/restore_all/NoOp"
        with fixtures.session(tf) as sess:
            saver.restore(sess, os.path.join(HERE, "model"))
            names = ["v", "p/part_0", "p/part_1", "gpu/w", "gpu/s", "gpu/step"]
            v, p0, p1, w, s, step = sess.run([n + ":0" for n in names])
            np.testing.assert_array_equal(np.concatenate([p0, p1]).ravel(), EXPECTED["p"]["value"])
            assert v.tolist() == EXPECTED["v"]["value"] and int(step) == 7


def test_imported_sharded_saver_saves_the_same_files(tmp_path):
    with tf.Graph().as_default():
        saver = tf.train.import_meta_graph(os.path.join(HERE, "model.meta"))
        with fixtures.session(tf) as sess:
            sess.run(tf.global_variables_initializer())
            path = saver.save(sess, str(tmp_path / "model"), write_meta_graph=False, write_state=False)
    for suffix in FILES:
        assert open(path + suffix, "rb").read() == open(os.path.join(HERE, "model") + suffix, "rb").read(), suffix


def test_one_device_writes_the_unsharded_files(tmp_path):
    def save(sharded, directory):
        with tf.Graph().as_default():
            tf.Variable([1.0, 2.0], name="v")
            tf.Variable([[3]], name="w")
            saver = tf.train.Saver(sharded=sharded)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                return saver.save(sess, str(directory / "model"), write_meta_graph=False, write_state=False)

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = save(True, tmp_path / "a"), save(False, tmp_path / "b")
    assert sorted(os.listdir(tmp_path / "a")) == ["model.data-00000-of-00001", "model.index"]
    for suffix in (".index", ".data-00000-of-00001"):
        assert open(a + suffix, "rb").read() == open(b + suffix, "rb").read()


# -- the ops -------------------------------------------------------------------------------------
def test_sharded_filename_and_filespec():
    with tf.Graph().as_default(), tf.Session() as sess:
        assert sess.run(io_ops.sharded_filename("a/b", 3, 12)) == b"a/b-00003-of-00012"
        assert sess.run(io_ops.sharded_filespec("a/b", 12)) == b"a/b-?????-of-00012"
        with pytest.raises(ValueError, match=r"Shape must be rank 0 but is rank 1 for '\{\{node ShardedFilename_1\}\}"):
            io_ops.sharded_filename(["a"], 3, 12)
        p = tf.placeholder(tf.string)
        with pytest.raises(errors.InvalidArgumentError, match=r"basename must be a scalar, got shape \[1\]"):
            sess.run(io_ops.sharded_filename(p, 0, 1), {p: ["a"]})


def test_merge_v2_checkpoints_node_and_shape_errors():
    with tf.Graph().as_default():
        op = io_ops.merge_v2_checkpoints(["a"], "b")
        assert op.get_attr("delete_old_dirs") is True and op.get_attr("allow_missing_files") is False
        assert op.inputs[0].op.name == "MergeV2Checkpoints/checkpoint_prefixes"
        with pytest.raises(ValueError, match="Shape must be rank 1 but is rank 0"):
            io_ops.merge_v2_checkpoints("a", "b")
        with pytest.raises(ValueError, match="Shape must be rank 0 but is rank 1"):
            io_ops.merge_v2_checkpoints(["a"], ["b"])


def _bundle(prefix, **tensors):
    with BundleWriter(prefix) as w:
        for name, value in tensors.items():
            w.add(name, np.asarray(value, np.float32))


def _kernel_message(sess, op):
    with pytest.raises(errors.InvalidArgumentError) as info:
        sess.run(op)
    return info.value.message.split("Node: 'MergeV2Checkpoints")[1].splitlines()[1]


def test_merge_v2_checkpoints_run_time(tmp_path):
    d = str(tmp_path)
    _bundle(d + "/x/a", k=[1.0])
    _bundle(d + "/x/c", k=[2.0])
    open(d + "/x/b", "w").close()
    with tf.Graph().as_default(), tf.Session() as sess:
        # TensorFlow's words (tensorflow 2.21)
        assert _kernel_message(sess, io_ops.merge_v2_checkpoints([d + "/x/a", d + "/x/b"], d + "/m")) == \
            f"allow_missing_files was set to false and {d}/x/b did not exist.OK"
        assert _kernel_message(sess, io_ops.merge_v2_checkpoints([d + "/x/z"], d + "/m")) == \
            f"allow_missing_files was set to false and {d}/x/z did not exist.NOT_FOUND: {d}/x/z not found"
        assert _kernel_message(sess, io_ops.merge_v2_checkpoints([d + "/x/a", d + "/x/c"], d + "/m")) == \
            f"Duplicate tensor keyed by k encountered, when merging prefix: {d}/x/c"
        assert sorted(os.listdir(d)) == ["x"]
        assert _kernel_message(sess, io_ops.merge_v2_checkpoints([d + "/x/z"], d + "/m", allow_missing_files=True)) \
            == "At least one prefix checkpoint file must exist, but none existed."
        sess.run(io_ops.merge_v2_checkpoints([d + "/x/a", d + "/x/z"], d + "/m", allow_missing_files=True))
    assert sorted(os.listdir(d)) == ["m.data-00000-of-00001", "m.index", "x"]
    assert sorted(os.listdir(d + "/x")) == ["b", "c.data-00000-of-00001", "c.index"]  # x/ not empty: kept
    assert tf.train.load_variable(d + "/m", "k").tolist() == [1.0]


def test_merge_joins_the_slices_of_a_partitioned_tensor(tmp_path):
    d = str(tmp_path)
    for i, prefix in enumerate(("t/a", "t/b")):
        with BundleWriter(os.path.join(d, prefix)) as w:
            w.add_slice("p", [4, 2], [(2 * i, 2), (0, -1)], np.full((2, 2), i, np.float32))
            w.add(f"whole{i}", np.float32(i))
    with tf.Graph().as_default(), tf.Session() as sess:
        sess.run(io_ops.merge_v2_checkpoints([d + "/t/a", d + "/t/b"], d + "/m"))
    assert sorted(os.listdir(d)) == ["m.data-00000-of-00002", "m.data-00001-of-00002", "m.index"]  # t/ removed
    assert tf.train.load_variable(d + "/m", "p").tolist() == [[0, 0], [0, 0], [1, 1], [1, 1]]
    assert tf.train.load_variable(d + "/m", "whole1") == 1


def test_sharded_save_and_restore_on_a_remote_path():
    pytest.importorskip("fsspec", reason="remote paths need fsspec (the `remote` extra)")
    import uuid
    root = f"memory://sf_{uuid.uuid4().hex}"
    try:
        with tf.Graph().as_default():
            variables = fixtures.build(tf)
            saver = tf.train.Saver(sharded=True)
            with fixtures.session(tf) as sess:
                sess.run(tf.global_variables_initializer())
                path = saver.save(sess, f"{root}/run/model", write_meta_graph=False)
                assert sorted(tf.gfile.ListDirectory(f"{root}/run")) == ["checkpoint"] + ["model" + s for s in
                                                                                         sorted(FILES)]
                for suffix in FILES:
                    with tf.gfile.GFile(path + suffix, "rb") as f:
                        assert f.read() == open(os.path.join(HERE, "model") + suffix, "rb").read(), suffix
                sess.run(tf.variables_initializer([variables[0]]))
                saver.restore(sess, path)
                _check_values(sess, variables)
    finally:
        if tf.io.gfile.exists(root):
            tf.io.gfile.rmtree(root)

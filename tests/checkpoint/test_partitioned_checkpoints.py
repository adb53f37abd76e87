"""Checkpoints of partitioned variables against TensorFlow's own files.

The fixtures in ``tests/fixtures/partitioned_checkpoints`` were written by TensorFlow from
the graphs of that folder's ``make_partitioned_fixtures.py``; here the same code builds the
graphs under scopeflow. Our files must be TensorFlow's byte for byte, and TensorFlow's must restore into
partitioned variables (however partitioned) and whole ones.
"""

import importlib.util
import json
import os
import subprocess

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.checkpoint import io_ops, slices
from scopeflow._src.checkpoint.bundle_reader import BundleReader
from scopeflow._src.framework import errors

HERE = os.path.join(os.path.dirname(__file__), "..", "fixtures", "partitioned_checkpoints")
TF_PYTHON = os.environ.get("SCOPEFLOW_TF_PYTHON", os.path.expanduser("~/tfref/bin/python"))
_spec = importlib.util.spec_from_file_location("make_partitioned_fixtures",
                                               os.path.join(HERE, "make_partitioned_fixtures.py"))
fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fixtures)
EXPECTED = json.load(open(os.path.join(HERE, "expected.json")))


def _save(path, build=fixtures.build, steps=0):
    with tf.Graph().as_default():
        out = build(tf)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(steps):
                sess.run(out[1])
            return saver.save(sess, path, write_meta_graph=False, write_state=False)


def _read(path, name):
    return tf.train.load_variable(path, name)


def test_our_checkpoint_is_tensorflows_byte_for_byte(tmp_path):
    ours = _save(str(tmp_path / "model"))
    theirs = os.path.join(HERE, "model", "model")
    for suffix in (".index", ".data-00000-of-00001"):
        assert open(ours + suffix, "rb").read() == open(theirs + suffix, "rb").read(), suffix


def test_tensorflows_checkpoint_lists_whole_variables():
    path = os.path.join(HERE, "model", "model")
    assert [(n, list(s)) for n, s in tf.train.list_variables(path)] == \
        [(n, v["shape"]) for n, v in sorted(EXPECTED["model/model"].items())]
    for name, want in EXPECTED["model/model"].items():
        got = _read(path, name)
        assert got.dtype.name == want["dtype"] and list(got.shape) == want["shape"]
        np.testing.assert_array_equal(got.ravel(), want["value"])


@pytest.mark.parametrize("layout", ["same", "other", "whole"])
def test_tensorflows_checkpoint_restores(layout):
    def build(tf):
        if layout == "same":
            return fixtures.build(tf)
        n = {"other": 4, "whole": None}[layout]
        part = (lambda axis: tf.fixed_size_partitioner(n, axis=axis)) if n else (lambda axis: None)
        w = tf.get_variable("w", [10, 4], partitioner=part(0))
        b = tf.get_variable("s/b", [4, 5], tf.float64, partitioner=part(0))
        e = tf.get_variable("e", [7], tf.int32, partitioner=part(0))
        c = tf.get_variable("c", [3], tf.int64)
        return w, b, e, c

    with tf.Graph().as_default():
        variables = build(tf)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            saver.restore(sess, os.path.join(HERE, "model", "model"))
            got = sess.run([tf.convert_to_tensor(v) for v in variables])
    for name, value in zip(["w", "s/b", "e", "c"], got):
        np.testing.assert_array_equal(value.ravel(), EXPECTED["model/model"][name]["value"])


def test_adam_slots_are_saved_as_slices_of_the_whole_slot(tmp_path):
    ours = _save(str(tmp_path / "adam"), fixtures.build_adam, steps=2)
    theirs = os.path.join(HERE, "adam", "adam")
    with BundleReader(ours) as a, BundleReader(theirs) as b:
        assert sorted(a.entries) == sorted(b.entries)
        assert sorted(a._slice_entries) == sorted(b._slice_entries)
        for name, entry in b.entries.items():
            assert a.entries[name].shape == entry.shape and a.entries[name].slices == entry.slices
            np.testing.assert_allclose(a.read(name), b.read(name), rtol=1e-5, atol=1e-6)


def test_partitioned_slots_restore_from_tensorflow():
    with tf.Graph().as_default():
        w, _ = fixtures.build_adam(tf)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            saver.restore(sess, os.path.join(HERE, "adam", "adam"))
            m = tf.get_default_graph().get_tensor_by_name("w/part_1/Adam:0")
            np.testing.assert_allclose(sess.run(m).ravel(), np.reshape(EXPECTED["adam/adam"]["w/Adam"]["value"],
                                                                       [6, 2])[2:4].ravel())


def test_restore_with_rules_feeds_each_shard_its_slice():
    with tf.Graph().as_default():
        w = tf.get_variable("renamed_w", [10, 4], partitioner=tf.fixed_size_partitioner(2))
        saver = tf.train.Saver()
        with tf.Session() as sess:
            report = saver.restore(sess, os.path.join(HERE, "model", "model"), rename={"w": "renamed_w"},
                                   strict=False)
            assert report.restored == ["renamed_w"]
            np.testing.assert_array_equal(sess.run(w.as_tensor()).ravel(), EXPECTED["model/model"]["w"]["value"])


def test_dry_run_reports_the_whole_shape():
    with tf.Graph().as_default():
        tf.get_variable("w", [12, 4], partitioner=tf.fixed_size_partitioner(2))
        report = tf.train.Saver().restore(None, os.path.join(HERE, "model", "model"), dry_run=True)
    assert report.shape_mismatched["w"].variable_shape == [12, 4]
    assert report.shape_mismatched["w"].checkpoint_shape == [10, 4]


@pytest.mark.skipif(not os.path.exists(TF_PYTHON), reason="reference TensorFlow not installed")
def test_tensorflow_restores_our_checkpoint(tmp_path):
    """TensorFlow reads what we write into its partitioned variables (other partitioning too)
    and into whole variables."""
    path = _save(str(tmp_path / "model"))
    script = f"""
import json, sys, numpy as np
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()
out = {{}}
for n in (3, 2, 0):
    with tf.Graph().as_default():
        p = tf.fixed_size_partitioner(n) if n else None
        vs = [tf.get_variable("w", [10, 4], partitioner=p), tf.get_variable("s/b", [4, 5], tf.float64, partitioner=p),
              tf.get_variable("e", [7], tf.int32, partitioner=p), tf.get_variable("c", [3], tf.int64)]
        saver = tf.train.Saver()
        with tf.Session() as sess:
            saver.restore(sess, {path!r})
            out[n] = [sess.run(tf.convert_to_tensor(v)).ravel().tolist() for v in vs]
print(json.dumps(out))
"""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    result = subprocess.run([TF_PYTHON, "-c", script], capture_output=True, text=True, env=env, check=True)
    got = json.loads(result.stdout.strip().splitlines()[-1])
    want = [EXPECTED["model/model"][name]["value"] for name in ("w", "s/b", "e", "c")]
    assert got == {"3": want, "2": want, "0": want}


# -- SaveV2 / RestoreV2 with slice specs (TensorFlow's messages, recorded by hand) -------------
def _run_save(tmp_path, specs, tensors, names=None):
    with tf.Graph().as_default():
        op = io_ops.save_v2(str(tmp_path / "x"), names or ["a"] * len(specs), specs, [tf.constant(t) for t in tensors])
        with tf.Session() as sess:
            sess.run(op)


def _core(message):
    """The kernel's own words, without the session's node trace around them."""
    return message.split("\n\t [[")[0].splitlines()[-1]


X = np.arange(6, dtype=np.float32).reshape(2, 3)


@pytest.mark.parametrize("spec,cls,message", [
    ("abc", errors.InvalidArgumentError, "Need least two elements in shape_and_slice specification: abc"),
    ("4 3 0,3:0,3", errors.InvalidArgumentError, "Slice in shape_and_slice specification does not match the shape "
                                                 "of the tensor to  save: 4 3 0,3:0,3, tensor: [2,3]"),
    ("4 3 0,2", errors.InternalError, "Mismatching ranks: shape = [4,3], slice = 0,2"),
    ("4 3 0,2:0,3:0,1", errors.InternalError, "Mismatching ranks: shape = [4,3], slice = 0,2:0,3:0,1"),
    ("4 3 3,2:0,3", errors.InternalError, "Extent in dimension 0 out of bounds: shape = [4,3], slice = 3,2:0,3"),
    ("4 3 0,2:x", errors.InvalidArgumentError, "Expected a pair of numbers or '-' but got 'x': string = 0,2:x"),
])
def test_bad_slice_specs_are_tensorflows_errors(tmp_path, spec, cls, message):
    with pytest.raises(cls) as info:
        _run_save(tmp_path, [spec], [X])
    assert _core(info.value.message) == message


def test_slices_written_by_hand_read_back_in_any_cut(tmp_path):
    _run_save(tmp_path, ["4 3 0,2:-", "4 3 2,2:-", ""], [X, X + 10, X], names=["a", "a", "b"])
    with tf.Graph().as_default():
        cuts = [("a", "4 3 1,2:-"), ("a", "4 3 0,4:0,3"), ("b", "2 3 0,1:1,2"), ("a", ""), ("a", "9 9 0,2:0,3")]
        outs = [io_ops.restore_v2(str(tmp_path / "x"), [n], [s], [tf.float32])[0] for n, s in cuts]
        with tf.Session() as sess:
            got = sess.run(outs[:4])
            with pytest.raises(errors.InvalidArgumentError) as info:
                sess.run(outs[4])
    full = np.concatenate([X, X + 10])
    np.testing.assert_array_equal(got[0], full[1:3])
    np.testing.assert_array_equal(got[1], full)
    np.testing.assert_array_equal(got[2], X[0:1, 1:3])
    np.testing.assert_array_equal(got[3], full)
    assert _core(info.value.message) == ("tensor_name = a; shape in shape_and_slice spec [9,9] does not match the "
                                         "shape stored in checkpoint: [4,3]")


def test_whole_dimensions_are_empty_extents():
    proto = slices.slice_proto([(0, -1), (3, 2), (0, 4)])
    assert [(e.HasField("length"), e.start) for e in proto.extent] == [(False, 0), (True, 3), (True, 0)]
    assert proto.SerializeToString().hex() == "0a000a04080310020a021004"


def test_read_slice_gathers_a_region_across_stored_slices(tmp_path):
    from scopeflow._src.checkpoint.bundle_writer import BundleWriter

    full = np.arange(42, dtype=np.int64).reshape(6, 7)
    names = np.array([[b"a", b"bb"], [b"ccc", b""], [b"e", b"f"]], dtype=object)
    with BundleWriter(str(tmp_path / "s")) as w:
        w.add_slice("t", [6, 7], [(0, -1), (0, 3)], full[:, :3])
        w.add_slice("t", [6, 7], [(0, 4), (3, 4)], full[:4, 3:])
        w.add_slice("names", [3, 2], [(0, 2), (0, -1)], names[:2])
        w.add_slice("names", [3, 2], [(2, 1), (0, -1)], names[2:])
    with BundleReader(str(tmp_path / "s")) as r:
        np.testing.assert_array_equal(r.read_slice("t", [(1, 3), (2, 3)]), full[1:4, 2:5])
        np.testing.assert_array_equal(r.read_slice("names", [(1, 2), (0, -1)]), names[1:])
        np.testing.assert_array_equal(r.read("names"), names)
        with pytest.raises(errors.InvalidArgumentError, match=r"partitioned tensor t to restore in slice_spec: "
                                                              r"3,2:-$"):
            r.read_slice("t", [(3, 2), (0, -1)])
        with pytest.raises(errors.InvalidArgumentError, match=r"slice_spec: -:-$"):
            r.read("t")


_MANY = """
import numpy as np
with tf.Graph().as_default():
    tf.get_variable("a", initializer=tf.constant(np.arange(60, dtype=np.float64).reshape(3, 4, 5)),
                    partitioner=tf.fixed_size_partitioner(3, axis=2))
    tf.get_variable("strs", initializer=tf.constant([b"x", b"yy", b"", b"zzz", b"w"]),
                    partitioner=tf.fixed_size_partitioner(2))
    tf.get_variable("h", initializer=tf.constant(np.linspace(0, 1, 70000, dtype=np.float16).reshape(7000, 10)),
                    partitioner=tf.min_max_variable_partitioner(16, min_slice_size=4096))
    tf.get_variable("scope/emb", initializer=tf.constant(np.arange(60000, dtype=np.int32).reshape(20000, 3)),
                    partitioner=tf.fixed_size_partitioner(3))
    tf.get_variable("b", initializer=tf.constant([True, False, True, True]), partitioner=tf.fixed_size_partitioner(4))
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saver.save(sess, PREFIX, write_meta_graph=False, write_state=False)
"""


@pytest.mark.skipif(not os.path.exists(TF_PYTHON), reason="reference TensorFlow not installed")
def test_tensorflow_writes_the_same_bytes_for_every_kind_of_slice(tmp_path):
    """Strings, float16, bool, a cut along the last of three axes, 16 shards and offsets that
    take several bytes in the slice keys: TensorFlow's files and ours are the same bytes."""
    theirs, ours = str(tmp_path / "tf" / "m"), str(tmp_path / "sf" / "m")
    script = "import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\nPREFIX = " + repr(theirs) + _MANY
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    subprocess.run([TF_PYTHON, "-c", script], capture_output=True, text=True, env=env, check=True)
    exec(_MANY, {"tf": tf, "PREFIX": ours})  # noqa: S102 - the same program under scopeflow
    for suffix in (".index", ".data-00000-of-00001"):
        assert open(ours + suffix, "rb").read() == open(theirs + suffix, "rb").read(), suffix

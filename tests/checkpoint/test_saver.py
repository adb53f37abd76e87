"""tf.train.Saver: save, restore, bookkeeping, errors, and TensorFlow-written checkpoints."""

import os
import shutil

import numpy as np
import pytest

import scopeflow as tf

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "tf_checkpoints")


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


def _session_with(*variables):
    sess = tf.Session()
    sess.run(tf.variables_initializer(list(variables)))
    return sess


VALUES = {
    "f16": np.array([1.5, -2.0], np.float16), "f32": np.array([[1.0, 2.5]], np.float32), "f64": np.array([np.e]),
    "i8": np.array([-5], np.int8), "i16": np.array([300], np.int16), "i32": np.array([-7, 8], np.int32),
    "i64": np.array(2 ** 40, np.int64), "u8": np.array([200], np.uint8), "u16": np.array([60000], np.uint16),
    "b": np.array([True, False]), "c64": np.array([1 + 1j], np.complex64), "c128": np.array([2 - 3j]),
    "s": np.array([b"ab", b""], dtype=object), "s0": np.array(b"scalar", dtype=object),
}


def test_round_trip_of_variables_of_every_dtype(tmp_path):
    variables = {name: tf.Variable(value, name=name) for name, value in VALUES.items()}
    saver = tf.train.Saver()
    with _session_with(*variables.values()) as sess:
        path = saver.save(sess, str(tmp_path / "all"))
    tf.reset_default_graph()
    fresh = {name: tf.Variable(np.zeros_like(value) if value.dtype != object else np.full(value.shape, b"?", object),
                               name=name) for name, value in VALUES.items()}
    saver = tf.train.Saver()
    with tf.Session() as sess:
        saver.restore(sess, path)
        for name, value in VALUES.items():
            got = sess.run(fresh[name])
            assert np.asarray(got).tolist() == value.tolist(), name
    reader = tf.train.load_checkpoint(path)
    assert {k: v.name for k, v in reader.get_variable_to_dtype_map().items()} == {
        "f16": "float16", "f32": "float32", "f64": "float64", "i8": "int8", "i16": "int16", "i32": "int32",
        "i64": "int64", "u8": "uint8", "u16": "uint16", "b": "bool", "c64": "complex64", "c128": "complex128",
        "s": "string", "s0": "string"}


def test_bfloat16_variables_round_trip(tmp_path):
    ml_dtypes = pytest.importorskip("ml_dtypes")
    v = tf.Variable(np.array([1.5, -2.25], ml_dtypes.bfloat16), name="v")
    saver = tf.train.Saver()
    with _session_with(v) as sess:
        path = saver.save(sess, str(tmp_path / "b"))
        sess.run(tf.assign(v, np.zeros(2, ml_dtypes.bfloat16)))
        saver.restore(sess, path)
        assert sess.run(v).astype(np.float32).tolist() == [1.5, -2.25]


def test_restore_tensorflow_fixture_into_matching_graph():
    """The Adam checkpoint TensorFlow wrote, restored into variables of the same names."""
    with tf.variable_scope("dense"):
        kernel = tf.get_variable("kernel", [3, 2])
        bias = tf.get_variable("bias", [2])
    slots = [tf.Variable(np.zeros(s, np.float32), name=n) for n, s in
             (("dense/kernel/Adam", [3, 2]), ("dense/kernel/Adam_1", [3, 2]), ("dense/bias/Adam", [2]),
              ("dense/bias/Adam_1", [2]))]
    powers = [tf.Variable(0.0, name="beta1_power"), tf.Variable(0.0, name="beta2_power")]
    step = tf.Variable(0, dtype=tf.int64, name="global_step")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        saver.restore(sess, tf.train.latest_checkpoint(os.path.join(FIXTURES, "model")))
        np.testing.assert_allclose(sess.run(bias), [-0.09, -0.12], rtol=1e-6)
        np.testing.assert_allclose(sess.run(kernel)[2], [0.4, 0.5], rtol=1e-6)
        np.testing.assert_allclose(sess.run(slots[2]), [1.424, 1.832], rtol=1e-5)
        assert sess.run(step) == 1
        np.testing.assert_allclose(sess.run(powers), [0.81, 0.998001], rtol=1e-6)


def test_partitioned_tensorflow_variable_restores_whole():
    emb = tf.Variable(np.zeros([5, 3], np.float32), name="emb")
    other = tf.Variable(np.zeros(2, np.int64), name="other")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        saver.restore(sess, os.path.join(FIXTURES, "partitioned", "part"))
        np.testing.assert_array_equal(sess.run(emb), np.arange(15).reshape(5, 3))
        assert sess.run(other).tolist() == [7, 8]


def test_object_based_checkpoint_restores_by_variable_name():
    """As TensorFlow: missing names are looked up in the TF2 object graph (full_name -> key).

    In the fixture every variable's full name is the TF2 default "Variable"; the last one
    recorded (dense/bias) wins, as in TensorFlow.
    """
    prefix = os.path.join(FIXTURES, "tf2", "ckpt-1")
    v = tf.Variable([0.0, 0.0], name="Variable")
    counter = tf.Variable(0, dtype=tf.int64, name="save_counter")
    with tf.Session() as sess:
        tf.train.Saver([v, counter]).restore(sess, prefix)
        assert sess.run(v).tolist() == [0.5, -0.5] and sess.run(counter) == 1
        w = tf.Variable([0.0, 0.0], name="w")
        with pytest.raises(tf.errors.NotFoundError, match="Existing variables not in the checkpoint: w\n"):
            tf.train.Saver([w]).restore(sess, prefix)


def test_max_to_keep_deletes_old_checkpoints(tmp_path):
    v = tf.Variable(1.0, name="v")
    saver = tf.train.Saver(max_to_keep=2)
    with _session_with(v) as sess:
        for step in range(1, 5):
            saver.save(sess, str(tmp_path / "ckpt"), global_step=step)
    assert saver.last_checkpoints == [str(tmp_path / "ckpt-3"), str(tmp_path / "ckpt-4")]
    assert sorted(os.listdir(tmp_path)) == ["checkpoint", "ckpt-3.data-00000-of-00001", "ckpt-3.index", "ckpt-3.meta",
                                            "ckpt-4.data-00000-of-00001", "ckpt-4.index", "ckpt-4.meta"]
    state = tf.train.get_checkpoint_state(str(tmp_path))
    assert state.all_model_checkpoint_paths == saver.last_checkpoints


def test_keep_checkpoint_every_n_hours_keeps_old_ones(tmp_path):
    v = tf.Variable(1.0, name="v")
    saver = tf.train.Saver(max_to_keep=1, keep_checkpoint_every_n_hours=0.0)
    with _session_with(v) as sess:
        for step in range(3):
            saver.save(sess, str(tmp_path / "ckpt"), global_step=step)
    assert saver.last_checkpoints == [str(tmp_path / "ckpt-2")]
    assert {f.split(".")[0] for f in os.listdir(tmp_path) if f != "checkpoint"} == {"ckpt-0", "ckpt-1", "ckpt-2"}


def test_recover_and_set_last_checkpoints(tmp_path):
    v = tf.Variable(1.0, name="v")
    saver = tf.train.Saver(max_to_keep=3)
    with _session_with(v) as sess:
        paths = [saver.save(sess, str(tmp_path / "c"), global_step=i) for i in range(2)]
    other = tf.train.Saver(max_to_keep=3)
    other.recover_last_checkpoints(paths + [str(tmp_path / "gone")])
    assert other.last_checkpoints == paths
    other.set_last_checkpoints(["a"])
    assert other.last_checkpoints == ["a"]


def test_save_relative_paths_and_moving_the_directory(tmp_path):
    v = tf.Variable([1.0, 2.0], name="v")
    saver = tf.train.Saver(save_relative_paths=True)
    with _session_with(v) as sess:
        saver.save(sess, str(tmp_path / "a" / "m"), global_step=5)
    assert (tmp_path / "a" / "checkpoint").read_text().startswith('model_checkpoint_path: "m-5"\n')
    shutil.move(str(tmp_path / "a"), str(tmp_path / "b"))
    with tf.Session() as sess:
        saver.restore(sess, tf.train.latest_checkpoint(str(tmp_path / "b")))
        assert sess.run(v).tolist() == [1.0, 2.0]


def test_write_state_false_and_write_meta_graph(tmp_path):
    v = tf.Variable(1.0, name="v")
    saver = tf.train.Saver()
    with _session_with(v) as sess:
        saver.save(sess, str(tmp_path / "m"), write_state=False, write_meta_graph=True)
        saver.save(sess, str(tmp_path / "n"), write_state=False, write_meta_graph=False)
    assert sorted(os.listdir(tmp_path)) == ["m.data-00000-of-00001", "m.index", "m.meta", "n.data-00000-of-00001",
                                            "n.index"]


def test_interrupted_save_keeps_the_previous_checkpoint(tmp_path, monkeypatch):
    v = tf.Variable([1.0, 2.0], name="v")
    saver = tf.train.Saver()
    with _session_with(v) as sess:
        first = saver.save(sess, str(tmp_path / "m"), global_step=1)
        from scopeflow._src.checkpoint import sstable

        def crash(*args, **kwargs):
            raise KeyboardInterrupt("power cut")
        monkeypatch.setattr(sstable, "build_table", crash)
        with pytest.raises(KeyboardInterrupt):
            saver.save(sess, str(tmp_path / "m"), global_step=2)
    assert tf.train.latest_checkpoint(str(tmp_path)) == first
    assert sorted(os.listdir(tmp_path)) == ["checkpoint", "m-1.data-00000-of-00001", "m-1.index", "m-1.meta"]


def test_restore_missing_variable_names_the_closest_checkpoint_name(tmp_path):
    with tf.variable_scope("dense"):
        tf.get_variable("biases", [2])
    saver = tf.train.Saver()
    with _session_with(*tf.global_variables()) as sess:
        path = saver.save(sess, str(tmp_path / "m"))
    tf.reset_default_graph()
    with tf.variable_scope("dense"):
        tf.get_variable("bias", [2])
    saver = tf.train.Saver()
    with tf.Session() as sess:
        with pytest.raises(tf.errors.NotFoundError) as info:
            saver.restore(sess, path)
    message = info.value.message
    assert message.startswith("Restoring from checkpoint failed. This is most likely due to a Variable name or other "
                              "graph key that is missing from the checkpoint.")
    assert "\nKey dense/bias not found in checkpoint\n" in message
    assert "dense/bias (closest checkpoint name: dense/biases)" in message


def test_restore_shape_mismatch_names_the_variable(tmp_path):
    v = tf.Variable([1.0, 2.0], name="v")
    saver = tf.train.Saver()
    with _session_with(v) as sess:
        path = saver.save(sess, str(tmp_path / "m"))
    tf.reset_default_graph()
    tf.Variable([1.0, 2.0, 3.0], name="v")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError) as info:
            saver.restore(sess, path)
    message = info.value.message
    assert "a mismatch between the current graph and the graph from the checkpoint" in message
    assert "Assign requires shapes of both tensors to match. lhs shape= [3] rhs shape= [2]" in message
    assert "the variable saved as 'v' is float32[3] but the checkpoint's 'v' is float32[2]" in message


def test_restore_dtype_mismatch(tmp_path):
    v = tf.Variable([1.0, 2.0], name="v")
    saver = tf.train.Saver()
    with _session_with(v) as sess:
        path = saver.save(sess, str(tmp_path / "m"))
    tf.reset_default_graph()
    tf.Variable([1, 2], name="v")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match="tensor_name = v; expected dtype int32 does not equal original dtype float"):
            saver.restore(sess, path)


def test_restore_of_corrupted_checkpoint_is_data_loss(tmp_path):
    v = tf.Variable(np.arange(6, dtype=np.float32), name="v")
    saver = tf.train.Saver()
    with _session_with(v) as sess:
        path = saver.save(sess, str(tmp_path / "m"))
        data = tmp_path / "m.data-00000-of-00001"
        raw = bytearray(data.read_bytes())
        raw[5] ^= 1
        data.write_bytes(bytes(raw))
        with pytest.raises(tf.errors.DataLossError, match="Checksum does not match"):
            saver.restore(sess, path)
        data.write_bytes(bytes(raw[:10]))
        with pytest.raises(tf.errors.DataLossError, match="Read less bytes than requested"):
            saver.restore(sess, path)


def test_saving_an_uninitialized_variable_fails(tmp_path):
    tf.Variable(1.0, name="v")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        with pytest.raises(tf.errors.FailedPreconditionError, match="Attempting to use uninitialized value v"):
            saver.save(sess, str(tmp_path / "m"))
    assert os.listdir(tmp_path) == []


def test_reshape_restores_a_reshaped_variable(tmp_path):
    v = tf.Variable(np.arange(6, dtype=np.float32), name="v")
    saver = tf.train.Saver()
    with _session_with(v) as sess:
        path = saver.save(sess, str(tmp_path / "m"))
    tf.reset_default_graph()
    v = tf.Variable(np.zeros([2, 3], np.float32), name="v")
    saver = tf.train.Saver(reshape=True)
    with tf.Session() as sess:
        saver.restore(sess, path)
        assert sess.run(v).tolist() == [[0, 1, 2], [3, 4, 5]]


def test_sharded_saver_writes_one_shard(tmp_path):
    v = tf.Variable(1.0, name="v")
    saver = tf.train.Saver(sharded=True)
    assert saver.saver_def.sharded
    with _session_with(v) as sess:
        path = saver.save(sess, str(tmp_path / "m"))
        saver.restore(sess, path)
    assert sorted(os.listdir(tmp_path)) == ["checkpoint", "m.data-00000-of-00001", "m.index", "m.meta"]


def test_defer_build_and_saver_def(tmp_path):
    v = tf.Variable(3.0, name="v")
    saver = tf.train.Saver(defer_build=True)
    with pytest.raises(RuntimeError, match="`build\\(\\)` should be called before save"):
        saver.save(None, str(tmp_path / "m"))
    saver.build()
    with _session_with(v) as sess:
        path = saver.save(sess, str(tmp_path / "m"))
        again = tf.train.Saver.from_proto(saver.as_saver_def())
        sess.run(tf.assign(v, 0.0))
        again.restore(sess, path)
        assert sess.run(v) == 3.0
        with pytest.raises(ValueError, match="need a Saver built from var_list"):
            again.restore(sess, path, dry_run=True)
    assert saver.to_proto("save").filename_tensor_name == "Const:0"
    assert saver.to_proto("other") is None


def test_write_version_v1_is_refused():
    tf.Variable(1.0, name="v")
    with pytest.raises(ValueError, match="scopeflow writes only V2 checkpoints"):
        tf.train.Saver(write_version=tf.train.SaverDef.V1)


def test_saver_ops_are_not_differentiable(tmp_path):
    v = tf.Variable([1.0], name="v")
    saver = tf.train.Saver()
    restored = tf.get_default_graph().get_tensor_by_name("save/RestoreV2:0")
    assert tf.gradients(restored * 2.0, [v]) == [None]
    assert saver.saver_def.restore_op_name == "save/restore_all"

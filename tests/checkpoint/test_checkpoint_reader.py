"""tf.train.load_checkpoint, NewCheckpointReader, list_variables and load_variable."""

import os
import shutil

import numpy as np
import pytest

import scopeflow as tf

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "tf_checkpoints")


def test_model_fixture_through_the_public_api():
    d = os.path.join(FIXTURES, "model")
    assert tf.train.list_variables(d) == [
        ("beta1_power", []), ("beta2_power", []), ("dense/bias", [2]), ("dense/bias/Adam", [2]),
        ("dense/bias/Adam_1", [2]), ("dense/kernel", [3, 2]), ("dense/kernel/Adam", [3, 2]),
        ("dense/kernel/Adam_1", [3, 2]), ("global_step", [])]
    reader = tf.train.load_checkpoint(d)
    assert reader.get_variable_to_dtype_map()["global_step"] == tf.int64
    assert reader.get_variable_to_shape_map()["dense/kernel"] == [3, 2]
    step = reader.get_tensor("global_step")
    assert type(step) is np.int64 and step == 1
    np.testing.assert_allclose(tf.train.load_variable(d, "dense/bias:0"), [-0.09, -0.12], rtol=1e-6)
    assert reader.has_tensor("dense/bias") and reader.has_tensor(b"dense/bias") and not reader.has_tensor("nope")
    assert reader.debug_string().splitlines()[:2] == [b"beta1_power (DT_FLOAT) []", b"beta2_power (DT_FLOAT) []"]


def test_scalars_and_strings_come_back_as_tensorflow_returns_them():
    reader = tf.train.NewCheckpointReader(os.path.join(FIXTURES, "dtypes", "all"))
    assert reader.get_tensor("str_scalar") == b"hello"
    assert reader.get_tensor("str_vector").tolist() == [b"", "h\u00e9".encode(), b"\x00\xff"]
    assert type(reader.get_tensor("scalar")) is np.float32
    assert reader.get_variable_to_dtype_map()["bf16"] == tf.bfloat16
    assert b"bf16 (DT_BFLOAT16) [3]" in reader.debug_string()
    assert b"f16 (DT_HALF) [3]" in reader.debug_string()


def test_object_based_checkpoint_is_listed():
    names = [n for n, _ in tf.train.list_variables(os.path.join(FIXTURES, "tf2"))]
    assert names == ["_CHECKPOINTABLE_OBJECT_GRAPH", "dense/bias/.ATTRIBUTES/VARIABLE_VALUE",
                     "dense/kernel/.ATTRIBUTES/VARIABLE_VALUE", "save_counter/.ATTRIBUTES/VARIABLE_VALUE",
                     "step/.ATTRIBUTES/VARIABLE_VALUE"]


def test_missing_key_and_files(tmp_path):
    reader = tf.train.load_checkpoint(os.path.join(FIXTURES, "model"))
    with pytest.raises(tf.errors.NotFoundError, match="^Key nope not found in checkpoint$"):
        reader.get_tensor("nope")
    with pytest.raises(tf.errors.NotFoundError, match="Failed to find any matching files for"):
        tf.train.load_checkpoint(str(tmp_path / "nope"))
    with pytest.raises(ValueError, match="Couldn't find 'checkpoint' file or checkpoints in given directory"):
        tf.train.list_variables(str(tmp_path))


def test_corrupted_checkpoint_is_data_loss(tmp_path):
    shutil.copytree(os.path.join(FIXTURES, "model"), tmp_path / "m")
    data = tmp_path / "m" / "model.ckpt-1.data-00000-of-00001"
    raw = bytearray(data.read_bytes())
    raw[3] ^= 0xFF
    data.write_bytes(bytes(raw))
    reader = tf.train.load_checkpoint(str(tmp_path / "m"))
    with pytest.raises(tf.errors.DataLossError, match="Checksum does not match") as info:
        reader.get_tensor("beta1_power")
    assert str(data) in info.value.message
    assert reader.get_tensor("global_step") == 1  # other tensors still read

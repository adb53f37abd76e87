"""tf.train.init_from_checkpoint (names and messages are also in conformance/cases/saver.py)."""

import os

import numpy as np
import pytest

import scopeflow as tf

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "tf_checkpoints")


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


def test_tensorflow_checkpoint_initializes_a_renamed_scope():
    with tf.variable_scope("encoder"):
        kernel = tf.get_variable("kernel", [3, 2])
        bias = tf.get_variable("bias", [2])
    tf.train.init_from_checkpoint(os.path.join(FIXTURES, "model"), {"dense/": "encoder/"})
    assert kernel.initial_value.op.type == "RestoreV2"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(bias), [-0.09, -0.12], rtol=1e-6)
        assert sess.run(kernel).shape == (3, 2)


def test_single_variable_objects_and_names():
    step = tf.Variable(0, dtype=tf.int64, name="my_step")
    with tf.variable_scope("x"):
        b = tf.get_variable("b", [2])
    tf.train.init_from_checkpoint(os.path.join(FIXTURES, "model"), [("global_step", step), ("dense/bias", "x/b")])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(step) == 1
        np.testing.assert_allclose(sess.run(b), [-0.09, -0.12], rtol=1e-6)


def test_errors():
    with tf.variable_scope("x"):
        tf.get_variable("b", [5])
    with pytest.raises(ValueError, match=r"Shape of variable x/b:0 \(\(5,\)\) doesn't match with shape of tensor "
                                         r"dense/bias \(\[2\]\) from checkpoint reader."):
        tf.train.init_from_checkpoint(os.path.join(FIXTURES, "model"), {"dense/bias": "x/b"})
    with pytest.raises(ValueError, match="Tensor nope is not found in"):
        tf.train.init_from_checkpoint(os.path.join(FIXTURES, "model"), {"nope": "x/b"})

"""``tf.train.warm_start``: what the conformance area cannot show: scopeflow refuses vocabulary
remapping with a clear error, and a ``PartitionedVariable`` given itself loads its slices."""

import os

import numpy as np
import pytest

import scopeflow as tf


@pytest.fixture
def checkpoint(tmp_path):
    with tf.Graph().as_default():
        tf.get_variable("emb", initializer=np.arange(12, dtype=np.float32).reshape(6, 2))
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return saver.save(sess, os.path.join(str(tmp_path), "model"))


def test_vocab_info_for_a_warm_started_variable_is_refused(checkpoint):
    with tf.Graph().as_default():
        tf.get_variable("emb", [6, 2])
        info = tf.train.VocabInfo("new_vocab.txt", 6, 0, "old_vocab.txt")
        with pytest.raises(ValueError, match="does not remap vocabularies.*'emb'"):
            tf.train.warm_start(checkpoint, var_name_to_vocab_info={"emb": info})
        assert tf.get_default_graph().get_operations()[-1].type != "RestoreV2"  # nothing was built


def test_a_partitioned_variable_loads_its_slices(checkpoint):
    with tf.Graph().as_default():
        emb = tf.get_variable("emb", [6, 2], initializer=tf.zeros_initializer(),
                              partitioner=tf.fixed_size_partitioner(2))
        tf.train.warm_start(checkpoint, vars_to_warm_start=[emb])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            parts = sess.run(list(emb))
    np.testing.assert_array_equal(np.concatenate(parts), np.arange(12, dtype=np.float32).reshape(6, 2))


def test_values_load_only_when_the_initializers_run(checkpoint):
    with tf.Graph().as_default():
        v = tf.get_variable("emb", [6, 2], initializer=tf.ones_initializer())
        tf.train.warm_start(checkpoint)
        with tf.Session() as sess:
            sess.run(v.initializer)
            np.testing.assert_array_equal(sess.run(v)[0], [0.0, 1.0])

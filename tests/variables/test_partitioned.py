"""Partitioned variables: what the conformance area cannot show (the objects TF's initializers
and checkpoints see, and the checks of ``PartitionedVariable`` itself)."""

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.variables.partitioned import PartitionedVariable, PartitionInfo, iter_slices
from scopeflow._src.variables.variable_def import SaveSliceInfo


def test_an_initializer_is_told_where_each_shard_lies():
    seen = []

    def init(shape, dtype=None, partition_info=None):
        seen.append((list(shape), partition_info.full_shape, partition_info.var_offset,
                     partition_info.single_offset(shape), partition_info.single_slice_dim(shape)))
        return tf.zeros(shape, dtype)

    tf.get_variable("w", [7, 2], initializer=init, partitioner=tf.fixed_size_partitioner(3))
    assert seen == [([3, 2], [7, 2], [0, 0], 0, 0), ([2, 2], [7, 2], [3, 0], 3, 0), ([2, 2], [7, 2], [5, 0], 5, 0)]


def test_an_unpartitioned_variable_gets_no_partition_info():
    seen = []

    def init(shape, dtype=None, partition_info=None):
        seen.append(partition_info)
        return tf.zeros(shape, dtype)

    tf.get_variable("w", [2], initializer=init)
    assert seen == [None]


def test_partition_info_checks_its_arguments():
    with pytest.raises(TypeError, match="`full_shape` must be a sequence"):
        PartitionInfo(3, [0])
    with pytest.raises(ValueError, match="Expected equal length"):
        PartitionInfo([3, 2], [0])
    with pytest.raises(ValueError, match="Expected 0 <= offset < shape but found offset=3, shape=3"):
        PartitionInfo([3, 2], [3, 0])
    whole = PartitionInfo([4, 6], [0, 0])
    assert whole.single_slice_dim([4, 6]) is None and whole.single_offset([4, 6]) == 0
    with pytest.raises(ValueError, match="would exceed"):
        PartitionInfo([4, 6], [0, 2]).single_slice_dim([4, 5])
    with pytest.raises(ValueError, match="since slice dim could be either dimension 1 or 0"):
        PartitionInfo([4, 6], [0, 0]).single_slice_dim([2, 3])


def test_iter_slices_gives_the_extra_rows_to_the_first_shards():
    assert list(iter_slices([11, 2], 4, 0)) == [([0, 0], [3, 2]), ([3, 0], [3, 2]), ([6, 0], [3, 2]),
                                                ([9, 0], [2, 2])]


def test_save_slice_info_spec_round_trip_and_proto():
    info = SaveSliceInfo("a/w", [10, 4], [4, 0], [3, 4])
    back = SaveSliceInfo.from_spec(info.spec)
    assert (back.full_shape, back.var_offset, back.var_shape) == ([10, 4], [4, 0], [3, 4])
    proto = info.to_proto(export_scope="a")
    assert (proto.full_name, list(proto.full_shape), list(proto.var_offset)) == ("w", [10, 4], [4, 0])
    assert info.to_proto(export_scope="b") is None
    again = SaveSliceInfo(save_slice_info_def=proto, import_scope="c")
    assert (again.full_name, again.spec) == ("c/w", info.spec)
    with pytest.raises(ValueError, match="var_offset must be an integer. Found 'x'"):
        SaveSliceInfo.from_spec("4 x,2")
    assert SaveSliceInfo.from_spec("").full_shape is None


def test_partitioned_variable_checks_its_arguments():
    w = tf.get_variable("w", [4, 2], partitioner=tf.fixed_size_partitioner(2))
    shards = list(w)
    with pytest.raises(TypeError, match="variable_list is not a list or tuple"):
        PartitionedVariable("w", [4, 2], tf.float32, shards[0], [2, 1])
    with pytest.raises(ValueError, match="variable_list may not be empty"):
        PartitionedVariable("w", [4, 2], tf.float32, [], [2, 1])
    with pytest.raises(ValueError, match="partition values must be positive"):
        PartitionedVariable("w", [4, 2], tf.float32, shards, [0, 1])
    with pytest.raises(ValueError, match=r"len\(shape\) != len\(partitions\)"):
        PartitionedVariable("w", [4, 2], tf.float32, shards, [2])
    with pytest.raises(ValueError, match="All variables must have a save_slice_info available"):
        PartitionedVariable("w", [4, 2], tf.float32, [tf.Variable([1.0])], [2, 1])
    reordered = PartitionedVariable("w", [4, 2], tf.float32, shards[::-1], [2, 1])
    assert list(reordered) == shards


def test_a_partitioned_variable_is_no_reference():
    w = tf.get_variable("w", [4, 2], partitioner=tf.fixed_size_partitioner(2))
    with pytest.raises(NotImplementedError, match="doesn't support being used as a reference"):
        convert_to_tensor(w, as_ref=True)


def test_partitioned_values_train_and_round_trip_through_a_saver(tmp_path):
    w = tf.get_variable("w", initializer=tf.constant(np.arange(8.0, dtype=np.float32).reshape(4, 2)),
                        partitioner=tf.fixed_size_partitioner(3))
    step = tf.train.GradientDescentOptimizer(0.5).minimize(tf.reduce_sum(w))
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(step)
        path = saver.save(sess, str(tmp_path / "m"))
        sess.run(w.assign(np.zeros([4, 2], np.float32)))
        saver.restore(sess, path)
        np.testing.assert_array_equal(sess.run(w.as_tensor()), np.arange(8.0).reshape(4, 2) - 0.5)
    assert [(n, list(s)) for n, s in tf.train.list_variables(path)] == [("w", [4, 2])]

"""Reuse of partitioned variables and TensorFlow's errors, word for word."""

import numpy as np

from tests.conformance.harness import case, op_names, raises


def _p(tf, n=2, axis=0):
    return tf.fixed_size_partitioner(n, axis=axis)


@case
def reuse_true_with_partitioner(tf):
    with tf.variable_scope("s"):
        w = tf.get_variable("w", [4, 3], partitioner=_p(tf))
    with tf.variable_scope("s", reuse=True):
        w2 = tf.get_variable("w", [4, 3], partitioner=_p(tf))
    return [w2 is w, w2.name]


@case
def reuse_true_without_partitioner(tf):
    with tf.variable_scope("s"):
        w = tf.get_variable("w", [4, 3], partitioner=_p(tf))
    with tf.variable_scope("s", reuse=True):
        w2 = tf.get_variable("w")
        w3 = tf.get_variable("w", [4, 3])
    return [w2 is w, w3 is w]


@case
def reuse_creates_no_ops(tf):
    with tf.variable_scope("s"):
        tf.get_variable("w", [4, 3], partitioner=_p(tf))
    n = len(op_names(tf.get_default_graph()))
    with tf.variable_scope("s", reuse=True):
        tf.get_variable("w", partitioner=_p(tf))
    return [n, len(op_names(tf.get_default_graph()))]


@case
def auto_reuse(tf):
    out = []
    for _ in range(2):
        with tf.variable_scope("s", reuse=tf.AUTO_REUSE):
            out.append(tf.get_variable("w", [4, 3], partitioner=_p(tf)))
    return [out[0] is out[1], len(tf.global_variables())]


@case
def reuse_variables_in_scope(tf):
    with tf.variable_scope("s", partitioner=_p(tf)) as scope:
        w = tf.get_variable("w", [6, 2])
        scope.reuse_variables()
        w2 = tf.get_variable("w", [6, 2])
    return w is w2


@case
def create_twice_without_reuse(tf):
    tf.get_variable("w", [4, 3], partitioner=_p(tf))
    return raises(tf.get_variable, "w", [4, 3], partitioner=_p(tf))


@case
def reuse_true_missing(tf):
    with tf.variable_scope("s", reuse=True):
        return raises(tf.get_variable, "w", [4, 3], partitioner=_p(tf))


@case
def reuse_shape_mismatch(tf):
    tf.get_variable("w", [4, 3], partitioner=_p(tf))
    with tf.variable_scope(tf.get_variable_scope(), reuse=True):
        return raises(tf.get_variable, "w", [5, 3], partitioner=_p(tf))


@case
def reuse_dtype_mismatch(tf):
    tf.get_variable("w", [4, 3], partitioner=_p(tf))
    with tf.variable_scope(tf.get_variable_scope(), reuse=True):
        return raises(tf.get_variable, "w", [4, 3], tf.float64, partitioner=_p(tf))


@case
def reuse_partitions_mismatch(tf):
    tf.get_variable("w", [4, 3], partitioner=_p(tf))
    with tf.variable_scope(tf.get_variable_scope(), reuse=True):
        return raises(tf.get_variable, "w", [4, 3], partitioner=_p(tf, 4))


@case
def auto_reuse_partitions_mismatch(tf):
    with tf.variable_scope("s", reuse=tf.AUTO_REUSE):
        tf.get_variable("w", [4, 3], partitioner=_p(tf))
        return raises(tf.get_variable, "w", [4, 3], partitioner=_p(tf, 1, axis=1))


@case
def partitioned_then_unpartitioned(tf):
    tf.get_variable("w", [4, 3], partitioner=_p(tf))
    return raises(tf.get_variable, "w", [4, 3])


@case
def partitioned_then_unpartitioned_auto_reuse(tf):
    with tf.variable_scope("s", reuse=tf.AUTO_REUSE):
        tf.get_variable("w", [4, 3], partitioner=_p(tf))
        return raises(tf.get_variable, "w", [4, 3])


@case
def unpartitioned_then_partitioned(tf):
    tf.get_variable("w", [4, 3])
    return raises(tf.get_variable, "w", [4, 3], partitioner=_p(tf))


@case
def unpartitioned_then_partitioned_reuse(tf):
    tf.get_variable("w", [4, 3])
    with tf.variable_scope(tf.get_variable_scope(), reuse=True):
        return raises(tf.get_variable, "w", [4, 3], partitioner=_p(tf))


@case
def shards_exist_with_other_partitioning(tf):
    tf.get_variable("w/part_0", [2, 3])
    tf.get_variable("w/part_1", [2, 3])
    return [raises(tf.get_variable, "w", [6, 3], partitioner=_p(tf, 3)),
            raises(tf.get_variable, "w", [6, 3], partitioner=_p(tf, 1))]


@case
def shards_exist_with_same_partitioning(tf):
    tf.get_variable("w/part_0", [2, 3])
    tf.get_variable("w/part_1", [2, 3])
    return raises(lambda: [v.name for v in tf.get_variable("w", [4, 3], partitioner=_p(tf))])


@case
def unknown_shape(tf):
    return [raises(tf.get_variable, "w", [None, 3], partitioner=_p(tf)),
            raises(tf.get_variable, "v", partitioner=_p(tf), initializer=tf.zeros_initializer())]


@case
def partitioner_not_callable(tf):
    return raises(tf.get_variable, "w", [4, 3], partitioner=3)


@case
def partitioner_returns_non_sequence(tf):
    return raises(tf.get_variable, "w", [4, 3], partitioner=lambda shape, dtype: 2)


@case
def partitioner_returns_wrong_rank(tf):
    return raises(tf.get_variable, "w", [4, 3], partitioner=lambda shape, dtype: [2])


@case
def partitioner_returns_zero(tf):
    return raises(tf.get_variable, "w", [4, 3], partitioner=lambda shape, dtype: [0, 1])


@case
def partitioner_returns_two_axes(tf):
    return raises(tf.get_variable, "w", [4, 3], partitioner=lambda shape, dtype: [2, 3])


@case
def partitioner_returns_all_ones(tf):
    w = tf.get_variable("w", [4, 3], partitioner=lambda shape, dtype: [1, 1])
    return [w.name, [v.name for v in w], [v._save_slice_info.spec for v in w], list(w._get_partitions())]


@case
def partitioner_receives_shape_and_dtype(tf):
    seen = []

    def partitioner(shape, dtype):
        seen.append([shape.as_list(), dtype.name, type(shape).__name__])
        return [1, 2]

    tf.get_variable("w", [4, 6], tf.float64, partitioner=partitioner)
    return seen


@case
def constant_initializer_with_shape(tf):
    return raises(lambda: [v.name for v in tf.get_variable("w", [4, 3], initializer=tf.constant(np.zeros([4, 3])),
                                                            partitioner=_p(tf))])


@case
def tensor_initializer_shape_mismatch(tf):
    return raises(tf.get_variable, "w", [5, 3], initializer=tf.constant(np.zeros([4, 3])), partitioner=_p(tf))


@case
def constant_initializer_full_value_too_big(tf):
    return raises(tf.get_variable, "w", [4, 3], initializer=tf.constant_initializer(np.arange(12.0).reshape(4, 3)),
                  partitioner=_p(tf))

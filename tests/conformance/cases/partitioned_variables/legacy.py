"""``tf.create_partitioned_variables``: TF1's deprecated way to make shards by an explicit slicing."""

import numpy as np

from tests.conformance.harness import case, op_summary, raises


def _shards(vs):
    return [[v.name, v.shape.as_list(), v.dtype.name, v._save_slice_info.spec, v._save_slice_info.full_name]
            for v in vs]


@case
def default_name(tf):
    vs = tf.create_partitioned_variables([10, 4], [3, 1], tf.constant_initializer(2.0))
    return [type(vs).__name__, _shards(vs), op_summary(tf.get_default_graph())]


@case
def named_with_array_initializer(tf):
    vs = tf.create_partitioned_variables([10, 4], [1, 2], np.arange(40.0).reshape(10, 4), name="emb")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [_shards(vs), sess.run(vs)]


@case
def inside_a_scope_and_twice(tf):
    with tf.variable_scope("outer"):
        a = tf.create_partitioned_variables([6], [2], tf.zeros_initializer(), dtype=tf.int32)
        b = tf.create_partitioned_variables([6], [3], tf.zeros_initializer(), dtype=tf.int32)
    return [_shards(a), _shards(b)]


@case
def scope_defaults_apply(tf):
    with tf.variable_scope("s", initializer=tf.ones_initializer()):
        vs = tf.create_partitioned_variables([4, 2], [2, 1], None, name="w")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [_shards(vs), sess.run(vs)]


@case
def not_trainable_and_collections(tf):
    vs = tf.create_partitioned_variables([4], [2], tf.zeros_initializer(), trainable=False,
                                         collections=[tf.GraphKeys.LOCAL_VARIABLES, "mine"])
    return [[v.name for v in tf.trainable_variables()], [v.name for v in tf.local_variables()],
            [v.name for v in tf.get_collection("mine")], [v.name for v in vs]]


@case
def reuse(tf):
    a = tf.create_partitioned_variables([10, 4], [1, 2], tf.zeros_initializer(), name="emb")
    b = tf.create_partitioned_variables([10, 4], [1, 2], tf.zeros_initializer(), name="emb", reuse=True)
    return [all(x is y for x, y in zip(a, b)), len(tf.global_variables())]


@case
def errors(tf):
    tf.create_partitioned_variables([10, 4], [1, 2], tf.zeros_initializer(), name="emb")
    out = [raises(tf.create_partitioned_variables, [10, 4], [3], tf.zeros_initializer()),
           raises(tf.create_partitioned_variables, [], [], tf.zeros_initializer()),
           raises(tf.create_partitioned_variables, [10, 4], [3, 2], tf.zeros_initializer()),
           raises(tf.create_partitioned_variables, [10, 4], [0, 1], tf.zeros_initializer()),
           raises(tf.create_partitioned_variables, [10, 4], [3, 1], tf.zeros_initializer(), name="emb"),
           raises(tf.create_partitioned_variables, [10, 4], [3, 1], tf.zeros_initializer(), name="emb", reuse=True),
           raises(tf.create_partitioned_variables, [None, 4], [3, 1], tf.zeros_initializer())]
    return out


@case
def refused_under_a_custom_getter(tf):
    def getter(getter, *args, **kwargs):
        return getter(*args, **kwargs)

    with tf.variable_scope("cg", custom_getter=getter):
        got = raises(tf.create_partitioned_variables, [4], [2], tf.zeros_initializer())
    got["message"] = got["message"].split("Current custom getter")[0]
    return got

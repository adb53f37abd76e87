"""``get_variable(partitioner=...)``: shard names, shapes, slice infos, collections, ops and
initial values."""

import numpy as np

from tests.conformance.harness import case, op_summary, raises, shape_of


def _describe(w):
    return {"type": type(w).__name__, "name": w.name, "shape": shape_of(w.get_shape()), "dtype": w.dtype.name,
            "partitions": list(w._get_partitions()), "len": len(w),
            "shards": [[v.name, shape_of(v), v.dtype.name] for v in w],
            "specs": [v._save_slice_info.spec for v in w],
            "infos": [[v._save_slice_info.full_name, v._save_slice_info.full_shape, v._save_slice_info.var_offset,
                       v._save_slice_info.var_shape] for v in w],
            "list": [v.name for v in w._get_variable_list()]}


def _values(tf, w):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(list(w))


@case
def fixed_three_rows(tf):
    return _describe(tf.get_variable("w", [10, 4], partitioner=tf.fixed_size_partitioner(3)))


@case
def fixed_two_axis1(tf):
    return _describe(tf.get_variable("w", [3, 7], partitioner=tf.fixed_size_partitioner(2, axis=1)))


@case
def fixed_more_shards_than_rows(tf):
    return _describe(tf.get_variable("w", [2, 3], partitioner=tf.fixed_size_partitioner(5)))


@case
def one_shard(tf):
    w = tf.get_variable("w", [4, 2], partitioner=tf.fixed_size_partitioner(1))
    return [_describe(w), op_summary(tf.get_default_graph())]


@case
def rank_1_and_rank_3(tf):
    a = tf.get_variable("a", [9], partitioner=tf.fixed_size_partitioner(4))
    b = tf.get_variable("b", [5, 2, 3], partitioner=tf.fixed_size_partitioner(2, axis=2))
    return [_describe(a), _describe(b)]


@case
def min_max_partitioner(tf):
    p = tf.min_max_variable_partitioner(max_partitions=4, min_slice_size=100)
    return _describe(tf.get_variable("w", [20, 5], partitioner=p))


@case
def axis_size_partitioner(tf):
    p = tf.variable_axis_size_partitioner(max_shard_bytes=48)
    return _describe(tf.get_variable("w", [10, 4], partitioner=p))


@case
def in_variable_scope(tf):
    with tf.variable_scope("outer"):
        with tf.variable_scope("inner", partitioner=tf.fixed_size_partitioner(2)):
            w = tf.get_variable("w", [4, 3])
    return _describe(w)


@case
def scope_partitioner_inherited(tf):
    with tf.variable_scope("a", partitioner=tf.fixed_size_partitioner(2)) as scope:
        with tf.variable_scope("b"):
            w = tf.get_variable("w", [4, 3])
    return [_describe(w), scope.partitioner is not None]


@case
def scope_partitioner_overridden(tf):
    with tf.variable_scope("a", partitioner=tf.fixed_size_partitioner(2)):
        with tf.variable_scope("b", partitioner=tf.fixed_size_partitioner(4)):
            w = tf.get_variable("w", [8, 3])
        v = tf.get_variable("v", [8, 3], partitioner=tf.fixed_size_partitioner(3))
    return [_describe(w), _describe(v)]


@case
def scope_partitioner_stopped_with_set_partitioner_none(tf):
    with tf.variable_scope("a", partitioner=tf.fixed_size_partitioner(2)) as scope:
        scope.set_partitioner(None)
        w = tf.get_variable("w", [4, 3])
    return [type(w).__name__, w.name]


@case
def scalar_shape_is_not_partitioned(tf):
    w = tf.get_variable("w", [], partitioner=tf.fixed_size_partitioner(2))
    return [type(w).__name__, w.name, shape_of(w)]


@case
def scope_partitioner_and_scalar_variable(tf):
    with tf.variable_scope("s", partitioner=tf.fixed_size_partitioner(3)):
        b = tf.get_variable("b", [], initializer=tf.zeros_initializer())
        w = tf.get_variable("w", [6])
    return [type(b).__name__, b.name, _describe(w)]


@case
def collections_and_trainable(tf):
    tf.get_variable("w", [4, 2], partitioner=tf.fixed_size_partitioner(2))
    v = tf.get_variable("v", [4, 2], partitioner=tf.fixed_size_partitioner(2), trainable=False)
    loc = tf.get_variable("loc", [4, 2], partitioner=tf.fixed_size_partitioner(2),
                          collections=[tf.GraphKeys.LOCAL_VARIABLES])
    return [[x.name for x in tf.global_variables()], [x.name for x in tf.trainable_variables()],
            [x.name for x in tf.local_variables()], [x.name for x in v], [x.name for x in loc]]


@case
def get_local_variable_partitioned(tf):
    w = tf.get_local_variable("w", [4, 2], partitioner=tf.fixed_size_partitioner(2))
    return [_describe(w), [x.name for x in tf.local_variables()], [x.name for x in tf.global_variables()]]


@case
def ops_with_default_initializer(tf):
    tf.get_variable("w", [5, 3], partitioner=tf.fixed_size_partitioner(2))
    return op_summary(tf.get_default_graph())


@case
def ops_with_tensor_initializer(tf):
    tf.get_variable("w", initializer=tf.constant(np.arange(12.0).reshape(4, 3)),
                    partitioner=tf.fixed_size_partitioner(3))
    return op_summary(tf.get_default_graph())


@case
def values_of_tensor_initializer(tf):
    w = tf.get_variable("w", initializer=tf.constant(np.arange(12.0).reshape(4, 3)),
                        partitioner=tf.fixed_size_partitioner(3))
    return [_describe(w), _values(tf, w)]


@case
def values_of_tensor_initializer_axis1(tf):
    w = tf.get_variable("w", initializer=tf.reshape(tf.range(12), [3, 4]),
                        partitioner=tf.fixed_size_partitioner(3, axis=1))
    return [_describe(w), _values(tf, w)]


@case
def values_of_numpy_initializer(tf):
    w = tf.get_variable("w", initializer=np.arange(10, dtype=np.float32).reshape(5, 2),
                        partitioner=tf.fixed_size_partitioner(2))
    return [_describe(w), _values(tf, w), op_summary(tf.get_default_graph())]


@case
def values_of_constant_initializer(tf):
    w = tf.get_variable("w", [5, 2], initializer=tf.constant_initializer(2.5), partitioner=tf.fixed_size_partitioner(2))
    return [_values(tf, w), op_summary(tf.get_default_graph())]


@case
def values_of_ones_int64(tf):
    w = tf.get_variable("w", [3, 2], tf.int64, initializer=tf.ones_initializer(),
                        partitioner=tf.fixed_size_partitioner(2))
    return [_describe(w), _values(tf, w)]


@case
def values_of_default_int_initializer(tf):
    w = tf.get_variable("w", [3, 2], tf.int32, partitioner=tf.fixed_size_partitioner(3))
    return _values(tf, w)


@case
def glorot_scales_by_the_full_shape(tf):
    tf.get_variable("w", [40, 10], partitioner=tf.fixed_size_partitioner(4))
    g = tf.get_default_graph()
    names = ["w/part_0/Initializer/random_uniform/min", "w/part_0/Initializer/random_uniform/max",
             "w/part_3/Initializer/random_uniform/shape"]
    with tf.Session() as sess:
        return [np.round(v, 6) for v in sess.run([g.get_tensor_by_name(n + ":0") for n in names])]


@case
def variance_scaling_fan_in_by_the_full_shape(tf):
    init = tf.variance_scaling_initializer(scale=2.0, mode="fan_in", distribution="uniform")
    tf.get_variable("w", [50, 10], initializer=init, partitioner=tf.fixed_size_partitioner(5))
    g = tf.get_default_graph()
    with tf.Session() as sess:
        return np.round(sess.run(g.get_tensor_by_name("w/part_2/Initializer/random_uniform/max:0")), 6)


@case
def random_initializer_draws_per_shard(tf):
    w = tf.get_variable("w", [5, 3], initializer=tf.random_uniform_initializer(seed=7),
                        partitioner=tf.fixed_size_partitioner(2))
    a, b = _values(tf, w)
    return [a.shape, b.shape, bool(np.array_equal(a[:2], b))]


@case
def regularizer_per_shard(tf):
    w = tf.get_variable("w", [4, 2], initializer=tf.ones_initializer(), partitioner=tf.fixed_size_partitioner(2),
                        regularizer=lambda v: tf.reduce_sum(v) * 0.5)
    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [len(losses), [t.name for t in losses], sess.run(losses), [v.name for v in w]]


@case
def custom_getter_sees_the_partitioner(tf):
    seen = []

    def getter(getter, name, *args, **kwargs):
        seen.append([name, kwargs.get("partitioner") is not None, kwargs.get("shape")])
        return getter(name, *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter, partitioner=tf.fixed_size_partitioner(2)):
        w = tf.get_variable("w", [4, 3])
    return [seen, type(w).__name__, [v.name for v in w]]


@case
def custom_getter_renames_partitioned(tf):
    def getter(getter, name, *args, **kwargs):
        return getter(name + "_x", *args, **kwargs)

    with tf.variable_scope("s", custom_getter=getter):
        w = tf.get_variable("w", [4, 3], partitioner=tf.fixed_size_partitioner(2))
    return _describe(w)


@case
def dtype_float64_and_name_scope_ignored(tf):
    with tf.name_scope("ns"):
        w = tf.get_variable("w", [4, 2], tf.float64, partitioner=tf.fixed_size_partitioner(2))
    return _describe(w)


@case
def numpy_initializer_with_dtype(tf):
    return raises(lambda: _describe(tf.get_variable("w", initializer=np.ones([4, 2], np.float32), dtype=tf.float64,
                                                    partitioner=tf.fixed_size_partitioner(2))))

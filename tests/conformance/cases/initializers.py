"""Variable initializers: op structure under get_variable, deterministic values, dtypes and errors."""

import numpy as np

from tests.conformance.harness import case, op_names, op_summary, shape_of


def _ops_for(tf, initializer, shape=(2, 3), dtype=None):
    kwargs = {} if dtype is None else {"dtype": dtype}
    v = tf.get_variable("w", list(shape), initializer=initializer, **kwargs)
    return [shape_of(v), v.dtype, op_summary(tf.get_default_graph())]


def _value(tf, initializer, shape=(2, 3), dtype=None):
    kwargs = {} if dtype is None else {"dtype": dtype}
    v = tf.get_variable("w", list(shape), initializer=initializer, **kwargs)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(v)


def _run_shape_dtype(tf, initializer, shape=(2, 3), dtype=None):
    kwargs = {} if dtype is None else {"dtype": dtype}
    v = tf.get_variable("w", list(shape), initializer=initializer, **kwargs)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = sess.run(v)
    return [list(out.shape), str(out.dtype)]


# --- zeros / ones / constant ------------------------------------------------------------------

@case
def init_zeros_ops(tf):
    return _ops_for(tf, tf.zeros_initializer())


@case
def init_zeros_value(tf):
    return _value(tf, tf.zeros_initializer())


@case
def init_zeros_alias_is_same_class(tf):
    return [tf.zeros_initializer is tf.initializers.zeros, type(tf.zeros_initializer()).__name__]


@case
def init_initializers_zeros_ops(tf):
    return _ops_for(tf, tf.initializers.zeros())


@case
def init_zeros_int_value(tf):
    return _value(tf, tf.zeros_initializer(), dtype=tf.int32)


@case
def init_zeros_large_shape_ops(tf):
    return _ops_for(tf, tf.zeros_initializer(), shape=(1000, 1000))


@case
def init_ones_ops(tf):
    return _ops_for(tf, tf.ones_initializer())


@case
def init_ones_value(tf):
    return _value(tf, tf.ones_initializer())


@case
def init_initializers_ones_ops(tf):
    return _ops_for(tf, tf.initializers.ones())


@case
def init_ones_int64_value(tf):
    return _value(tf, tf.ones_initializer(), shape=(3,), dtype=tf.int64)


@case
def init_ones_bool_value(tf):
    return _value(tf, tf.ones_initializer(), shape=(2,), dtype=tf.bool)


@case
def init_ones_large_shape_ops(tf):
    return _ops_for(tf, tf.ones_initializer(), shape=(1000, 1000))


@case
def init_constant_scalar_ops(tf):
    return _ops_for(tf, tf.constant_initializer(3.0))


@case
def init_constant_scalar_value(tf):
    return _value(tf, tf.constant_initializer(3.0))


@case
def init_constant_default_value(tf):
    return _value(tf, tf.constant_initializer())


@case
def init_initializers_constant_value(tf):
    return _value(tf, tf.initializers.constant(1.5), shape=(2,))


@case
def init_constant_list_value(tf):
    return _value(tf, tf.constant_initializer([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]))


@case
def init_constant_nested_list_value(tf):
    return _value(tf, tf.constant_initializer([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))


@case
def init_constant_numpy_value(tf):
    return _value(tf, tf.constant_initializer(np.arange(6).reshape(2, 3)))


@case
def init_constant_list_too_short(tf):
    return _value(tf, tf.constant_initializer([1.0, 2.0]))


@case
def init_constant_list_too_long(tf):
    return _value(tf, tf.constant_initializer([1.0] * 7))


@case
def init_constant_int_dtype_value(tf):
    return _value(tf, tf.constant_initializer(7), shape=(2,), dtype=tf.int32)


@case
def init_constant_float_into_int_dtype(tf):
    return _value(tf, tf.constant_initializer(1.5), shape=(2,), dtype=tf.int32)


@case
def init_constant_list_ops(tf):
    return _ops_for(tf, tf.constant_initializer([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]))


@case
def init_constant_verify_shape_mismatch(tf):
    return _value(tf, tf.constant_initializer([1.0, 2.0], verify_shape=True))


@case
def init_constant_bad_value_type(tf):
    tf.constant_initializer({"a": 1})
    return "unreachable"


@case
def init_constant_string_value(tf):
    return _value(tf, tf.constant_initializer("x"), shape=(2,), dtype=tf.string)


# --- calling initializers directly -------------------------------------------------------------

@case
def init_call_zeros_directly(tf):
    t = tf.zeros_initializer()([2, 2])
    return [t.name, t.op.type, t.dtype, shape_of(t)]


@case
def init_call_ones_directly_with_dtype(tf):
    t = tf.ones_initializer()([3], dtype=tf.int32)
    return [t.name, t.dtype, op_summary(tf.get_default_graph())]


@case
def init_call_constant_directly(tf):
    t = tf.constant_initializer(2.0)([2])
    return [t.name, t.op.type, op_summary(tf.get_default_graph())]


@case
def init_call_random_uniform_directly(tf):
    t = tf.random_uniform_initializer()([2, 2])
    return [t.name, shape_of(t), t.dtype, op_summary(tf.get_default_graph())]


@case
def init_call_in_name_scope(tf):
    with tf.name_scope("ns"):
        t = tf.zeros_initializer()([2])
    return t.name


# --- random initializers: op structure, shapes and dtypes ---------------------------------------

@case
def init_random_uniform_ops(tf):
    return _ops_for(tf, tf.random_uniform_initializer())


@case
def init_random_uniform_minval_maxval_ops(tf):
    return _ops_for(tf, tf.random_uniform_initializer(-1.0, 1.0))


@case
def init_random_uniform_run_shape(tf):
    return _run_shape_dtype(tf, tf.random_uniform_initializer(-1.0, 1.0))


@case
def init_random_uniform_degenerate_value(tf):
    return _value(tf, tf.random_uniform_initializer(2.0, 2.0))


@case
def init_initializers_random_uniform_ops(tf):
    return _ops_for(tf, tf.initializers.random_uniform())


@case
def init_random_uniform_int_ops(tf):
    return _ops_for(tf, tf.random_uniform_initializer(0, 10), dtype=tf.int32)


@case
def init_random_uniform_int_run_shape(tf):
    return _run_shape_dtype(tf, tf.random_uniform_initializer(0, 10), dtype=tf.int32)


@case
def init_random_uniform_int_default_maxval(tf):
    return _ops_for(tf, tf.random_uniform_initializer(), dtype=tf.int32)


@case
def init_random_normal_ops(tf):
    return _ops_for(tf, tf.random_normal_initializer())


@case
def init_random_normal_run_shape(tf):
    return _run_shape_dtype(tf, tf.random_normal_initializer(0.0, 2.0))


@case
def init_initializers_random_normal_ops(tf):
    return _ops_for(tf, tf.initializers.random_normal(mean=1.0, stddev=0.5))


@case
def init_random_normal_zero_stddev_value(tf):
    return _value(tf, tf.random_normal_initializer(mean=3.0, stddev=0.0), shape=(2,))


@case
def init_random_normal_int_dtype_error(tf):
    tf.get_variable("w", [2], initializer=tf.random_normal_initializer(), dtype=tf.int32)
    return "unreachable"


@case
def init_random_normal_int_dtype_constructor_error(tf):
    tf.random_normal_initializer(dtype=tf.int32)
    return "unreachable"


@case
def init_random_normal_float64_ops(tf):
    return _ops_for(tf, tf.random_normal_initializer(), dtype=tf.float64)


@case
def init_truncated_normal_ops(tf):
    return _ops_for(tf, tf.truncated_normal_initializer())


@case
def init_truncated_normal_run_shape(tf):
    return _run_shape_dtype(tf, tf.truncated_normal_initializer(stddev=0.1))


@case
def init_initializers_truncated_normal_ops(tf):
    return _ops_for(tf, tf.initializers.truncated_normal(stddev=0.1))


@case
def init_truncated_normal_int_dtype_error(tf):
    tf.get_variable("w", [2], initializer=tf.truncated_normal_initializer(), dtype=tf.int32)
    return "unreachable"


@case
def init_glorot_uniform_ops(tf):
    return _ops_for(tf, tf.glorot_uniform_initializer())


@case
def init_glorot_uniform_run_shape(tf):
    return _run_shape_dtype(tf, tf.glorot_uniform_initializer(), shape=(4, 5))


@case
def init_initializers_glorot_uniform_ops(tf):
    return _ops_for(tf, tf.initializers.glorot_uniform())


@case
def init_glorot_uniform_int_dtype_error(tf):
    tf.get_variable("w", [2, 2], initializer=tf.glorot_uniform_initializer(), dtype=tf.int32)
    return "unreachable"


@case
def init_glorot_uniform_scalar_shape_ops(tf):
    return _ops_for(tf, tf.glorot_uniform_initializer(), shape=())


@case
def init_glorot_uniform_rank1_ops(tf):
    return _ops_for(tf, tf.glorot_uniform_initializer(), shape=(5,))


@case
def init_glorot_uniform_rank4_ops(tf):
    return _ops_for(tf, tf.glorot_uniform_initializer(), shape=(3, 3, 2, 4))


@case
def init_glorot_normal_ops(tf):
    return _ops_for(tf, tf.glorot_normal_initializer())


@case
def init_glorot_normal_run_shape(tf):
    return _run_shape_dtype(tf, tf.glorot_normal_initializer(), shape=(4, 5))


@case
def init_initializers_glorot_normal_ops(tf):
    return _ops_for(tf, tf.initializers.glorot_normal())


@case
def init_variance_scaling_default_ops(tf):
    return _ops_for(tf, tf.variance_scaling_initializer())


@case
def init_variance_scaling_fan_out_ops(tf):
    return _ops_for(tf, tf.variance_scaling_initializer(scale=2.0, mode="fan_out"))


@case
def init_variance_scaling_fan_avg_uniform_ops(tf):
    return _ops_for(tf, tf.variance_scaling_initializer(mode="fan_avg", distribution="uniform"))


@case
def init_variance_scaling_truncated_normal_ops(tf):
    return _ops_for(tf, tf.variance_scaling_initializer(distribution="truncated_normal"))


@case
def init_variance_scaling_untruncated_normal_ops(tf):
    return _ops_for(tf, tf.variance_scaling_initializer(distribution="untruncated_normal"))


@case
def init_variance_scaling_normal_ops(tf):
    return _ops_for(tf, tf.variance_scaling_initializer(distribution="normal"))


@case
def init_variance_scaling_run_shape(tf):
    return _run_shape_dtype(tf, tf.variance_scaling_initializer(mode="fan_in"), shape=(3, 4))


@case
def init_initializers_variance_scaling_ops(tf):
    return _ops_for(tf, tf.initializers.variance_scaling(scale=0.5))


@case
def init_variance_scaling_bad_mode(tf):
    tf.variance_scaling_initializer(mode="fan_sideways")
    return "unreachable"


@case
def init_variance_scaling_bad_distribution(tf):
    tf.variance_scaling_initializer(distribution="cauchy")
    return "unreachable"


@case
def init_variance_scaling_nonpositive_scale(tf):
    tf.variance_scaling_initializer(scale=0.0)
    return "unreachable"


@case
def init_variance_scaling_negative_scale(tf):
    tf.variance_scaling_initializer(scale=-1.0)
    return "unreachable"


@case
def init_variance_scaling_config(tf):
    return tf.variance_scaling_initializer(scale=2.0, mode="fan_avg", distribution="uniform").get_config()


@case
def init_orthogonal_ops(tf):
    return _ops_for(tf, tf.orthogonal_initializer(), shape=(3, 3))


@case
def init_orthogonal_run_shape(tf):
    return _run_shape_dtype(tf, tf.orthogonal_initializer(), shape=(4, 2))


@case
def init_initializers_orthogonal_ops(tf):
    return _ops_for(tf, tf.initializers.orthogonal(gain=2.0), shape=(2, 4))


@case
def init_orthogonal_rank1_error(tf):
    tf.get_variable("w", [3], initializer=tf.orthogonal_initializer())
    return "unreachable"


@case
def init_orthogonal_int_dtype_error(tf):
    tf.get_variable("w", [2, 2], initializer=tf.orthogonal_initializer(), dtype=tf.int32)
    return "unreachable"


@case
def init_identity_ops(tf):
    return _ops_for(tf, tf.initializers.identity(), shape=(3, 3))


@case
def init_identity_value(tf):
    return _value(tf, tf.initializers.identity(), shape=(3, 3))


@case
def init_identity_nonsquare_value(tf):
    return _value(tf, tf.initializers.identity(), shape=(2, 3))


@case
def init_identity_gain_value(tf):
    return _value(tf, tf.initializers.identity(gain=2.5), shape=(2, 2))


@case
def init_identity_initializer_alias_absent(tf):
    return [hasattr(tf, "identity_initializer"), hasattr(tf.initializers, "identity")]


@case
def init_identity_rank1_error(tf):
    tf.get_variable("w", [3], initializer=tf.initializers.identity())
    return "unreachable"


@case
def init_identity_rank3_error(tf):
    tf.get_variable("w", [2, 2, 2], initializer=tf.initializers.identity())
    return "unreachable"


@case
def init_identity_int_value(tf):
    return _value(tf, tf.initializers.identity(), shape=(2, 2), dtype=tf.int32)


# --- default initializers --------------------------------------------------------------------

@case
def init_default_float_is_glorot_uniform_ops(tf):
    return _ops_for(tf, None, shape=(4, 5))


@case
def init_default_float_run_shape(tf):
    return _run_shape_dtype(tf, None, shape=(4, 5))


@case
def init_default_float64_ops(tf):
    return _ops_for(tf, None, shape=(2,), dtype=tf.float64)


@case
def init_default_int32_ops(tf):
    return _ops_for(tf, None, shape=(2,), dtype=tf.int32)


@case
def init_default_int32_value(tf):
    return _value(tf, None, shape=(2, 2), dtype=tf.int32)


@case
def init_default_int8_value(tf):
    return _value(tf, None, shape=(2,), dtype=tf.int8)


@case
def init_default_uint8_value(tf):
    return _value(tf, None, shape=(2,), dtype=tf.uint8)


@case
def init_default_bool_value(tf):
    return _value(tf, None, shape=(3,), dtype=tf.bool)


@case
def init_default_string_value(tf):
    return _value(tf, None, shape=(2,), dtype=tf.string)


@case
def init_default_string_ops(tf):
    return _ops_for(tf, None, shape=(2,), dtype=tf.string)


@case
def init_default_complex_error(tf):
    tf.get_variable("w", [2], dtype=tf.complex128)
    return "unreachable"


# --- initializer objects --------------------------------------------------------------------

@case
def init_class_names(tf):
    return [type(tf.zeros_initializer()).__name__, type(tf.ones_initializer()).__name__,
            type(tf.constant_initializer()).__name__, type(tf.random_uniform_initializer()).__name__,
            type(tf.random_normal_initializer()).__name__, type(tf.truncated_normal_initializer()).__name__,
            type(tf.glorot_uniform_initializer()).__name__, type(tf.glorot_normal_initializer()).__name__,
            type(tf.variance_scaling_initializer()).__name__, type(tf.orthogonal_initializer()).__name__,
            type(tf.initializers.identity()).__name__]


@case
def init_aliases_identical(tf):
    return [tf.zeros_initializer is tf.initializers.zeros, tf.ones_initializer is tf.initializers.ones,
            tf.constant_initializer is tf.initializers.constant,
            tf.random_uniform_initializer is tf.initializers.random_uniform,
            tf.random_normal_initializer is tf.initializers.random_normal,
            tf.truncated_normal_initializer is tf.initializers.truncated_normal,
            tf.glorot_uniform_initializer is tf.initializers.glorot_uniform,
            tf.glorot_normal_initializer is tf.initializers.glorot_normal,
            tf.variance_scaling_initializer is tf.initializers.variance_scaling,
            tf.orthogonal_initializer is tf.initializers.orthogonal]


@case
def init_zeros_config(tf):
    return tf.zeros_initializer().get_config()


@case
def init_constant_config(tf):
    return tf.constant_initializer(2.0).get_config()


@case
def init_random_uniform_config(tf):
    return tf.random_uniform_initializer(-1.0, 2.0, seed=3).get_config()


@case
def init_random_normal_config(tf):
    return tf.random_normal_initializer(0.5, 2.0).get_config()


@case
def init_truncated_normal_config(tf):
    return tf.truncated_normal_initializer(stddev=0.1).get_config()


@case
def init_glorot_uniform_config(tf):
    return tf.glorot_uniform_initializer().get_config()


@case
def init_orthogonal_config(tf):
    return tf.orthogonal_initializer(gain=2.0).get_config()


@case
def init_from_config_roundtrip(tf):
    cfg = tf.constant_initializer(4.0).get_config()
    init = tf.constant_initializer.from_config(cfg)
    return _value(tf, init, shape=(2,))


@case
def init_seeded_op_attrs(tf):
    tf.get_variable("w", [2], initializer=tf.random_uniform_initializer(seed=7))
    op = tf.get_default_graph().get_operation_by_name("w/Initializer/random_uniform/RandomUniform")
    return [op.get_attr("seed"), op.get_attr("seed2")]


@case
def init_unseeded_op_attrs(tf):
    tf.get_variable("w", [2], initializer=tf.random_uniform_initializer())
    op = tf.get_default_graph().get_operation_by_name("w/Initializer/random_uniform/RandomUniform")
    return [op.get_attr("seed"), op.get_attr("seed2")]


@case
def init_set_random_seed_exists(tf):
    tf.set_random_seed(42)
    return [callable(tf.set_random_seed), tf.get_default_graph().seed]


@case
def init_set_random_seed_op_attrs(tf):
    tf.set_random_seed(42)
    tf.get_variable("w", [2], initializer=tf.random_uniform_initializer())
    op = tf.get_default_graph().get_operation_by_name("w/Initializer/random_uniform/RandomUniform")
    return [op.get_attr("seed"), op.get_attr("seed2")]


@case
def init_graph_seed_default_none(tf):
    return tf.get_default_graph().seed


@case
def init_initializer_dtype_in_constructor_ignored_by_get_variable(tf):
    v = tf.get_variable("w", [2], initializer=tf.ones_initializer(dtype=tf.float64))
    return [v.dtype, op_summary(tf.get_default_graph())]


@case
def init_shared_initializer_two_variables(tf):
    init = tf.constant_initializer(2.0)
    a = tf.get_variable("a", [1], initializer=init)
    b = tf.get_variable("b", [2], initializer=init)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [op_names(tf.get_default_graph())] + sess.run([a, b])


@case
def init_initializer_class_not_instance_is_instantiated(tf):
    return _value(tf, tf.zeros_initializer, shape=(2,))


@case
def init_graph_seed_op_seed_counter(tf):
    tf.set_random_seed(42)
    for _ in range(3):
        tf.constant(1.0)
    tf.get_variable("a", [2], initializer=tf.random_uniform_initializer())
    tf.get_variable("b", [2], initializer=tf.random_normal_initializer())
    g = tf.get_default_graph()
    a = g.get_operation_by_name("a/Initializer/random_uniform/RandomUniform")
    b = g.get_operation_by_name("b/Initializer/random_normal/RandomStandardNormal")
    return [[a.get_attr("seed"), a.get_attr("seed2")], [b.get_attr("seed"), b.get_attr("seed2")]]

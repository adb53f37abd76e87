"""Variable initializers: the random initializers' op structure, shapes, dtypes and errors."""

from tests.conformance.cases.initializers._helpers import _ops_for, _run_shape_dtype, _value
from tests.conformance.harness import case

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

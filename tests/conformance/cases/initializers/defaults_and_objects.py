"""Variable initializers: get_variable's default initializers, initializer objects, configs and seeds."""

from tests.conformance.cases.initializers._helpers import _ops_for, _run_shape_dtype, _value
from tests.conformance.harness import case, op_names, op_summary

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

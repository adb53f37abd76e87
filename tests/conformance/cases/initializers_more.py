"""TF1's fan-in initializers (he_*, lecun_*) and the deprecated uniform_unit_scaling: op names,
configs, seeded values of a graph and errors."""

from tests.conformance.harness import case, op_summary, raises


def _seeded(tf, initializer, shape=(3, 4), **kwargs):
    """The ops of a variable initialized in a graph seeded with 7, their seeds, the values of their
    constants (the scale TF computes), and the value's shape and range (scopeflow's random streams
    are PCG64, not TF's Philox: the draws themselves differ)."""
    tf.set_random_seed(7)
    v = tf.get_variable("w", list(shape), initializer=initializer, **kwargs)
    graph = tf.get_default_graph()
    consts = [op for op in graph.get_operations() if op.type == "Const"]
    seeds = [[op.name, op.get_attr("seed"), op.get_attr("seed2")] for op in graph.get_operations()
             if op.type in ("RandomUniform", "TruncatedNormal", "RandomStandardNormal")]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value, const_values = sess.run([v, [op.outputs[0] for op in consts]])
    return {"ops": op_summary(graph), "seeds": seeds,
            "consts": {op.name: c for op, c in zip(consts, const_values)},
            "shape": list(value.shape), "dtype": str(value.dtype), "in_range": _in_range(value, consts, const_values)}


def _in_range(value, consts, const_values):
    """Whether every value lies within the uniform's ``max`` or two truncated-normal ``stddev``s."""
    by_name = {op.name.rsplit("/", 1)[-1]: float(c) for op, c in zip(consts, const_values) if c.ndim == 0}
    bound = by_name["max"] if "max" in by_name else 2 * by_name["stddev"]
    return bool(abs(value).max() <= bound * (1 + 1e-6)) and bool(value.std() > 0)


@case
def he_normal_seeded_values(tf):
    return _seeded(tf, tf.initializers.he_normal(seed=3))


@case
def he_uniform_seeded_values(tf):
    return _seeded(tf, tf.initializers.he_uniform(seed=3), shape=(2, 2, 3, 4))


@case
def lecun_normal_seeded_values(tf):
    return _seeded(tf, tf.initializers.lecun_normal(), shape=(5, 2))


@case
def lecun_uniform_seeded_values(tf):
    return _seeded(tf, tf.initializers.lecun_uniform(seed=11), dtype=tf.float64)


@case
def fan_in_configs(tf):
    return [tf.initializers.he_normal(4).get_config(), tf.initializers.he_uniform().get_config(),
            tf.initializers.lecun_normal(2).get_config(), tf.initializers.lecun_uniform().get_config()]


@case
def fan_in_are_variance_scaling(tf):
    return [type(f()).__name__ for f in (tf.initializers.he_normal, tf.initializers.he_uniform,
                                         tf.initializers.lecun_normal, tf.initializers.lecun_uniform)]


@case
def uniform_unit_scaling_seeded_values(tf):
    return _seeded(tf, tf.uniform_unit_scaling_initializer(factor=1.43, seed=5), shape=(4, 3))


@case
def uniform_unit_scaling_conv_shape(tf):
    return _seeded(tf, tf.initializers.uniform_unit_scaling(seed=2), shape=(3, 3, 2, 2))


@case
def uniform_unit_scaling_vector_and_empty(tf):
    init = tf.uniform_unit_scaling_initializer(seed=1)
    a, b = init([3]), init([0, 2])
    with tf.Session() as sess:
        got = sess.run([a, b])
    return [[x.shape for x in got], op_summary(tf.get_default_graph()),
            sorted(op.name for op in tf.get_default_graph().get_operations() if op.type == "Const")]


@case
def uniform_unit_scaling_partitioned(tf):
    tf.set_random_seed(3)
    v = tf.get_variable("w", [6, 2], initializer=tf.uniform_unit_scaling_initializer(seed=4),
                        partitioner=tf.fixed_size_partitioner(2))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        maxes = sess.run([tf.get_default_graph().get_tensor_by_name(f"w/part_{i}/Initializer/random_uniform/max:0")
                          for i in range(2)])
        return [sess.run(v.as_tensor()).shape, maxes, op_summary(tf.get_default_graph())]


@case
def uniform_unit_scaling_config_and_call_dtype(tf):
    init = tf.uniform_unit_scaling_initializer(2.0, seed=9, dtype=tf.float64)
    return [init.get_config(), init([2, 2]).dtype, init([2, 2], dtype=tf.float16).dtype]


@case
def uniform_unit_scaling_int_dtype_error(tf):
    return raises(tf.uniform_unit_scaling_initializer, dtype=tf.int32)


@case
def he_normal_int_variable_error(tf):
    return raises(tf.get_variable, "w", [2, 2], dtype=tf.int32, initializer=tf.initializers.he_normal())

"""``tf.train.cosine_decay_restarts`` and ``tf.train.noisy_linear_cosine_decay``: values over many
steps, op names, dtypes, and (for the random schedule) its deterministic parts and range."""

from tests.conformance.harness import case, op_summary, raises

STEPS = [0, 1, 3, 5, 9, 10, 11, 15, 20, 29, 30, 31, 45, 69, 70, 71, 150, 310, 1000]


def _values(tf, build, dtype=None, steps=STEPS):
    step = tf.placeholder(dtype or tf.int32, [], name="step")
    lr = build(step)
    with tf.Session() as sess:
        values = [sess.run(lr, {step: s}) for s in steps]
    return {"name": lr.name, "dtype": lr.dtype.name, "shape": lr.shape.as_list(), "values": values}


@case
def restarts_defaults(tf):
    return _values(tf, lambda s: tf.train.cosine_decay_restarts(0.1, s, 10))


@case
def restarts_equal_periods(tf):
    return _values(tf, lambda s: tf.train.cosine_decay_restarts(0.5, s, 7, t_mul=1.0, m_mul=0.8, alpha=0.05))


@case
def restarts_geometric_m_mul(tf):
    return _values(tf, lambda s: tf.train.cosine_decay_restarts(1.0, s, 10, t_mul=3.0, m_mul=0.5, alpha=0.1))


@case
def restarts_fractional_t_mul(tf):
    return _values(tf, lambda s: tf.train.cosine_decay_restarts(1.0, s, 20, t_mul=1.5, m_mul=0.9))


@case
def restarts_float64_int64_step(tf):
    return _values(tf, lambda s: tf.train.cosine_decay_restarts(tf.constant(0.2, tf.float64), s, 5, name="sgdr"),
                   dtype=tf.int64)


@case
def restarts_ops(tf):
    step = tf.train.get_or_create_global_step()
    lr = tf.train.cosine_decay_restarts(0.1, step, 100, t_mul=2.0, m_mul=0.5, alpha=0.01)
    lr2 = tf.train.cosine_decay_restarts(0.1, step, 100, name="lr")
    return [lr.name, lr2.name, [s for s in op_summary(tf.get_default_graph()) if not s[0].startswith("global_step")]]


@case
def restarts_with_global_step_variable(tf):
    step = tf.train.get_or_create_global_step()
    lr = tf.train.cosine_decay_restarts(1.0, step, 3, t_mul=2.0)
    inc = tf.assign_add(step, 1)
    seen = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(25):
            seen.append(sess.run(lr))
            sess.run(inc)
    return seen


@case
def restarts_tensor_arguments(tf):
    first = tf.constant(8)
    return _values(tf, lambda s: tf.train.cosine_decay_restarts(tf.constant(0.3), s, first, t_mul=tf.constant(1.0),
                                                                m_mul=tf.constant(0.7)))


@case
def restarts_no_global_step(tf):
    return raises(lambda: tf.train.cosine_decay_restarts(0.1, None, 10))


@case
def restarts_int_learning_rate(tf):
    return raises(lambda: tf.train.cosine_decay_restarts(1, tf.constant(3), 10).name)


def _noisy_parts(tf, **kwargs):
    step = tf.placeholder(tf.int32, [], name="step")
    lr = tf.train.noisy_linear_cosine_decay(0.1, step, 20, **kwargs)
    graph = tf.get_default_graph()
    std = graph.get_tensor_by_name("NoisyLinearCosineDecay/Sqrt:0")
    linear = graph.get_tensor_by_name("NoisyLinearCosineDecay/truediv:0")
    cosine = graph.get_tensor_by_name("NoisyLinearCosineDecay/mul_2:0")
    out = {"name": lr.name, "dtype": lr.dtype.name, "shape": lr.shape.as_list(), "steps": []}
    with tf.Session() as sess:
        for s in (0, 1, 4, 10, 19, 20, 25, 100):
            st, li, co = sess.run([std, linear, cosine], {step: s})
            out["steps"].append([s, st, li, co])
        # past decay_steps the cosine factor is 0 (half a period): the noise drops out
        out["after"] = [sess.run(lr, {step: s}) for s in (20, 21, 50)]
        samples = [sess.run(lr, {step: 5}) for _ in range(200)]
    beta = kwargs.get("beta", 0.001)
    alpha = kwargs.get("alpha", 0.0)
    # lr = 0.1 * ((alpha + linear + noise) * cosine + beta), noise ~ N(0, std): within 6 std
    st, li, co = out["steps"][0][1], None, None
    with tf.Session() as sess:
        st, li, co = sess.run([std, linear, cosine], {step: 5})
    centre = 0.1 * ((alpha + li) * co + beta)
    spread = 0.1 * 6 * st * abs(co)
    out["in_range"] = all(abs(v - centre) <= spread for v in samples)
    out["varies"] = len({float(v) for v in samples}) > 100
    return out


@case
def noisy_deterministic_parts(tf):
    return _noisy_parts(tf)


@case
def noisy_deterministic_parts_options(tf):
    return _noisy_parts(tf, initial_variance=0.5, variance_decay=0.3, num_periods=0.5, alpha=0.2, beta=0.01)


@case
def noisy_ops(tf):
    step = tf.train.get_or_create_global_step()
    lr = tf.train.noisy_linear_cosine_decay(0.1, step, 100, name="noisy")
    lr2 = tf.train.noisy_linear_cosine_decay(0.1, step, 100)
    return [lr.name, lr2.name, [s for s in op_summary(tf.get_default_graph()) if not s[0].startswith("global_step")]]


@case
def noisy_float64(tf):
    # random_normal's stddev is float32 by default: TF refuses a float64 learning rate
    return raises(lambda: tf.train.noisy_linear_cosine_decay(tf.constant(0.1, tf.float64), tf.constant(3), 10))


@case
def noisy_no_global_step(tf):
    return raises(lambda: tf.train.noisy_linear_cosine_decay(0.1, None, 10))

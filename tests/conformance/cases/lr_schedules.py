"""Conformance cases for ``tf.train`` learning-rate schedules: values at several steps (the
step fed, or a global step variable assigned), op names, and errors."""

from tests.conformance.harness import case, op_summary, raises

STEPS = [0, 1, 5, 10, 15, 25, 100]


def _values(tf, build, dtype=None, steps=STEPS):
    step = tf.placeholder(dtype or tf.int32, [], name="step")
    lr = build(step)
    with tf.Session() as sess:
        values = [sess.run(lr, {step: s}) for s in steps]
    return {"name": lr.name, "dtype": lr.dtype.name, "shape": lr.shape.as_list(), "values": values}


def _ops(tf, build):
    step = tf.train.get_or_create_global_step()
    lr = build(step)
    return [lr.name, [s for s in op_summary(tf.get_default_graph()) if not s[0].startswith("global_step")]]


@case
def exponential_decay_values(tf):
    return _values(tf, lambda s: tf.train.exponential_decay(0.1, s, 10, 0.5))


@case
def exponential_decay_staircase_values(tf):
    return _values(tf, lambda s: tf.train.exponential_decay(0.1, s, 10, 0.5, staircase=True))


@case
def exponential_decay_ops(tf):
    return _ops(tf, lambda s: tf.train.exponential_decay(0.1, s, 10, 0.96, staircase=True))


@case
def exponential_decay_named_float64(tf):
    out = _values(tf, lambda s: tf.train.exponential_decay(tf.constant(0.2, tf.float64), s, 4, 0.9, name="lr"),
                  dtype=tf.int64)
    out["ops"] = [n for n, _ in op_summary(tf.get_default_graph())]
    return out


@case
def exponential_decay_with_global_step_variable(tf):
    step = tf.train.get_or_create_global_step()
    lr = tf.train.exponential_decay(1.0, step, 2, 0.5, staircase=True)
    inc = tf.assign_add(step, 1)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        seen = []
        for _ in range(5):
            seen.append(sess.run(lr))
            sess.run(inc)
    return seen


@case
def natural_exp_decay_values(tf):
    return _values(tf, lambda s: tf.train.natural_exp_decay(0.1, s, 5, 0.5))


@case
def natural_exp_decay_staircase_ops(tf):
    out = _ops(tf, lambda s: tf.train.natural_exp_decay(0.1, s, 5, 0.5, staircase=True))
    return out


@case
def inverse_time_decay_values(tf):
    return _values(tf, lambda s: tf.train.inverse_time_decay(0.1, s, 10, 0.5))


@case
def inverse_time_decay_staircase_values(tf):
    return _values(tf, lambda s: tf.train.inverse_time_decay(0.1, s, 10, 0.5, staircase=True))


@case
def inverse_time_decay_ops(tf):
    return _ops(tf, lambda s: tf.train.inverse_time_decay(0.1, s, 10, 0.5))


@case
def polynomial_decay_values(tf):
    return _values(tf, lambda s: tf.train.polynomial_decay(0.1, s, 20, end_learning_rate=0.01))


@case
def polynomial_decay_power_values(tf):
    return _values(tf, lambda s: tf.train.polynomial_decay(0.1, s, 20, end_learning_rate=0.0, power=2.0))


@case
def polynomial_decay_cycle_values(tf):
    return _values(tf, lambda s: tf.train.polynomial_decay(0.1, s, 10, end_learning_rate=0.02, power=0.5,
                                                           cycle=True))


@case
def polynomial_decay_ops(tf):
    return _ops(tf, lambda s: tf.train.polynomial_decay(0.1, s, 20))


@case
def polynomial_decay_cycle_ops(tf):
    return _ops(tf, lambda s: tf.train.polynomial_decay(0.1, s, 20, cycle=True))


@case
def cosine_decay_values(tf):
    return _values(tf, lambda s: tf.train.cosine_decay(0.1, s, 20))


@case
def cosine_decay_alpha_values(tf):
    return _values(tf, lambda s: tf.train.cosine_decay(0.1, s, 20, alpha=0.1))


@case
def cosine_decay_ops(tf):
    return _ops(tf, lambda s: tf.train.cosine_decay(0.1, s, 20, alpha=0.1))


@case
def linear_cosine_decay_values(tf):
    return _values(tf, lambda s: tf.train.linear_cosine_decay(0.1, s, 20, num_periods=1.0, alpha=0.1))


@case
def linear_cosine_decay_ops(tf):
    return _ops(tf, lambda s: tf.train.linear_cosine_decay(0.1, s, 20))


@case
def piecewise_constant_values(tf):
    out = _values(tf, lambda s: tf.train.piecewise_constant(s, [5, 15], [1.0, 0.5, 0.1]))
    del out["name"]  # checked with the ops by piecewise_constant_ops
    return out


@case
def piecewise_constant_ops(tf):
    """TF builds a ``tf.case`` of the pieces (``PiecewiseConstant/case/cond/Merge``)."""
    return _ops(tf, lambda s: tf.train.piecewise_constant(s, [5, 15], [1.0, 0.5, 0.1]))


@case
def piecewise_constant_int64_step(tf):
    out = _values(tf, lambda s: tf.train.piecewise_constant(s, [10], [0.3, 0.03]), dtype=tf.int64)
    del out["name"]
    return out


@case
def piecewise_constant_float_boundaries(tf):
    out = _values(tf, lambda s: tf.train.piecewise_constant(s, [2.5, 7.5, 12.5], [4.0, 3.0, 2.0, 1.0]),
                  dtype=tf.float32, steps=[0.0, 2.5, 2.6, 7.5, 10.0, 12.5, 13.0])
    del out["name"]
    return out


@case
def piecewise_constant_alias(tf):
    out = _values(tf, lambda s: tf.train.piecewise_constant_decay(s, [3], [1.0, 2.0]), steps=[2, 3, 4])
    del out["name"]
    return out


@case
def piecewise_constant_boundary_dtype_error(tf):
    step = tf.placeholder(tf.int32, [])
    return raises(tf.train.piecewise_constant, step, [1.5], [1.0, 2.0])


@case
def piecewise_constant_values_dtype_error(tf):
    step = tf.placeholder(tf.int32, [])
    return raises(tf.train.piecewise_constant, step, [1], [1.0, 2])


@case
def piecewise_constant_length_error(tf):
    step = tf.placeholder(tf.int32, [])
    return raises(tf.train.piecewise_constant, step, [1, 2], [1.0, 2.0])


@case
def decayed_lr_drives_optimizer(tf):
    step = tf.train.get_or_create_global_step()
    w = tf.Variable([1.0, -1.0], name="w")
    lr = tf.train.exponential_decay(0.5, step, 1, 0.5)
    train = tf.train.GradientDescentOptimizer(lr).minimize(tf.reduce_sum(w * w), global_step=step)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        seen = []
        for _ in range(3):
            seen.append([sess.run(lr), sess.run(w)])
            sess.run(train)
        seen.append([sess.run(lr), sess.run(w), sess.run(step)])
    return seen

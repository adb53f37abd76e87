"""``assign_moving_average`` (TF exports it in no ``compat.v1`` namespace: TF1 programs import
``tensorflow.python.training.moving_averages``)."""

from tests.conformance.harness import case


def _module(tf):
    if tf.__name__.split(".")[0] == "scopeflow":
        from scopeflow._src.training import moving_averages
    else:
        from tensorflow.python.training import moving_averages
    return moving_averages


def _ops(tf):
    return [[op.name, op.type, [t.name for t in op.inputs]] for op in tf.get_default_graph().get_operations()]


@case
def assign_moving_average_plain(tf):
    avg = tf.Variable([0.0, 0.0], name="avg", trainable=False)
    x = tf.placeholder(tf.float32, [2], name="x")
    update = _module(tf).assign_moving_average(avg, x, 0.9, zero_debias=False)
    vals = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(4):
            vals.append(sess.run(update, {x: [1.0 + i, -2.0 * i]}))
    return {"update": update.name, "ops": _ops(tf), "values": vals}


@case
def assign_moving_average_zero_debias(tf):
    with tf.variable_scope("scope1"):
        with tf.variable_scope("scope2"):
            avg = tf.get_variable("foo", shape=[2], initializer=tf.zeros_initializer(), trainable=False)
    x = tf.placeholder(tf.float32, [2], name="x")
    m = _module(tf)
    update = m.assign_moving_average(avg, x, 0.8)
    update2 = m.assign_moving_average(avg, x, 0.5, name="second")
    vals = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(3):
            vals.append(sess.run([update, update2], {x: [1.0 + i, 4.0]}))
    return {"update": [update.name, update2.name], "global": [v.name for v in tf.global_variables()],
            "ops": _ops(tf), "values": vals}


@case
def assign_moving_average_tensor_decay_float64(tf):
    avg = tf.Variable([1.0, 2.0], dtype=tf.float64, name="avg")
    decay = tf.placeholder(tf.float32, [], name="decay")
    update = _module(tf).assign_moving_average(avg, tf.constant([3.0, 3.0], tf.float64), decay, zero_debias=False,
                                                name="ma")
    vals = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for d in (0.5, 0.9, 0.0):
            vals.append(sess.run(update, {decay: d}))
    return {"update": update.name, "ops": _ops(tf), "values": vals}


@case
def batch_norm_style_moving_mean(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    mean, variance = tf.nn.moments(x, [0])
    moving_mean = tf.get_variable("moving_mean", [3], initializer=tf.zeros_initializer(), trainable=False)
    moving_var = tf.get_variable("moving_variance", [3], initializer=tf.ones_initializer(), trainable=False)
    m = _module(tf)
    upd_mean = m.assign_moving_average(moving_mean, mean, 0.9, zero_debias=False)
    upd_var = m.assign_moving_average(moving_var, variance, 0.9, zero_debias=False)
    batches = [[[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]], [[0.0, 5.0, 1.0], [2.0, -1.0, 1.0]]]
    vals = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for batch in batches:
            vals.append(sess.run([upd_mean, upd_var], {x: batch}))
    return {"names": [upd_mean.name, upd_var.name], "values": vals}

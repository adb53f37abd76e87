"""``tf.train.ExponentialMovingAverage``: names, graphs, values and errors."""

from tests.conformance.harness import case, raises


def _graph_ops(tf, skip_conds=True):
    """[name, type, inputs, colocation] of every op, leaving out the ``cond`` that reads a
    variable's initialized value (TF also rewrites it into the shadow's initializer)."""
    out = []
    for op in tf.get_default_graph().get_operations():
        if skip_conds and ("cond" in op.name.split("/")[0] or "/cond/" in op.name or op.name.endswith(
                "/IsVariableInitialized") or op.name.startswith("IsVariableInitialized")):
            continue
        if skip_conds and op.name.endswith("ExponentialMovingAverage/Assign"):
            out.append([op.name, op.type, [op.inputs[0].name], op.colocation_groups()])
            continue
        out.append([op.name, op.type, [t.name for t in op.inputs], op.colocation_groups()])
    return out


def _steps(tf, ema, update, variables, changes, steps=4, extra=()):
    """Values of every shadow after each of ``steps`` rounds of (``changes``, ``update``)."""
    out = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out.append(sess.run([ema.average(v) for v in variables]))
        for _ in range(steps):
            sess.run(changes)
            sess.run(update)
            for op in extra:
                sess.run(op)
            out.append(sess.run([ema.average(v) for v in variables]))
    return out


@case
def shadow_names_and_collections(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    b = tf.Variable(3.0, name="b")
    ema = tf.train.ExponentialMovingAverage(0.9)
    before = [ema.average_name(w), ema.average_name(b), ema.average(w)]
    update = ema.apply([w, b])
    return {
        "before": before,
        "update": [update.name, update.type],
        "shadows": [ema.average(w).name, ema.average(b).name],
        "after": [ema.average_name(w), ema.average_name(b)],
        "name": ema.name,
        "global": [v.name for v in tf.global_variables()],
        "trainable": [v.name for v in tf.trainable_variables()],
        "moving": [v.name for v in tf.moving_average_variables()],
        "shapes": [ema.average(w).get_shape().as_list(), ema.average(b).get_shape().as_list()],
        "dtypes": [ema.average(w).dtype.name, ema.average(b).dtype.name],
    }


@case
def update_graph(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    b = tf.Variable(3.0, name="b")
    ema = tf.train.ExponentialMovingAverage(0.9)
    ema.apply([w, b])
    return _graph_ops(tf)


@case
def update_graph_num_updates_and_zero_debias(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    step = tf.Variable(0, name="step", trainable=False)
    t = tf.identity(w * 2, name="t")
    ema = tf.train.ExponentialMovingAverage(0.9, num_updates=step, zero_debias=True)
    ema.apply([w, t])
    return _graph_ops(tf)


@case
def update_graph_tensor_without_debias(tf):
    x = tf.placeholder(tf.float32, [3], name="x")
    y = tf.square(x, name="y")
    ema = tf.train.ExponentialMovingAverage(0.5)
    ema.apply([y])
    return _graph_ops(tf)


@case
def values_plain_decay(tf):
    w = tf.Variable([1.0, -2.0, 0.5], name="w")
    b = tf.Variable(3.0, name="b")
    ema = tf.train.ExponentialMovingAverage(0.8)
    update = ema.apply([w, b])
    changes = [tf.assign(w, w * 1.5 + 1.0), tf.assign_add(b, -0.5)]
    return _steps(tf, ema, update, [w, b], changes)


@case
def values_num_updates(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    step = tf.Variable(0, name="step", trainable=False)
    ema = tf.train.ExponentialMovingAverage(0.99, num_updates=step)
    update = ema.apply([w])
    return _steps(tf, ema, update, [w], [tf.assign(w, w * 2.0 - 0.5)], extra=[tf.assign_add(step, 3)])


@case
def values_python_num_updates(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    ema = tf.train.ExponentialMovingAverage(0.99, num_updates=5)
    update = ema.apply([w])
    ops = [[op.name, op.type] for op in tf.get_default_graph().get_operations()
           if op.name.startswith("ExponentialMovingAverage/")]
    return {"ops": ops, "values": _steps(tf, ema, update, [w], [tf.assign(w, w + 1.0)], steps=3)}


@case
def values_tensor_zero_debias(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    t = tf.identity(w * 2.0, name="t")
    ema = tf.train.ExponentialMovingAverage(0.7, zero_debias=True)
    update = ema.apply([t])
    out = _steps(tf, ema, update, [t], [tf.assign(w, w + 1.0)])
    return {"values": out, "global": [v.name for v in tf.global_variables()],
            "moving": [v.name for v in tf.moving_average_variables()]}


@case
def values_tensor_no_debias(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    t = tf.identity(w * 2.0, name="t")
    ema = tf.train.ExponentialMovingAverage(0.7)
    update = ema.apply([t])
    return _steps(tf, ema, update, [t], [tf.assign(w, w + 1.0)])


@case
def values_decay_tensor_and_variable(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    decay = tf.Variable(0.5, name="decay", trainable=False)
    ema = tf.train.ExponentialMovingAverage(decay)
    update = ema.apply([w])
    return _steps(tf, ema, update, [w], [tf.assign(w, w * 3.0), tf.assign_add(decay, 0.1)])


@case
def values_float64_and_float16(tf):
    a = tf.Variable([1.0, 2.0], dtype=tf.float64, name="a")
    h = tf.Variable([1.0, 2.0], dtype=tf.float16, name="h")
    ema = tf.train.ExponentialMovingAverage(0.9)
    update = ema.apply([a, h])
    ops = [[op.name, op.type] for op in tf.get_default_graph().get_operations()
           if op.name.startswith("ExponentialMovingAverage/")]
    return {"ops": ops, "dtypes": [ema.average(a).dtype.name, ema.average(h).dtype.name],
            "values": _steps(tf, ema, update, [a, h], [tf.assign(a, a * 2.0), tf.assign(h, h + 1.0)])}


@case
def shadow_starts_at_the_initial_value(tf):
    w = tf.Variable(tf.constant([[1.0, 2.0], [3.0, 4.0]]) * 2.0, name="w")
    ema = tf.train.ExponentialMovingAverage(0.9)
    ema.apply([w])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(ema.average(w))


@case
def shadow_starts_at_the_current_value(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    ema = tf.train.ExponentialMovingAverage(0.9)
    ema.apply([w])
    with tf.Session() as sess:
        sess.run(w.initializer)
        sess.run(tf.assign(w, [5.0, 6.0]))
        sess.run(ema.average(w).initializer)
        return sess.run(ema.average(w))


@case
def apply_twice(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    b = tf.Variable(3.0, name="b")
    ema = tf.train.ExponentialMovingAverage(0.5)
    first = ema.apply([w])
    second = ema.apply([w, b])
    out = _steps(tf, ema, second, [w, b], [tf.assign(w, w + 1.0)], steps=2)
    return {"ops": [first.name, second.name], "shadows": [ema.average(w).name, ema.average(b).name],
            "global": [v.name for v in tf.global_variables()], "values": out}


@case
def apply_default_var_list(tf):
    tf.Variable([1.0, 2.0], name="w")
    tf.Variable(7.0, name="frozen", trainable=False)
    ema = tf.train.ExponentialMovingAverage(0.5)
    ema.apply()
    return [v.name for v in tf.global_variables()]


@case
def apply_inside_scopes(tf):
    with tf.variable_scope("model"):
        w = tf.get_variable("w", initializer=tf.constant([1.0, 2.0]))
        t = tf.identity(w * 3.0, name="t")
    with tf.name_scope("train"):
        ema = tf.train.ExponentialMovingAverage(0.5, zero_debias=True, name="avg")
        update = ema.apply([w, t])
    with tf.variable_scope("outer"):
        ema2 = tf.train.ExponentialMovingAverage(0.5, zero_debias=True)
        update2 = ema2.apply([t])
    return {"update": [update.name, update2.name], "shadows": [ema.average(w).name, ema.average(t).name,
                                                               ema2.average(t).name],
            "global": [v.name for v in tf.global_variables()],
            "values": _steps(tf, ema, update, [w, t], [tf.assign(w, w - 1.0)], steps=2)}


@case
def apply_under_control_dependencies(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    loss = tf.reduce_sum(w * w)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    ema = tf.train.ExponentialMovingAverage(0.5)
    with tf.control_dependencies([train]):
        step = ema.apply([w])
    shadow = ema.average(w)
    out = {"control": [[op.name, sorted(c.name for c in op.control_inputs)]
                       for op in tf.get_default_graph().get_operations()
                       if op.name.startswith(("w/ExponentialMovingAverage", "ExponentialMovingAverage"))
                       and op.control_inputs]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        vals = []
        for _ in range(3):
            sess.run(step)
            vals.append(sess.run([w, shadow]))
    out["values"] = vals
    return out


@case
def average_of_unknown_variable_is_none(tf):
    w = tf.Variable(1.0, name="w")
    v = tf.Variable(2.0, name="v")
    ema = tf.train.ExponentialMovingAverage(0.5)
    ema.apply([w])
    return [ema.average(v) is None, ema.average_name(v)]


@case
def average_name_is_unique_in_the_graph(tf):
    w = tf.Variable(1.0, name="w")
    tf.constant(0.0, name="w/ExponentialMovingAverage")
    ema = tf.train.ExponentialMovingAverage(0.5)
    before = ema.average_name(w)
    ema.apply([w])
    return [before, ema.average_name(w), ema.average(w).name]


@case
def variables_to_restore(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    tf.Variable(3.0, name="b")
    tf.Variable(0, name="global_step", trainable=False)
    ema = tf.train.ExponentialMovingAverage(0.9)
    ema.apply([w])
    full = ema.variables_to_restore()
    only_w = ema.variables_to_restore([w])
    return {"default": sorted([k, v.name] for k, v in full.items()),
            "only_w": sorted([k, v.name] for k, v in only_w.items())}


@case
def variables_to_restore_before_apply(tf):
    tf.Variable([1.0, 2.0], name="w")
    ema = tf.train.ExponentialMovingAverage(0.9, name="Avg")
    return sorted([k, v.name] for k, v in ema.variables_to_restore().items())


@case
def restore_from_averages_with_saver(tf):
    import os
    import tempfile

    w = tf.Variable([1.0, 2.0], name="w")
    ema = tf.train.ExponentialMovingAverage(0.5)
    update = ema.apply([w])
    saver = tf.train.Saver()
    with tempfile.TemporaryDirectory() as tmp, tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(tf.assign(w, [3.0, 6.0]))
        sess.run(update)
        path = saver.save(sess, os.path.join(tmp, "model"))
        restorer = tf.train.Saver(ema.variables_to_restore())
        sess.run(tf.assign(w, [0.0, 0.0]))
        restorer.restore(sess, path)
        return sess.run(w)


@case
def integer_variable_is_refused(tf):
    i = tf.Variable(1, name="i")
    ema = tf.train.ExponentialMovingAverage(0.5)
    return raises(ema.apply, [i])


@case
def integer_tensor_is_refused(tf):
    i = tf.constant([1, 2], name="i")
    ema = tf.train.ExponentialMovingAverage(0.5)
    return raises(ema.apply, [i])


@case
def name_attribute(tf):
    ema = tf.train.ExponentialMovingAverage(0.5, name="Smooth")
    w = tf.Variable(1.0, name="w")
    update = ema.apply([w])
    return [ema.name, update.name, ema.average(w).name, ema.average_name(w)]

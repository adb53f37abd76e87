"""Conformance cases for ``tf.train`` optimizers: update values step by step, slot names and
initializers, the update graph's op names, global step, var_list, variable scopes, shared
variables, gating, and TF's errors.

Every case trains the same small least-squares problem from constant initial values, so the
values are deterministic.
"""

import numpy as np

from tests.conformance.harness import case, op_summary, raises

X = [[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]]
Y = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
W0 = [[0.5, -0.3], [0.2, 0.8]]
B0 = [0.1, -0.2]


def _model(tf, dtype=None, scope=None):
    dtype = dtype or tf.float32
    w = tf.get_variable("w", initializer=tf.constant(W0, dtype=dtype))
    b = tf.get_variable("b", initializer=tf.constant(B0, dtype=dtype))
    pred = tf.matmul(tf.constant(X, dtype=dtype), w) + b
    loss = tf.reduce_mean(tf.square(pred - tf.constant(Y, dtype=dtype)))
    return w, b, loss


def _train(tf, opt, steps=3, dtype=None, fetch_slots=True):
    """Values of w and b after each step, and every slot after the last one."""
    w, b, loss = _model(tf, dtype)
    train = opt.minimize(loss)
    out = {"w": [], "b": [], "loss": []}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            out["loss"].append(sess.run(loss))
            sess.run(train)
            out["w"].append(sess.run(w))
            out["b"].append(sess.run(b))
        if fetch_slots:
            out["slots"] = {f"{name}:{v.op.name}": sess.run(opt.get_slot(v, name))
                            for name in opt.get_slot_names() for v in (w, b)}
            out["variables"] = {v.name: sess.run(v) for v in opt.variables()}
    return out


def _names(tf, opt):
    w, b, loss = _model(tf)
    opt.minimize(loss)
    return {
        "slot_names": opt.get_slot_names(),
        "slots": [[name, opt.get_slot(v, name).name] for name in opt.get_slot_names() for v in (w, b)],
        "variables": [v.name for v in opt.variables()],
        "global": [v.name for v in tf.global_variables()],
        "trainable": [v.name for v in tf.trainable_variables()],
        "name": opt.get_name(),
    }


def _update_ops(tf, opt, **kwargs):
    """[name, type, inputs, control inputs] of every op outside the gradients/ scope."""
    _, _, loss = _model(tf)
    train = opt.minimize(loss, **kwargs)
    ops = [[op.name, op.type, [t.name for t in op.inputs], sorted(c.name for c in op.control_inputs)]
           for op in tf.get_default_graph().get_operations() if not op.name.startswith("gradients/")]
    return [train.name, train.type, ops]


OPTIMIZERS = {
    "gd": lambda tf: tf.train.GradientDescentOptimizer(0.1),
    "momentum": lambda tf: tf.train.MomentumOptimizer(0.1, momentum=0.9),
    "nesterov": lambda tf: tf.train.MomentumOptimizer(0.1, momentum=0.9, use_nesterov=True),
    "adam": lambda tf: tf.train.AdamOptimizer(0.1),
    "adagrad": lambda tf: tf.train.AdagradOptimizer(0.3),
    "rmsprop": lambda tf: tf.train.RMSPropOptimizer(0.05),
    "rmsprop_momentum": lambda tf: tf.train.RMSPropOptimizer(0.05, decay=0.8, momentum=0.5, epsilon=1e-6),
    "rmsprop_centered": lambda tf: tf.train.RMSPropOptimizer(0.05, momentum=0.5, centered=True),
    "adadelta": lambda tf: tf.train.AdadeltaOptimizer(1.0, rho=0.9, epsilon=1e-6),
    "proximal": lambda tf: tf.train.ProximalGradientDescentOptimizer(0.1, l1_regularization_strength=0.05,
                                                                      l2_regularization_strength=0.1),
}


def _register(kind, make):
    def steps(tf):
        return _train(tf, make(tf))

    def names(tf):
        return _names(tf, make(tf))

    def ops(tf):
        return _update_ops(tf, make(tf))

    for suffix, fn in (("steps", steps), ("names", names), ("ops", ops)):
        fn.__name__ = f"{kind}_{suffix}"
        fn.__module__ = __name__
        case(fn)


for _kind, _make in OPTIMIZERS.items():
    _register(_kind, _make)


# -- more values ----------------------------------------------------------------------------
@case
def proximal_l1_only_steps(tf):
    return _train(tf, tf.train.ProximalGradientDescentOptimizer(0.2, l1_regularization_strength=0.3))


@case
def adam_custom_hyperparameters_steps(tf):
    return _train(tf, tf.train.AdamOptimizer(0.05, beta1=0.5, beta2=0.9, epsilon=0.1), steps=4)


@case
def adam_float64_steps_and_casts(tf):
    opt = tf.train.AdamOptimizer(0.1)
    out = _train(tf, opt, dtype=tf.float64)
    out["casts"] = [op.name for op in tf.get_default_graph().get_operations() if op.type == "Cast"]
    return out


@case
def gd_float64_steps(tf):
    return _train(tf, tf.train.GradientDescentOptimizer(0.1), dtype=tf.float64)


@case
def adagrad_initial_accumulator_steps(tf):
    return _train(tf, tf.train.AdagradOptimizer(0.5, initial_accumulator_value=1.5))


@case
def momentum_learning_rate_tensor(tf):
    lr = tf.placeholder(tf.float32, [], name="lr")
    w, b, loss = _model(tf)
    train = tf.train.MomentumOptimizer(lr, 0.5).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train, {lr: 0.1})
        sess.run(train, {lr: 0.01})
        return [sess.run(w), sess.run(b), train.control_inputs[0].inputs[2].name]


@case
def adam_learning_rate_callable(tf):
    w, b, loss = _model(tf)
    train = tf.train.AdamOptimizer(lambda: tf.constant(0.2, name="my_lr")).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        return [sess.run(w), [op.name for op in tf.get_default_graph().get_operations() if "my_lr" in op.name]]


@case
def adam_bias_correction_powers(tf):
    opt = tf.train.AdamOptimizer(0.1, beta1=0.8, beta2=0.95)
    w, b, loss = _model(tf)
    train = opt.minimize(loss)
    powers = [v for v in opt.variables() if "power" in v.name]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        seen = [sess.run(powers)]
        for _ in range(2):
            sess.run(train)
            seen.append(sess.run(powers))
    return [[p.name for p in powers], seen]


# -- names and structure ---------------------------------------------------------------------
@case
def adam_in_variable_scope(tf):
    with tf.variable_scope("outer"):
        w, b, loss = _model(tf)
        opt = tf.train.AdamOptimizer(0.1)
        train = opt.minimize(loss)
    return [train.name, [v.name for v in opt.variables()], opt.get_slot(w, "m").name,
            [op.name for op in tf.get_default_graph().get_operations() if "Adam" in op.name or "power" in op.name]]


@case
def momentum_in_nested_scopes(tf):
    with tf.variable_scope("model"):
        w, b, loss = _model(tf)
    with tf.variable_scope("train"), tf.name_scope("opt"):
        opt = tf.train.MomentumOptimizer(0.1, 0.9)
        train = opt.minimize(loss)
    return [train.name, opt.get_slot(w, "momentum").name, opt.get_slot(b, "momentum").name,
            [v.name for v in tf.global_variables()]]


@case
def minimize_with_global_step(tf):
    step = tf.train.get_or_create_global_step()
    w, b, loss = _model(tf)
    train = tf.train.AdamOptimizer(0.1).minimize(loss, global_step=step)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train)
        value = sess.run(step)
    ops = [[op.name, op.type, sorted(c.name for c in op.control_inputs)]
           for op in tf.get_default_graph().get_operations() if op.name.startswith("Adam")]
    return [train.name, train.type, int(value), ops]


@case
def minimize_with_global_step_variable_int32(tf):
    step = tf.Variable(5, name="my_step", trainable=False)
    w, b, loss = _model(tf)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=step, name="train")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        sess.run(train)
        return [train.name, train.type, sess.run(step), [i.name for i in train.inputs]]


@case
def minimize_var_list(tf):
    w, b, loss = _model(tf)
    opt = tf.train.AdamOptimizer(0.1)
    train = opt.minimize(loss, var_list=[b])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        return [sess.run(w), sess.run(b), [v.name for v in opt.variables()], opt.get_slot(w, "m") is None]


@case
def minimize_var_list_tuple_and_name(tf):
    w, b, loss = _model(tf)
    train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss, var_list=(w,), name="step")
    return [train.name, [op.name for op in tf.get_default_graph().get_operations() if op.name.startswith("step")]]


@case
def compute_gradients_pairs(tf):
    w, b, loss = _model(tf)
    other = tf.get_variable("unused", initializer=tf.constant(1.0))
    opt = tf.train.GradientDescentOptimizer(0.1)
    gv = opt.compute_gradients(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run([g for g, _ in gv if g is not None])
    return [[None if g is None else g.name, v.name] for g, v in gv] + [values, other.name]


@case
def compute_gradients_gate_none(tf):
    w, b, loss = _model(tf)
    gv = tf.train.GradientDescentOptimizer(0.1).compute_gradients(loss, gate_gradients=0)
    return [[g.name for g, _ in gv], sorted(op.name for op in tf.get_default_graph().get_operations()
                                             if "tuple" in op.name)]


@case
def compute_gradients_gate_graph(tf):
    w, b, loss = _model(tf)
    gv = tf.train.GradientDescentOptimizer(0.1).compute_gradients(loss, gate_gradients=2)
    return [[g.name for g, _ in gv], [op.name for op in tf.get_default_graph().get_operations()
                                      if op.name.startswith("tuple")]]


@case
def compute_gradients_grad_loss(tf):
    w, b, loss = _model(tf)
    gv = tf.train.GradientDescentOptimizer(0.1).compute_gradients(loss, grad_loss=tf.constant(3.0))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([g for g, _ in gv])


@case
def apply_gradients_clipped(tf):
    w, b, loss = _model(tf)
    opt = tf.train.AdamOptimizer(0.1)
    grads, variables = zip(*opt.compute_gradients(loss))
    clipped, norm = tf.clip_by_global_norm(grads, 0.5)
    train = opt.apply_gradients(zip(clipped, variables), name="apply")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        n = sess.run(norm)
        sess.run(train)
        return [train.name, n, sess.run(w), sess.run(b)]


@case
def apply_gradients_skips_none(tf):
    w, b, loss = _model(tf)
    opt = tf.train.MomentumOptimizer(0.1, 0.9)
    g = tf.gradients(loss, b)[0]
    train = opt.apply_gradients([(None, w), (g, b)])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        return [sess.run(w), sess.run(b), opt.get_slot(w, "momentum") is None,
                [op.name for op in tf.get_default_graph().get_operations() if op.name.startswith("Momentum")]]


@case
def apply_gradients_manual_constant(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    opt = tf.train.RMSPropOptimizer(0.1)
    train = opt.apply_gradients([(tf.constant([0.5, -1.0]), v)])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        sess.run(train)
        return [sess.run(v), sess.run(opt.get_slot(v, "rms")), sess.run(opt.get_slot(v, "momentum"))]


@case
def minimize_twice_same_optimizer(tf):
    w, b, loss = _model(tf)
    opt = tf.train.AdamOptimizer(0.1)
    t1 = opt.minimize(loss, var_list=[w])
    t2 = opt.minimize(loss * 2.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(t1)
        sess.run(t2)
        values = [sess.run(w), sess.run(b)]
    return [t1.name, t2.name, [v.name for v in opt.variables()], values]


@case
def two_optimizers_same_variables(tf):
    w, b, loss = _model(tf)
    a = tf.train.AdamOptimizer(0.1)
    m = tf.train.MomentumOptimizer(0.1, 0.9)
    ta = a.minimize(loss)
    tm = m.minimize(loss)
    b2 = tf.train.AdamOptimizer(0.2, name="Adam2")
    b2.minimize(loss)
    return [ta.name, tm.name, [v.name for v in a.variables()], [v.name for v in m.variables()],
            [v.name for v in b2.variables()]]


@case
def shared_variables_two_towers(tf):
    def tower(x):
        with tf.variable_scope("shared", reuse=tf.AUTO_REUSE):
            w = tf.get_variable("w", initializer=tf.constant([[1.0], [-1.0]]))
        return tf.matmul(x, w)

    a = tower(tf.constant([[1.0, 2.0]]))
    b = tower(tf.constant([[3.0, -1.0]]))
    loss = tf.reduce_sum(tf.square(a - b))
    opt = tf.train.GradientDescentOptimizer(0.05)
    gv = opt.compute_gradients(loss)
    train = opt.apply_gradients(gv)
    w = tf.trainable_variables()[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        g = sess.run(gv[0][0])
        sess.run(train)
        return [w.name, len(gv), gv[0][0].name, g, sess.run(w)]


@case
def shared_variables_two_towers_adam(tf):
    def tower(x, reuse):
        with tf.variable_scope("tower", reuse=reuse):
            w = tf.get_variable("w", initializer=tf.constant([[0.5, -0.5], [1.0, 0.25]]))
            return tf.reduce_sum(tf.square(tf.matmul(x, w)))

    loss = tower(tf.constant([[1.0, 2.0]]), False) + tower(tf.constant([[0.5, -1.0]]), True)
    opt = tf.train.AdamOptimizer(0.1)
    train = opt.minimize(loss)
    w = tf.trainable_variables()[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        sess.run(train)
        return [sess.run(w), [v.name for v in opt.variables()]]


@case
def train_op_collection(tf):
    w, b, loss = _model(tf)
    t1 = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    t2 = tf.train.AdamOptimizer(0.1).minimize(loss, global_step=tf.train.get_or_create_global_step())
    return [op.name for op in tf.get_collection(tf.GraphKeys.TRAIN_OP)] + [t1.name, t2.name]


@case
def slot_initializers_and_collections(tf):
    w, b, loss = _model(tf)
    for opt in (tf.train.AdamOptimizer(0.1), tf.train.RMSPropOptimizer(0.1), tf.train.AdagradOptimizer(0.1),
                tf.train.AdadeltaOptimizer(0.1), tf.train.MomentumOptimizer(0.1, 0.9)):
        opt.minimize(loss)
    inits = [[op.name, op.type] for op in tf.get_default_graph().get_operations() if "/Initializer/" in op.name]
    return [inits, [v.name for v in tf.global_variables()], [v.name for v in tf.trainable_variables()],
            [v.name for v in tf.get_collection(tf.GraphKeys.MODEL_VARIABLES)]]


@case
def adam_own_namescope_for_non_slot_vars(tf):
    opt = tf.train.AdamOptimizer(0.1, use_own_namescope_for_non_slot_vars=True)
    w, b, loss = _model(tf)
    opt.minimize(loss)
    return [v.name for v in opt.variables()]


@case
def use_locking_attr(tf):
    w, b, loss = _model(tf)
    tf.train.AdamOptimizer(0.1, use_locking=True).minimize(loss)
    tf.train.MomentumOptimizer(0.1, 0.9, use_locking=True, use_nesterov=True).minimize(loss)
    out = []
    for op in tf.get_default_graph().get_operations():
        if op.type in ("ApplyAdam", "ApplyMomentum") or op.type == "Assign" and op.name.startswith("Adam/"):
            attrs = {"use_locking": op.get_attr("use_locking")}
            if op.type != "Assign":
                attrs["use_nesterov"] = op.get_attr("use_nesterov")
            out.append([op.name, attrs])
    return out


@case
def variable_constraint_applied_after_update(tf):
    w = tf.get_variable("w", initializer=tf.constant([1.0, -2.0]), constraint=lambda v: tf.clip_by_value(v, -1.0, 1.0))
    loss = tf.reduce_sum(w * tf.constant([-3.0, 1.0]))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        return [sess.run(w), train.name,
                [op.name for op in tf.get_default_graph().get_operations() if op.name.startswith("GradientDescent")]]


@case
def fetch_train_op_and_loss_together(tf):
    w, b, loss = _model(tf)
    opt = tf.train.AdamOptimizer(0.1)
    train = opt.minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first = sess.run([loss, train])
        second = sess.run({"loss": loss, "train": train, "w": w})
    return [first, second]


@case
def batch_norm_update_ops(tf):
    x = tf.constant([[1.0, 2.0], [3.0, 6.0], [-1.0, 0.5], [0.0, 1.0]])
    y = tf.layers.batch_normalization(x, training=True, momentum=0.5)
    loss = tf.reduce_sum(tf.square(y - 1.0))
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    moving = [v for v in tf.global_variables() if "moving" in v.name]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        seen = []
        for _ in range(2):
            sess.run(train)
            seen.append(sess.run(moving))
        trained = sess.run(tf.trainable_variables())
    return [[op.name for op in update_ops], [v.name for v in moving], seen, trained,
            sorted(c.name for c in train.control_inputs)]


# -- global step -----------------------------------------------------------------------------
@case
def global_step_create(tf):
    step = tf.train.get_or_create_global_step()
    same = tf.train.get_or_create_global_step()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value = tf.train.global_step(sess, step)
    return [step.name, step.dtype.name, step.shape.as_list(), same is step, tf.train.get_global_step() is step,
            [v.name for v in tf.get_collection(tf.GraphKeys.GLOBAL_STEP)], [v.name for v in tf.global_variables()],
            tf.trainable_variables(), value, type(value).__name__,
            [[op.name, op.type] for op in tf.get_default_graph().get_operations()]]


@case
def global_step_in_scopes(tf):
    with tf.variable_scope("model"), tf.name_scope("ns"):
        step = tf.train.get_or_create_global_step()
    return [step.name, [op.name for op in tf.get_default_graph().get_operations()]]


@case
def global_step_create_twice_error(tf):
    tf.train.create_global_step()
    return raises(tf.train.create_global_step)


@case
def global_step_absent(tf):
    return [tf.train.get_global_step(), tf.get_collection(tf.GraphKeys.GLOBAL_STEP)]


@case
def global_step_found_by_name(tf):
    v = tf.Variable(3, name="global_step", dtype=tf.int64)
    return [tf.train.get_global_step() is v, tf.train.get_global_step().name]


@case
def global_step_float_error(tf):
    tf.Variable(0.0, name="global_step")
    return raises(tf.train.get_global_step)


@case
def global_step_not_scalar_error(tf):
    tf.add_to_collection(tf.GraphKeys.GLOBAL_STEP, tf.Variable([0, 1], name="steps"))
    return raises(tf.train.get_or_create_global_step)


@case
def global_step_other_graph(tf):
    g = tf.Graph()
    step = tf.train.get_or_create_global_step(g)
    return [step.graph is g, step.name, tf.train.get_global_step() is None, tf.train.get_global_step(g) is step]


# -- errors ----------------------------------------------------------------------------------
@case
def error_no_variables(tf):
    return raises(tf.train.GradientDescentOptimizer(0.1).minimize, tf.constant(1.0))


@case
def error_empty_var_list(tf):
    _model(tf)
    return raises(tf.train.AdamOptimizer(0.1).compute_gradients, tf.constant(1.0), var_list=[])


@case
def error_no_gradients(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    return raises(tf.train.GradientDescentOptimizer(0.1).minimize, tf.constant(1.0, name="loss"), var_list=[w])


@case
def error_integer_loss(tf):
    tf.Variable([1.0, 2.0], name="w")
    return raises(tf.train.AdamOptimizer(0.1).minimize, tf.reduce_sum(tf.constant([1, 2])))


@case
def error_integer_variable(tf):
    v = tf.Variable([1, 2], name="iv")
    x = tf.cast(v, tf.float32)
    gv = tf.train.AdamOptimizer(0.1).compute_gradients(tf.reduce_sum(x), var_list=[v])
    return [[g, var.name] for g, var in gv]


@case
def error_gate_gradients(tf):
    w, b, loss = _model(tf)
    return raises(tf.train.AdamOptimizer(0.1).minimize, loss, gate_gradients=5)


@case
def error_apply_empty(tf):
    return raises(tf.train.AdamOptimizer(0.1).apply_gradients, [])


@case
def error_apply_all_none(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    v = tf.Variable([1.0], name="v")
    return raises(tf.train.AdamOptimizer(0.1).apply_gradients, [(None, w), (None, v)])


@case
def error_apply_to_tensor(tf):
    t = tf.constant([1.0, 1.0], name="t")
    return error_class_and_text(tf.train.GradientDescentOptimizer(0.1).apply_gradients, [(tf.constant([1.0, 1.0]), t)])


def error_class_and_text(fn, *args):
    try:
        fn(*args)
    except Exception as exc:  # noqa: BLE001
        return [type(exc).__name__, exc.args[0]]
    return None


@case
def error_adagrad_initial_value(tf):
    return raises(tf.train.AdagradOptimizer, 0.1, initial_accumulator_value=0.0)


@case
def error_empty_name(tf):
    return raises(tf.train.Optimizer, False, "")


@case
def error_minimize_in_reuse_scope(tf):
    with tf.variable_scope("m"):
        w, b, loss = _model(tf)
    with tf.variable_scope("m", reuse=True):
        return raises(tf.train.AdamOptimizer(0.1).minimize, loss)


@case
def error_uninitialized_slot(tf):
    w, b, loss = _model(tf)
    opt = tf.train.MomentumOptimizer(0.1, 0.9)
    train = opt.minimize(loss, var_list=[w])
    with tf.Session() as sess:
        sess.run([w.initializer, b.initializer])
        try:
            sess.run(train)
        except tf.errors.FailedPreconditionError as exc:
            return ["FailedPreconditionError", [ln for ln in exc.message.splitlines() if ln.startswith("Attempting")]]
    return None


@case
def slot_names_before_minimize(tf):
    opt = tf.train.AdamOptimizer(0.1)
    w = tf.Variable(1.0, name="w")
    return [opt.get_slot_names(), opt.get_slot(w, "m"), opt.variables(), opt.get_name()]


@case
def minimize_aggregation_and_colocation_options(tf):
    w = tf.get_variable("w", initializer=tf.constant([1.0, -2.0]))
    loss = tf.reduce_sum(w * w) + tf.reduce_sum(w * tf.constant([3.0, 1.0]))
    opt = tf.train.GradientDescentOptimizer(0.1)
    train = opt.minimize(loss, aggregation_method=tf.AggregationMethod.EXPERIMENTAL_TREE,
                         colocate_gradients_with_ops=True)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(train)
        value = sess.run(w)
    return [value, [op.name for op in tf.get_default_graph().get_operations() if "gradient_sum" in op.name
                    or op.type == "AddN"]]

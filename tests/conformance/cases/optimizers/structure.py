"""``tf.train`` optimizers: names and structure of the update graph, var_list, gating, scopes, shared
variables."""

from tests.conformance.cases.optimizers._helpers import _model
from tests.conformance.harness import case


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
    grads, variables = zip(*opt.compute_gradients(loss))  # noqa: B905 - strict= would make a length mismatch an error, changing the case's result
    clipped, norm = tf.clip_by_global_norm(grads, 0.5)
    train = opt.apply_gradients(zip(clipped, variables), name="apply")  # noqa: B905 - strict= would make a length mismatch an error, changing the case's result
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

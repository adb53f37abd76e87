"""``tf.train`` optimizers: the global step, and TF's errors."""

from tests.conformance.cases.optimizers._helpers import _model
from tests.conformance.harness import case, raises


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

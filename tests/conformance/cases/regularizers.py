"""Regularizers (REGULARIZATION_LOSSES) and constraints attached through get_variable / variable_scope."""

from tests.conformance.harness import case, op_names, op_summary, raises


def _scaled(tf, factor=0.1):
    return lambda w: factor * tf.identity(w)


def _names(xs):
    return [x.name for x in xs]


@case
def reg_get_variable_collection_names(tf):
    tf.get_variable("w", [2], regularizer=_scaled(tf))
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


@case
def reg_get_variable_op_summary(tf):
    tf.get_variable("w", [2], regularizer=_scaled(tf), initializer=tf.zeros_initializer())
    return op_summary(tf.get_default_graph())


@case
def reg_identity_named(tf):
    tf.get_variable("w", [2], regularizer=lambda w: tf.identity(w, name="l2"))
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


@case
def reg_in_variable_scope(tf):
    with tf.variable_scope("layer"):
        tf.get_variable("w", [2], regularizer=_scaled(tf))
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


@case
def reg_in_name_scope(tf):
    with tf.name_scope("ns"):
        tf.get_variable("w", [2], regularizer=_scaled(tf))
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


@case
def reg_variable_scope_regularizer(tf):
    with tf.variable_scope("layer", regularizer=_scaled(tf)):
        tf.get_variable("w", [2])
        tf.get_variable("b", [2])
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


@case
def reg_variable_scope_regularizer_inherited(tf):
    with tf.variable_scope("a", regularizer=_scaled(tf)):
        with tf.variable_scope("b"):
            tf.get_variable("w", [2])
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


@case
def reg_get_variable_overrides_scope(tf):
    with tf.variable_scope("layer", regularizer=lambda w: tf.identity(w, name="scope_reg")):
        tf.get_variable("w", [2], regularizer=lambda w: tf.identity(w, name="own_reg"))
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


@case
def reg_returns_none_adds_nothing(tf):
    tf.get_variable("w", [2], regularizer=lambda w: None)
    return [tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES), op_names(tf.get_default_graph())]


@case
def reg_not_applied_on_reuse(tf):
    calls = []

    def reg(w):
        calls.append(w.name)
        return tf.identity(w)

    with tf.variable_scope("s"):
        tf.get_variable("w", [2], regularizer=reg)
    with tf.variable_scope("s", reuse=True):
        tf.get_variable("w", [2], regularizer=reg)
    return [calls, _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))]


@case
def reg_receives_variable(tf):
    seen = []

    def reg(w):
        seen.append([type(w).__name__, w.name])
        return tf.identity(w)

    tf.get_variable("w", [2], regularizer=reg)
    return seen


@case
def reg_not_applied_to_tf_variable(tf):
    with tf.variable_scope("layer", regularizer=_scaled(tf)):
        tf.Variable(1.0, name="v")
    return tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)


@case
def reg_non_trainable_still_regularized(tf):
    tf.get_variable("w", [2], regularizer=_scaled(tf), trainable=False)
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


@case
def reg_local_variable(tf):
    tf.get_local_variable("lv", [2], regularizer=_scaled(tf))
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


@case
def reg_several_variables_order(tf):
    with tf.variable_scope("l1", regularizer=_scaled(tf)):
        tf.get_variable("w", [1])
    with tf.variable_scope("l2", regularizer=_scaled(tf)):
        tf.get_variable("w", [1])
    tf.get_variable("b", [1], regularizer=_scaled(tf))
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


@case
def reg_losses_get_regularization_losses(tf):
    with tf.variable_scope("l1"):
        tf.get_variable("w", [1], regularizer=_scaled(tf))
    tf.get_variable("b", [1], regularizer=_scaled(tf))
    return [_names(tf.losses.get_regularization_losses()), _names(tf.losses.get_regularization_losses("l1"))]


@case
def reg_losses_empty(tf):
    return tf.losses.get_regularization_losses()


@case
def reg_value(tf):
    w = tf.get_variable("w", [2], regularizer=_scaled(tf, 0.5), initializer=tf.constant_initializer(4.0))
    loss = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([w, loss])


@case
def reg_manual_add_to_collection(tf):
    c = tf.constant(1.0, name="extra_loss")
    tf.add_to_collection(tf.GraphKeys.REGULARIZATION_LOSSES, c)
    tf.get_variable("w", [1], regularizer=_scaled(tf))
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


@case
def reg_returns_python_float_error(tf):
    tf.get_variable("w", [1], regularizer=lambda w: 0.5)
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


@case
def reg_twice_same_name(tf):
    tf.get_variable("a", [1], regularizer=lambda w: tf.identity(w, name="r"))
    tf.get_variable("b", [1], regularizer=lambda w: tf.identity(w, name="r"))
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


@case
def reg_set_regularizer_then_get_variable(tf):
    with tf.variable_scope("s") as scope:
        tf.get_variable("before", [1])
        scope.set_regularizer(_scaled(tf))
        tf.get_variable("after", [1])
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


@case
def reg_auto_reuse_applied_once(tf):
    for _ in range(3):
        with tf.variable_scope("s", reuse=tf.AUTO_REUSE):
            tf.get_variable("w", [1], regularizer=_scaled(tf))
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


@case
def reg_template_applied_once(tf):
    def fn():
        return tf.get_variable("w", [1], regularizer=_scaled(tf))

    t = tf.make_template("t", fn)
    t()
    t()
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


@case
def reg_with_partially_defined_tensor_initializer(tf):
    tf.get_variable("w", initializer=tf.constant([1.0, 2.0]), regularizer=_scaled(tf))
    return _names(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))


# --- constraints -----------------------------------------------------------------------------

@case
def constraint_stored_on_get_variable(tf):
    cons = lambda w: tf.identity(w)  # noqa: E731
    v = tf.get_variable("w", [1], constraint=cons)
    return [v.constraint is cons, op_names(tf.get_default_graph())]


@case
def constraint_stored_on_tf_variable(tf):
    cons = lambda w: w  # noqa: E731
    v = tf.Variable(1.0, name="v", constraint=cons)
    return v.constraint is cons


@case
def constraint_default_none(tf):
    return [tf.get_variable("w", [1]).constraint, tf.Variable(1.0).constraint]


@case
def constraint_from_variable_scope(tf):
    cons = lambda w: w  # noqa: E731
    with tf.variable_scope("s", constraint=cons):
        with tf.variable_scope("inner"):
            v = tf.get_variable("w", [1])
    return v.constraint is cons


@case
def constraint_get_variable_overrides_scope(tf):
    c1 = lambda w: w  # noqa: E731
    c2 = lambda w: w  # noqa: E731
    with tf.variable_scope("s", constraint=c1):
        v = tf.get_variable("w", [1], constraint=c2)
    return [v.constraint is c1, v.constraint is c2]


@case
def constraint_not_called_at_creation(tf):
    calls = []

    def cons(w):
        calls.append(w)
        return w

    tf.get_variable("w", [1], constraint=cons)
    tf.Variable(1.0, constraint=cons)
    return len(calls)


@case
def constraint_not_callable_variable_scope(tf):
    with tf.variable_scope("s", constraint="x"):
        return raises(tf.get_variable, "w", [1])


@case
def constraint_kept_on_reuse(tf):
    cons = lambda w: w  # noqa: E731
    with tf.variable_scope("s"):
        tf.get_variable("w", [1], constraint=cons)
    with tf.variable_scope("s", reuse=True):
        v = tf.get_variable("w", [1])
    return v.constraint is cons


@case
def constraint_applied_manually(tf):
    v = tf.get_variable("w", [2], constraint=lambda w: tf.multiply(w, 0.5, name="half"),
                        initializer=tf.constant_initializer(4.0))
    op = v.assign(v.constraint(v))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(op)
        return [op.name, sess.run(v)]


@case
def reg_regularizer_called_twice_at_creation_ops(tf):
    with tf.variable_scope("vs"):
        with tf.name_scope("ns"):
            tf.get_variable("w", [2], regularizer=_scaled(tf), initializer=tf.zeros_initializer())
    tf.constant(1.0, name="c")
    return op_names(tf.get_default_graph())


@case
def reg_collection_entry_attrs(tf):
    tf.get_variable("w", [2], regularizer=_scaled(tf), initializer=tf.zeros_initializer())
    loss = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)[0]
    return [loss.name, loss.op.name, loss.op.type, loss.dtype, loss.shape]


@case
def reg_collection_entry_not_tensor_instance(tf):
    tf.get_variable("w", [2], regularizer=_scaled(tf))
    loss = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)[0]
    return isinstance(loss, tf.Tensor)


@case
def reg_lazy_loss_rebuilt_on_each_use(tf):
    tf.get_variable("w", [2], regularizer=_scaled(tf), initializer=tf.zeros_initializer())
    loss = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)[0]
    n = len(op_names(tf.get_default_graph()))
    y = tf.identity(loss, name="y")
    z = loss + 1.0
    return [y.op.inputs[0].name, z.op.inputs[0].name, op_names(tf.get_default_graph())[n:]]

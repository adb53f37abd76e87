"""tf.Variable: scopes, missing initial values, values in a session, constraints and other attributes."""

from tests.conformance.cases.variables._helpers import _run_init
from tests.conformance.harness import case, op_names, op_summary, raises


@case
def var_in_name_scope(tf):
    with tf.name_scope("ns"):
        v = tf.Variable(1.0, name="v")
    return [v.name, op_names(tf.get_default_graph())]


@case
def var_in_variable_scope(tf):
    with tf.variable_scope("vs"):
        v = tf.Variable(1.0, name="v")
    return [v.name, op_names(tf.get_default_graph())]


@case
def var_in_reentered_variable_scope(tf):
    with tf.variable_scope("vs"):
        v1 = tf.Variable(1.0, name="v")
    with tf.variable_scope("vs"):
        v2 = tf.Variable(1.0, name="v")
    return [v1.name, v2.name]


@case
def var_in_variable_scope_reuse_true(tf):
    with tf.variable_scope("vs", reuse=True):
        v1 = tf.Variable(1.0, name="v")
        v2 = tf.Variable(1.0, name="v")
    return [v1.name, v2.name]


@case
def var_initial_value_tensor_in_other_scope(tf):
    with tf.name_scope("a"):
        c = tf.constant(1.0, name="c")
    with tf.name_scope("b"):
        v = tf.Variable(c, name="v")
    return [v.initial_value.name, v.name, op_names(tf.get_default_graph())]




@case
def var_no_initial_value(tf):
    tf.Variable()
    return "unreachable"


@case
def var_none_initial_value(tf):
    tf.Variable(None)
    return "unreachable"


@case
def var_none_initial_value_with_name(tf):
    tf.Variable(None, name="v")
    return "unreachable"


@case
def var_initial_value_string_list_mixed_error(tf):
    tf.Variable([1.0, "a"])
    return "unreachable"


@case
def var_session_value_after_init(tf):
    v = tf.Variable([[1, 2], [3, 4]], name="v")
    return _run_init(tf, v, v.value(), v.read_value())


@case
def var_eval_in_session(tf):
    v = tf.Variable(7.0, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        return v.eval(session=sess)


@case
def var_load(tf):
    v = tf.Variable(7.0, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        v.load(3.0, sess)
        return [sess.run(v), op_names(tf.get_default_graph())]


@case
def var_uninitialized_read(tf):
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        return raises(sess.run, v)["error"]


@case
def var_initializer_run_sets_value(tf):
    v = tf.Variable(3.0, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        sess.run(v.assign(1.0))
        sess.run(v.initializer)
        return sess.run(v)


@case
def var_placeholder_initial_value_feed(tf):
    p = tf.placeholder(tf.float32, [2], name="p")
    v = tf.Variable(p, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer, feed_dict={p: [5.0, 6.0]})
        return sess.run(v)


@case
def var_constraint(tf):
    cons = lambda x: x  # noqa: E731
    v = tf.Variable(1.0, name="v", constraint=cons)
    return [v.constraint is cons, tf.Variable(1.0).constraint]


@case
def var_constraint_not_callable(tf):
    tf.Variable(1.0, constraint=5)
    return "unreachable"


@case
def var_type_and_isinstance(tf):
    v = tf.Variable(1.0, name="v")
    return [type(v).__name__, isinstance(v, tf.Variable)]


@case
def var_use_resource_false_explicit(tf):
    v = tf.Variable(1.0, name="v", use_resource=False)
    return type(v).__name__


@case
def var_device_empty(tf):
    v = tf.Variable(1.0, name="v")
    return [v.device, v.op.device]



@case
def var_initial_value_op_with_dtype_conversion(tf):
    tf.Variable(1, dtype=tf.float64, name="v")
    return op_summary(tf.get_default_graph())



@case
def var_has_assign_and_read_methods(tf):
    v = tf.Variable(1.0, name="v")
    return [hasattr(v, "assign"), hasattr(v, "assign_add"), hasattr(v, "assign_sub"), hasattr(v, "initializer"),
            hasattr(v, "read_value"), hasattr(v, "value")]


@case
def var_name_with_colon_error(tf):
    tf.Variable(1.0, name="v:0")
    return "unreachable"


@case
def var_name_with_trailing_slash(tf):
    v = tf.Variable(1.0, name="abs/")
    return [v.name, op_names(tf.get_default_graph())]


@case
def var_get_shape_is_shape(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    return [v.get_shape().as_list(), v.shape.as_list(), v.get_shape() == v.shape]


@case
def var_hash_and_eq(tf):
    v = tf.Variable(1.0, name="v")
    d = {v: 1}
    return [d[v], v in [v]]

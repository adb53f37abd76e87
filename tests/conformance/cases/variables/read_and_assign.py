"""tf.Variable: reading values and the assignment ops."""

from tests.conformance.cases.variables._helpers import _run_init
from tests.conformance.harness import case, op_names, op_summary


@case
def var_value_name(tf):
    v = tf.Variable(1.0, name="v")
    a = v.value()
    b = v.value()
    return [a.name, b.name, a is b, op_names(tf.get_default_graph())]


@case
def var_read_value(tf):
    v = tf.Variable(1.0, name="v")
    r1 = v.read_value()
    r2 = v.read_value()
    return [r1.name, r2.name, r1.op.type, op_summary(tf.get_default_graph())]


@case
def var_read_value_in_name_scope(tf):
    v = tf.Variable(1.0, name="v")
    with tf.name_scope("ns"):
        r = v.read_value()
    return r.name


@case
def var_assign(tf):
    v = tf.Variable(1.0, name="v")
    a = v.assign(5.0)
    return [a.name, a.op.type, a.dtype, op_summary(tf.get_default_graph())] + _run_init(tf, a)


@case
def var_assign_twice_names(tf):
    v = tf.Variable(1.0, name="v")
    return [v.assign(2.0).name, v.assign(3.0).name]


@case
def var_assign_add(tf):
    v = tf.Variable(1.0, name="v")
    a = v.assign_add(2.0)
    return [a.name, a.op.type, op_summary(tf.get_default_graph())] + _run_init(tf, a)


@case
def var_assign_sub(tf):
    v = tf.Variable(10.0, name="v")
    a = v.assign_sub(3.0)
    return [a.name, a.op.type, op_summary(tf.get_default_graph())] + _run_init(tf, a)


@case
def var_assign_sequence_values(tf):
    v = tf.Variable(1.0, name="v")
    a = v.assign(4.0)
    b = v.assign_add(1.0)
    c = v.assign_sub(2.0)
    with tf.Session() as sess:
        sess.run(v.initializer)
        return [sess.run(a), sess.run(b), sess.run(c), sess.run(v), sess.run(b), sess.run(v)]


@case
def var_assign_in_name_scope(tf):
    v = tf.Variable(1.0, name="v")
    with tf.name_scope("ns"):
        a = v.assign(2.0)
        b = v.assign_add(2.0)
    return [a.name, b.name]


@case
def var_assign_with_name(tf):
    v = tf.Variable(1.0, name="v")
    return [v.assign(2.0, name="set").name, v.assign_add(1.0, name="inc").name,
            v.assign_sub(1.0, name="dec").name]


@case
def var_assign_read_value_false(tf):
    v = tf.Variable(1.0, name="v")
    op = v.assign(2.0, read_value=False)
    return [type(op).__name__, op.name, op.type]


@case
def var_assign_use_locking_attr(tf):
    v = tf.Variable(1.0, name="v")
    a = v.assign(2.0, use_locking=True)
    return [a.op.get_attr("use_locking"), v.assign(3.0).op.get_attr("use_locking")]


@case
def var_assign_shape_mismatch(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    v.assign([1.0, 2.0, 3.0])
    return "unreachable"


@case
def var_assign_dtype_mismatch(tf):
    v = tf.Variable(1.0, name="v")
    v.assign(tf.constant(1, dtype=tf.int32))
    return "unreachable"


@case
def var_tf_assign_functions(tf):
    v = tf.Variable(1.0, name="v")
    a = tf.assign(v, 3.0)
    b = tf.assign_add(v, 1.0)
    c = tf.assign_sub(v, 2.0)
    return [[a.name, a.op.type], [b.name, b.op.type], [c.name, c.op.type]]


@case
def var_tf_assign_functions_values(tf):
    v = tf.Variable(1.0, name="v")
    a = tf.assign(v, 3.0)
    b = tf.assign_add(v, 1.0)
    with tf.Session() as sess:
        sess.run(v.initializer)
        return [sess.run(a), sess.run(b), sess.run(v)]

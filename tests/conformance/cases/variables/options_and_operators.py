"""tf.Variable: trainable, collections, validate_shape, and operators on variables."""

from tests.conformance.cases.variables._helpers import _run_init
from tests.conformance.harness import case, op_names, op_summary, shape_of


@case
def var_trainable_false(tf):
    v = tf.Variable(1.0, name="v", trainable=False)
    return [v.trainable, [x.name for x in tf.trainable_variables()], [x.name for x in tf.global_variables()]]


@case
def var_trainable_default(tf):
    v = tf.Variable(1.0, name="v")
    return [v.trainable, [x.name for x in tf.trainable_variables()]]


@case
def var_collections(tf):
    tf.Variable(1.0, name="v", collections=["mine"])
    return [[x.name for x in tf.get_collection("mine")], [x.name for x in tf.global_variables()],
            [x.name for x in tf.trainable_variables()]]


@case
def var_collections_local(tf):
    tf.Variable(1.0, name="v", collections=[tf.GraphKeys.LOCAL_VARIABLES])
    return [[x.name for x in tf.local_variables()], [x.name for x in tf.global_variables()],
            [x.name for x in tf.trainable_variables()]]


@case
def var_validate_shape_false(tf):
    p = tf.placeholder(tf.float32, [None])
    v = tf.Variable(p, validate_shape=False, name="v")
    return [shape_of(v), shape_of(tf.TensorShape(v.op.get_attr("shape"))), op_summary(tf.get_default_graph())]


@case
def var_validate_shape_false_value(tf):
    v = tf.Variable([1.0, 2.0], validate_shape=False, name="v")
    return [shape_of(v)] + _run_init(tf, v)


@case
def var_unknown_shape_validate_error(tf):
    p = tf.placeholder(tf.float32, [None])
    tf.Variable(p, name="v")
    return "unreachable"


@case
def var_shape_arg_does_not_relax_unknown_initial_shape(tf):
    p = tf.placeholder(tf.float32, [None])
    v = tf.Variable(p, shape=tf.TensorShape([None]), name="v")
    return [shape_of(v)]


@case
def var_variable_shape_attr_in_op(tf):
    v = tf.Variable([[1.0], [2.0]], name="v")
    return [shape_of(tf.TensorShape(v.op.get_attr("shape"))), v.op.get_attr("dtype"), v.op.get_attr("container"),
            v.op.get_attr("shared_name")]


@case
def var_add_python_int(tf):
    v = tf.Variable(1.0, name="v")
    y = v + 1
    return [y.name, y.op.type, [i.name for i in y.op.inputs], op_names(tf.get_default_graph())] + _run_init(tf, y)


@case
def var_arithmetic_ops(tf):
    v = tf.Variable(2.0, name="v")
    ops = [v + 1.0, v - 1.0, v * 3.0, v / 4.0, -v, 1.0 - v, 2.0 * v]
    return [[t.name, t.op.type] for t in ops] + _run_init(tf, *ops)


@case
def var_matmul_operator(tf):
    v = tf.Variable([[1.0, 2.0]], name="v")
    w = tf.Variable([[3.0], [4.0]], name="w")
    y = v @ w
    return [y.name, y.op.type] + _run_init(tf, y)


@case
def var_indexing(tf):
    v = tf.Variable([1.0, 2.0, 3.0], name="v")
    y = v[1]
    return [y.name, y.op.type, shape_of(y)] + _run_init(tf, y)


@case
def var_inputs_of_add_use_read(tf):
    v = tf.Variable(1.0, name="v")
    w = tf.Variable(2.0, name="w")
    y = tf.add(v, w)
    return [i.name for i in y.op.inputs]


@case
def var_identity_input(tf):
    v = tf.Variable(1.0, name="v")
    y = tf.identity(v)
    return [y.name, [i.name for i in y.op.inputs], y.dtype]

"""tf.Variable: op structure, initial values, names, dtypes, shapes, graph and repr."""

import numpy as np

from tests.conformance.cases.variables._helpers import _run_init
from tests.conformance.harness import case, op_names, op_summary, shape_of


@case
def var_op_summary_scalar(tf):
    tf.Variable(1.0, name="v")
    return op_summary(tf.get_default_graph())


@case
def var_op_summary_default_name(tf):
    tf.Variable(1.0)
    return op_summary(tf.get_default_graph())


@case
def var_op_summary_list_value(tf):
    tf.Variable([1.0, 2.0], name="v")
    return op_summary(tf.get_default_graph())


@case
def var_op_summary_tensor_initial_value(tf):
    c = tf.constant([1.0, 2.0], name="c")
    tf.Variable(c, name="v")
    return op_summary(tf.get_default_graph())


@case
def var_callable_initial_value(tf):
    v = tf.Variable(lambda: tf.zeros([2]), name="v")
    return [op_summary(tf.get_default_graph()), shape_of(v)] + _run_init(tf, v)


@case
def var_callable_initial_value_initializer_object(tf):
    v = tf.Variable(lambda: tf.ones_initializer()([2, 2]), name="v")
    return [op_names(tf.get_default_graph())] + _run_init(tf, v)


@case
def var_callable_initial_value_initial_value_name(tf):
    v = tf.Variable(lambda: tf.constant(3.0), name="v")
    return v.initial_value.name


@case
def var_name_uniquification(tf):
    a = tf.Variable(1.0, name="v")
    b = tf.Variable(2.0, name="v")
    c = tf.Variable(3.0, name="v")
    return [a.name, b.name, c.name]


@case
def var_default_names(tf):
    return [tf.Variable(1.0).name, tf.Variable(2.0).name]


@case
def var_name_collides_with_op(tf):
    tf.constant(1.0, name="v")
    return tf.Variable(1.0, name="v").name


@case
def var_name_attrs(tf):
    v = tf.Variable(1.0, name="v")
    return [v.name, v.op.name, v.op.type, v.initializer.name, v.initializer.type,
            v.initial_value.name, v.value().name, v._snapshot.name]


@case
def var_dtype(tf):
    v = tf.Variable(1.0, name="v")
    return [v.dtype, v.dtype.base_dtype, v.value().dtype, v.initial_value.dtype]


@case
def var_dtype_int(tf):
    v = tf.Variable(1, name="v")
    return [v.dtype, v.dtype.base_dtype]


@case
def var_dtype_conversion(tf):
    v = tf.Variable(1, name="v", dtype=tf.float32)
    return [v.dtype] + _run_init(tf, v)


@case
def var_dtype_conversion_float64(tf):
    v = tf.Variable([1.5, 2.5], name="v", dtype=tf.float64)
    return [v.dtype, op_summary(tf.get_default_graph())] + _run_init(tf, v)


@case
def var_dtype_conversion_float_to_int_error(tf):
    tf.Variable(1.5, name="v", dtype=tf.int32)
    return "unreachable"


@case
def var_dtype_conversion_tensor_mismatch(tf):
    tf.Variable(tf.constant(1.0), dtype=tf.float64)
    return "unreachable"


@case
def var_numpy_initial_value(tf):
    v = tf.Variable(np.arange(6, dtype=np.int64).reshape(2, 3), name="v")
    return [v.dtype, shape_of(v)] + _run_init(tf, v)


@case
def var_numpy_float64_default_dtype(tf):
    v = tf.Variable(np.array([1.0]), name="v")
    return v.dtype


@case
def var_bool_and_string(tf):
    b = tf.Variable(True, name="b")
    s = tf.Variable("hi", name="s")
    return [b.dtype, s.dtype] + _run_init(tf, b, s)


@case
def var_shape(tf):
    v = tf.Variable([[1.0, 2.0, 3.0]], name="v")
    return [v.shape, v.get_shape(), shape_of(v), v.shape.ndims]


@case
def var_scalar_shape(tf):
    v = tf.Variable(1.0, name="v")
    return [v.shape, shape_of(v)]


@case
def var_graph(tf):
    v = tf.Variable(1.0, name="v")
    return [v.graph is tf.get_default_graph(), v.op.graph is tf.get_default_graph()]


@case
def var_graph_other(tf):
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable(1.0, name="v")
    return [v.graph is g, v.graph is tf.get_default_graph(), len(tf.global_variables()),
            len(g.get_collection(tf.GraphKeys.GLOBAL_VARIABLES))]


@case
def var_repr(tf):
    return [repr(tf.Variable(1.0, name="v")), repr(tf.Variable([[1, 2]], name="w"))]


@case
def var_str(tf):
    return str(tf.Variable(1.0, name="v"))

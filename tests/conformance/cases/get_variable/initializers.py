"""tf.get_variable: initializers (tensors, numpy values, lists, callables) and validate_shape."""

import numpy as np

from tests.conformance.cases.get_variable._helpers import _init_and_run
from tests.conformance.harness import case, op_names, op_summary, shape_of


@case
def gv_no_shape_no_initializer(tf):
    tf.get_variable("w")
    return "unreachable"


@case
def gv_no_shape_with_initializer_object(tf):
    tf.get_variable("w", initializer=tf.zeros_initializer())
    return "unreachable"


@case
def gv_shape_with_constant_tensor_initializer(tf):
    tf.get_variable("w", [2], initializer=tf.constant([1.0, 2.0]))
    return "unreachable"


@case
def gv_tensor_initializer(tf):
    v = tf.get_variable("w", initializer=tf.constant([1.0, 2.0]))
    return [v.name, shape_of(v), v.dtype] + _init_and_run(tf, v)


@case
def gv_tensor_initializer_ops(tf):
    tf.get_variable("w", initializer=tf.constant([1.0, 2.0]))
    return op_summary(tf.get_default_graph())


@case
def gv_numpy_initializer(tf):
    v = tf.get_variable("w", initializer=np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32))
    return [shape_of(v), v.dtype] + _init_and_run(tf, v)


@case
def gv_numpy_initializer_ops(tf):
    tf.get_variable("w", initializer=np.array([1.0, 2.0], dtype=np.float32))
    return op_summary(tf.get_default_graph())


@case
def gv_numpy_float64_initializer_dtype(tf):
    v = tf.get_variable("w", initializer=np.array([1.0, 2.0]))
    return [v.dtype] + _init_and_run(tf, v)


@case
def gv_list_initializer(tf):
    v = tf.get_variable("w", initializer=[1.0, 2.0, 3.0])
    return [shape_of(v), v.dtype] + _init_and_run(tf, v)


@case
def gv_list_int_initializer(tf):
    v = tf.get_variable("w", initializer=[1, 2, 3])
    return [shape_of(v), v.dtype] + _init_and_run(tf, v)


@case
def gv_scalar_python_initializer(tf):
    v = tf.get_variable("w", initializer=5.0)
    return [shape_of(v), v.dtype] + _init_and_run(tf, v)


@case
def gv_tensor_initializer_with_dtype_mismatch(tf):
    tf.get_variable("w", initializer=tf.constant([1.0]), dtype=tf.float64)
    return "unreachable"


@case
def gv_tensor_initializer_int(tf):
    v = tf.get_variable("w", initializer=tf.constant([1, 2]))
    return [v.dtype] + _init_and_run(tf, v)


@case
def gv_tensor_initializer_unknown_shape_validate(tf):
    p = tf.placeholder(tf.float32, shape=[None])
    tf.get_variable("w", initializer=p)
    return "unreachable"


@case
def gv_tensor_initializer_unknown_shape_no_validate(tf):
    p = tf.placeholder(tf.float32, shape=[None])
    v = tf.get_variable("w", initializer=p, validate_shape=False)
    return [v.name, shape_of(v)]


@case
def gv_validate_shape_false_with_tensor(tf):
    v = tf.get_variable("w", initializer=tf.constant([1.0, 2.0]), validate_shape=False)
    return [shape_of(v)] + _init_and_run(tf, v)


@case
def gv_validate_shape_false_assign_ops(tf):
    tf.get_variable("w", initializer=tf.constant([1.0, 2.0]), validate_shape=False)
    g = tf.get_default_graph()
    return g.get_operation_by_name("w/Assign").get_attr("validate_shape")


@case
def gv_validate_shape_true_assign_attr(tf):
    tf.get_variable("w", [1], initializer=tf.zeros_initializer())
    g = tf.get_default_graph()
    return g.get_operation_by_name("w/Assign").get_attr("validate_shape")


@case
def gv_callable_initializer_with_shape(tf):
    v = tf.get_variable("w", [2, 2], initializer=tf.ones_initializer())
    return _init_and_run(tf, v)


@case
def gv_plain_function_initializer(tf):
    seen = {}

    def init(shape, dtype=None, partition_info=None):
        seen["shape"] = list(shape)
        seen["dtype"] = dtype.name
        seen["partition_info"] = partition_info
        return tf.fill(shape, 4.0)

    v = tf.get_variable("w", [2], initializer=init)
    return [seen, op_names(tf.get_default_graph())] + _init_and_run(tf, v)


@case
def gv_plain_function_initializer_no_partition_info(tf):
    def init(shape, dtype=None):
        return tf.zeros(shape, dtype)

    v = tf.get_variable("w", [2], initializer=init)
    return _init_and_run(tf, v)

"""Variable initializers: zeros, ones and constant; calling initializers directly."""

import numpy as np

from tests.conformance.cases.initializers._helpers import _ops_for, _value
from tests.conformance.harness import case, op_summary, shape_of

# --- zeros / ones / constant ------------------------------------------------------------------

@case
def init_zeros_ops(tf):
    return _ops_for(tf, tf.zeros_initializer())


@case
def init_zeros_value(tf):
    return _value(tf, tf.zeros_initializer())


@case
def init_zeros_alias_is_same_class(tf):
    return [tf.zeros_initializer is tf.initializers.zeros, type(tf.zeros_initializer()).__name__]


@case
def init_initializers_zeros_ops(tf):
    return _ops_for(tf, tf.initializers.zeros())


@case
def init_zeros_int_value(tf):
    return _value(tf, tf.zeros_initializer(), dtype=tf.int32)


@case
def init_zeros_large_shape_ops(tf):
    return _ops_for(tf, tf.zeros_initializer(), shape=(1000, 1000))


@case
def init_ones_ops(tf):
    return _ops_for(tf, tf.ones_initializer())


@case
def init_ones_value(tf):
    return _value(tf, tf.ones_initializer())


@case
def init_initializers_ones_ops(tf):
    return _ops_for(tf, tf.initializers.ones())


@case
def init_ones_int64_value(tf):
    return _value(tf, tf.ones_initializer(), shape=(3,), dtype=tf.int64)


@case
def init_ones_bool_value(tf):
    return _value(tf, tf.ones_initializer(), shape=(2,), dtype=tf.bool)


@case
def init_ones_large_shape_ops(tf):
    return _ops_for(tf, tf.ones_initializer(), shape=(1000, 1000))


@case
def init_constant_scalar_ops(tf):
    return _ops_for(tf, tf.constant_initializer(3.0))


@case
def init_constant_scalar_value(tf):
    return _value(tf, tf.constant_initializer(3.0))


@case
def init_constant_default_value(tf):
    return _value(tf, tf.constant_initializer())


@case
def init_initializers_constant_value(tf):
    return _value(tf, tf.initializers.constant(1.5), shape=(2,))


@case
def init_constant_list_value(tf):
    return _value(tf, tf.constant_initializer([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]))


@case
def init_constant_nested_list_value(tf):
    return _value(tf, tf.constant_initializer([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))


@case
def init_constant_numpy_value(tf):
    return _value(tf, tf.constant_initializer(np.arange(6).reshape(2, 3)))


@case
def init_constant_list_too_short(tf):
    return _value(tf, tf.constant_initializer([1.0, 2.0]))


@case
def init_constant_list_too_long(tf):
    return _value(tf, tf.constant_initializer([1.0] * 7))


@case
def init_constant_int_dtype_value(tf):
    return _value(tf, tf.constant_initializer(7), shape=(2,), dtype=tf.int32)


@case
def init_constant_float_into_int_dtype(tf):
    return _value(tf, tf.constant_initializer(1.5), shape=(2,), dtype=tf.int32)


@case
def init_constant_list_ops(tf):
    return _ops_for(tf, tf.constant_initializer([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]))


@case
def init_constant_verify_shape_mismatch(tf):
    return _value(tf, tf.constant_initializer([1.0, 2.0], verify_shape=True))


@case
def init_constant_bad_value_type(tf):
    tf.constant_initializer({"a": 1})
    return "unreachable"


@case
def init_constant_string_value(tf):
    return _value(tf, tf.constant_initializer("x"), shape=(2,), dtype=tf.string)


# --- calling initializers directly -------------------------------------------------------------

@case
def init_call_zeros_directly(tf):
    t = tf.zeros_initializer()([2, 2])
    return [t.name, t.op.type, t.dtype, shape_of(t)]


@case
def init_call_ones_directly_with_dtype(tf):
    t = tf.ones_initializer()([3], dtype=tf.int32)
    return [t.name, t.dtype, op_summary(tf.get_default_graph())]


@case
def init_call_constant_directly(tf):
    t = tf.constant_initializer(2.0)([2])
    return [t.name, t.op.type, op_summary(tf.get_default_graph())]


@case
def init_call_random_uniform_directly(tf):
    t = tf.random_uniform_initializer()([2, 2])
    return [t.name, shape_of(t), t.dtype, op_summary(tf.get_default_graph())]


@case
def init_call_in_name_scope(tf):
    with tf.name_scope("ns"):
        t = tf.zeros_initializer()([2])
    return t.name

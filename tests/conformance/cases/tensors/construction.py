"""Core op construction: constants, placeholders, dtype mixing, convert_to_tensor and other core ops."""

import numpy as np

from tests.conformance.cases.tensors._helpers import _g
from tests.conformance.harness import case, error_class, op_names, op_summary, raises, shape_of, values


@case
def constant_python_dtypes(tf):
    return [tf.constant(1).dtype, tf.constant(1.0).dtype, tf.constant(True).dtype, tf.constant("a").dtype,
            tf.constant(b"a").dtype, tf.constant(1j).dtype, tf.constant(2 ** 40).dtype, tf.constant([1, 2.5]).dtype]


@case
def constant_numpy_dtypes(tf):
    return [tf.constant(np.float64(1)).dtype, tf.constant(np.array([1, 2], np.int16)).dtype,
            tf.constant(np.array([1.0], np.float16)).dtype, tf.constant(np.int64(3)).dtype,
            tf.constant(np.array([True])).dtype, tf.constant(np.array(["a"])).dtype]


@case
def constant_empty_list(tf):
    c = tf.constant([])
    return [c.dtype, shape_of(c)]


@case
def constant_explicit_dtype(tf):
    return [tf.constant(1, dtype=tf.float32).dtype, tf.constant([1, 2], dtype=tf.int64).dtype,
            tf.constant(1.0, dtype="float64").dtype]


@case
def constant_float_to_int_error(tf):
    return raises(tf.constant, 1.5, dtype=tf.int32)


@case
def constant_too_large_int_error(tf):
    return error_class(tf.constant, 2 ** 70)


@case
def constant_none_error(tf):
    return raises(tf.constant, None)


@case
def constant_ragged_list_error(tf):
    return error_class(tf.constant, [[1, 2], [3]])


@case
def constant_shape_broadcast_scalar(tf):
    c = tf.constant(7, shape=[2, 3])
    return [shape_of(c), c.dtype]


@case
def constant_scalar_fills_shape_values(tf):
    outs = [tf.constant(7, shape=[2, 3]), tf.constant(1.5, shape=[2]), tf.constant(True, shape=(2,)),
            tf.constant(0, shape=[0, 2]), tf.constant(-3, shape=[2], dtype=tf.int64), tf.zeros([3])]
    return [values(tf, outs), [t.dtype for t in outs]]


@case
def constant_shape_reshape(tf):
    return shape_of(tf.constant([1, 2, 3, 4], shape=[2, 2]))


@case
def constant_shape_fill_tail(tf):
    return shape_of(tf.constant([1, 2], shape=[2, 2]))


@case
def constant_shape_too_many_elements_error(tf):
    return raises(tf.constant, [1, 2, 3], shape=[2])


@case
def constant_verify_shape_error(tf):
    return raises(tf.constant, [1, 2, 3], shape=[2], verify_shape=True)


@case
def constant_verify_shape_ok(tf):
    return shape_of(tf.constant([1, 2, 3], shape=[3], verify_shape=True))


@case
def placeholder_shapes(tf):
    return [shape_of(tf.placeholder(tf.float32)), shape_of(tf.placeholder(tf.float32, None)),
            shape_of(tf.placeholder(tf.float32, [])), shape_of(tf.placeholder(tf.float32, [None, 2])),
            shape_of(tf.placeholder(tf.float32, (3,))), shape_of(tf.placeholder(tf.float32, 4))]


@case
def placeholder_default_name_and_dtype(tf):
    p = tf.placeholder(tf.int32)
    return [p.name, p.op.type, p.dtype]


@case
def placeholder_dtype_from_string(tf):
    return tf.placeholder("float64").dtype


@case
def placeholder_with_default(tf):
    d = tf.placeholder_with_default(tf.constant([1.0, 2.0]), [None])
    return [d.name, d.op.type, shape_of(d), op_summary(_g(tf))]


@case
def identity_op(tf):
    x = tf.placeholder(tf.float32, [2, None], name="x")
    y = tf.identity(x)
    return [y.name, y.op.type, shape_of(y), y.dtype]


@case
def add_float_and_int_tensors_error(tf):
    a = tf.constant(1.0, name="a")
    b = tf.constant(1, name="b")
    return raises(lambda: a + b)


@case
def tf_add_float_and_int_error(tf):
    a = tf.constant(1.0, name="a")
    b = tf.constant(1, name="b")
    return raises(tf.add, a, b)


@case
def add_int_tensor_and_float_scalar_error(tf):
    a = tf.constant(1, name="a")
    return raises(lambda: a + 1.5)


@case
def add_float_tensor_and_int_scalar(tf):
    a = tf.constant(1.0, name="a")
    z = a + 1
    return [z.dtype, op_summary(_g(tf))]


@case
def scalar_dtype_follows_tensor(tf):
    a = tf.constant(1, dtype=tf.int64, name="a")
    b = tf.constant(1.0, dtype=tf.float64, name="b")
    return [(a + 1).dtype, (b * 2).dtype, (2.0 - b).dtype]


@case
def convert_to_tensor_forms(tf):
    c = tf.constant(1.0, name="c")
    a = tf.convert_to_tensor(c)
    b = tf.convert_to_tensor([1, 2], name="lst")
    d = tf.convert_to_tensor(3.0, dtype=tf.float64)
    e = tf.convert_to_tensor(np.zeros([2, 2], np.float32))
    return [a is c, b.name, b.dtype, d.dtype, e.dtype, shape_of(e), op_names(_g(tf))]


@case
def convert_to_tensor_dtype_mismatch_error(tf):
    c = tf.constant(1.0, name="c")
    return raises(tf.convert_to_tensor, c, dtype=tf.int32)


@case
def convert_to_tensor_preferred_dtype(tf):
    return [tf.convert_to_tensor(1, preferred_dtype=tf.int64).dtype,
            tf.convert_to_tensor(1.5, preferred_dtype=tf.int32).dtype]


@case
def zeros_ones_fill(tf):
    z = tf.zeros([2, 3])
    o = tf.ones([4], dtype=tf.int32)
    f = tf.fill([2, 2], 9)
    return [[z.name, z.dtype, shape_of(z)], [o.name, o.dtype, shape_of(o)], [f.name, f.dtype, shape_of(f)],
            op_summary(_g(tf))]


@case
def zeros_large_shape_uses_fill(tf):
    z = tf.zeros([1000, 1000])
    return [z.name, op_summary(_g(tf))]


@case
def cast_op(tf):
    x = tf.constant([1, 2], name="x")
    y = tf.cast(x, tf.float32)
    same = tf.cast(y, tf.float32)
    return [y.name, y.dtype, same is y, op_summary(_g(tf))]


@case
def random_ops_names_and_shapes(tf):
    a = tf.random_uniform([2, 3])
    b = tf.random_normal([4])
    c = tf.truncated_normal([1, 5], dtype=tf.float64)
    return [[t.name, t.dtype, shape_of(t)] for t in (a, b, c)] + [op_summary(_g(tf))]


@case
def group_and_no_op(tf):
    a = tf.no_op(name="a")
    b = tf.no_op(name="b")
    g = tf.group(a, b, name="g")
    return [g.name, g.type, sorted(o.name for o in g.control_inputs), len(g.outputs)]


@case
def group_of_tensors(tf):
    x = tf.constant(1.0, name="x")
    y = tf.constant(2.0, name="y")
    g = tf.group(x, y)
    return [g.name, g.type, sorted(o.name for o in g.control_inputs)]


@case
def variable_tensor_properties(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    return [v.name, v.dtype, shape_of(v), v.op.type, v.initializer.name, v.value().name,
            op_summary(_g(tf))]


@case
def get_variable_properties(tf):
    v = tf.get_variable("w", shape=[2, 3], dtype=tf.float32, initializer=tf.zeros_initializer())
    return [v.name, v.dtype, shape_of(v), v.op.type]


@case
def variable_arithmetic_reads(tf):
    v = tf.Variable(1.0, name="v")
    z = v + 1.0
    return [z.name, [t.name for t in z.op.inputs], z.dtype]


@case
def assign_ops(tf):
    v = tf.Variable(1.0, name="v")
    a = tf.assign(v, 2.0)
    b = tf.assign_add(v, 1.0)
    c = tf.assign_sub(v, 1.0)
    d = v.assign(5.0)
    return [[t.name, t.op.type, t.dtype] for t in (a, b, c, d)]


@case
def op_type_of_core_ops(tf):
    x = tf.placeholder(tf.float32, [2, 2])
    ops = [tf.identity(x), tf.subtract(x, x), tf.multiply(x, x), tf.divide(x, x), tf.truediv(x, x),
           tf.matmul(x, x), tf.negative(x), tf.cast(x, tf.int32)]
    return [t.op.type for t in ops]


@case
def broadcast_shapes(tf):
    a = tf.placeholder(tf.float32, [None, 1, 3])
    b = tf.placeholder(tf.float32, [4, 1])
    return shape_of(a + b)


@case
def broadcast_incompatible_error(tf):
    a = tf.placeholder(tf.float32, [2, 3])
    b = tf.placeholder(tf.float32, [4])
    return raises(tf.add, a, b)

"""Conformance cases for Tensor/Operation properties, operator overloads and core op construction."""

import numpy as np

from tests.conformance.harness import case, error_class, op_names, op_summary, raises, shape_of, values


def _g(tf):
    return tf.get_default_graph()


@case
def tensor_name_and_op_name(tf):
    c = tf.constant(1.0, name="c")
    return [c.name, c.op.name, c.op.type, c.value_index]


@case
def tensor_dtype_and_shape(tf):
    c = tf.constant([[1, 2, 3]], name="c")
    return [c.dtype, shape_of(c), shape_of(c.get_shape()), c.get_shape() == c.shape]


@case
def op_outputs(tf):
    c = tf.constant(1.0, name="c")
    return [[t.name for t in c.op.outputs], c.op.outputs[0] is c, len(c.op.inputs)]


@case
def op_inputs_names(tf):
    a = tf.constant(1.0, name="a")
    b = tf.constant(2.0, name="b")
    s = tf.add(a, b, name="s")
    return [[t.name for t in s.op.inputs], s.op.inputs[0] is a, len(s.op.inputs)]


@case
def no_op_has_no_outputs(tf):
    n = tf.no_op(name="n")
    return [n.name, n.type, len(n.outputs), len(n.inputs)]


@case
def control_inputs_empty_by_default(tf):
    return list(tf.constant(1.0).op.control_inputs)


@case
def consumers(tf):
    a = tf.constant(1.0, name="a")
    b = tf.identity(a, name="b")
    c = tf.add(a, b, name="c")
    return [[o.name for o in a.consumers()], [o.name for o in b.consumers()], [o.name for o in c.consumers()]]


@case
def consumers_repeated_input(tf):
    a = tf.constant(1.0, name="a")
    tf.add(a, a, name="twice")
    return [o.name for o in a.consumers()]


@case
def op_graph_identity(tf):
    g = _g(tf)
    c = tf.constant(1.0)
    return [c.op.graph is g, c.graph is g]


@case
def op_device_empty(tf):
    c = tf.constant(1.0)
    return [c.op.device, c.device]


@case
def op_device_from_context(tf):
    with tf.device("/cpu:0"):
        c = tf.constant(1.0)
    return [c.op.device, c.device]


@case
def get_attr_dtype_placeholder(tf):
    x = tf.placeholder(tf.int64, name="x")
    return x.op.get_attr("dtype")


@case
def get_attr_dtype_const(tf):
    return tf.constant([1, 2]).op.get_attr("dtype")


@case
def get_attr_T_add(tf):
    a = tf.constant(1.0)
    return [(a + a).op.get_attr("T"), tf.identity(a).op.get_attr("T")]


@case
def get_attr_matmul_transpose(tf):
    a = tf.ones([2, 2])
    m = tf.matmul(a, a, transpose_a=True)
    return [m.op.get_attr("transpose_a"), m.op.get_attr("transpose_b"), m.op.get_attr("T")]


@case
def get_attr_cast(tf):
    c = tf.cast(tf.constant(1), tf.float32)
    return [c.op.type, c.op.get_attr("SrcT"), c.op.get_attr("DstT"), c.op.get_attr("Truncate")]


@case
def get_attr_missing_error(tf):
    x = tf.placeholder(tf.float32, name="x")
    return raises(x.op.get_attr, "nope")


@case
def set_shape_refines(tf):
    x = tf.placeholder(tf.float32, [None, 3])
    x.set_shape([2, None])
    return shape_of(x)


@case
def set_shape_unknown_rank(tf):
    x = tf.placeholder(tf.float32)
    before = shape_of(x)
    x.set_shape([4, 5])
    return [before, shape_of(x)]


@case
def set_shape_incompatible_error(tf):
    x = tf.placeholder(tf.float32, [None, 3])
    return raises(x.set_shape, [2, 4])


@case
def set_shape_rank_mismatch_error(tf):
    x = tf.placeholder(tf.float32, [None, 3])
    return raises(x.set_shape, [2])


@case
def add_operator(tf):
    x = tf.constant(1.0, name="x")
    y = tf.constant(2.0, name="y")
    z = x + y
    return [z.name, z.op.type, op_summary(_g(tf))]


@case
def tf_add_function(tf):
    x = tf.constant(1.0, name="x")
    z = tf.add(x, x)
    return [z.name, z.op.type]


@case
def subtract_operator_and_function(tf):
    x = tf.constant(1.0, name="x")
    return [(x - x).op.name, (x - x).op.type, tf.subtract(x, x).op.name, tf.subtract(x, x).op.type]


@case
def multiply_by_python_scalar(tf):
    x = tf.constant(1.0, name="x")
    z = x * 2.0
    return [z.name, op_summary(_g(tf))]


@case
def reflected_multiply(tf):
    x = tf.constant(1.0, name="x")
    z = 2.0 * x
    return [z.name, op_summary(_g(tf)), [t.name for t in z.op.inputs]]


@case
def reflected_add_and_sub(tf):
    x = tf.constant(1.0, name="x")
    a = 1.0 + x
    b = 1.0 - x
    return [a.name, b.name, op_summary(_g(tf)), [t.name for t in b.op.inputs]]


@case
def multiply_function(tf):
    x = tf.constant(1.0, name="x")
    z = tf.multiply(x, 3.0)
    return [z.name, op_summary(_g(tf))]


@case
def truediv_operator_float(tf):
    x = tf.constant(1.0, name="x")
    y = tf.constant(2.0, name="y")
    z = x / y
    return [z.name, op_summary(_g(tf))]


@case
def truediv_operator_int(tf):
    x = tf.constant(1, name="x")
    y = tf.constant(2, name="y")
    z = x / y
    return [z.name, z.dtype, op_summary(_g(tf))]


@case
def divide_and_truediv_functions(tf):
    x = tf.constant(4.0, name="x")
    a = tf.divide(x, 2.0)
    b = tf.truediv(x, 2.0)
    return [a.name, b.name, op_summary(_g(tf))]


@case
def floordiv_operator(tf):
    x = tf.constant(7.0, name="x")
    z = x // 2.0
    return [z.name, op_summary(_g(tf))]


@case
def floordiv_operator_int(tf):
    x = tf.constant(7, name="x")
    z = x // 2
    return [z.name, z.dtype, op_summary(_g(tf))]


@case
def mod_operator(tf):
    x = tf.constant(7, name="x")
    z = x % 3
    return [z.name, op_summary(_g(tf))]


@case
def pow_operator(tf):
    x = tf.constant(3.0, name="x")
    z = x ** 2
    return [z.name, z.dtype, op_summary(_g(tf))]


@case
def neg_operator(tf):
    x = tf.constant(3.0, name="x")
    z = -x
    return [z.name, op_summary(_g(tf))]


@case
def negative_function(tf):
    x = tf.constant(3.0, name="x")
    return [tf.negative(x).name, tf.negative(x).op.type]


@case
def abs_operator(tf):
    x = tf.constant(-3.0, name="x")
    z = abs(x)
    return [z.name, op_summary(_g(tf))]


@case
def matmul_operator(tf):
    a = tf.ones([2, 3], name="a")
    b = tf.ones([3, 4], name="b")
    z = a @ b
    return [z.name, shape_of(z), op_summary(_g(tf))]


@case
def matmul_function_shape(tf):
    a = tf.placeholder(tf.float32, [None, 3])
    b = tf.placeholder(tf.float32, [3, 5])
    z = tf.matmul(a, b)
    return [z.name, z.op.type, shape_of(z)]


@case
def matmul_transpose_shape(tf):
    a = tf.placeholder(tf.float32, [3, 2])
    b = tf.placeholder(tf.float32, [5, 3])
    return shape_of(tf.matmul(a, b, transpose_a=True, transpose_b=True))


@case
def matmul_mismatched_shapes_error(tf):
    a = tf.ones([2, 3])
    b = tf.ones([2, 3])
    return raises(tf.matmul, a, b)


@case
def matmul_mismatched_dtypes_error(tf):
    a = tf.ones([2, 2])
    b = tf.ones([2, 2], dtype=tf.int32)
    return raises(tf.matmul, a, b)


@case
def getitem_index(tf):
    x = tf.constant([1.0, 2.0, 3.0], name="x")
    z = x[0]
    return [z.name, shape_of(z), op_summary(_g(tf))]


@case
def getitem_slice(tf):
    x = tf.constant([1.0, 2.0, 3.0, 4.0], name="x")
    z = x[1:3]
    return [z.name, shape_of(z), op_summary(_g(tf))]


@case
def getitem_ellipsis(tf):
    x = tf.placeholder(tf.float32, [2, 3, 4], name="x")
    z = x[..., 0]
    return [z.name, shape_of(z), op_summary(_g(tf))]


@case
def getitem_newaxis(tf):
    x = tf.placeholder(tf.float32, [5, 3], name="x")
    z = x[:, None]
    return [z.name, shape_of(z), op_summary(_g(tf))]


@case
def getitem_masks(tf):
    x = tf.placeholder(tf.float32, [5, 3], name="x")
    z = x[1:, None, 2]
    a = z.op
    return [shape_of(z), [a.get_attr(k) for k in ["begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask",
                                                   "shrink_axis_mask"]]]


@case
def getitem_negative_step_shape(tf):
    x = tf.placeholder(tf.float32, [6], name="x")
    return [shape_of(x[::-1]), shape_of(x[::2]), shape_of(x[-2:])]


@case
def getitem_twice_names(tf):
    x = tf.constant([1.0, 2.0], name="x")
    return [x[0].name, x[1].name, op_names(_g(tf))]


@case
def comparisons(tf):
    x = tf.constant(1.0, name="x")
    y = tf.constant(2.0, name="y")
    zs = [x < y, x <= y, x > y, x >= y]
    return [[z.name, z.op.type, z.dtype] for z in zs]


@case
def eq_operator_is_identity_in_tf1(tf):
    x = tf.constant(1.0, name="x")
    y = tf.constant(1.0, name="y")
    return [x == y, x == x, x != y, len(_g(tf).get_operations())]


@case
def tensor_hashable(tf):
    x = tf.constant(1.0, name="x")
    return {x: "v"}[x]


@case
def logical_operators(tf):
    a = tf.constant(True, name="a")
    b = tf.constant(False, name="b")
    zs = [a & b, a | b, ~a, a ^ b]
    return [[z.name, z.op.type] for z in zs]


@case
def xor_operator_graph(tf):
    a = tf.constant(True, name="a")
    b = tf.constant(False, name="b")
    z = a ^ b
    return [z.name, op_summary(_g(tf))]


@case
def bool_of_tensor_error(tf):
    x = tf.constant(True, name="x")
    try:
        bool(x)
    except TypeError as exc:  # TF raises a TypeError subclass with a long AutoGraph hint
        return ["TypeError", type(exc).__name__]
    return "no error"


@case
def iterate_tensor_error(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    try:
        iter(x)
    except TypeError as exc:  # TF raises a TypeError subclass with a long AutoGraph hint
        return ["TypeError", type(exc).__name__]
    return "no error"


@case
def len_of_tensor_error(tf):
    x = tf.constant([1, 2], name="x")
    return raises(len, x)


@case
def small_graph_summary(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    w = tf.ones([2, 1], name="w")
    y = tf.matmul(x, w) * 2.0 + 1.0
    return [y.name, op_summary(_g(tf))]


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

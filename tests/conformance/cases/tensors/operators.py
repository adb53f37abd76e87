"""Tensor operator overloads: arithmetic, matmul, indexing, comparisons, logical operators and Python
protocol errors."""

from tests.conformance.cases.tensors._helpers import _g
from tests.conformance.harness import case, op_names, op_summary, raises, shape_of


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

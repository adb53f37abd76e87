"""Tensor/Operation properties: names, dtypes, inputs, consumers, devices, get_attr and set_shape."""

from tests.conformance.cases.tensors._helpers import _g
from tests.conformance.harness import case, raises, shape_of


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

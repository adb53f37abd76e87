"""``Operation.get_attr``: every attribute of a node as TensorFlow returns it (bytes, float32
rounding, TensorShapeProto, TensorProto, lists, DTypes), defaults included, and its errors."""

import numpy as np

from tests.conformance.cases.graph_def._helpers import get_attr_plain
from tests.conformance.harness import case, raises


def _all(tf, op):
    op = getattr(op, "op", op)
    return {name: get_attr_plain(tf, op.get_attr(name)) for name in sorted(op.node_def.attr)}


@case
def get_attr_const_and_placeholder(tf):
    c = tf.constant([1.5, 2.5], name="c")
    p = tf.placeholder(tf.int32, [None, 2], name="p")
    q = tf.placeholder(tf.string, name="q")
    return [_all(tf, c), _all(tf, p), _all(tf, q)]


@case
def get_attr_conv_and_pool(tf):
    x = tf.placeholder(tf.float32, [1, 4, 4, 2], name="x")
    y = tf.nn.conv2d(x, tf.ones([2, 2, 2, 1]), [1, 1, 1, 1], "SAME")
    z = tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
    return [_all(tf, y), _all(tf, z)]


@case
def get_attr_floats_are_float32(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    y = tf.nn.leaky_relu(x, alpha=0.1)
    z = tf.nn.lrn(tf.placeholder(tf.float32, [1, 2, 2, 3]), alpha=1e-4, beta=0.75, bias=2.0)
    b = tf.nn.fused_batch_norm(tf.placeholder(tf.float32, [1, 2, 2, 3]), tf.ones([3]), tf.zeros([3]),
                               epsilon=0.001)[0]
    return [_all(tf, y), _all(tf, z), _all(tf, b)]


@case
def get_attr_variable_and_assign(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    a = v.assign([0.0, 0.0])
    return [_all(tf, v.op), _all(tf, v.initializer), _all(tf, a), _all(tf, v.value())]


@case
def get_attr_reductions_and_casts(tf):
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    return [_all(tf, tf.reduce_sum(x, 1, keepdims=True)), _all(tf, tf.argmax(x, 1)), _all(tf, tf.cast(x, tf.int32)),
            _all(tf, tf.shape(x, out_type=tf.int64))]


@case
def get_attr_lists(tf):
    x = tf.placeholder(tf.float32, [1, 2, 1], name="x")
    s = tf.squeeze(x, [0, 2])
    t = tf.squeeze(x)
    a = tf.Assert(tf.constant(True), [x, "text"])
    sp = tf.split(x, 2, axis=1)[0]
    return [_all(tf, s), _all(tf, t), _all(tf, a), _all(tf, sp)]


@case
def get_attr_control_flow(tf):
    p = tf.placeholder(tf.bool, [], name="p")
    tf.cond(p, lambda: tf.constant(1), lambda: tf.constant(2))
    tf.while_loop(lambda i: i < 2, lambda i: i + 1, [0], parallel_iterations=3)
    g = tf.get_default_graph()
    ops = [op for op in g.get_operations() if op.type in ("Switch", "Merge", "Enter", "Exit", "NextIteration",
                                                          "LoopCond")]
    return [[op.name, _all(tf, op)] for op in ops]


@case
def get_attr_tensor_array(tf):
    ta = tf.TensorArray(tf.float32, size=2, element_shape=[3])
    w = ta.write(0, tf.ones([3]))
    return [_all(tf, ta.handle), _all(tf, w.flow)]


@case
def get_attr_colocation_class(tf):
    v = tf.Variable(1.0, name="v")
    with tf.colocate_with(v):
        c = tf.identity(v, name="c")
    return [c.op.get_attr("_class"), c.op.colocation_groups(), v.op.colocation_groups()]


@case
def get_attr_defaults_not_set_by_wrapper(tf):
    x = tf.placeholder(tf.float32, [2, 2], name="x")
    m = tf.matmul(x, x)
    e = tf.equal(x, x)
    r = tf.random_uniform([2])
    return [m.op.get_attr("grad_a"), e.op.get_attr("incompatible_shape_error"), r.op.get_attr("seed2"),
            _all(tf, m)]


@case
def get_attr_missing(tf):
    c = tf.constant(1.0, name="c")
    a = tf.Assert(tf.constant(True), [c], name="check")
    return [raises(c.op.get_attr, "nope"), raises(c.op.get_attr, "T"), raises(a.get_attr, "_num_data"),
            raises(a.get_attr, "")]


@case
def get_attr_string_and_int_values(tf):
    x = tf.placeholder(tf.float32, [4, 4, 4, 2], name="x")
    y = tf.nn.bias_add(x, tf.ones([2]), data_format="NHWC")
    z = x[1:, ..., tf.newaxis]
    oh = tf.one_hot([1, 2], 3, axis=0)
    return [_all(tf, y), _all(tf, z), _all(tf, oh)]


@case
def get_attr_shape_attr_converts(tf):
    p = tf.placeholder(tf.float32, [None, 3], name="p")
    shape = p.op.get_attr("shape")
    return [type(shape).__name__, tf.TensorShape(shape).as_list(), tf.TensorShape(shape).ndims,
            tf.TensorShape(tf.placeholder(tf.int32).op.get_attr("shape")).ndims]


@case
def get_attr_numpy_const_value(tf):
    c = tf.constant(np.array([[True, False]]), name="b")
    return _all(tf, c)

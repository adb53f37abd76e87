"""Kernel (run-time) error messages: gather and slicing, elementwise ops, reductions and nn ops."""

import numpy as np

from tests.conformance.cases.runtime_errors._helpers import _kernel_error, _ph
from tests.conformance.harness import case


# -- gather and slicing ---------------------------------------------------------------------------
@case
def gather_index_out_of_range(tf):
    p = _ph(tf, name="p", shape=[None, 2])
    i = tf.placeholder(tf.int32, [None], name="i")
    g = tf.gather(p, i, name="g")
    return [_kernel_error(tf, g, {p: np.zeros((3, 2)), i: [5]}),
            _kernel_error(tf, g, {p: np.zeros((3, 2)), i: [0, 1, -1]})]


@case
def gather_axis1_index_out_of_range(tf):
    p = _ph(tf, name="p")
    i = tf.placeholder(tf.int64, None, name="i")
    g = tf.gather(p, i, axis=1, name="g")
    return _kernel_error(tf, g, {p: np.zeros((2, 4)), i: [[0, 1], [4, 2]]})


@case
def gather_nd_index_out_of_range(tf):
    p = _ph(tf, name="p")
    i = tf.placeholder(tf.int32, None, name="i")
    g = tf.gather_nd(p, i, name="g")
    return _kernel_error(tf, g, {p: np.zeros((3, 2)), i: [[0, 1], [3, 0]]})


@case
def strided_slice_index_out_of_range(tf):
    x = _ph(tf)
    s = tf.identity(x[5], name="s")
    n = tf.identity(x[-4], name="n")
    return [_kernel_error(tf, s, {x: np.zeros(3)}), _kernel_error(tf, n, {x: np.zeros(3)})]


@case
def strided_slice_too_many_indices(tf):
    x = _ph(tf)
    s = x[1, 2]
    return _kernel_error(tf, s, {x: np.zeros(3)})


@case
def slice_out_of_bounds(tf):
    x = _ph(tf)
    s = tf.slice(x, [1], [5], name="s")
    return _kernel_error(tf, s, {x: np.zeros(3)})


@case
def split_not_divisible(tf):
    x = _ph(tf)
    s = tf.split(x, 2, name="s")
    return _kernel_error(tf, s, {x: np.zeros(3)})


@case
def split_v_sizes_mismatch(tf):
    x = _ph(tf)
    s = tf.split(x, [1, 1], name="s", num=2)
    return _kernel_error(tf, s, {x: np.zeros(3)})


# -- elementwise ----------------------------------------------------------------------------------
@case
def add_incompatible_broadcast(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    return [_kernel_error(tf, tf.add(a, b, name="s"), {a: np.zeros(2), b: np.zeros(3)}),
            _kernel_error(tf, tf.add(a, b, name="s2"), {a: np.zeros((2, 3)), b: np.zeros(4)})]


@case
def mul_incompatible_broadcast(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    return _kernel_error(tf, tf.multiply(a, b, name="m"), {a: np.zeros((4, 1, 3)), b: np.zeros((2, 2))})


@case
def other_binary_incompatible_broadcast(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    ops = [tf.subtract(a, b, name="sub"), tf.div(a, b, name="div"), tf.maximum(a, b, name="max"),
           tf.equal(a, b, name="eq"), tf.less(a, b, name="lt"), tf.pow(a, b, name="pow"),
           tf.squared_difference(a, b, name="sqd")]
    return [_kernel_error(tf, op, {a: np.zeros(2), b: np.zeros(3)}) for op in ops]


@case
def add_n_shapes_differ(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    s = tf.add_n([a, b], name="s")
    return _kernel_error(tf, s, {a: np.zeros(2), b: np.zeros(3)})


@case
def select_shapes_differ(tf):
    c = tf.placeholder(tf.bool, None, name="c")
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    w = tf.where(c, a, b, name="w")
    return _kernel_error(tf, w, {c: [True, False], a: np.zeros(2), b: np.zeros(3)})


@case
def cast_string_to_float(tf):
    s = tf.placeholder(tf.string, None, name="s")
    return _kernel_error(tf, tf.cast(s, tf.float32, name="c"), {s: ["1"]})


# -- reductions -----------------------------------------------------------------------------------
@case
def reduce_axis_out_of_range(tf):
    x = _ph(tf)
    a = tf.placeholder(tf.int32, None, name="a")
    return [_kernel_error(tf, tf.reduce_sum(x, a, name="s"), {x: np.zeros((2, 3)), a: 2}),
            _kernel_error(tf, tf.reduce_mean(x, a, name="m"), {x: np.zeros((2, 3)), a: [-3]}),
            _kernel_error(tf, tf.reduce_max(x, a, name="mx"), {x: np.zeros((2, 3)), a: [0, 0]})]


@case
def argmax_axis_out_of_range(tf):
    x = _ph(tf)
    a = tf.placeholder(tf.int32, [], name="a")
    return _kernel_error(tf, tf.argmax(x, a, name="am"), {x: np.zeros((2, 3)), a: 2})


# -- nn -------------------------------------------------------------------------------------------
@case
def sparse_xent_label_out_of_range(tf):
    logits = _ph(tf, name="logits", shape=[None, None])
    labels = tf.placeholder(tf.int32, [None], name="labels")
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits, name="xent")
    return [loss.op.type, _kernel_error(tf, loss, {logits: np.zeros((2, 3)), labels: [0, 5]}),
            _kernel_error(tf, loss, {logits: np.zeros((3, 3)), labels: [-1, 1, 2]})]


@case
def sparse_xent_batch_mismatch(tf):
    logits = _ph(tf, name="logits", shape=[None, None])
    labels = tf.placeholder(tf.int32, [None], name="labels")
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits, name="xent")
    return _kernel_error(tf, loss, {logits: np.zeros((2, 3)), labels: [0, 1, 2]})


@case
def softmax_xent_shapes_differ(tf):
    logits = _ph(tf, name="logits", shape=[None, None])
    labels = _ph(tf, name="labels", shape=[None, None])
    loss = tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits, name="xent")
    return _kernel_error(tf, loss, {logits: np.zeros((2, 3)), labels: np.zeros((2, 4))})


@case
def conv2d_channel_mismatch(tf):
    x = _ph(tf, shape=[None, None, None, None])
    w = _ph(tf, name="w", shape=[None, None, None, None])
    y = tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME", name="conv")
    return _kernel_error(tf, y, {x: np.zeros((1, 4, 4, 3)), w: np.zeros((2, 2, 2, 5))})


@case
def bias_add_channel_mismatch(tf):
    x = _ph(tf)
    b = _ph(tf, name="b")
    y = tf.nn.bias_add(x, b, name="ba")
    return _kernel_error(tf, y, {x: np.zeros((2, 3)), b: np.zeros(4)})


@case
def max_pool_wrong_rank(tf):
    x = _ph(tf)
    y = tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "VALID", name="pool")
    return _kernel_error(tf, y, {x: np.zeros((4, 4, 3))})


@case
def one_hot_negative_depth(tf):
    i = tf.placeholder(tf.int32, [None], name="i")
    d = tf.placeholder(tf.int32, [], name="d")
    o = tf.one_hot(i, d, name="oh")
    return _kernel_error(tf, o, {i: [0, 1], d: -1})


@case
def log_softmax_scalar_input(tf):
    x = _ph(tf)
    return _kernel_error(tf, tf.nn.log_softmax(x, name="lsm"), {x: 1.0})


@case
def one_hot_axis_out_of_range(tf):
    i = tf.placeholder(tf.int32, None, name="i")
    return [_kernel_error(tf, tf.one_hot(i, 3, axis=4, name="oh"), {i: [0, 1]}),
            _kernel_error(tf, tf.one_hot(i, 3, axis=1, name="ok"), {i: [0, 1]})]

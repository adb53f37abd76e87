"""Kernel (run-time) error messages: more shape manipulation and assorted ops."""

import numpy as np

from tests.conformance.cases.runtime_errors._helpers import _kernel_error, _ph
from tests.conformance.harness import case


# -- more shape manipulation ----------------------------------------------------------------------
@case
def reshape_empty_tensor_infers_one(tf):
    x = _ph(tf)
    s = tf.placeholder(tf.int32, [None], name="s")
    r = tf.reshape(x, s, name="r")
    return [_kernel_error(tf, tf.shape(r), {x: np.zeros(0), s: [0, -1]}),
            _kernel_error(tf, tf.shape(r), {x: np.zeros((2, 0)), s: [0, -1]}),
            _kernel_error(tf, r, {x: np.zeros(5), s: [0, -1]}),
            _kernel_error(tf, r, {x: np.zeros(6), s: [-1, -3]})]


@case
def concat_scalars(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    c = tf.concat([a, b], 0, name="c")
    return [_kernel_error(tf, c, {a: 1.0, b: 2.0}), _kernel_error(tf, c, {a: np.zeros(3), b: 1.0})]


@case
def pack_and_unpack_axis_out_of_range(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    s = tf.stack([a, b], 3, name="s")
    u = tf.unstack(a, num=2, axis=2, name="u")
    return [_kernel_error(tf, s, {a: np.zeros(3), b: np.zeros(3)}), _kernel_error(tf, u, {a: np.zeros((2, 2))})]


@case
def unpack_wrong_num(tf):
    a = _ph(tf, name="a")
    u = tf.unstack(a, num=3, name="u")
    return _kernel_error(tf, u, {a: np.zeros((2, 2))})


@case
def transpose_negative_perm(tf):
    x = _ph(tf)
    p = tf.placeholder(tf.int32, None, name="p")
    t = tf.transpose(x, p, name="t")
    return [_kernel_error(tf, tf.shape(t), {x: np.zeros((2, 3, 4)), p: [-1, 0, 1]}),
            _kernel_error(tf, t, {x: np.zeros((2, 3, 4)), p: [-4, 0, 1]}),
            _kernel_error(tf, t, {x: np.zeros((2, 3, 4)), p: [[0, 1, 2]]}),
            _kernel_error(tf, t, {x: np.zeros((2, 3, 4)), p: [1, 1, 0]})]


@case
def cast_to_and_from_string(tf):
    s = tf.placeholder(tf.string, None, name="s")
    f = _ph(tf, name="f")
    b = tf.placeholder(tf.bool, None, name="b")
    return [_kernel_error(tf, tf.cast(s, tf.int64, name="c1"), {s: ["1"]}),
            _kernel_error(tf, tf.cast(s, tf.bool, name="c2"), {s: ["1"]}),
            _kernel_error(tf, tf.cast(f, tf.string, name="c3"), {f: [1.0]}),
            _kernel_error(tf, tf.cast(b, tf.string, name="c4"), {b: [True]})]


@case
def select_condition_forms(tf):
    c = tf.placeholder(tf.bool, None, name="c")
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    w = tf.where(c, a, b, name="w")
    return [_kernel_error(tf, w, {c: [True, False, True], a: [1.0, 2.0], b: [1.0, 2.0]}),
            _kernel_error(tf, w, {c: True, a: [1.0, 2.0], b: [1.0, 2.0, 3.0]}),
            _kernel_error(tf, w, {c: [True, False], a: np.ones((3, 1)), b: np.ones((3, 1))}),
            _kernel_error(tf, w, {c: [True], a: np.ones((1, 2)), b: np.ones((2, 1))}),
            _kernel_error(tf, w, {c: [[True]], a: np.ones((1, 2)), b: np.ones((1, 2))}),
            _kernel_error(tf, w, {c: [True, False], a: np.ones((2, 2)), b: np.zeros((2, 2))})]


@case
def add_n_would_broadcast(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    s = tf.add_n([a, b], name="s")
    return [_kernel_error(tf, s, {a: [1.0], b: [1.0, 2.0]}), _kernel_error(tf, s, {a: [[1.0, 2.0]], b: [1.0, 2.0]})]


@case
def pad_bad_paddings(tf):
    x = _ph(tf)
    p = tf.placeholder(tf.int32, None, name="p")
    y = tf.pad(x, p, name="pad")
    return [_kernel_error(tf, y, {x: np.zeros((2, 3)), p: [[1, 1]]}),
            _kernel_error(tf, y, {x: np.zeros((2, 3)), p: [[1, 1], [-1, 0]]})]


@case
def mirror_pad_bad_paddings(tf):
    x = _ph(tf)
    p = tf.placeholder(tf.int32, None, name="p")
    reflect = tf.pad(x, p, mode="REFLECT", name="reflect")
    symmetric = tf.pad(x, p, mode="SYMMETRIC", name="symmetric")
    feeds = [[[2, 0], [0, 0]], [[0, 0], [0, 4]], [[1, 1]], [[1, 1, 1], [1, 1, 1]], [[-1, 0], [0, 0]]]
    return [_kernel_error(tf, y, {x: np.zeros((2, 3)), p: v}) for y in (reflect, symmetric) for v in feeds]


@case
def broadcast_to_incompatible(tf):
    x = _ph(tf)
    s = tf.placeholder(tf.int32, None, name="s")
    y = tf.broadcast_to(x, s, name="bt")
    return _kernel_error(tf, y, {x: np.zeros(3), s: [2, 4]})


@case
def reverse_axis_out_of_range(tf):
    x = _ph(tf)
    a = tf.placeholder(tf.int32, None, name="a")
    y = tf.reverse(x, a, name="rev")
    return [_kernel_error(tf, y, {x: np.zeros((2, 3)), a: [2]}), _kernel_error(tf, y, {x: np.zeros((2, 3)), a: [0, 0]})]


@case
def cumsum_axis_out_of_range(tf):
    x = _ph(tf)
    a = tf.placeholder(tf.int32, [], name="a")
    return _kernel_error(tf, tf.cumsum(x, a, name="cs"), {x: np.zeros((2, 3)), a: 2})


@case
def top_k_too_few_entries(tf):
    x = _ph(tf)
    k = tf.placeholder(tf.int32, [], name="k")
    v, _ = tf.nn.top_k(x, k, name="tk")
    return [_kernel_error(tf, v, {x: np.zeros((2, 3)), k: 4}), _kernel_error(tf, v, {x: np.zeros((2, 3)), k: -1})]


@case
def in_top_k_shapes(tf):
    p = _ph(tf, name="p")
    t = tf.placeholder(tf.int32, None, name="t")
    y = tf.nn.in_top_k(p, t, 1, name="itk")
    return _kernel_error(tf, y, {p: np.zeros((2, 3)), t: [0, 1, 2]})


@case
def invert_permutation_invalid(tf):
    x = tf.placeholder(tf.int32, None, name="x")
    y = tf.invert_permutation(x, name="ip")
    return [_kernel_error(tf, y, {x: [0, 0]}), _kernel_error(tf, y, {x: [0, 5]})]


@case
def unsorted_segment_sum_bad_ids(tf):
    x = _ph(tf)
    i = tf.placeholder(tf.int32, None, name="i")
    y = tf.unsorted_segment_sum(x, i, 2, name="uss")
    return [_kernel_error(tf, y, {x: np.ones(3), i: [0, 1, 5]}), _kernel_error(tf, y, {x: np.ones(3), i: [0, 1]})]


@case
def scatter_nd_index_out_of_range(tf):
    i = tf.placeholder(tf.int32, None, name="i")
    u = _ph(tf, name="u")
    y = tf.scatter_nd(i, u, [3], name="sn")
    return _kernel_error(tf, y, {i: [[0], [4]], u: [1.0, 2.0]})


@case
def dynamic_stitch_shapes_and_indices(tf):
    i0, i1 = tf.placeholder(tf.int32, None, name="i0"), tf.placeholder(tf.int32, None, name="i1")
    d0, d1 = _ph(tf, name="d0"), _ph(tf, name="d1")
    y = tf.dynamic_stitch([i0, i1], [d0, d1], name="ds")
    return [_kernel_error(tf, y, {i0: [0, 1], i1: [2], d0: [1.0, 2.0, 3.0], d1: [1.0]}),
            _kernel_error(tf, y, {i0: [0], i1: [1], d0: [[1.0, 2.0]], d1: [[1.0, 2.0, 3.0]]}),
            _kernel_error(tf, y, {i0: [0, 2], i1: [1, -1], d0: [1.0, 2.0], d1: [1.0, 2.0]}),
            _kernel_error(tf, y, {i0: [[0, 2], [1, -3]], i1: [3], d0: [[1.0, 2.0], [3.0, 4.0]], d1: [1.0]})]


@case
def slice_negative_begin(tf):
    x = _ph(tf)
    b = tf.placeholder(tf.int32, None, name="b")
    y = tf.slice(x, b, [1, 1], name="sl")
    return [_kernel_error(tf, y, {x: np.zeros((2, 3)), b: [-1, 0]}),
            _kernel_error(tf, y, {x: np.zeros((2, 3)), b: [0]})]


@case
def split_axis_out_of_range(tf):
    x = _ph(tf)
    a = tf.placeholder(tf.int32, [], name="a")
    s = tf.split(x, 2, axis=a, name="sp")
    return _kernel_error(tf, s, {x: np.zeros((2, 2)), a: 2})


@case
def squeeze_axis_out_of_range(tf):
    x = _ph(tf)
    return _kernel_error(tf, tf.squeeze(x, [3], name="sq"), {x: np.zeros((1, 2))})


@case
def gather_axis_out_of_range(tf):
    p = _ph(tf, name="p")
    a = tf.placeholder(tf.int32, [], name="a")
    g = tf.gather(p, [0], axis=a, name="g")
    return _kernel_error(tf, g, {p: np.zeros((2, 2)), a: 2})


@case
def l2_loss_and_bias_add_grad_shapes(tf):
    x = _ph(tf)
    b = tf.nn.bias_add(x, tf.zeros([3]), name="ba")
    return _kernel_error(tf, b, {x: np.zeros(3)})


@case
def depthwise_channel_mismatch(tf):
    x = _ph(tf, shape=[None, None, None, None])
    w = _ph(tf, name="w", shape=[None, None, None, None])
    y = tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "SAME", name="dw")
    return _kernel_error(tf, y, {x: np.zeros((1, 4, 4, 3)), w: np.zeros((2, 2, 2, 1))})


@case
def fused_batch_norm_scale_size(tf):
    x = _ph(tf, shape=[None, None, None, None])
    s = _ph(tf, name="s", shape=[None])
    y, _, _ = tf.nn.fused_batch_norm(x, s, tf.zeros([3]), name="bn")
    return _kernel_error(tf, y, {x: np.zeros((1, 2, 2, 3)), s: np.ones(2)})


@case
def floor_mod_and_div_by_zero(tf):
    a = tf.placeholder(tf.int32, None, name="a")
    b = tf.placeholder(tf.int32, None, name="b")
    return [_kernel_error(tf, tf.floormod(a, b, name="fm"), {a: [1, 2], b: [1, 0]}),
            _kernel_error(tf, tf.floordiv(a, b, name="fd"), {a: [1, 2], b: [1, 0]}),
            _kernel_error(tf, tf.truncatediv(a, b, name="td"), {a: [1, 2], b: [1, 0]})]


@case
def matrix_diag_part_wrong_rank(tf):
    x = _ph(tf)
    return _kernel_error(tf, tf.diag_part(x, name="dp"), {x: np.zeros((2, 3))})

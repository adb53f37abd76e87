"""Conformance cases for kernel (run-time) error messages.

Every case builds ops on placeholders of unknown static shape, so the failure happens when the
session runs the kernel, not when the graph is built. Compared: the error class, the failing
node, and the kernel's own message (the lines between TensorFlow's ``Node: '...'`` line and
the ``[[{{node ...}}]]`` trailer; the frame around it is the executor's and is checked in
``session_runtime``).
"""

import numpy as np

from tests.conformance.harness import case


def _kernel_error(tf, fetch, feed=None):
    """``{"error", "node", "kernel"}`` for running ``fetch``; ``{"ok": value}`` if it runs."""
    with tf.Session() as sess:
        try:
            value = sess.run(fetch, feed)
        except tf.errors.OpError as e:
            lines = e.message.split("\n")
            start = next((i + 1 for i, ln in enumerate(lines) if ln.startswith("Node: ")), 0)
            end = next((i for i, ln in enumerate(lines) if ln.startswith("\t [[")), len(lines))
            return {"error": type(e).__name__, "node": None if e.op is None else e.op.name,
                    "kernel": lines[start:end]}
    return {"ok": np.asarray(value).tolist()}


def _ph(tf, dtype=None, name="x", shape=None):
    return tf.placeholder(tf.float32 if dtype is None else dtype, shape, name=name)


# -- placeholders ---------------------------------------------------------------------------------
@case
def placeholder_unfed_scalar(tf):
    return _kernel_error(tf, tf.placeholder(tf.float32, [], name="x"))


@case
def placeholder_unfed_unknown_rank(tf):
    return _kernel_error(tf, tf.placeholder(tf.float32, None, name="x"))


@case
def placeholder_unfed_partial_shape(tf):
    return _kernel_error(tf, tf.placeholder(tf.int32, [None, 3], name="x"))


@case
def placeholder_unfed_full_shape(tf):
    return _kernel_error(tf, tf.placeholder(tf.float64, [2, 3], name="x"))


@case
def placeholder_unfed_string_vector(tf):
    return _kernel_error(tf, tf.placeholder(tf.string, [4], name="x"))


@case
def placeholder_unfed_bool_unknown_dims(tf):
    return _kernel_error(tf, tf.placeholder(tf.bool, [None, None], name="x"))


@case
def placeholder_with_default_not_affected(tf):
    x = tf.placeholder_with_default([1.0, 2.0], [None], name="x")
    return _kernel_error(tf, x * 2.0)


# -- matmul ---------------------------------------------------------------------------------------
@case
def batch_matmul_size_mismatch(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    m = tf.matmul(a, b, name="mm")
    return [m.op.type, _kernel_error(tf, m, {a: np.zeros((2, 3)), b: np.zeros((4, 5))})]


@case
def batch_matmul_batched_size_mismatch(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    m = tf.matmul(a, b, name="mm")
    return _kernel_error(tf, m, {a: np.zeros((7, 2, 3)), b: np.zeros((7, 4, 5))})


@case
def batch_matmul_batch_dims_mismatch(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    m = tf.matmul(a, b, name="mm")
    return _kernel_error(tf, m, {a: np.zeros((2, 2, 3)), b: np.zeros((3, 3, 5))})


@case
def batch_matmul_transposed_mismatch(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    m = tf.matmul(a, b, transpose_a=True, adjoint_b=True, name="mm")
    return _kernel_error(tf, m, {a: np.zeros((2, 3)), b: np.zeros((4, 5))})


@case
def batch_matmul_vector_input(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    m = tf.matmul(a, b, name="mm")
    return [_kernel_error(tf, m, {a: np.zeros(3), b: np.zeros((3, 5))}),
            _kernel_error(tf, m, {a: np.zeros((2, 3)), b: np.zeros(3)}),
            _kernel_error(tf, m, {a: np.zeros(()), b: np.zeros((3, 3))})]


@case
def matmul_2d_size_mismatch(tf):
    a, b = _ph(tf, name="a", shape=[None, None]), _ph(tf, name="b", shape=[None, None])
    m = tf.matmul(a, b, name="mm")
    t = tf.matmul(a, b, transpose_b=True, name="mt")
    return [m.op.type, _kernel_error(tf, m, {a: np.zeros((2, 3)), b: np.zeros((4, 5))}),
            _kernel_error(tf, t, {a: np.zeros((2, 3)), b: np.zeros((4, 5))})]


# -- joining --------------------------------------------------------------------------------------
@case
def concat_ranks_differ(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    c = tf.concat([a, b], 0, name="c")
    return _kernel_error(tf, c, {a: np.zeros((2, 3)), b: np.zeros(4)})


@case
def concat_dimension_differs(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    c = tf.concat([a, b], 0, name="c")
    return _kernel_error(tf, c, {a: np.zeros((2, 3)), b: np.zeros((2, 4))})


@case
def concat_third_input_differs(tf):
    a, b, d = _ph(tf, name="a"), _ph(tf, name="b"), _ph(tf, name="d")
    c = tf.concat([a, b, d], 1, name="c")
    return _kernel_error(tf, c, {a: np.zeros((2, 3)), b: np.zeros((2, 1)), d: np.zeros((3, 1))})


@case
def concat_axis_out_of_range(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    axis = tf.placeholder(tf.int32, [], name="axis")
    c = tf.concat([a, b], axis, name="c")
    return [_kernel_error(tf, c, {a: np.zeros((2, 3)), b: np.zeros((2, 3)), axis: 2}),
            _kernel_error(tf, c, {a: np.zeros((2, 3)), b: np.zeros((2, 3)), axis: -3})]


@case
def pack_shapes_differ(tf):
    a, b = _ph(tf, name="a"), _ph(tf, name="b")
    s = tf.stack([a, b], name="s")
    return _kernel_error(tf, s, {a: np.zeros(3), b: np.zeros(2)})


@case
def pack_third_shape_differs(tf):
    a, b, d = _ph(tf, name="a"), _ph(tf, name="b"), _ph(tf, name="d")
    s = tf.stack([a, b, d], axis=1, name="s")
    return _kernel_error(tf, s, {a: np.zeros((2, 2)), b: np.zeros((2, 2)), d: np.zeros(2)})


# -- shape manipulation ---------------------------------------------------------------------------
@case
def transpose_perm_wrong_length(tf):
    x = _ph(tf)
    t = tf.transpose(x, [1, 0], name="t")
    return _kernel_error(tf, t, {x: np.zeros((2, 3, 4))})


@case
def transpose_perm_invalid(tf):
    x = _ph(tf)
    p = tf.placeholder(tf.int32, [None], name="p")
    t = tf.transpose(x, p, name="t")
    return [_kernel_error(tf, t, {x: np.zeros((2, 3)), p: [0, 0]}),
            _kernel_error(tf, t, {x: np.zeros((2, 3)), p: [0, 2]})]


@case
def tile_multiples_wrong_length(tf):
    x = _ph(tf)
    t = tf.tile(x, [2], name="t")
    return _kernel_error(tf, t, {x: np.zeros((2, 3))})


@case
def tile_negative_multiples(tf):
    x = _ph(tf)
    m = tf.placeholder(tf.int32, [None], name="m")
    t = tf.tile(x, m, name="t")
    return _kernel_error(tf, t, {x: np.zeros((2, 3)), m: [1, -1]})


@case
def fill_negative_dims(tf):
    d = tf.placeholder(tf.int32, [None], name="d")
    f = tf.fill(d, 1.0, name="f")
    return _kernel_error(tf, f, {d: [2, -1]})


@case
def fill_value_not_scalar(tf):
    v = _ph(tf, name="v")
    f = tf.fill([2, 2], v, name="f")
    return _kernel_error(tf, f, {v: [1.0, 2.0]})


@case
def range_delta_zero(tf):
    d = tf.placeholder(tf.int32, [], name="d")
    r = tf.range(0, 5, d, name="r")
    return _kernel_error(tf, r, {d: 0})


@case
def range_wrong_direction(tf):
    s = tf.placeholder(tf.int32, [], name="s")
    r = tf.range(s, 2, 1, name="r")
    down = tf.range(s, 9, -1, name="down")
    fr = tf.range(tf.cast(s, tf.float32), 2.0, 0.5, name="fr")
    return [_kernel_error(tf, r, {s: 5}), _kernel_error(tf, down, {s: 5}), _kernel_error(tf, fr, {s: 5})]


@case
def reshape_size_mismatch(tf):
    x = _ph(tf)
    r = tf.reshape(x, [2, 3], name="r")
    return _kernel_error(tf, r, {x: np.zeros(5)})


@case
def reshape_inferred_dim_mismatch(tf):
    x = _ph(tf)
    r = tf.reshape(x, [-1, 2], name="r")
    return _kernel_error(tf, r, {x: np.zeros(5)})


@case
def reshape_two_inferred_dims(tf):
    x = _ph(tf)
    s = tf.placeholder(tf.int32, [None], name="s")
    r = tf.reshape(x, s, name="r")
    return [_kernel_error(tf, r, {x: np.zeros(6), s: [-1, -1]}),
            _kernel_error(tf, r, {x: np.zeros(6), s: [2, -2]})]


@case
def expand_dims_axis_out_of_range(tf):
    x = _ph(tf)
    a = tf.placeholder(tf.int32, [], name="a")
    e = tf.expand_dims(x, a, name="e")
    return _kernel_error(tf, e, {x: np.zeros((2, 3)), a: 4})


@case
def squeeze_dim_not_one(tf):
    x = _ph(tf)
    s = tf.squeeze(x, [0], name="s")
    return _kernel_error(tf, s, {x: np.zeros((2, 3))})


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

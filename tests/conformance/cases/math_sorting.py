"""Conformance cases for sorting, searching, counting and sequence functions (``tf.sort``,
``tf.argsort``, ``tf.searchsorted``, ``tf.roll``, ``tf.unique_with_counts``,
``tf.histogram_fixed_width``/``_bins``, ``tf.math.bincount``, ``tf.linspace``, ``tf.repeat``,
``tf.identity_n``, ``tf.ensure_shape``, ``tf.unravel_index``, ``tf.bitwise`` shifts): op names
and types, static shapes, values, TF's errors and gradients."""

import numpy as np

from tests.conformance.cases._math_helpers import describe, grads, run_error, static, values
from tests.conformance.harness import case, error_class, raises

_X = np.array([[3.0, -1.0, 2.0, 2.0], [0.5, 7.0, -4.0, 0.0]], np.float32)


def _x(tf):
    return tf.constant(_X, name="x")


@case
def sort_graphs_and_values(tf):
    x = _x(tf)
    return describe(tf, [tf.sort(x), tf.sort(x, direction="DESCENDING"), tf.sort(x, axis=0),
                         tf.sort(tf.constant([3, 1, 2, -5], name="i")), tf.sort(x, name="s")])


@case
def sort_unsigned_and_3d(tf):
    u = tf.constant([200, 3, 255, 0], tf.uint8, name="u")
    c = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4)[:, ::-1, :] % 7, name="c")
    return describe(tf, [tf.sort(u), tf.sort(c, axis=1), tf.sort(c, axis=-2, direction="DESCENDING")])


@case
def argsort_graphs_and_values(tf):
    x = _x(tf)
    return describe(tf, [tf.argsort(x), tf.argsort(x, direction="DESCENDING", stable=True), tf.argsort(x, axis=0),
                         tf.argsort(tf.constant([3, 1, 2, -5], tf.int64, name="i"), name="a")])


@case
def sort_errors(tf):
    x = _x(tf)
    return {"direction": raises(tf.sort, x, direction="UP"),
            "axis_tensor": raises(tf.sort, x, axis=tf.placeholder(tf.int32, [])),
            "axis_vector": raises(tf.argsort, x, axis=[0, 1])}


@case
def searchsorted_graphs_and_values(tf):
    seq = tf.constant([[1.0, 2.0, 2.0, 5.0], [0.0, 1.0, 3.0, 9.0]], name="seq")
    v = tf.constant([[2.0, 0.5, 6.0], [3.0, 10.0, -1.0]], name="v")
    flat = tf.constant([1, 3, 3, 8], name="flat")
    return describe(tf, [tf.searchsorted(seq, v), tf.searchsorted(seq, v, side="right", out_type=tf.int64),
                         tf.searchsorted(flat, tf.constant([3, 0, 9]), name="ss")])


@case
def searchsorted_errors(tf):
    seq = tf.placeholder(tf.float32, [None, 3], name="seq")
    v = tf.placeholder(tf.float32, [None, 2], name="v")
    out = tf.searchsorted(seq, v)
    return {"side": raises(tf.searchsorted, [1.0], [1.0], side="middle"),
            "rows": run_error(tf, out, {seq: [[1.0, 2.0, 3.0]], v: [[1.0, 2.0], [3.0, 4.0]]})}


@case
def roll_values_and_shapes(tf):
    x = _x(tf)
    return describe(tf, [tf.roll(x, 1, 0), tf.roll(x, [1, -3], [0, 1]), tf.roll(x, 5, -1, name="r"),
                         tf.roll(x, [1, 1], [1, 1])])


@case
def roll_errors(tf):
    x = _x(tf)
    s = tf.placeholder(tf.int32, name="s")
    a = tf.placeholder(tf.int32, name="a")
    out = tf.roll(x, s, a)
    return {"sizes": run_error(tf, out, {s: [1, 2], a: [0]}), "axis": run_error(tf, out, {s: 1, a: 2})}


@case
def unique_with_counts_values(tf):
    x = tf.constant([4, 1, 4, 4, 2, 1, 7], name="x")
    y, idx, count = tf.unique_with_counts(x)
    f = tf.unique_with_counts(tf.constant([1.5, 1.5, -2.0]), out_idx=tf.int64, name="u")
    bad = tf.unique_with_counts(tf.constant([[1, 2]]))
    return {"static": static([y, idx, count] + list(f) + list(bad)),
            "values": values(tf, [y, idx, count, f.y, f.idx, f.count]), "rank2": run_error(tf, bad.y)}


@case
def histogram_fixed_width_values(tf):
    v = tf.constant([-1.0, 0.0, 0.2, 0.5, 0.99, 1.0, 1.5, 0.75, 0.25], name="v")
    i = tf.constant([[0, 5], [9, 10]], name="i")
    return describe(tf, [tf.histogram_fixed_width(v, [0.0, 1.0], nbins=4),
                         tf.histogram_fixed_width(v, [0.0, 1.0], nbins=3, dtype=tf.int64, name="h"),
                         tf.histogram_fixed_width(i, [0, 10], nbins=5)])


@case
def histogram_fixed_width_errors(tf):
    v = tf.constant([0.5], name="v")
    n = tf.placeholder(tf.int32, [], name="n")
    r = tf.placeholder(tf.float32, [2], name="r")
    return {"nbins": run_error(tf, tf.histogram_fixed_width(v, [0.0, 1.0], nbins=n), {n: 0}),
            "range": run_error(tf, tf.histogram_fixed_width(v, r, nbins=3), {r: [1.0, 0.0]})}


@case
def histogram_fixed_width_bins_graph(tf):
    v = tf.constant([[-1.0, 0.0, 0.2], [0.5, 0.99, 1.5]], name="v")
    return describe(tf, [tf.histogram_fixed_width_bins(v, [0.0, 1.0], nbins=4)])


@case
def bincount_graphs_and_values(tf):
    a = tf.constant([1, 1, 3, 0, 3, 3], name="a")
    w = tf.constant([0.5, 1.0, 2.0, 1.0, 1.0, 1.0], name="w")
    return describe(tf, [tf.math.bincount(a), tf.bincount(a, minlength=6), tf.bincount(a, maxlength=2),
                         tf.math.bincount(a, weights=w, dtype=tf.float32),
                         tf.math.bincount(tf.constant([[1, 2], [2, 0]], name="m")),
                         tf.math.bincount(tf.constant([], tf.int32, name="e"))])


@case
def bincount_errors(tf):
    a = tf.placeholder(tf.int32, name="a")
    return {"negative": run_error(tf, tf.math.bincount(a), {a: [1, -1, 2]})}


@case
def linspace_graph_and_values(tf):
    return describe(tf, [tf.linspace(0.0, 1.0, 5), tf.lin_space(-2.0, 2.0, 4), tf.linspace(3.0, 4.0, 1, name="one"),
                         tf.linspace(tf.constant(1.0, tf.float64), 2.0, 3)])


@case
def linspace_nd(tf):
    return describe(tf, [tf.linspace([0.0, 10.0], [1.0, 20.0], 3), tf.linspace([0.0, 10.0], [1.0, 20.0], 3, axis=-1)])


@case
def repeat_graphs_and_values(tf):
    x = _x(tf)
    return describe(tf, [tf.repeat(x, 2, axis=1), tf.repeat(x, [1, 2], axis=0), tf.repeat(x, 3),
                         tf.repeat(tf.constant(5, name="s"), 3, name="rep")])


@case
def repeat_per_element(tf):
    x = _x(tf)
    outs = [tf.repeat(x, [1, 0, 2, 1], axis=1), tf.repeat([1, 2, 3], [3, 0, 1])]
    return {"static": static(outs), "values": values(tf, outs), "axis": raises(tf.repeat, x, 2, axis=2)}


@case
def identity_n_and_ensure_shape(tf):
    x = _x(tf)
    p = tf.placeholder(tf.float32, [None, 4], name="p")
    ids = tf.identity_n([x, tf.constant(3, name="c")])
    e = tf.ensure_shape(tf.identity(p), [2, 4])
    e2 = tf.ensure_shape(p, [None, 4], name="keep")
    return {"static": static(ids + [e, e2]), "values": values(tf, ids + [e], {p: _X}),
            "run_error": error_class(lambda: tf.Session().run(e, {p: np.zeros((3, 4))})),  # TF names the feed _arg_
            "build_error": raises(tf.ensure_shape, x, [3, 4]),
            "ops": [[o.name, o.type] for o in tf.get_default_graph().get_operations() if o.type != "Const"]}


@case
def unravel_index_values(tf):
    return describe(tf, [tf.unravel_index([0, 5, 7, 11], [3, 4]), tf.unravel_index(7, [2, 2, 2]),
                         tf.unravel_index(tf.constant([1, 2], tf.int64), tf.constant([2, 3], tf.int64), name="u")])


@case
def unravel_index_errors(tf):
    i = tf.placeholder(tf.int32, name="i")
    return {"range": run_error(tf, tf.unravel_index(i, [2, 3]), {i: [6]}),
            "rank2": run_error(tf, tf.unravel_index(i, [2, 3]), {i: [[1, 2]]})}


@case
def bit_shifts(tf):
    x = tf.constant([1, -8, 5, 127], tf.int32, name="x")
    u = tf.constant([1, 128, 255], tf.uint8, name="u")
    return describe(tf, [tf.bitwise.left_shift(x, 2), tf.bitwise.right_shift(x, [0, 1, 2, 3]),
                         tf.bitwise.left_shift(u, 1, name="l"), tf.bitwise.right_shift(u, 3)])


@case
def bit_shift_errors(tf):
    return {"float": raises(tf.bitwise.left_shift, tf.constant([1.0]), tf.constant([1.0])),
            "grad": raises(lambda: tf.gradients(tf.cast(tf.bitwise.left_shift(tf.constant([1]), 1), tf.float32),
                                                tf.constant([1])))}


# -- gradients ---------------------------------------------------------------------------------
@case
def grad_sort_and_roll(tf):
    x = _x(tf)
    return grads(tf, [tf.sort(x) * tf.constant([1.0, 2.0, 3.0, 4.0]), tf.roll(x, [1, 2], [0, 1]) * x], [x])


@case
def grad_identity_n_ensure_shape_repeat(tf):
    x = _x(tf)
    a, b = tf.identity_n([x, x * 2.0])
    return grads(tf, [a * b, tf.ensure_shape(x, [2, 4]) * x, tf.repeat(x, 2, axis=1)], [x])


@case
def grad_linspace(tf):
    s = tf.constant(1.0, name="s")
    return grads(tf, tf.linspace(s, 3.0, 4), [s])

"""Conformance cases for the segment reductions (``tf.math.segment_max``,
``tf.unsorted_segment_prod``, ``tf.math.unsorted_segment_mean`` ...): op names and types, static
shapes, values (empty segments, negative ids, integer data), TF's errors, and gradients."""

import numpy as np

from tests.conformance.cases._math_helpers import describe, grads, run_error, static, values
from tests.conformance.harness import case, raises

_D = np.array([[1.0, 2.0, -1.0], [3.0, -4.0, 0.5], [5.0, 6.0, 2.0], [0.0, 2.0, -3.0], [2.5, 1.0, 4.0]], np.float32)
_SORTED = ("segment_max", "segment_mean", "segment_min", "segment_prod", "segment_sum")
_UNSORTED = ("unsorted_segment_max", "unsorted_segment_min", "unsorted_segment_prod", "unsorted_segment_sum")


def _d(tf):
    return tf.constant(_D, name="data")


@case
def sorted_names_shapes_values(tf):
    d = _d(tf)
    ids = tf.constant([0, 0, 2, 2, 3], name="ids")
    return describe(tf, [getattr(tf.math, n)(d, ids) for n in _SORTED])


@case
def sorted_top_level_and_names(tf):
    d = _d(tf)
    ids = [0, 1, 1, 1, 4]
    return describe(tf, [tf.segment_max(d, ids, name="mx"), tf.segment_mean(d, ids), tf.segment_min(d, ids),
                         tf.segment_prod(d, ids, name="p")])


@case
def sorted_integer_and_vector_data(tf):
    i = tf.constant([7, 3, 9, 4, 4, 1], name="i")
    ids = tf.constant([0, 0, 1, 1, 1, 3], tf.int64, name="ids")
    return describe(tf, [tf.math.segment_max(i, ids), tf.math.segment_mean(i, ids), tf.math.segment_min(i, ids),
                         tf.math.segment_prod(i, ids)])


@case
def sorted_static_shapes(tf):
    d = tf.placeholder(tf.float32, [None, 4, 2], name="d")
    u = tf.placeholder(tf.float32, name="u")
    ids = tf.placeholder(tf.int32, [None], name="ids")
    return {"known": [list(map(str, tf.math.segment_max(d, ids).shape.as_list()))],
            "unknown": str(tf.math.segment_mean(u, ids).shape),
            "rank0": raises(tf.math.segment_min, tf.constant(1.0), [0]),
            "ids_rank2": raises(tf.math.segment_prod, d, tf.constant([[0]]))}


@case
def sorted_run_errors(tf):
    d = tf.placeholder(tf.float32, name="d")
    ids = tf.placeholder(tf.int32, name="ids")
    out = tf.math.segment_max(d, ids)
    return {"unsorted": run_error(tf, out, {d: [1.0, 2.0, 3.0], ids: [1, 0, 0]}),
            "short": run_error(tf, out, {d: [1.0, 2.0, 3.0], ids: [0, 0]}),
            "negative": run_error(tf, out, {d: [1.0, 2.0], ids: [-1, -1]})}


@case
def unsorted_names_shapes_values(tf):
    d = _d(tf)
    ids = tf.constant([2, 0, -1, 2, 0], name="ids")
    return describe(tf, [getattr(tf.math, n)(d, ids, 4) for n in _UNSORTED])


@case
def unsorted_mean_and_sqrt_n(tf):  # values and names only: TF's num_segments[newaxis] is a StridedSlice here
    d = _d(tf)
    ids = tf.constant([2, 0, -1, 2, 0], name="ids")
    outs = [tf.math.unsorted_segment_mean(d, ids, 4), tf.math.unsorted_segment_sqrt_n(d, ids, 4),
            tf.unsorted_segment_mean(d, ids, 3, name="mean"), tf.unsorted_segment_sqrt_n(d[:, 0], ids, 3)]
    return {"outs": static(outs), "values": values(tf, outs)}


@case
def unsorted_top_level_and_names(tf):
    d = _d(tf)
    ids = tf.constant([1, 1, 0, 1, 0], name="ids")
    return describe(tf, [tf.unsorted_segment_max(d, ids, 2, name="m"), tf.unsorted_segment_min(d, ids, 2),
                         tf.unsorted_segment_prod(d, ids, 2)])


@case
def unsorted_matrix_ids_and_integers(tf):
    i = tf.constant([[7, 3], [9, 4], [4, 1]], name="i")
    ids = tf.constant([[0, 2], [2, 0], [1, 1]], tf.int64, name="ids")
    n = tf.constant(4, tf.int64, name="n")
    return describe(tf, [tf.math.unsorted_segment_max(i, ids, n), tf.math.unsorted_segment_min(i, ids, 4),
                         tf.math.unsorted_segment_prod(i, ids, n)])


@case
def unsorted_static_shapes(tf):
    d = tf.placeholder(tf.float32, [5, None, 3], name="d")
    ids = tf.placeholder(tf.int32, [5], name="ids")
    n = tf.placeholder(tf.int32, [], name="n")
    return {"shapes": [str(tf.math.unsorted_segment_max(d, ids, 7).shape),
                       str(tf.math.unsorted_segment_prod(d, ids, n).shape),
                       str(tf.math.unsorted_segment_mean(d, ids, 6).shape),
                       str(tf.math.unsorted_segment_sqrt_n(d, ids, n).shape)],
            "mismatch": raises(tf.math.unsorted_segment_min, d, tf.constant([0, 1, 2]), 3),
            "negative_num": raises(tf.math.unsorted_segment_max, d, ids, -1)}


@case
def unsorted_run_errors(tf):
    d = tf.placeholder(tf.float32, name="d")
    ids = tf.placeholder(tf.int32, name="ids")
    out = tf.math.unsorted_segment_max(d, ids, 3)
    return {"range": run_error(tf, out, {d: [1.0, 2.0, 3.0], ids: [0, 3, 1]}),
            "prefix": run_error(tf, out, {d: [1.0, 2.0, 3.0], ids: [0, 1]})}


@case
def segment_ops_refuse_float_ids(tf):
    d = _d(tf)
    return {"sorted": raises(tf.math.segment_max, d, tf.constant([0.0, 0.0, 1.0, 1.0, 2.0])),
            "unsorted": raises(tf.math.unsorted_segment_prod, d, tf.constant([0.0, 0.0, 1.0, 1.0, 2.0]), 3),
            "complex_max": raises(tf.math.unsorted_segment_max, tf.complex(d, d), [0, 0, 1, 1, 2], 3)}


# -- gradients ---------------------------------------------------------------------------------
@case
def grad_sorted_segments(tf):
    d = _d(tf)
    ids = tf.constant([0, 0, 2, 2, 3], name="ids")
    return grads(tf, [tf.math.segment_mean(d, ids), tf.math.segment_max(d, ids), tf.math.segment_min(d, ids)], [d])


@case
def grad_segment_prod_with_zeros(tf):
    d = tf.constant([[2.0, 0.0, 1.5], [0.0, 0.0, 2.0], [3.0, 4.0, 0.0], [0.5, 2.0, 1.0]], name="d")
    ids = tf.constant([0, 0, 1, 1], name="ids")
    return grads(tf, tf.math.segment_prod(d, ids), [d])


@case
def grad_unsorted_max_min(tf):
    d = tf.constant([[1.0, 2.0], [1.0, -4.0], [5.0, 2.0], [0.0, 2.0]], name="d")
    ids = tf.constant([1, 1, -1, 0], name="ids")
    return grads(tf, [tf.math.unsorted_segment_max(d, ids, 2), tf.math.unsorted_segment_min(d, ids, 2)], [d])


@case
def grad_unsorted_prod(tf):
    d = tf.constant([[2.0, 0.0], [0.0, 0.0], [3.0, 4.0], [0.5, 2.0]], name="d")
    ids = tf.constant([0, 0, 1, -1], name="ids")
    return grads(tf, tf.math.unsorted_segment_prod(d, ids, 2), [d])


@case
def grad_unsorted_mean_sqrt_n(tf):
    d = _d(tf)
    ids = tf.constant([2, 0, -1, 2, 0], name="ids")
    got = grads(tf, [tf.math.unsorted_segment_mean(d, ids, 3), tf.math.unsorted_segment_sqrt_n(d, ids, 3)], [d])
    return {k: got[k] for k in ("names", "shapes", "values")}  # the graph differs: see unsorted_mean_and_sqrt_n

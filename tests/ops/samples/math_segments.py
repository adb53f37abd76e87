"""Samples for ``ops/math/segments.py``: sorted and unsorted segment reductions against NumPy
loops, static shapes, and TF's gradient rules against central differences."""

import numpy as np

from tests.ops.samples import F64, sample

_IDS = np.array([0, 0, 2, 2, 2], np.int32)
_UIDS = np.array([2, 0, -1, 2, 1], np.int32)
_DATA = F64(5, 3, seed=4) + np.arange(15).reshape(5, 3) * 0.1  # distinct values: max/min have one winner


def _sorted_ref(reduce, empty):
    def ref(data):
        out = np.full((3, 3), float(empty))
        for s in (0, 2):
            out[s] = reduce(data[_IDS == s], axis=0)
        return out
    return ref


def _unsorted_ref(reduce, empty):
    def ref(data):
        out = np.full((3, 3), float(empty))
        for s in (0, 1, 2):
            out[s] = reduce(data[_UIDS == s], axis=0)
        return out
    return ref


for _op, _fn, _reduce, _empty in (("SegmentMean", "segment_mean", np.mean, 0),
                                  ("SegmentMax", "segment_max", np.max, 0),
                                  ("SegmentMin", "segment_min", np.min, 0),
                                  ("SegmentProd", "segment_prod", np.prod, 1)):
    sample(_op, [_DATA], _sorted_ref(_reduce, _empty))(  # reshaped: TF's static shape is (?, 3)
        lambda tf, d, _fn=_fn: tf.reshape(getattr(tf.math, _fn)(d, tf.constant(_IDS)), [3, 3]))

_LOW = np.finfo(np.float64).min
for _op, _fn, _reduce, _empty in (("UnsortedSegmentMax", "unsorted_segment_max", np.max, _LOW),
                                  ("UnsortedSegmentMin", "unsorted_segment_min", np.min, -_LOW),
                                  ("UnsortedSegmentProd", "unsorted_segment_prod", np.prod, 1)):
    sample(_op, [_DATA], _unsorted_ref(_reduce, _empty))(
        lambda tf, d, _fn=_fn: getattr(tf.math, _fn)(d, tf.constant(_UIDS), 3))


@sample("SegmentProd", [np.array([[2.0, 0.0], [0.0, 0.0], [3.0, 5.0]])], lambda d: np.array([[0.0, 0.0], [3.0, 5.0]]))
def _(tf, d):
    return tf.reshape(tf.math.segment_prod(d, [0, 0, 1]), [2, 2])


@sample("UnsortedSegmentMax", [np.array([[3, 1], [2, 7], [5, 5]], np.int32)],
        lambda d: np.array([[5, 5], [3, 7], [np.iinfo(np.int32).min] * 2], np.int32), grad=False)
def _(tf, d):
    return tf.unsorted_segment_max(d, [1, 1, 0], 3)

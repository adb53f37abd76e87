"""TensorFlow's histograms (``tensorflow/core/lib/histogram``) as ``HistogramProto`` messages.

The buckets are TensorFlow's fixed ones: limits that grow by a factor of 1.1 from ``1e-12``
up to ``1e20``, the same mirrored below zero, ``0`` between them and ``±DBL_MAX`` at the
ends. A value falls in the first bucket whose limit is above it. The proto keeps the
non-empty buckets and folds each run of empty ones into one entry that carries the run's
last limit, as TF's ``EncodeToProto`` does.
"""

from __future__ import annotations

import sys

import numpy as np

from scopeflow._src import protos

DBL_MAX = sys.float_info.max


def _default_limits() -> np.ndarray:
    positive = []
    v = 1.0e-12
    while v < 1.0e20:  # multiplied step by step, as TF does, so every limit matches its bits
        positive.append(v)
        v *= 1.1
    positive.append(DBL_MAX)
    return np.array([-x for x in reversed(positive)] + [0.0] + positive)


LIMITS = _default_limits()


def histogram_proto(values: np.ndarray, proto=None):
    """The ``HistogramProto`` of ``values`` (finite numbers, any shape), written into ``proto``.

    >>> h = histogram_proto(np.array([1.0, 2.0, 3.0]))
    >>> h.num, h.sum, h.sum_squares, len(h.bucket)
    (3.0, 6.0, 14.0, 7)
    >>> list(h.bucket)
    [0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]
    """
    proto = protos.HistogramProto() if proto is None else proto
    x = np.asarray(values, dtype=np.float64).reshape(-1)
    if x.size:
        proto.min, proto.max = float(x.min()), float(x.max())
        proto.num = float(x.size)
        # cumulative sums add in order, one value after another, as TF does (np.sum pairs)
        proto.sum = float(np.cumsum(x)[-1])
        proto.sum_squares = float(np.cumsum(x * x)[-1])
    else:
        proto.min, proto.max = DBL_MAX, -DBL_MAX
    counts = np.bincount(np.searchsorted(LIMITS, x, side="right"), minlength=LIMITS.size)
    nonempty = np.flatnonzero(counts > 0)
    if nonempty.size == 0:
        proto.bucket_limit.append(DBL_MAX)
        proto.bucket.append(0.0)
        return proto
    # Each non-empty bucket, preceded by the run of empty buckets before it (when there is
    # one) written as a single entry at the run's last limit; then the trailing empty run.
    ends = []
    previous = -1
    for i in nonempty.tolist():
        if i - 1 > previous:
            ends.append(i - 1)
        ends.append(i)
        previous = i
    if previous < LIMITS.size - 1:
        ends.append(LIMITS.size - 1)
    proto.bucket_limit.extend(LIMITS[ends].tolist())
    proto.bucket.extend(counts[ends].astype(np.float64).tolist())
    return proto

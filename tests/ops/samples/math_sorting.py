"""Samples for ``ops/math/sorting.py`` and ``sequences.py``: searches, rolls, counts, bit shifts,
``LinSpace``, ``IdentityN`` and ``EnsureShape`` against NumPy, static shapes, and gradients."""

import numpy as np

from tests.ops.samples import F64, I32, sample

_SEQ = np.sort(F64(2, 5, seed=5), axis=1)


@sample("LowerBound", [_SEQ, F64(2, 3, seed=6)], lambda s, v: np.stack([np.searchsorted(s[i], v[i]) for i in (0, 1)])
        .astype(np.int32), grad=False)
def _(tf, s, v):
    return tf.searchsorted(s, v)


@sample("UpperBound", [np.array([[1, 2, 2, 4]], np.int32), np.array([[2, 0, 5]], np.int32)],
        lambda s, v: np.array([[3, 0, 4]], np.int64), grad=False)
def _(tf, s, v):
    return tf.searchsorted(s, v, side="right", out_type=tf.int64)


@sample("Roll", [F64(3, 4)], lambda x: np.roll(x, (1, -2), (0, 1)), second_order=True)
def _(tf, x):
    return tf.roll(x, [1, -2], [0, 1])


@sample("UniqueWithCounts", [np.array([4, 1, 4, 4, 2, 1], np.int32)],
        lambda x: (np.array([4, 1, 2], np.int32), np.array([0, 1, 0, 0, 2, 1], np.int32),
                   np.array([3, 2, 1], np.int32)), grad=False, exact_shape=False)
def _(tf, x):
    return list(tf.unique_with_counts(x))


@sample("HistogramFixedWidth", [F64(20, seed=7) * 2], lambda v: np.histogram(np.clip(v, 0, 1), 4, (0, 1))[0]
        .astype(np.int32), grad=False)
def _(tf, v):
    return tf.histogram_fixed_width(v, tf.constant([0.0, 1.0], tf.float64), nbins=4)


@sample("HistogramFixedWidth", [I32(3, 4, low=-3, high=12), np.array([0, 9], np.int32)],
        lambda v, r: np.bincount(np.clip(v, 0, 8).reshape(-1) // 3, minlength=3).astype(np.int64), grad=False)
def _(tf, v, r):  # a fed range (computed in the step on the JAX target)
    return tf.histogram_fixed_width(v, r, nbins=3, dtype=tf.int64)


@sample("DenseBincount", [np.array([1, 1, 3, 0, 3, 3], np.int32)], lambda a: np.bincount(a).astype(np.int32),
        grad=False, exact_shape=False)
def _(tf, a):
    return tf.math.bincount(a)


@sample("DenseBincount", [np.array([1, 1, 3], np.int32), np.array([0.5, 1.0, 2.0])],
        lambda a, w: np.bincount(a, w, minlength=5), grad=False, exact_shape=False)
def _(tf, a, w):
    return tf.math.bincount(a, weights=w, minlength=5, dtype=tf.float64)


@sample("UnravelIndex", [np.array([0, 5, 7, 11], np.int32)], lambda i: np.stack(np.unravel_index(i, (3, 4)))
        .astype(np.int32), grad=False)
def _(tf, i):
    return tf.unravel_index(i, [3, 4])


@sample("UnravelIndex", [np.int64(17), np.array([2, 3, 4], np.int64)],
        lambda i, d: np.stack(np.unravel_index(i, tuple(d))), grad=False)
def _(tf, i, d):  # fed dims (computed in the step on the JAX target)
    return tf.unravel_index(i, d)


@sample("LeftShift", [I32(2, 3, low=-8, high=8), np.array([0, 1, 3], np.int32)], np.left_shift, grad=False)
def _(tf, x, y):
    return tf.bitwise.left_shift(x, y)


@sample("RightShift", [I32(2, 3, low=-64, high=64), np.array([0, 1, 3], np.int32)], np.right_shift, grad=False)
def _(tf, x, y):
    return tf.bitwise.right_shift(x, y)


@sample("LinSpace", [np.array(0.5), np.array(2.0)], lambda a, b: np.linspace(a, b, 7), grad=False)
def _(tf, a, b):
    from scopeflow._src.framework.op_builder import create_output
    return create_output("LinSpace", [a, b, tf.constant(7)])


@sample("IdentityN", [F64(2, 3), F64(4, seed=1)], lambda a, b: (a, b), second_order=True)
def _(tf, a, b):
    return tf.identity_n([a, b])


@sample("EnsureShape", [F64(2, 3)], lambda x: x, second_order=True)
def _(tf, x):
    return tf.ensure_shape(x, [2, None])

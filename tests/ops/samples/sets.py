"""Set ops (``ops/sets``, ``tf.sets``) against Python sets: the rows' distinct values, sorted,
as sparse tensors. TF's values, shapes and errors are in the ``sets`` conformance area."""

import numpy as np

from tests.ops.samples import sample

_A = np.array([[1, 2, 2, -1], [5, 5, 5, 5], [0, 3, 1, 2]], np.int64)
_B = np.array([[2, -1, 3, 3], [7, 8, 9, 9], [3, 2, 1, 0]], np.int64)
_IDX = np.array([[0, 0], [0, 1], [1, 0], [2, 1], [2, 3]], np.int64)
_VALS = np.array([2, 9, 7, 4, 4], np.int64)


def _rows(x):
    return [set(r) for r in np.asarray(x).tolist()]


def _sparse_rows(indices, values, n):
    rows = [set() for _ in range(n)]
    for (r, _), v in zip(indices.tolist(), values.tolist(), strict=True):
        rows[r].add(v)
    return rows


def _as_sparse(results):
    indices, values = [], []
    for r, s in enumerate(results):
        for j, v in enumerate(sorted(s)):
            indices.append([r, j])
            values.append(v)
    width = max((len(s) for s in results), default=0)
    return [np.array(indices, np.int64).reshape(-1, 2), np.array(values, np.int64),
            np.array([len(results), width], np.int64)]


@sample("DenseToDenseSetOperation", [_A, _B],
        lambda a, b: _as_sparse([x & y for x, y in zip(_rows(a), _rows(b), strict=True)]), grad=False,
        exact_shape=False)
def _(tf, a, b):
    st = tf.sets.intersection(a, b)
    return [st.indices, st.values, st.dense_shape]


@sample("DenseToSparseSetOperation", [_A, _IDX, _VALS],
        lambda a, i, v: _as_sparse([x - y for x, y in zip(_rows(a), _sparse_rows(i, v, 3), strict=True)]),
        grad=False, exact_shape=False)
def _(tf, a, i, v):
    st = tf.sets.difference(a, tf.SparseTensor(i, v, [3, 4]))
    return [st.indices, st.values, st.dense_shape]


@sample("SparseToSparseSetOperation", [_IDX, _VALS],
        lambda i, v: _as_sparse([x | {1} for x in _sparse_rows(i, v, 3)]), grad=False, exact_shape=False)
def _(tf, i, v):
    ones = tf.SparseTensor([[0, 0], [1, 0], [2, 0]], tf.constant([1, 1, 1], tf.int64), [3, 4])
    st = tf.sets.union(tf.SparseTensor(i, v, [3, 4]), ones)
    return [st.indices, st.values, st.dense_shape]


@sample("SetSize", [_IDX, _VALS], lambda i, v: np.array([len(s) for s in _sparse_rows(i, v, 3)], np.int32),
        grad=False, exact_shape=False)
def _(tf, i, v):
    return tf.sets.size(tf.SparseTensor(i, v, [3, 4]))

"""Sparse ops (``ops/sparse``): kernels against NumPy, static shapes, and gradients of the
values (a sparse tensor's indices and shape are fed or constant). Outputs whose first
dimension depends on the data are reshaped to their known size so that the gradient check
can weight them. TF's names, errors and orders are in the ``sparse`` conformance area."""

import numpy as np

from scopeflow._src.framework.op_builder import create
from scopeflow._src.ops.sparse import add, cwise, rows, segments, slicing
from tests.ops.samples import F64, exempt, sample

_IDX = np.array([[0, 1], [1, 0], [1, 2]], np.int64)
_UNSORTED = np.array([[1, 2], [0, 1], [1, 0]], np.int64)


def _dense(indices, values, shape):
    out = np.zeros(shape, values.dtype)
    np.add.at(out, tuple(indices.T), values)
    return out


@sample("SparseToDense", [_IDX, F64(3)], lambda i, v: _dense(i, v, (2, 3)) + 0.5 * (_dense(i, v, (2, 3)) == 0))
def _(tf, i, v):
    return tf.sparse_to_dense(i, [2, 3], v, 0.5)


@sample("SparseToDense", [_IDX, F64(3)], lambda i, v: _dense(i, v, (2, 3)))
def _(tf, i, v):
    return tf.sparse.to_dense(tf.SparseTensor(i, v, [2, 3]))


@sample("SparseReorder", [_UNSORTED, F64(3)], lambda i, v: [i[[1, 2, 0]], v[[1, 2, 0]]])
def _(tf, i, v):
    st = tf.sparse.reorder(tf.SparseTensor(i, v, [2, 3]))
    return [st.indices, st.values]


@sample("SparseReshape", [_IDX], lambda i: [np.array([[0, 1], [1, 1], [2, 1]]), np.array([3, 2])], grad=False)
def _(tf, i):
    op = create("SparseReshape", [i, tf.constant([2, 3], tf.int64), tf.constant([3, -1], tf.int64)])
    return list(op.outputs)


@sample("SparseAdd", [_IDX, F64(3), F64(2, seed=1)],
        lambda i, v, w: [np.array([[0, 0], [0, 1], [1, 0], [1, 2]]), np.array([w[0], v[0], v[1] + w[1], v[2]])])
def _(tf, i, v, w):
    s = tf.sparse.add(tf.SparseTensor(i, v, [2, 3]), tf.SparseTensor([[0, 0], [1, 0]], w, [2, 3]))
    return [tf.reshape(s.indices, [4, 2]), tf.reshape(s.values, [4])]


@sample("SparseAddGrad", [F64(4), np.array([[0, 1], [1, 0]], np.int64), np.array([[0, 0], [1, 0]], np.int64)],
        lambda g, a, b: [g[[1, 2]], g[[0, 2]]], grad=False)
def _(tf, g, a, b):
    return list(add.sparse_add_grad(g, a, b, tf.constant([[0, 0], [0, 1], [1, 0], [1, 1]], tf.int64)))


@sample("SparseTensorDenseAdd", [_IDX, F64(3), F64(2, 3, seed=2)], lambda i, v, d: d + _dense(i, v, (2, 3)))
def _(tf, i, v, d):
    return tf.sparse.add(d, tf.SparseTensor(i, v, [2, 3]))


@sample("SparseConcat", [_IDX, F64(3)],
        lambda i, v: [np.array([[0, 1], [0, 4], [1, 0], [1, 2], [1, 3], [1, 5]]), v[[0, 0, 1, 2, 1, 2]]],
        grad=False)
def _(tf, i, v):
    st = tf.SparseTensor(i, v, [2, 3])
    out = tf.sparse.concat(1, [st, st])
    return [out.indices, out.values]


for _adj_a in (False, True):
    for _adj_b in (False, True):
        def _reference(i, v, b, adj_a=_adj_a, adj_b=_adj_b):
            a = _dense(i, v, (2, 3))
            return (a.T if adj_a else a) @ (b.T if adj_b else b)

        _b_shape = {(False, False): (3, 4), (False, True): (4, 3), (True, False): (2, 4), (True, True): (4, 2)}
        sample("SparseTensorDenseMatMul", [_IDX, F64(3), F64(*_b_shape[_adj_a, _adj_b], seed=3)], _reference)(
            lambda tf, i, v, b, adj_a=_adj_a, adj_b=_adj_b: tf.sparse.sparse_dense_matmul(
                tf.SparseTensor(i, v, [2, 3]), b, adjoint_a=adj_a, adjoint_b=adj_b))


@sample("SparseReduceSum", [_IDX, F64(3)], lambda i, v: _dense(i, v, (2, 3)).sum(axis=1, keepdims=True))
def _(tf, i, v):
    return tf.sparse.reduce_sum(tf.SparseTensor(i, v, [2, 3]), axis=1, keepdims=True)


@sample("SparseReduceSum", [_IDX, F64(3)], lambda i, v: v.sum())
def _(tf, i, v):
    return tf.sparse_reduce_sum(tf.SparseTensor(i, v, [2, 3]))


@sample("SparseReduceSumSparse", [_IDX, F64(3)],
        lambda i, v: [np.array([[1], [2], [0]])[[2, 0, 1]], np.array([v[1], v[0], v[2]])], grad=False,
        exact_shape=False)
def _(tf, i, v):
    st = tf.sparse.reduce_sum_sparse(tf.SparseTensor(i, v, [2, 3]), axis=0)
    return [st.indices, st.values]


@sample("SparseFillEmptyRows", [np.array([[1, 0], [3, 1]], np.int64), F64(2)],
        lambda i, v: [np.array([[0, 0], [1, 0], [2, 0], [3, 1]]), np.array([-1.0, v[0], -1.0, v[1]]),
                      np.array([True, False, True, False])])
def _(tf, i, v):
    st, empty = tf.sparse.fill_empty_rows(tf.SparseTensor(i, v, [4, 2]), -1.0)
    return [tf.reshape(st.indices, [4, 2]), tf.reshape(st.values, [4]), empty]


@sample("SparseFillEmptyRowsGrad", [np.array([1, 3], np.int64), F64(4)], lambda r, g: [g[[1, 3]], g[0] + g[2]],
        grad=False)
def _(tf, r, g):
    return list(rows.sparse_fill_empty_rows_grad(r, g))


_DATA = F64(4, 3, seed=4)
_PICK = np.array([0, 2, 2, 3], np.int32)
_SEGS = np.array([0, 0, 2, 2], np.int32)


def _segment_reference(scale):
    def reference(data, pick, segs):
        out = np.zeros((3, 3))
        for s in range(3):
            rows = data[pick[segs == s]]
            out[s] = rows.sum(axis=0) / scale(len(rows)) if len(rows) else 0
        return out
    return reference


for _name, _fn, _scale in (("Sum", "segment_sum", lambda n: 1), ("Mean", "segment_mean", lambda n: n),
                           ("SqrtN", "segment_sqrt_n", np.sqrt)):
    _ref = _segment_reference(_scale)
    sample(f"SparseSegment{_name}", [_DATA, _PICK], lambda d, p, ref=_ref: ref(d, p, _SEGS))(  # ids size the output
        lambda tf, d, p, fn=_fn: tf.reshape(getattr(tf.sparse, fn)(d, p, tf.constant(_SEGS)), [3, 3]))
    sample(f"SparseSegment{_name}WithNumSegments", [_DATA, _PICK, _SEGS],
           lambda d, p, s, ref=_ref: np.concatenate([ref(d, p, s), np.zeros((1, 3))]))(
        lambda tf, d, p, s, fn=_fn: getattr(tf.sparse, fn)(d, p, s, num_segments=4))

    def _grad_reference(g, p, s, scale=_scale):
        counts = np.bincount(s, minlength=len(g))
        out = np.zeros((5, 3))
        np.add.at(out, p, g[s] / np.array([scale(max(c, 1)) for c in counts[s]])[:, None])
        return out

    sample(f"SparseSegment{_name}Grad", [F64(3, 3, seed=5), _PICK, _SEGS], _grad_reference, grad=False)(
        lambda tf, g, p, s, name=_name: segments.sparse_segment_grad(f"SparseSegment{name}", g, p, s, 5))


@sample("SegmentSum", [F64(4, 2, seed=6)], lambda d: np.stack([d[0] + d[1], d[2], np.zeros(2), d[3]]))
def _(tf, d):  # the ids size the output: known (the JAX target needs them when compiling)
    return tf.reshape(tf.segment_sum(d, tf.constant([0, 0, 1, 3])), [4, 2])


@sample("SparseDenseCwiseMul", [_IDX, F64(3), F64(3, seed=7)], lambda i, v, d: v * d[i[:, 1]])
def _(tf, i, v, d):
    return (tf.SparseTensor(i, v, [2, 3]) * d).values


@sample("SparseDenseCwiseDiv", [_IDX, F64(3), F64(2, 1, seed=8, low=0.5, high=2.0)], lambda i, v, d: v / d[i[:, 0], 0])
def _(tf, i, v, d):
    return (tf.SparseTensor(i, v, [2, 3]) / d).values


@sample("SparseDenseCwiseAdd", [_IDX, F64(3), F64(2, 3, seed=9)], lambda i, v, d: v + d[tuple(i.T)], grad=False)
def _(tf, i, v, d):
    return cwise.sparse_dense_cwise_add(tf.SparseTensor(i, v, [2, 3]), d).values


def _softmax_reference(i, v):
    out = np.empty_like(v)
    for row in (0, 1):
        mask = i[:, 0] == row
        e = np.exp(v[mask] - v[mask].max())
        out[mask] = e / e.sum()
    return out


@sample("SparseSoftmax", [_IDX, F64(3)], _softmax_reference)
def _(tf, i, v):
    return tf.sparse.softmax(tf.SparseTensor(i, v, [2, 3])).values


@sample("SparseSlice", [_IDX, F64(3)], lambda i, v: [np.array([[0, 0], [0, 2]]), v[[1, 2]]])
def _(tf, i, v):
    st = tf.sparse.slice(tf.SparseTensor(i, v, [2, 3]), [1, 0], [5, 5])
    return [tf.reshape(st.indices, [2, 2]), tf.reshape(st.values, [2])]


@sample("SparseSliceGrad", [F64(2), _IDX, np.array([1, 0], np.int64), np.array([[0, 0], [0, 2]], np.int64)],
        lambda g, i, s, o: np.array([0.0, g[0], g[1]]), grad=False)
def _(tf, g, i, s, o):
    return slicing.sparse_slice_grad(g, i, s, o)


@sample("SparseSplit", [_IDX, F64(3)], lambda i, v: [np.array([[1, 0]]), np.array([[0, 0]]), np.array([[1, 0]]),
                                                     v[[1]], v[[0]], v[[2]]], grad=False, exact_shape=False)
def _(tf, i, v):
    parts = tf.sparse.split(sp_input=tf.SparseTensor(i, v, [2, 3]), num_split=3, axis=1)
    return [p.indices for p in parts] + [p.values for p in parts]


@sample("SparseReduceMax", [_IDX, F64(3)], lambda i, v: np.array([v[0], max(v[1], v[2])]), grad=False)
def _(tf, i, v):
    return tf.sparse.reduce_max(tf.SparseTensor(i, v, [2, 3]), 1)


@sample("SparseReduceMax", [_IDX, F64(3)], lambda i, v: np.array([v[0], max(v[1], v[2]), 0.0]), grad=False)
def _(tf, i, v):  # a row with no entry: 0
    return tf.sparse.reduce_max(tf.SparseTensor(i, v, [3, 3]), 1)


@sample("SparseReduceMaxSparse", [_IDX, F64(3)], lambda i, v: np.array([v[1], v[0], v[2]]), grad=False,
        exact_shape=False)
def _(tf, i, v):
    return tf.sparse.reduce_max_sparse(tf.SparseTensor(i, v, [2, 3]), 0).values


@sample("SparseSparseMaximum", [_IDX, F64(3), F64(2, seed=11)],
        lambda i, v, w: np.array([max(w[0], 0), max(v[0], 0), max(v[1], w[1]), max(v[2], 0)]), grad=False,
        exact_shape=False)
def _(tf, i, v, w):
    return tf.sparse.maximum(tf.SparseTensor(i, v, [2, 3]), tf.SparseTensor([[0, 0], [1, 0]], w, [2, 3])).values


@sample("SparseSparseMinimum", [_IDX, F64(3), F64(2, seed=11)],
        lambda i, v, w: np.array([min(w[0], 0), min(v[0], 0), min(v[1], w[1]), min(v[2], 0)]), grad=False,
        exact_shape=False)
def _(tf, i, v, w):
    return tf.sparse.minimum(tf.SparseTensor(i, v, [2, 3]), tf.SparseTensor([[0, 0], [1, 0]], w, [2, 3])).values


for _type in ("AddSparseToTensorsMap", "AddManySparseToTensorsMap", "TakeManySparseFromTensorsMap"):
    exempt(_type, "a session's SparseTensorsMap (handles in, tensors out): tested by "
                  "tests/training/test_sparse_batching.py and the queues conformance area (sparse_batching.py)")

"""The sparse kernels on random inputs against dense NumPy computations, and the index checks
they share (TF's order of bound, order and repeat errors)."""

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.ops.sparse.common import first_unordered

RNG = np.random.default_rng(7)


def _random_sparse(shape, density=0.3, seed=0):
    rng = np.random.default_rng(seed)
    mask = rng.random(shape) < density
    indices = np.argwhere(mask).astype(np.int64)
    values = rng.normal(size=len(indices))
    return indices, values


def _dense(indices, values, shape):
    out = np.zeros(shape)
    out[tuple(indices.T)] = values
    return out


def _run(fetches, feed=None):
    with tf.Session() as sess:
        return sess.run(fetches, feed)


@pytest.mark.parametrize("rows, want", [
    ([[0, 0], [0, 1], [1, 0]], None), ([[0, 1], [0, 0]], (1, "out of order")), ([[1, 2], [1, 2]], (1, "repeated")),
    ([[0, 0], [1, 0], [0, 5]], (2, "out of order")), ([[3], [2]], (1, "out of order")), ([[0, 0]], None),
])
def test_first_unordered_row(rows, want):
    assert first_unordered(np.array(rows, np.int64)) == want


@pytest.mark.parametrize("seed", range(4))
def test_sparse_add_matches_dense_addition(seed):
    shape = (6, 5)
    ai, av = _random_sparse(shape, seed=seed)
    bi, bv = _random_sparse(shape, seed=seed + 10)
    with tf.Graph().as_default():
        s = tf.sparse.add(tf.SparseTensor(ai, av, shape), tf.SparseTensor(bi, bv, shape))
        d = tf.sparse.add(tf.SparseTensor(ai, av, shape), np.ones(shape))
        got, dense = _run([s, d])
    assert first_unordered(got.indices) is None  # ordered inputs give an ordered sum
    np.testing.assert_allclose(_dense(got.indices, got.values, shape), _dense(ai, av, shape) + _dense(bi, bv, shape))
    np.testing.assert_allclose(dense, _dense(ai, av, shape) + 1)


def test_sparse_add_threshold_drops_small_sums_only():
    with tf.Graph().as_default():
        a = tf.SparseTensor([[0], [1], [2]], [1.0, 0.1, 0.05], [4])
        b = tf.SparseTensor([[0], [1], [3]], [-0.9, 0.0, 0.01], [4])
        got = _run(tf.sparse.add(a, b, threshold=0.2))
    assert got.indices.tolist() == [[2], [3]] and np.allclose(got.values, [0.05, 0.01])


@pytest.mark.parametrize("seed", range(3))
def test_sparse_add_gradient_routes_each_sum_to_its_operands(seed):
    shape = (5, 4)
    ai, av = _random_sparse(shape, seed=seed)
    bi, bv = _random_sparse(shape, seed=seed + 20)
    with tf.Graph().as_default():
        a_v, b_v = tf.constant(av), tf.constant(bv)
        s = tf.sparse.add(tf.SparseTensor(ai, a_v, shape), tf.SparseTensor(bi, b_v, shape))
        weights = tf.sparse.to_dense(s) * tf.constant(np.arange(20.0).reshape(shape))
        ga, gb = _run(tf.gradients(tf.reduce_sum(weights), [a_v, b_v]))
    position = np.arange(20.0).reshape(shape)
    np.testing.assert_allclose(ga, position[tuple(ai.T)])
    np.testing.assert_allclose(gb, position[tuple(bi.T)])


@pytest.mark.parametrize("axis", [0, 1, -1])
def test_sparse_concat_matches_dense_concatenation(axis):
    shapes = [(3, 4), (3, 4), (3, 4)]
    parts = [_random_sparse(s, seed=i) for i, s in enumerate(shapes)]
    with tf.Graph().as_default():
        got = _run(tf.sparse.concat(axis, [tf.SparseTensor(i, v, s) for (i, v), s in zip(parts, shapes)]))
    want = np.concatenate([_dense(i, v, s) for (i, v), s in zip(parts, shapes)], axis=axis)
    assert first_unordered(got.indices) is None
    np.testing.assert_allclose(_dense(got.indices, got.values, tuple(got.dense_shape)), want)


@pytest.mark.parametrize("adj_a, adj_b", [(False, False), (True, False), (False, True), (True, True)])
def test_sparse_dense_matmul_matches_dense_product(adj_a, adj_b):
    ai, av = _random_sparse((5, 4), seed=3)
    b = RNG.normal(size=(3, 5) if adj_a and adj_b else (5, 3) if adj_a else (3, 4) if adj_b else (4, 3))
    with tf.Graph().as_default():
        got = _run(tf.sparse.sparse_dense_matmul(tf.SparseTensor(ai, av, [5, 4]), b, adjoint_a=adj_a,
                                                 adjoint_b=adj_b))
    a = _dense(ai, av, (5, 4))
    np.testing.assert_allclose(got, (a.T if adj_a else a) @ (b.T if adj_b else b))


def test_sparse_reshape_and_reduce_sum_match_dense():
    ind, val = _random_sparse((4, 6, 2), seed=5)
    with tf.Graph().as_default():
        st = tf.SparseTensor(ind, val, [4, 6, 2])
        r = tf.sparse.reshape(st, [8, -1])
        sums = [tf.sparse.reduce_sum(st, axis) for axis in (0, [1, 2], -1)]
        got, *got_sums = _run([r] + sums)
    dense = _dense(ind, val, (4, 6, 2))
    np.testing.assert_allclose(_dense(got.indices, got.values, (8, 6)), dense.reshape(8, 6))
    for s, axis in zip(got_sums, (0, (1, 2), -1)):
        np.testing.assert_allclose(s, dense.sum(axis=axis))


def test_fill_empty_rows_reverse_map_and_gradient():
    with tf.Graph().as_default():
        v = tf.constant([1.0, 2.0, 3.0])
        d = tf.constant(-1.0)
        st, empty = tf.sparse.fill_empty_rows(tf.SparseTensor([[4, 0], [1, 1], [1, 0]], v, [6, 2]), d)
        reverse = st.values.op.outputs[3]
        gv, gd = tf.gradients(tf.reduce_sum(st.values * tf.range(1.0, 8.0)), [v, d])
        got, is_empty, rmap, gvv, gdv = _run([st, empty, reverse, gv, gd])
    assert got.indices.tolist() == [[0, 0], [1, 1], [1, 0], [2, 0], [3, 0], [4, 0], [5, 0]]
    assert is_empty.tolist() == [True, False, True, True, False, True]
    assert rmap.tolist() == [5, 1, 2] and gvv.tolist() == [6.0, 2.0, 3.0] and gdv == 1 + 4 + 5 + 7
    assert got.values.tolist() == [-1.0, 2.0, 3.0, -1.0, -1.0, 1.0, -1.0]


def test_embedding_lookup_sparse_gradient_matches_numeric():
    params_value = RNG.normal(size=(5, 3))
    with tf.Graph().as_default():
        params = tf.placeholder(tf.float64, [5, 3])
        ids = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [2, 0], [2, 1]], tf.constant([4, 1, 1, 0, 4], tf.int64),
                              [3, 2])
        losses = [tf.reduce_sum(tf.square(tf.nn.embedding_lookup_sparse(params, ids, None, combiner=c)))
                  for c in ("sum", "mean", "sqrtn")]
        grads = [tf.convert_to_tensor(tf.gradients(loss, params)[0]) for loss in losses]  # IndexedSlices in TF
        with tf.Session() as sess:
            for loss, grad in zip(losses, grads):
                symbolic = sess.run(grad, {params: params_value})
                numeric = np.zeros_like(params_value)
                for idx in np.ndindex(params_value.shape):
                    up, down = params_value.copy(), params_value.copy()
                    up[idx] += 1e-6
                    down[idx] -= 1e-6
                    numeric[idx] = (sess.run(loss, {params: up}) - sess.run(loss, {params: down})) / 2e-6
                np.testing.assert_allclose(symbolic, numeric, rtol=1e-5, atol=1e-6)


def test_sparse_ops_load_on_first_use():
    import subprocess
    import sys

    code = ("import sys, scopeflow as tf; assert 'scopeflow._src.ops.sparse' not in sys.modules; "
            "tf.SparseTensorValue([[0]], [1], [1]); assert 'scopeflow._src.ops.sparse' not in sys.modules; "
            "tf.sparse.to_dense; assert 'scopeflow._src.ops.sparse.api' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("seed", range(5))
def test_sorted_union_merge_is_tfs_walk(seed):
    from scopeflow._src.ops.sparse.add import _walk, merge_order
    from scopeflow._src.ops.sparse.common import row_keys

    a, _ = _random_sparse((7, 6, 2), density=0.4, seed=seed)
    b, _ = _random_sparse((7, 6, 2), density=0.4, seed=seed + 50)
    fast, walked = merge_order(a, b), _walk(row_keys(a), row_keys(b))
    assert [x.tolist() for x in fast] == [x.tolist() for x in walked]


@pytest.mark.parametrize("rows, dtype", [
    (np.array([0, 0, 1, 3, 3, 3]), np.float32),                 # in order, short runs
    (np.array([3, 0, 3, 1, 0, 3]), np.float64),                 # out of order (radix-sorted)
    (np.array([2] * 20 + [0] * 12), np.float32),                # long runs (reduceat)
    (np.array([70_000, 5, 70_000, 5]), np.float64),             # rows beyond 16 bits
    (np.array([1, 0, 1]), np.int64),                            # integers
    (np.array([1, 0, 1]), np.complex128),                       # complex
])
def test_add_rows_is_an_unbuffered_indexed_add(rows, dtype):
    from scopeflow._src.ops.sparse.common import add_rows

    parts = (np.arange(len(rows) * 3).reshape(len(rows), 3) + 1).astype(dtype)
    out = np.ones((rows.max() + 1, 3), dtype)
    want = out.copy()
    np.add.at(want, rows, parts)
    add_rows(out, rows, parts)
    np.testing.assert_allclose(out, want)

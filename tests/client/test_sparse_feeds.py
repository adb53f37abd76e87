"""Sessions and ``SparseTensor``: fetched as ``SparseTensorValue`` (also from the cached fast
path and callables), fed from values or tuples, in every feed form, from several threads."""

import threading

import numpy as np
import pytest

import scopeflow as tf


def _value(st):
    return [np.asarray(x).tolist() for x in st]


def test_a_repeated_sparse_fetch_uses_the_cached_step_and_keeps_returning_values():
    with tf.Graph().as_default():
        st = tf.SparseTensor([[0, 1]], [2.0], [2, 2])
        with tf.Session() as sess:
            first = sess.run(st)
            compiled = sess.plans_compiled
            again = [sess.run(st) for _ in range(3)]
            assert sess.plans_compiled == compiled
    assert type(first) is tf.SparseTensorValue and all(type(v) is tf.SparseTensorValue for v in again)
    assert _value(again[-1]) == [[[0, 1]], [2.0], [2, 2]]


def test_a_sparse_fetch_shares_tensors_with_dense_fetches():
    with tf.Graph().as_default():
        st = tf.SparseTensor([[0, 1]], [2.0], [2, 2])
        with tf.Session() as sess:
            values, st_value, shape = sess.run([st.values, st, st.dense_shape])
    assert values.tolist() == [2.0] and _value(st_value)[1] == [2.0] and shape.tolist() == [2, 2]


def test_feed_forms_for_a_sparse_placeholder():
    with tf.Graph().as_default():
        sp = tf.sparse_placeholder(tf.float32)
        total = tf.sparse.reduce_sum(sp)
        with tf.Session() as sess:
            by_value = sess.run(total, {sp: tf.SparseTensorValue([[0, 0], [1, 1]], [1.0, 2.0], [2, 2])})
            by_tuple = sess.run(total, {sp: ([[0, 0]], [5.0], [1, 1])})
            by_arrays = sess.run(total, {sp: (np.array([[0, 0]]), np.array([7.0], np.float32), np.array([1, 1]))})
            with pytest.raises(ValueError, match="Could not flatten dictionary"):  # as TF: nest flattens the value
                sess.run(total, {(sp,): (([[0, 0]], [3.0], [1, 1]),)})
            parts = sess.run(total, {sp.indices: [[0, 0]], sp.values: [4.0], sp.dense_shape: [1, 1]})
    assert [by_value, by_tuple, by_arrays, parts] == [3.0, 5.0, 7.0, 4.0]


def test_feeding_a_sparse_tensor_checks_each_part_like_a_dense_feed():
    with tf.Graph().as_default():
        sp = tf.sparse_placeholder(tf.float32, shape=[2, 2])
        with tf.Session() as sess:
            with pytest.raises(ValueError, match="Cannot feed value of shape"):
                sess.run(sp.values, {sp: ([[0, 0, 0]], [1.0], [2, 2])})
            with pytest.raises(TypeError):
                sess.run(sp.values, {sp: 5})


def test_make_callable_with_a_sparse_feed_compiles_once_and_takes_two_part_values():
    with tf.Graph().as_default():
        sp = tf.sparse_placeholder(tf.float32, shape=[2, 3])
        total = tf.sparse.reduce_sum(sp)
        with tf.Session() as sess:
            f = sess.make_callable([total, sp], [sp])
            results = [f(([[0, 0], [1, 2]], [1.0, float(i)], [2, 3])) for i in range(4)]
            compiled = sess.plans_compiled
            two_parts = f(([[1, 1]], [9.0]))  # dense_shape keeps its default, as in run()
            f(([[0, 0]], [1.0], [2, 3]))
            assert sess.plans_compiled == compiled + 1
    assert [r[0] for r in results] == [1.0, 2.0, 3.0, 4.0]
    assert type(results[0][1]) is tf.SparseTensorValue
    assert two_parts[0] == 9.0 and two_parts[1].dense_shape.tolist() == [2, 3]


def test_sparse_runs_from_several_threads():
    with tf.Graph().as_default():
        sp = tf.sparse_placeholder(tf.float32, shape=[4, 4])
        dense = tf.sparse.to_dense(sp)
        with tf.Session() as sess:
            errors, sums = [], {}

            def work(k):
                try:
                    for i in range(50):
                        got = sess.run(dense, {sp: ([[k % 4, i % 4]], [float(k)], [4, 4])})
                        sums[k] = sums.get(k, 0.0) + float(got.sum())
                except Exception as e:  # noqa: BLE001 - reported below
                    errors.append(e)
            threads = [threading.Thread(target=work, args=(k,)) for k in range(6)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    assert errors == [] and sums == {k: 50.0 * k for k in range(6)}


def test_a_repeated_sparse_feed_runs_the_cached_step_with_each_calls_values():
    with tf.Graph().as_default():
        sp = tf.sparse_placeholder(tf.float32, shape=[3, 3])
        dense = tf.sparse.to_dense(sp)
        with tf.Session() as sess:
            got = [sess.run(dense, {sp: ([[k, k]], [float(k + 1)], [3, 3])}) for k in range(3)]
            steps = len(sess._steps)
            two_parts = sess.run(dense, {sp: ([[0, 2]], [7.0])})  # the full path: dense_shape keeps its default
            value = sess.run(dense, {sp: tf.SparseTensorValue([[2, 0]], [5.0], [3, 3])})
            assert len(sess._steps) == steps
            with pytest.raises(TypeError):
                sess.run(dense, {sp: 5})
    assert [g.trace() for g in got] == [1.0, 2.0, 3.0]
    assert two_parts[0, 2] == 7.0 and value[2, 0] == 5.0

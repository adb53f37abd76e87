"""``tf.while_loop`` on the JAX target: each loop frame is one ``lax.while_loop`` (``xla/loops.py``)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

pytest.importorskip("jax")

import scopeflow as tf  # noqa: E402
from scopeflow._src.xla.plan import HostFallbackWarning  # noqa: E402


def _both(graph, fetches, feeds_list, compiled=True, init=None):
    """``fetches`` run on the JAX and NumPy targets for each feed dict of ``feeds_list``; with
    ``compiled`` no op may run on the host, else returns the fallback warnings' texts too."""
    results = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", HostFallbackWarning)
        for target in ("jax", ""):
            with tf.Session(target, graph=graph) as sess:
                if init is not None:
                    sess.run(init)
                results[target] = [sess.run(fetches, feeds) for feeds in feeds_list]
    named = [str(w.message) for w in caught if issubclass(w.category, HostFallbackWarning)]
    assert (named == []) == compiled, named
    for got, want in zip(results["jax"], results[""]):
        for g, w in zip(np.atleast_1d(got) if not isinstance(got, list | tuple) else got,
                        np.atleast_1d(want) if not isinstance(want, list | tuple) else want):
            np.testing.assert_allclose(g, w, rtol=1e-5)
            assert np.asarray(g).dtype == np.asarray(w).dtype
    return results["jax"], named


def test_a_loop_with_a_fed_trip_count_compiles():
    with tf.Graph().as_default() as graph:
        n = tf.placeholder(tf.int32, [])
        x = tf.placeholder(tf.float32, [3])
        i, v = tf.while_loop(lambda i, v: i < n, lambda i, v: (i + 1, v * 0.5 + 1.0), [tf.constant(0), x])
    got, _ = _both(graph, [i, v], [{n: k, x: [1.0, 2.0, 3.0]} for k in (0, 3, 1000)])
    assert [int(r[0]) for r in got] == [0, 3, 1000]
    np.testing.assert_allclose(got[0][1], [1.0, 2.0, 3.0])
    np.testing.assert_allclose(got[2][1], [2.0, 2.0, 2.0], rtol=1e-6)


def test_loop_invariants_variables_and_maximum_iterations():
    with tf.Graph().as_default() as graph:
        w = tf.Variable([[1.0, 0.5], [0.0, 1.0]], name="w")
        x = tf.placeholder(tf.float32, [None, 2])
        bias = tf.constant([0.1, -0.1])
        h = tf.while_loop(lambda h: tf.reduce_sum(h) < 1e6, lambda h: tf.tanh(tf.matmul(h, w) + bias) * 3.0, [x],
                          maximum_iterations=7)
        total = tf.reduce_mean(h)
    xs = np.arange(6, dtype=np.float32).reshape(3, 2) / 6
    got, _ = _both(graph, [h, total], [{x: xs}, {x: xs[:1]}], init=w.initializer)
    assert got[0][0].shape == (3, 2) and got[1][0].shape == (1, 2)


def test_nested_loops_compile():
    with tf.Graph().as_default() as graph:
        n = tf.placeholder(tf.int32, [])

        def outer(i, acc):
            _, inner = tf.while_loop(lambda j, a: j < i, lambda j, a: (j + 1, a + tf.cast(j, tf.float32)),
                                     [tf.constant(0), acc])
            return i + 1, inner

        _, acc = tf.while_loop(lambda i, acc: i < n, outer, [tf.constant(0), tf.constant(0.0)])
    got, _ = _both(graph, acc, [{n: 5}, {n: 9}])
    assert float(got[0]) == sum(j for i in range(5) for j in range(i))


def test_the_loops_exits_feed_the_rest_of_the_step():
    with tf.Graph().as_default() as graph:
        x = tf.placeholder(tf.float64, [4])
        _, s = tf.while_loop(lambda k, s: k < 4, lambda k, s: (k + 1, s + tf.gather(x, k) ** 2), [tf.constant(0),
                                                                                     tf.constant(0.0, tf.float64)])
        out = tf.sqrt(s) + tf.reduce_sum(x)
    got, _ = _both(graph, out, [{x: [1.0, 2.0, 2.0, 4.0]}])
    assert float(got[0]) == 5.0 + 9.0


def test_a_loop_variable_that_changes_shape_runs_on_the_host():
    with tf.Graph().as_default() as graph:
        i, v = tf.while_loop(lambda i, v: i < 3, lambda i, v: (i + 1, tf.concat([v, v], 0)),
                             [tf.constant(0), tf.constant([1.0])],
                             shape_invariants=[tf.TensorShape([]), tf.TensorShape([None])])
    got, named = _both(graph, v, [{}], compiled=False)
    assert got[0].shape == (8,) and "shape_invariants" in named[0]


def test_a_random_op_in_a_loop_draws_other_values_in_each_iteration_and_run():
    def draws():
        with tf.Graph().as_default() as graph:
            tf.set_random_seed(7)

            def outer(i, rows):
                inner = tf.while_loop(lambda j, r: j < 2, lambda j, r: (j + 1, r + tf.random_uniform([1, 2])),
                                      (0, tf.zeros([1, 2])))[1]
                return i + 1, tf.concat([rows[1:], inner + tf.random_normal([1, 2], seed=3)], 0)
            rows = tf.while_loop(lambda i, r: i < 3, outer, (0, tf.zeros([3, 2])))[1]
        with warnings.catch_warnings():
            warnings.simplefilter("error", HostFallbackWarning)
            with tf.Session("jax", graph=graph) as sess:
                return [sess.run(rows) for _ in range(2)]
    first, again = draws(), draws()
    values = np.concatenate(first).reshape(-1)
    assert len(np.unique(values)) == values.size  # each iteration, nested or not, and each run: its own draws
    np.testing.assert_array_equal(first, again)  # seeded: the same in a new session


def test_a_cond_inside_a_loop_compiles():
    with tf.Graph().as_default() as graph:
        _, v = tf.while_loop(lambda i, v: i < 5,
                             lambda i, v: (i + 1, tf.cond(i % 2 > 0, lambda: v + 1.0, lambda: v * 3.0)),
                             [tf.constant(0), tf.constant(1.0)])
    got, _ = _both(graph, v, [{}])
    assert float(got[0]) == ((1 * 3 + 1) * 3 + 1) * 3


def test_a_loop_in_an_untaken_cond_branch_does_not_run():
    with tf.Graph().as_default() as graph:
        x = tf.placeholder(tf.float32, [])
        doubled = tf.cond(x > 0, lambda: tf.while_loop(lambda v: v < 100.0, lambda v: v * 2.0, [x]),
                          lambda: x - 1.0)  # the loop never ends for x <= 0: it must not run then
    got, _ = _both(graph, doubled, [{x: 10.0}, {x: -0.5}, {x: 0.0}])
    assert [float(r) for r in got] == [160.0, -1.5, -1.0]


def test_a_variable_read_as_a_loop_variable():
    with tf.Graph().as_default() as graph:
        v = tf.Variable([1.0, 2.0], name="v")
        _, out = tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x * 2.0), [tf.constant(0), v])
    got, _ = _both(graph, out, [{}], init=v.initializer)
    np.testing.assert_array_equal(got[0], [8.0, 16.0])


def test_a_shape_error_in_the_body_is_tensorflows():
    with tf.Graph().as_default() as graph:
        x = tf.placeholder(tf.float32, [None, None])
        _, v = tf.while_loop(lambda i, v: i < 2, lambda i, v: (i + 1, tf.matmul(v, v)), [tf.constant(0), x])
    with tf.Session("jax", graph=graph) as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match="Matrix size-incompatible"):
            sess.run(v, {x: np.ones((2, 3), np.float32)})


def test_indexing_by_the_loop_counter_compiles_with_its_gradient():
    with tf.Graph().as_default() as graph:
        x = tf.placeholder(tf.float32, [5, 3])
        total = tf.while_loop(lambda i, t: i < 5, lambda i, t: (i + 1, t * 0.5 + tf.sin(x[i]) * x[-1 - i, :]),
                              (0, tf.zeros([3])), maximum_iterations=5)[1]
        grad = tf.gradients(tf.reduce_sum(total), x)[0]
    xs = np.arange(15, dtype=np.float32).reshape(5, 3) / 15
    got, _ = _both(graph, [total, grad], [{x: xs}])
    assert got[0][1].shape == (5, 3)


def test_a_training_loop_in_the_graph_compiles():
    """Twenty Momentum steps in one run (a while_loop whose body runs the optimizer): the
    variables, slots and global step the body assigns are carried by the loop."""
    with tf.Graph().as_default() as graph:
        x, y = tf.placeholder(tf.float32, [16, 3]), tf.placeholder(tf.float32, [16, 1])
        w, b = tf.Variable(tf.ones([3, 1]) * 0.1), tf.Variable(0.0)
        step = tf.train.get_or_create_global_step()

        def body(i, last):
            loss = tf.reduce_mean(tf.square(tf.matmul(x, w) + b - y))
            with tf.control_dependencies([tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss, global_step=step)]):
                return i + 1, tf.identity(loss)
        last = tf.while_loop(lambda i, loss: i < 20, body, (0, 0.0))[1]
        init = tf.global_variables_initializer()
    xs = np.random.default_rng(0).random((16, 3), dtype=np.float32)
    feeds = {x: xs, y: xs @ np.float32([[1.0], [2.0], [-1.0]]) + 0.5}
    got, _ = _both(graph, [last, step, w, b], [feeds, feeds], init=init)
    assert [int(run[1]) for run in got] == [20, 40] and got[1][0] < got[0][0]


def test_a_variable_snapshot_in_a_loop_sees_the_bodys_assignments():
    """``w`` read in the body through its snapshot (``w/read``, outside the loop) shares the
    variable's buffer on the NumPy target, as in TF: it sees each iteration's ``assign``."""
    with tf.Graph().as_default() as graph:
        v, w = tf.Variable(1.0), tf.Variable([1.0, 2.0])

        def body(i, total):
            with tf.control_dependencies([tf.assign_add(v, 2.0)]):
                total = total + v.read_value() * tf.reduce_sum(w)
            with tf.control_dependencies([tf.assign(w, w * 0.5)]):
                return i + 1, tf.identity(total)
        total = tf.while_loop(lambda i, t: i < 3, body, (0, 0.0))[1]
        init = tf.global_variables_initializer()
    got, _ = _both(graph, [total, v, w], [{}, {}], init=init)
    assert float(got[0][0]) == 3 * 3 + 5 * 1.5 + 7 * 0.75 and float(got[1][1]) == 13.0

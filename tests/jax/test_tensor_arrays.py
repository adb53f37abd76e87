"""``TensorArray``s and the stacks of loop gradients on the JAX target: ``dynamic_rnn`` and
its training steps compile to one XLA program (``TracedState``, ``xla/loops.py``), with the
NumPy target's values; what cannot compile runs on the host and says why."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

pytest.importorskip("jax")

import scopeflow as tf  # noqa: E402
from scopeflow._src.xla.plan import HostFallbackWarning  # noqa: E402

RNG = np.random.default_rng(0)
BATCH_MAJOR = RNG.random((4, 5, 3), dtype=np.float32)


def _both(build, feeds, runs=2):
    """``build()`` -> (fetches, placeholders) run ``runs`` times on the NumPy and the JAX
    targets from the same variable values; the JAX run's host-fallback warnings too."""
    results, values = {}, None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", HostFallbackWarning)
        for target in ("", "jax"):
            with tf.Graph().as_default() as graph:
                fetches, inputs = build()
                init = tf.global_variables_initializer()
            with tf.Session(target, graph=graph) as sess:
                sess.run(init)
                variables = graph.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)
                if values is None:
                    values = sess.run(variables)
                for v, value in zip(variables, values):
                    v.load(value, sess)
                results[target] = [sess.run(fetches, dict(zip(inputs, feeds))) for _ in range(runs)]
    named = [str(w.message) for w in caught if issubclass(w.category, HostFallbackWarning)]
    for got, want in zip(results["jax"], results[""]):
        for g, w in zip(got, want):
            if w is not None:
                np.testing.assert_allclose(g, w, rtol=2e-5, atol=1e-6)
                assert np.asarray(g).dtype == np.asarray(w).dtype
    return results["jax"], named


def test_dynamic_rnn_gradients_compile():
    def build():
        x = tf.placeholder(tf.float32, [5, None, 3])
        out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(6), x, dtype=tf.float32, time_major=True)
        loss = tf.reduce_mean(tf.square(out)) + tf.reduce_sum(state)
        return [out, loss] + tf.gradients(loss, tf.trainable_variables()), [x]
    got, named = _both(build, [BATCH_MAJOR.transpose(1, 0, 2)])
    assert named == []
    assert got[0][0].shape == (5, 4, 6)


def test_lstm_with_sequence_lengths_trains_with_adam():
    def build():  # sequence_length adds Asserts of shapes (checked when compiling) and selects in the loop
        x = tf.placeholder(tf.float32, [None, None, 3])
        lengths = tf.placeholder(tf.int32, [None])
        out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(7), x, sequence_length=lengths, dtype=tf.float32)
        loss = tf.reduce_sum(out) + tf.reduce_sum(state.h)
        return [loss, tf.train.AdamOptimizer(0.1).minimize(loss)], [x, lengths]
    got, named = _both(build, [BATCH_MAJOR, [5, 3, 1, 4]], runs=3)
    assert named == []
    assert got[2][0] != got[0][0]  # it trains


def test_bidirectional_and_stacked_cells():
    def build():
        x = tf.placeholder(tf.float32, [4, 5, 3])
        (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(tf.nn.rnn_cell.GRUCell(4), tf.nn.rnn_cell.GRUCell(4), x,
                                                      dtype=tf.float32, scope="bi")
        cells = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(5) for _ in range(2)])
        deep, _ = tf.nn.dynamic_rnn(cells, fw + bw, dtype=tf.float32, scope="deep")
        loss = tf.reduce_mean(deep)
        return [loss, tf.train.GradientDescentOptimizer(0.5).minimize(loss)], [x]
    _, named = _both(build, [BATCH_MAJOR])
    assert named == []


def test_nested_loop_gradients_size_their_stacks_by_both_loops():
    def build():  # the inner loop's stack is pushed 3 x 2 times: room for 3 only loses values silently
        x = tf.placeholder(tf.float32, [3])

        def outer(i, y):
            inner = tf.while_loop(lambda j, z: j < 2, lambda j, z: (j + 1, tf.sin(z) + y), (0, y),
                                  maximum_iterations=2)
            return i + 1, inner[1]
        y = tf.while_loop(lambda i, y: i < 3, outer, (0, x), maximum_iterations=3)[1]
        return [y] + tf.gradients(tf.reduce_sum(y), [x]), [x]
    _, named = _both(build, [np.float32([0.1, 0.2, 0.3])])
    assert named == []


def test_tensor_array_ops_outside_loops():
    def build():
        x = tf.placeholder(tf.float32, [6, 2])
        pieces = tf.TensorArray(tf.float32, size=3, clear_after_read=False).split(x, [2, 2, 2])
        rows = tf.TensorArray(tf.float32, size=6, clear_after_read=False).unstack(x)
        return [pieces.concat(), pieces.read(1), rows.stack(), rows.gather([4, 0]), rows.size()], [x]
    got, named = _both(build, [np.arange(12, dtype=np.float32).reshape(6, 2)])
    assert named == []
    np.testing.assert_array_equal(got[0][3], [[8, 9], [0, 1]])


def test_a_loop_gradient_without_maximum_iterations_runs_on_the_host():
    def build():
        x = tf.placeholder(tf.float32, [3])
        y = tf.while_loop(lambda i, y: i < 4, lambda i, y: (i + 1, tf.tanh(y * 2.0 + x)), (0, x))[1]
        return [y] + tf.gradients(tf.reduce_sum(y), [x]), [x]
    _, named = _both(build, [np.float32([0.1, 0.2, 0.3])])
    assert len(named) == 1 and "StackPushV2 (a while_loop differentiated" in named[0]
    assert "needs a maximum_iterations known when compiling" in named[0]


def test_a_tensor_array_of_dynamic_size_runs_on_the_host():
    def build():
        ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
        body = lambda i, ta: (i + 1, ta.write(i, tf.cast(i, tf.float32)))  # noqa: E731
        return [tf.while_loop(lambda i, ta: i < 3, body, (0, ta))[1].stack()], []
    got, named = _both(build, [])
    assert len(named) == 1 and "TensorArrayV3 (a TensorArray of dynamic size)" in named[0]
    np.testing.assert_array_equal(got[0][0], [0.0, 1.0, 2.0])


def test_a_failing_assert_of_known_values_raises_tensorflows_error():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2, 3])
        check = tf.Assert(tf.equal(tf.shape(x)[0], 3), ["batch must be 3, got", tf.shape(x)])
        with tf.control_dependencies([check]):
            y = tf.identity(x)
        with tf.Session("jax") as sess:
            with pytest.raises(tf.errors.InvalidArgumentError, match=r"assertion failed: \[batch must be 3, got\] "
                                                                     r"\[2 3\]"):
                sess.run(y, {x: np.zeros((2, 3), np.float32)})


def test_dropout_in_dynamic_rnn_compiles_with_a_mask_per_time_step():
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        x = tf.placeholder(tf.float32, [8, 6, 3])
        cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.LSTMCell(16), output_keep_prob=0.5)
        out, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
        train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_mean(out))
        with warnings.catch_warnings():
            warnings.simplefilter("error", HostFallbackWarning)
            with tf.Session("jax") as sess:
                sess.run(tf.global_variables_initializer())
                got = sess.run([out, train], {x: np.ones((8, 6, 3), np.float32)})[0]
    dropped = got == 0
    assert 0.3 < dropped.mean() < 0.7
    assert len({dropped[:, t].tobytes() for t in range(6)}) == 6

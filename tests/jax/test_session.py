"""``tf.Session(target="jax")``: choosing the target, and whole programs run on it."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

pytest.importorskip("jax")

import scopeflow as tf  # noqa: E402
from scopeflow._src.xla.plan import HostFallbackWarning  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _python(code, **env):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": os.path.join(ROOT, "src"), **env}, timeout=120)


# -- the switch ------------------------------------------------------------------------------------
def test_import_and_numpy_sessions_load_no_jax():
    done = _python("import sys, scopeflow as tf\nc = tf.constant(2.0) * 3\n"
                   "print(tf.Session().run(c), 'jax' in sys.modules)")
    assert done.stdout.split() == ["6.0", "False"], done.stderr


def test_environment_variable_makes_jax_the_default_target():
    code = ("import sys, scopeflow as tf\nsess = tf.Session()\n"
            "print(sess.run(tf.constant(2.0) * 3), type(sess._engine).__name__, 'jax' in sys.modules)")
    done = _python(code, SCOPEFLOW_TARGET="jax")
    assert done.stdout.split() == ["6.0", "module", "True"], done.stderr


def test_without_jax_the_target_names_the_extra():
    code = ("import sys\nsys.modules['jax'] = None\nimport scopeflow as tf\ntf.constant(1.0)\n"
            "try:\n    tf.Session('jax')\nexcept tf.errors.NotFoundError as e:\n    print(e.message)")
    done = _python(code)
    assert "pip install 'scopeflow[jax]'" in done.stdout, done.stderr
    assert 'No session factory registered for the given session options: {target: "jax"}' in done.stdout


def test_other_targets_keep_tensorflows_error():
    with tf.Graph().as_default():
        with pytest.raises(tf.errors.NotFoundError, match='target: "local"'):
            tf.Session("local")


def test_an_unknown_environment_target_is_refused():
    done = _python("import scopeflow as tf\ntry:\n    tf.Session()\nexcept tf.errors.NotFoundError as e:\n"
                   "    print(e.message)", SCOPEFLOW_TARGET="tpu-pod")
    assert 'target: "tpu-pod"' in done.stdout and "SCOPEFLOW_TARGET" in done.stdout, done.stderr


# -- whole programs ----------------------------------------------------------------------------------
def _mlp(optimizer):
    graph = tf.Graph()
    with graph.as_default():
        tf.set_random_seed(3)
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        y = tf.placeholder(tf.int32, [None], name="y")
        rng = np.random.default_rng(1)  # the same initial values on both targets (their random streams differ)
        h = tf.layers.dense(x, 16, activation=tf.nn.relu,
                            kernel_initializer=tf.constant_initializer(rng.normal(size=(4, 16)) / 2))
        logits = tf.layers.dense(h, 3, kernel_initializer=tf.constant_initializer(rng.normal(size=(16, 3)) / 4))
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
        train = optimizer().minimize(loss)
        init = tf.global_variables_initializer()
    return graph, x, y, loss, train, init


def _train(target, optimizer, steps=20):
    rng = np.random.default_rng(0)
    xs, ys = rng.normal(size=(32, 4)).astype(np.float32), rng.integers(0, 3, size=32).astype(np.int32)
    graph, x, y, loss, train, init = _mlp(optimizer)
    with tf.Session(target, graph=graph) as sess:
        sess.run(init)
        return [sess.run([loss, train], {x: xs, y: ys})[0] for _ in range(steps)]


@pytest.mark.parametrize("optimizer", [
    lambda: tf.train.GradientDescentOptimizer(0.5), lambda: tf.train.MomentumOptimizer(0.1, 0.9),
    lambda: tf.train.AdamOptimizer(0.01)], ids=["sgd", "momentum", "adam"])
def test_mlp_trains_to_the_numpy_targets_losses(optimizer):
    with warnings.catch_warnings():
        warnings.simplefilter("error", HostFallbackWarning)  # every op of the step is compiled
        got = _train("jax", optimizer)
    want = _train("", optimizer)
    np.testing.assert_allclose(got, want, rtol=2e-5)
    assert got[-1] < got[0]


def test_a_read_after_an_assign_sees_the_new_value():
    with tf.Graph().as_default() as graph:
        v = tf.Variable(1.0, name="v")
        assign = tf.assign(v, 5.0)
        with tf.control_dependencies([assign]):
            after = tf.identity(v) + 0.0
        add = tf.assign_add(v, 2.0)
    for target in ("", "jax"):
        with tf.Session(target, graph=graph) as sess:
            sess.run(v.initializer)
            assert sess.run(after) == 5.0
            assert sess.run([add, v]) [1] == 7.0 and sess.run(v) == 7.0


def test_reading_an_uninitialized_variable_is_tensorflows_error():
    with tf.Graph().as_default() as graph:
        v = tf.Variable(1.0, name="v")
        y = v * 2.0
    with tf.Session("jax", graph=graph) as sess:
        with pytest.raises(tf.errors.FailedPreconditionError, match="Attempting to use uninitialized value v") as e:
            sess.run(y)
        assert e.value.op.name == "v/read"


def test_seeded_random_ops_repeat_from_session_to_session():
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(7)
        r = tf.random_normal([3, 2])
        u = tf.random_uniform([4], seed=2)
    runs = []
    for _ in range(2):
        with tf.Session("jax", graph=graph) as sess:
            runs.append([sess.run([r, u]) for _ in range(2)])
    np.testing.assert_array_equal(runs[0][0][0], runs[1][0][0])
    np.testing.assert_array_equal(runs[0][1][1], runs[1][1][1])
    assert not np.array_equal(runs[0][0][0], runs[0][1][0])  # the stream goes on from run to run
    assert runs[0][0][0].dtype == np.float32 and runs[0][0][0].shape == (3, 2)
    assert 0 <= runs[0][0][1].min() and runs[0][0][1].max() < 1


def test_saver_round_trip_from_a_jax_session(tmp_path):
    graph, x, y, loss, train, init = _mlp(lambda: tf.train.GradientDescentOptimizer(0.5))
    with graph.as_default():
        saver = tf.train.Saver()
        weights = [v for v in tf.global_variables() if "dense" in v.name]
    xs, ys = np.ones((2, 4), np.float32), np.array([0, 1], np.int32)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HostFallbackWarning)  # SaveV2 and RestoreV2 run on the host
        with tf.Session("jax", graph=graph) as sess:
            sess.run(init)
            sess.run(train, {x: xs, y: ys})
            path = saver.save(sess, str(tmp_path / "model"))
            want = {v.name: sess.run(v) for v in weights}
            sess.run(train, {x: xs, y: ys})  # the variables move back to the device and change
        with tf.Session(graph=graph) as numpy_sess:  # a JAX session's checkpoint is TensorFlow's files
            saver.restore(numpy_sess, path)
            for name, value in want.items():
                np.testing.assert_array_equal(numpy_sess.run(graph.get_tensor_by_name(name)), value)
        with tf.Session("jax", graph=graph) as sess:
            saver.restore(sess, path)
            for name, value in want.items():
                np.testing.assert_array_equal(sess.run(graph.get_tensor_by_name(name)), value)
            sess.run(train, {x: xs, y: ys})


def test_a_host_op_in_a_compiled_step_runs_through_a_callback_and_warns_once():
    calls = []

    def double(a):
        calls.append(a.shape)
        return (a * 2).astype(np.float32)

    with tf.Graph().as_default() as graph:
        x = tf.placeholder(tf.float32, [2, 3])
        v = tf.Variable(tf.zeros([2, 3]))
        doubled = tf.py_func(double, [x], tf.float32)
        doubled.set_shape([2, 3])
        step = tf.assign_add(v, doubled)
    with tf.Session("jax", graph=graph) as sess:
        sess.run(v.initializer)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", HostFallbackWarning)
            for _ in range(3):
                sess.run(step, {x: np.ones((2, 3), np.float32)})
        assert [str(w.message) for w in caught if w.category is HostFallbackWarning] == [
            "scopeflow's jax target: ops with no XLA lowering run on the host (through host callbacks): "
            "PyFunc (callback)"]
        assert len(calls) == 3
        np.testing.assert_array_equal(sess.run(v), np.full((2, 3), 6.0, np.float32))


def test_a_failing_host_callback_raises_tensorflows_error_and_changes_nothing():
    def fail(a):
        raise ValueError("no")

    with tf.Graph().as_default() as graph:
        v = tf.Variable(1.0)
        bad = tf.py_func(fail, [v.read_value()], tf.float32)
        bad.set_shape([])
        step = tf.group(tf.assign_add(v, 1.0), bad)
    with tf.Session("jax", graph=graph) as sess:
        sess.run(v.initializer)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", HostFallbackWarning)
            with pytest.raises(tf.errors.InvalidArgumentError, match="no"):
                sess.run(step)
        assert sess.run(v) == 1.0


def test_a_step_with_strings_runs_on_the_host_and_says_so():
    with tf.Graph().as_default() as graph:
        s = tf.placeholder(tf.string, [])
        n = tf.strings.length(s)
    with tf.Session("jax", graph=graph) as sess:
        with pytest.warns(HostFallbackWarning, match="the whole step runs on NumPy"):
            assert sess.run(n, {s: "abcd"}) == 4

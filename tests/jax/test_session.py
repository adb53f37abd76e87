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
from scopeflow._src.ops.control import flow_ops  # noqa: E402
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


def test_a_step_compiles_once_for_its_shapes():
    with tf.Graph().as_default() as graph:
        x = tf.placeholder(tf.float32, [None, 3])
        v = tf.Variable(tf.zeros([3]))
        step = tf.assign_add(v, tf.reduce_sum(x, 0) + tf.random_uniform([3], seed=1))
    with tf.Session("jax", graph=graph) as sess:
        sess.run(v.initializer)
        for rows in (2, 2, 2, 5, 5):
            sess.run(step, {x: np.ones((rows, 3), np.float32)})
        plan = next(p for p in sess._plans.values() if p.n_ops > 3)
        assert plan._jitted._cache_size() == 2  # one compilation per feed shape, random counters included


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


def _scatter_run(target):
    with tf.Graph().as_default() as graph:
        v = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3))
        i = tf.placeholder(tf.int32, [None])
        u = tf.placeholder(tf.float32, [None, 3])
        steps = [tf.scatter_add(v, i, u), tf.scatter_sub(v, i, u * 3.0), tf.scatter_update(v, i, u)]
    with tf.Session(target, graph=graph) as sess:
        sess.run(v.initializer)
        values = []
        for step in steps:
            values.append(sess.run(step, {i: [1, 3, 1], u: np.full((3, 3), 2.0, np.float32)}))
        return values


def test_scatter_updates_equal_the_numpy_targets():
    for got, want in zip(_scatter_run("jax"), _scatter_run("")):
        np.testing.assert_array_equal(got, want)


def _embedding_losses(target, optimizer, compiled=True):
    with tf.Graph().as_default() as graph:
        ids = tf.placeholder(tf.int32, [None])
        table = tf.get_variable("table", initializer=np.linspace(-1, 1, 30, dtype=np.float32).reshape(10, 3))
        loss = tf.reduce_sum(tf.square(tf.nn.embedding_lookup(table, ids) - 0.5))
        train = optimizer().minimize(loss)
        init = tf.global_variables_initializer()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", HostFallbackWarning)
        with tf.Session(target, graph=graph) as sess:
            sess.run(init)
            losses = [sess.run([loss, train], {ids: [1, 4, 4, 7]})[0] for _ in range(5)]
    fallbacks = [str(w.message) for w in caught if w.category is HostFallbackWarning]
    assert not fallbacks if compiled else "Unique (output shapes not known when compiling)" in fallbacks[-1]
    return losses


def test_embedding_training_with_sparse_gradients_compiles():
    sgd = lambda: tf.train.GradientDescentOptimizer(0.1)  # noqa: E731 - ScatterAdd of the rows
    np.testing.assert_allclose(_embedding_losses("jax", sgd), _embedding_losses("", sgd), rtol=1e-5)


def test_sparse_adam_runs_on_the_host_for_its_unique_rows():
    adam = lambda: tf.train.AdamOptimizer(0.1)  # noqa: E731 - sums repeated rows with Unique: a dynamic shape
    np.testing.assert_allclose(_embedding_losses("jax", adam, compiled=False), _embedding_losses("", adam), rtol=1e-5)


def _cond_program():
    graph = tf.Graph()
    with graph.as_default():
        x, p = tf.placeholder(tf.float32, [3]), tf.placeholder(tf.bool, [])
        v = tf.Variable(tf.zeros([3]))
        picked = tf.cond(p, lambda: tf.log(x) * 2.0, lambda: x - 1.0)  # the untaken log may be NaN: dropped
        updated = tf.cond(p, lambda: tf.assign_add(v, x), lambda: tf.identity(v))  # updates only when taken
        nested = tf.cond(p, lambda: tf.cond(x[0] > 1.0, lambda: x * 10.0, lambda: x), lambda: -x)
    return graph, x, p, v, [picked, updated, nested]


def _cond_runs(target):
    graph, x, p, v, fetches = _cond_program()
    with tf.Session(target, graph=graph) as sess:
        sess.run(v.initializer)
        runs = [sess.run(fetches, {x: xs, p: ps}) for ps, xs in
                ((True, [2.0, 3.0, 4.0]), (False, [-1.0, 2.0, 3.0]), (True, [0.5, 1.0, 1.0]))]
        return runs, sess.run(v)


def test_conds_compile_and_equal_the_numpy_target():
    with warnings.catch_warnings():
        warnings.simplefilter("error", HostFallbackWarning)  # Switch and Merge compile: both branches, one kept
        got, got_v = _cond_runs("jax")
    want, want_v = _cond_runs("")
    for g, w in zip(got, want):
        for a, b in zip(g, w):
            np.testing.assert_allclose(a, b, rtol=1e-6)
    np.testing.assert_array_equal(got_v, want_v)


def test_fetching_an_untaken_branch_is_tensorflows_error():
    with tf.Graph().as_default() as graph:
        x, p = tf.placeholder(tf.float32, []), tf.placeholder(tf.bool, [])
        false, true = flow_ops.switch(x, p)
    with tf.Session("jax", graph=graph) as sess:
        assert sess.run(true, {x: 2.0, p: True}) == 2.0
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"Retval\[0\] does not have value"):
            sess.run(false, {x: 2.0, p: True})


def _bn_dropout_losses(target):
    graph = tf.Graph()
    with graph.as_default():
        tf.set_random_seed(0)
        x, training = tf.placeholder(tf.float32, [8, 6]), tf.placeholder(tf.bool, [])
        h = tf.layers.dense(x, 5, kernel_initializer=tf.constant_initializer(0.1))
        h = tf.layers.batch_normalization(h, training=training)
        loss = tf.reduce_mean(tf.square(h))
        with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
            train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        moving = [v for v in tf.global_variables() if "moving_mean" in v.name][0]
        init = tf.global_variables_initializer()
    xs = np.arange(48, dtype=np.float32).reshape(8, 6) / 10
    with warnings.catch_warnings():
        warnings.simplefilter("error", HostFallbackWarning)
        with tf.Session(target, graph=graph) as sess:
            sess.run(init)
            losses = [sess.run([loss, train], {x: xs, training: True})[0] for _ in range(3)]
            losses.append(sess.run(loss, {x: xs, training: False}))
            return losses, sess.run(moving)


def test_batch_norm_with_a_training_placeholder_compiles():
    got, got_moving = _bn_dropout_losses("jax")
    want, want_moving = _bn_dropout_losses("")
    np.testing.assert_allclose(got, want, rtol=1e-5)
    np.testing.assert_allclose(got_moving, want_moving, rtol=1e-5)

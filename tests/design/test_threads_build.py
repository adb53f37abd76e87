"""Many threads building into one graph, and running one session, at once (issue 24, item 6).

The variable store, the name registry and the collections are shared by every thread that builds
into a graph: a look-up-then-create must be atomic, so eight threads asking for ``shared/s`` under
``AUTO_REUSE`` all get the one variable (never ``shared/s_1``), and eight threads opening
``name_scope("tower")`` get ``tower`` .. ``tower_7`` once each. Threads switch every microsecond
here (``sys.setswitchinterval``) so that an unguarded check-then-create would be caught in the act.
"""

import sys
import threading

import numpy as np
import pytest

import scopeflow as tf

N_THREADS = 8
N_GRAPHS = 100


@pytest.fixture(autouse=True)
def _switch_often():
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(old)


def _in_threads(graph, fn, n=N_THREADS):
    """Run ``fn(i)`` in ``n`` threads released together, inside ``graph``; their results by index."""
    barrier = threading.Barrier(n)
    results, failures = [None] * n, []

    def body(i):
        try:
            with graph.as_default():
                barrier.wait(timeout=30)
                results[i] = fn(i)
        except BaseException as e:  # noqa: BLE001 - reported by the test below
            failures.append(e)

    threads = [threading.Thread(target=body, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    if failures:
        raise failures[0]
    return results


def _shared_variable(i):
    with tf.variable_scope("shared", reuse=tf.AUTO_REUSE):
        return tf.get_variable("s", [2], initializer=tf.ones_initializer())


def test_auto_reuse_gives_every_thread_one_variable():
    for _ in range(N_GRAPHS):
        g = tf.Graph()
        got = _in_threads(g, _shared_variable)
        assert {v.name for v in got} == {"shared/s:0"}
        assert all(v is got[0] for v in got)
        assert [v.name for v in g.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)] == ["shared/s:0"]
        assert [v.name for v in g.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES)] == ["shared/s:0"]
        assert len([op for op in g.get_operations() if op.type == "VariableV2"]) == 1


def test_partitioned_auto_reuse_is_shared_too():
    def fn(i):
        with tf.variable_scope("p", reuse=tf.AUTO_REUSE, partitioner=tf.fixed_size_partitioner(2)):
            return tf.get_variable("w", [4, 3])

    for _ in range(5):
        g = tf.Graph()
        got = _in_threads(g, fn)
        assert all(v is got[0] for v in got)
        assert sorted(v.name for v in g.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)) == [
            "p/w/part_0:0", "p/w/part_1:0"]


def test_creating_one_name_without_reuse_succeeds_once():
    def fn(i):
        try:
            return tf.get_variable("x", [1])
        except ValueError as e:
            return str(e)

    for _ in range(5):
        g = tf.Graph()
        got = _in_threads(g, fn)
        made = [r for r in got if not isinstance(r, str)]
        refused = [r for r in got if isinstance(r, str)]
        assert len(made) == 1 and made[0].name == "x:0"
        assert len(refused) == N_THREADS - 1
        assert all(r.startswith("Variable x already exists, disallowed.") for r in refused)


def test_name_scopes_ops_and_collections_from_many_threads():
    steps = 20

    def fn(i):
        with tf.name_scope("tower") as scope:
            x = tf.constant(float(i), name="x")
            outs = []
            for _ in range(steps):
                x = tf.add(x, 1.0, name="add")
                tf.add_to_collection("outs", x)
                outs.append(x)
            return scope, outs

    for _ in range(10):
        g = tf.Graph()
        got = _in_threads(g, fn)
        # TF's names: each thread owns one of tower/, tower_1/ .. tower_7/, its ops named as alone.
        assert sorted(scope for scope, _ in got) == sorted(
            ["tower/"] + [f"tower_{k}/" for k in range(1, N_THREADS)])
        for scope, outs in got:
            assert [t.name for t in outs] == [f"{scope}add:0"] + [f"{scope}add_{k}:0" for k in range(1, steps)]
        names = [op.name for op in g.get_operations()]
        assert len(names) == len(set(names)) == N_THREADS * (1 + 2 * steps)
        assert len(g.get_collection("outs")) == N_THREADS * steps
        with tf.Session(graph=g) as sess:
            finals = sess.run([outs[-1] for _, outs in got])
        firsts = sorted(sess_value - steps for sess_value in finals)
        assert firsts == [float(i) for i in range(N_THREADS)]


def test_threads_run_one_session_at_once_while_others_build():
    g = tf.Graph()
    with g.as_default():
        v = tf.get_variable("v", [3], initializer=tf.constant_initializer([1.0, 2.0, 3.0]))
        x = tf.placeholder(tf.float32, [3], name="x")
        y = v * x + 1.0
        sess = tf.Session()
        sess.run(tf.global_variables_initializer())

    def fn(i):
        if i % 2:  # builders: new ops in the graph the session runs
            with tf.variable_scope("shared", reuse=tf.AUTO_REUSE):
                s = tf.get_variable("s", [], initializer=tf.zeros_initializer())
            return [tf.add(s, float(i), name="plus") for _ in range(10)]
        outs = []
        for k in range(30):
            feed = np.full(3, float(i + k), np.float32)
            outs.append((feed, sess.run(y, {x: feed})))
        return outs

    try:
        for _ in range(5):
            got = _in_threads(g, fn)
            for i, outs in enumerate(got):
                if i % 2 == 0:
                    for feed, value in outs:
                        np.testing.assert_allclose(value, np.array([1.0, 2.0, 3.0]) * feed + 1.0)
            sess.run(g.get_tensor_by_name("shared/s/Assign:0").op)
            plus = [t for i, ts in enumerate(got) if i % 2 for t in ts]
            assert len({t.name for t in plus}) == len(plus)
            assert sorted(set(sess.run(plus))) == [float(i) for i in range(1, N_THREADS, 2)]
    finally:
        sess.close()


# -- found by the issue 24 verification pass: default_name scopes (tf.layers, slots) -----------------
def _sequential_names(fn, n=N_THREADS):
    """The variables ``fn(0)`` .. ``fn(n - 1)`` make when one thread calls them in turn."""
    g = tf.Graph()
    with g.as_default():
        for i in range(n):
            fn(i)
    return sorted(v.name for v in g.get_collection(tf.GraphKeys.GLOBAL_VARIABLES))


def _default_name_scope(i):
    with tf.variable_scope(None, default_name="blk") as scope:
        return scope.name, scope.original_name_scope, tf.get_variable("w", [1]).name


def test_default_name_scopes_are_unique_across_threads():
    # each thread counts the scopes it opened: all eight took "blk", and seven failed with
    # "Variable blk/w already exists" (TensorFlow's threads race here too)
    assert _sequential_names(_default_name_scope) == sorted(["blk/w:0"] + [f"blk_{k}/w:0" for k in range(1, 8)])
    for _ in range(20):
        g = tf.Graph()
        got = _in_threads(g, _default_name_scope)
        assert sorted(v.name for v in g.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)) == _sequential_names(
            _default_name_scope)
        for scope, name_scope, variable in got:  # name scope and variable scope chosen together
            assert name_scope == scope + "/" and variable == scope + "/w:0"


def _dense(i):
    return tf.layers.dense(tf.placeholder(tf.float32, [None, 3]), 4)


def _adam(i):
    with tf.variable_scope("m", reuse=tf.AUTO_REUSE):
        w = tf.get_variable("w", [3], initializer=tf.ones_initializer())
    return tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(w))


def _template(i):
    return tf.make_template("tpl", lambda: tf.get_variable("v", [1]), create_scope_now_=True)()


@pytest.mark.parametrize("fn", [_dense, _adam, _template], ids=["tf.layers.dense", "adam slots", "make_template"])
def test_layers_slots_and_templates_in_threads_get_one_threads_names(fn):
    want = _sequential_names(fn)
    for _ in range(10):
        g = tf.Graph()
        _in_threads(g, fn)
        assert sorted(v.name for v in g.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)) == want

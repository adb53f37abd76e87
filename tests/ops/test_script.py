"""tf.py_func and kin beyond the conformance goldens: the callables' lifetime, the original
exception kept, threads, and the graph-level bookkeeping."""

from __future__ import annotations

import gc
import threading
import weakref

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.ops.script.func_registry import py_funcs
from scopeflow._src.ops.script.values import EagerTensor


def test_the_graph_keeps_the_callable_alive_and_lets_it_go_with_it():
    def square(x):
        return x * x

    graph = tf.Graph()
    with graph.as_default():
        y = tf.py_func(square, [tf.constant(3.0)], tf.float32)
    token = y.op.get_attr("token").decode()
    ref = weakref.ref(square)
    del square
    gc.collect()
    assert ref() is not None and py_funcs.get(token) is not None
    with tf.Session(graph=graph) as sess:
        assert sess.run(y) == 9.0
    del graph, y, sess
    gc.collect()
    assert ref() is None and py_funcs.get(token) is None


def test_a_bound_method_stays_callable():
    class Counter:
        def __init__(self):
            self.n = 0

        def bump(self):
            self.n += 1
            return np.int64(self.n)

    counter = Counter()
    with tf.Graph().as_default():
        y = tf.py_func(counter.bump, [], tf.int64)
        gc.collect()
        with tf.Session() as sess:
            assert [int(sess.run(y)) for _ in range(3)] == [1, 2, 3]


def test_a_py_func_in_a_dataset_function_is_kept_by_the_outer_graph():
    graph = tf.Graph()
    with graph.as_default():
        tf.data.Dataset.range(2).map(lambda x: tf.py_func(lambda v: v, [x], tf.int64))
    assert len(graph._py_funcs_used_in_graph) == 1


def test_the_callables_exception_is_the_cause():
    class Boom(Exception):
        pass

    def fail(x):
        raise Boom("no")

    with tf.Graph().as_default():
        y = tf.py_func(fail, [tf.constant(1)], tf.int32, name="failing")
        with tf.Session() as sess, pytest.raises(tf.errors.UnknownError) as info:
            sess.run(y)
    assert isinstance(info.value.__cause__, Boom)
    assert info.value.op is y.op
    assert "Boom: no\nTraceback (most recent call last):" in info.value.message
    assert "raise Boom" in info.value.message


def test_py_function_gets_eager_tensors():
    seen = []

    def f(x, s):
        seen.extend([type(x), x.numpy(), type(x.numpy()), s.numpy()])
        return x * 2

    with tf.Graph().as_default():
        y = tf.py_function(f, [tf.constant(1.5), tf.constant(["a"])], tf.float32)
        with tf.Session() as sess:
            assert sess.run(y) == np.float32(3.0)
    assert seen[0] is EagerTensor and seen[1] == np.float32(1.5) and seen[2] is np.float32
    assert seen[3].tolist() == [b"a"]


def test_several_threads_run_py_funcs_at_once():
    barrier = threading.Barrier(4)

    def wait_then_double(x):
        barrier.wait(timeout=10)  # every thread is inside a py_func at the same time
        return x * 2

    with tf.Graph().as_default():
        p = tf.placeholder(tf.int64, [])
        y = tf.py_func(wait_then_double, [p], tf.int64)
        with tf.Session() as sess:
            results = {}

            def run(i):
                results[i] = int(sess.run(y, {p: i}))

            threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=20)
    assert results == {i: 2 * i for i in range(4)}


def test_a_stateless_py_func_of_constants_is_folded_once_per_plan():
    calls = []

    def f():
        calls.append(1)
        return np.float32(2)

    with tf.Graph().as_default():
        y = tf.py_func(f, [], tf.float32, stateful=False)
        y.set_shape([])
        z = y + 1
        with tf.Session() as sess:
            assert [sess.run(z) for _ in range(3)] == [3.0, 3.0, 3.0]
    assert len(calls) == 1


def test_graph_def_round_trip_in_another_graph_runs_the_same_callable():
    with tf.Graph().as_default() as g1:
        x = tf.placeholder(tf.float32, [2], name="x")
        tf.numpy_function(lambda v: v + 1, [x], tf.float32, name="f")
    text = str(g1.as_graph_def())
    assert 'op: "PyFunc"' in text and 'key: "token"' in text
    with tf.Graph().as_default():
        tf.import_graph_def(g1.as_graph_def(), name="")
        with tf.Session() as sess:
            assert sess.run("f:0", {"x:0": [1.0, 2.0]}).tolist() == [2.0, 3.0]


def test_no_gradient_for_py_function():
    with tf.Graph().as_default():
        x = tf.constant(1.0)
        y = tf.py_function(lambda v: v * 2, [x], tf.float32)
        with pytest.raises(LookupError, match="EagerPyFunc"):
            tf.gradients(y, x)

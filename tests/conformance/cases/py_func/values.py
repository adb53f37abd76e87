"""What the Python function gets (NumPy scalars and arrays, bytes; ``EagerTensor``s for
``tf.py_function``) and what it may return, converted as TensorFlow converts it."""

import numpy as np

from tests.conformance.cases.py_func._helpers import kind, run_err
from tests.conformance.harness import case


@case
def numpy_function_arguments(tf):
    seen = []

    def spy(*args):
        seen.extend(kind(a) for a in args)
        return np.float32(0)

    inputs = [tf.constant(1.5), tf.constant([1, 2], tf.int64), tf.constant(["a", "bc"]), tf.constant(b"x"),
              tf.constant(True), tf.constant([[1.0]], tf.float64), tf.constant([], tf.int32)]
    y = tf.py_func(spy, inputs, tf.float32)
    with tf.Session() as sess:
        sess.run(y)
    return seen


@case
def py_function_arguments(tf):
    seen = []

    def spy(*args):
        seen.extend([type(a).__name__, kind(a.numpy())] for a in args)
        return 0.0

    y = tf.py_function(spy, [tf.constant(1.5), tf.constant([1, 2], tf.int64), tf.constant(["a", "bc"])], tf.float32)
    with tf.Session() as sess:
        sess.run(y)
    return seen


@case
def numpy_function_results_of_matching_dtype(tf):
    outs = [tf.py_func(lambda: 1.5, [], tf.float64), tf.py_func(lambda: 7, [], tf.int64),
            tf.py_func(lambda: True, [], tf.bool), tf.py_func(lambda: "ab", [], tf.string),
            tf.py_func(lambda: b"cd", [], tf.string), tf.py_func(lambda: np.float16(1), [], tf.float16),
            tf.py_func(lambda: np.array(["x", "yz"]), [], tf.string),
            tf.py_func(lambda: np.array([b"x", b"yz"]), [], tf.string),
            tf.py_func(lambda: np.uint8([1, 2]), [], tf.uint8),
            tf.py_func(lambda: [[1.0, 2.0]], [], tf.float64)]
    with tf.Session() as sess:
        return [kind(v) for v in sess.run(outs)]


@case
def numpy_function_several_results(tf):
    a = tf.py_func(lambda: (np.float32(1), np.int32(2)), [], (tf.float32, tf.int32))
    b = tf.py_func(lambda: ["ab", b"cd"], [], [tf.string, tf.string])
    c = tf.py_func(lambda: None, [], [])
    d = tf.py_func(lambda x: [x, x * 2], [tf.constant([1, 2])], [tf.int32, tf.int32])
    with tf.Session() as sess:
        return [[kind(v) for v in sess.run(a)], [kind(v) for v in sess.run(b)], sess.run(c),
                [kind(v) for v in sess.run(d)]]


@case
def py_function_results_converted(tf):
    cases = [(np.array([1.5]), tf.float32), (np.array([1.5]), tf.int32), (np.array([1, 2]), tf.float32),
             (1.5, tf.float32), (1.5, tf.float64), (3, tf.int32), (3, tf.float32), ([1, 2.5], tf.float32),
             (np.float64(2.0), tf.int32), ("x", tf.string), (True, tf.bool), ([[1, 2]], tf.int64)]
    outs = [tf.py_function(lambda v=v: v, [], dt) for v, dt in cases]
    with tf.Session() as sess:
        return [kind(v) for v in sess.run(outs)]


@case
def py_function_computes_on_its_arguments(tf):
    x = tf.constant([1.0, 2.0])
    a = tf.py_function(lambda v: v * 2, [x], tf.float32)
    b = tf.py_function(lambda v, w: (v + w, v.numpy().sum()), [x, x], [tf.float32, tf.float64])
    c = tf.py_function(lambda v: None, [x], [])
    with tf.Session() as sess:
        return [kind(sess.run(a)), [kind(v) for v in sess.run(b)], sess.run(c)]


@case
def fed_inputs_and_repeated_runs(tf):
    calls = []

    def count(x):
        calls.append(int(x.sum()))
        return np.int64(len(calls))

    p = tf.placeholder(tf.int32, [None])
    y = tf.py_func(count, [p], tf.int64)
    with tf.Session() as sess:
        got = [int(sess.run(y, {p: [1, 2]})), int(sess.run(y, {p: [3]})), int(sess.run(y, {p: []}))]
    return [got, calls]


@case
def one_call_per_run_for_several_fetches(tf):
    calls = []

    def f(x):
        calls.append(1)
        return x, x + 1

    a, b = tf.py_func(f, [tf.constant(1)], [tf.int32, tf.int32])
    with tf.Session() as sess:
        got = sess.run([a, b, a + b])
    return [[int(v) for v in got], len(calls)]


@case
def stateful_and_stateless_calls_over_runs(tf):
    calls = {"stateful": 0, "stateless": 0}

    def make(key):
        def f():
            calls[key] += 1
            return np.float32(1)
        return f

    a = tf.py_func(make("stateful"), [], tf.float32)
    b = tf.py_func(make("stateless"), [], tf.float32, stateful=False)
    a.set_shape([])
    b.set_shape([])
    with tf.Session() as sess:
        for _ in range(3):
            sess.run([a, b])
    return calls


@case
def runs_reached_by_control_dependencies(tf):
    calls = []
    a = tf.py_func(lambda: calls.append("stateful"), [], [])
    b = tf.py_func(lambda: calls.append("stateless"), [], [], stateful=False)
    c = tf.py_func(lambda: calls.append("stateless_out") or np.float32(0), [], tf.float32, stateful=False)
    with tf.control_dependencies([a, b, c]):
        y = tf.constant(1.0) + 1
    with tf.Session() as sess:
        sess.run(y)
    return sorted(calls)


@case
def runs_reached_by_control_dependencies_only(tf):
    calls = []
    a = tf.py_func(lambda: calls.append("stateful"), [], [])
    b = tf.py_func(lambda: calls.append("stateless") or np.float32(0), [], tf.float32, stateful=False)
    b.set_shape([])
    empty = tf.py_func(lambda: None, [], [], stateful=False)
    with tf.control_dependencies([a, b]):
        y = tf.constant(1.0) + 1
    with tf.Session() as sess:
        sess.run(y)
        sess.run(y)
    return [sorted(calls), empty]


@case
def mismatched_dtypes_error(tf):
    x = tf.constant([1.0, 2.0])
    return [run_err(tf, tf.py_func(lambda v: v, [x], tf.float64)),
            run_err(tf, tf.py_func(lambda: 1.5, [], tf.float32)),
            run_err(tf, tf.py_func(lambda: 1, [], tf.int32)),
            run_err(tf, tf.py_func(lambda: np.array([1, 2]), [], tf.int32)),
            run_err(tf, tf.py_func(lambda: "a", [], tf.float32)),
            run_err(tf, tf.py_func(lambda: 1.0, [], tf.string)),
            run_err(tf, tf.py_func(lambda: (1.0, np.int32(1)), [], [tf.float64, tf.int64]))]


@case
def wrong_number_of_results_error(tf):
    x = tf.constant([1.0, 2.0])
    return [run_err(tf, tf.py_func(lambda v: [v, v], [x], tf.float32)),
            run_err(tf, tf.py_func(lambda v: v, [x], [tf.float32, tf.float32])),
            run_err(tf, tf.py_func(lambda: None, [], tf.float32)),
            run_err(tf, tf.py_func(lambda: 5, [], [])),
            run_err(tf, tf.numpy_function(lambda v: v, [x], [])),
            run_err(tf, tf.py_function(lambda v: None, [x], tf.float32))]


@case
def unsupported_results_error(tf):
    return [run_err(tf, tf.py_func(lambda: np.array([1, "a"], dtype=object), [], tf.int64)),
            run_err(tf, tf.py_function(lambda: 1.5, [], tf.int32)),
            run_err(tf, tf.py_function(lambda: "x", [], tf.float32)),
            run_err(tf, tf.py_function(lambda: [1, "a"], [], tf.int32))]

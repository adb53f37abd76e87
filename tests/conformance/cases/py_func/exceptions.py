"""An exception raised by the Python function, as TensorFlow's error class for it."""

import numpy as np

from tests.conformance.cases.py_func._helpers import run_err
from tests.conformance.harness import case


def _raise(exc):
    def f(*args):
        raise exc
    return f


_EXCEPTIONS = [ValueError("bad value"), TypeError("bad type"), ZeroDivisionError("division by zero"),
               KeyError("k"), IndexError("list index out of range"), StopIteration(), NotImplementedError("later"),
               MemoryError("m"), RuntimeError("boom"), AssertionError("assert")]


@case
def numpy_function_exceptions(tf):
    x = tf.constant(1.0)
    return [run_err(tf, tf.py_func(_raise(e), [x], tf.float32)) for e in _EXCEPTIONS]


@case
def stateless_exceptions(tf):
    return [run_err(tf, tf.py_func(_raise(e), [], tf.float32, stateful=False)) for e in _EXCEPTIONS[:4]]


@case
def py_function_exceptions(tf):
    x = tf.constant(1.0)
    return [run_err(tf, tf.py_function(_raise(e), [x], tf.float32)) for e in _EXCEPTIONS]


@case
def exceptions_from_python_itself(tf):
    return [run_err(tf, tf.py_func(lambda: int("x"), [], tf.int64)),
            run_err(tf, tf.py_func(lambda: len(5), [], tf.int64)),
            run_err(tf, tf.py_func(lambda: {}["k"], [], tf.int64)),
            run_err(tf, tf.py_func(lambda: next(iter([])), [], tf.int64)),
            run_err(tf, tf.py_func(lambda a, b: a, [1], tf.int32)),
            run_err(tf, tf.py_function(lambda: 1 / 0, [], tf.float32))]


@case
def session_goes_on_after_an_error(tf):
    calls = []

    def flaky(x):
        calls.append(1)
        if len(calls) == 1:
            raise ValueError("first call fails")
        return x * 2

    y = tf.py_func(flaky, [tf.constant(3)], tf.int32)
    with tf.Session() as sess:
        try:
            sess.run(y)
            first = "ok"
        except tf.errors.InvalidArgumentError as e:
            first = [type(e).__name__, e.message.strip().splitlines()[-1]]
        return [first, int(sess.run(y)), len(calls)]


@case
def error_names_the_node(tf):
    y = tf.py_func(_raise(ValueError("v")), [tf.constant(np.float32(1))], tf.float32, name="my_func")
    with tf.Session() as sess:
        try:
            sess.run(y)
        except tf.errors.OpError as e:
            return [type(e).__name__, e.op.name if e.op is not None else None, e.error_code,
                    "Node: 'my_func'" in e.message]

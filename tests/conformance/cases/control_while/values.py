"""Values computed by tf.while_loop when the graph is run: sums, factorial, fibonacci, matrix
power, data-dependent trip counts, loops that do not iterate, trip counts fed by placeholder."""

import numpy as np

from tests.conformance.cases.control_while._helpers import run
from tests.conformance.harness import case


@case
def sum_below_n(tf):
    r = tf.while_loop(lambda i, s: i < 10, lambda i, s: (i + 1, s + i), [tf.constant(0), tf.constant(0)])
    return run(tf, r)


@case
def factorial(tf):
    r = tf.while_loop(lambda i, f: i <= 10, lambda i, f: (i + 1, f * tf.cast(i, tf.int64)),
                      [tf.constant(1), tf.constant(1, tf.int64)])
    return run(tf, r)


@case
def factorial_float(tf):
    r = tf.while_loop(lambda i, f: i <= 12.0, lambda i, f: (i + 1.0, f * i), [tf.constant(1.0), tf.constant(1.0)])
    return run(tf, r)


@case
def fibonacci(tf):
    r = tf.while_loop(lambda k, a, b: k < 20, lambda k, a, b: (k + 1, b, a + b),
                      [tf.constant(0), tf.constant(0), tf.constant(1)])
    return run(tf, r)


@case
def matrix_power(tf):
    m = tf.constant([[1.0, 1.0], [1.0, 0.0]], name="m")
    r = tf.while_loop(lambda i, p: i < 10, lambda i, p: (i + 1, tf.matmul(p, m)), [tf.constant(0), tf.eye(2)])
    return run(tf, r)


@case
def zero_iterations(tf):
    r = tf.while_loop(lambda i, x: i < 0, lambda i, x: (i + 1, x * 100.0),
                      [tf.constant(0), tf.constant([1.0, 2.0])])
    return run(tf, r)


@case
def count_fed_by_placeholder(tf):
    n = tf.placeholder(tf.int32, [], name="n")
    r = tf.while_loop(lambda i, s: i < n, lambda i, s: (i + 1, s + i * i), [tf.constant(0), tf.constant(0)])
    with tf.Session() as sess:
        return [sess.run(r, {n: k}) for k in (0, 1, 5, 12)]


@case
def initial_value_fed(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    r = tf.while_loop(lambda x: tf.reduce_max(x) < 100.0, lambda x: x * 3.0, [x])
    with tf.Session() as sess:
        return [sess.run(r, {x: [1.0, 2.0]}), sess.run(r, {x: [50.0]}), sess.run(r, {x: [200.0, 1.0, 3.0]})]


@case
def collatz_steps(tf):
    def body(n, steps):
        n2 = tf.where(tf.equal(n % 2, 0), n // 2, 3 * n + 1)
        return n2, steps + 1

    r = tf.while_loop(lambda n, steps: n > 1, body, [tf.constant(27), tf.constant(0)])
    return run(tf, r)


@case
def gcd(tf):
    r = tf.while_loop(lambda a, b: b > 0, lambda a, b: (b, a % b), [tf.constant(1071), tf.constant(462)])
    return run(tf, r)


@case
def newton_sqrt(tf):
    a = tf.constant(2.0, tf.float64, name="a")
    r = tf.while_loop(lambda i, x: i < 6, lambda i, x: (i + 1, 0.5 * (x + a / x)),
                      [tf.constant(0), tf.constant(1.0, tf.float64)])
    return run(tf, r)


@case
def vector_accumulate(tf):
    x = tf.constant(np.array([1.0, -2.0, 0.5], np.float32), name="x")
    r = tf.while_loop(lambda i, acc: i < 4, lambda i, acc: (i + 1, acc * 0.5 + x),
                      [tf.constant(0), tf.zeros([3])])
    return run(tf, r)


@case
def matrix_loop_var_reduce(tf):
    x = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3), name="x")
    r = tf.while_loop(lambda i, m, s: i < 3, lambda i, m, s: (i + 1, m + 1.0, s + tf.reduce_sum(m, 0)),
                      [tf.constant(0), x, tf.zeros([3])])
    return run(tf, r)


@case
def parallel_iterations_same_values(tf):
    outs = [tf.while_loop(lambda i, s: i < 8, lambda i, s: (i + 1, s * 1.5 + 1.0),
                          [tf.constant(0), tf.constant(1.0)], parallel_iterations=p)[1] for p in (1, 10, 32)]
    return run(tf, outs)


@case
def run_loop_twice_in_session(tf):
    n = tf.placeholder(tf.int32, [], name="n")
    r = tf.while_loop(lambda i: i < n, lambda i: i + 2, [tf.constant(0)])
    with tf.Session() as sess:
        return [sess.run(r, {n: 5}), sess.run(r, {n: 5}), sess.run(r, {n: 6})]


@case
def fetch_exit_and_input(tf):
    x = tf.constant(3.0, name="x")
    r = tf.while_loop(lambda v: v < 100.0, lambda v: v * v, [x])
    return run(tf, [r, x, r + x])


@case
def loop_result_used_by_second_loop(tf):
    a = tf.while_loop(lambda v: v < 10, lambda v: v + 3, [tf.constant(0)])
    b = tf.while_loop(lambda v, k: k < a, lambda v, k: (v * 2, k + 1), [tf.constant(1), tf.constant(0)])
    return run(tf, [a, b])


@case
def many_iterations(tf):
    r = tf.while_loop(lambda i, s: i < 1000, lambda i, s: (i + 1, s + 0.001), [tf.constant(0), tf.constant(0.0)])
    got = run(tf, r)
    return [int(got[0]), round(float(got[1]), 3)]


@case
def string_loop_var(tf):
    r = tf.while_loop(lambda i, s: i < 3, lambda i, s: (i + 1, tf.strings.join([s, "ab"])),
                      [tf.constant(0), tf.constant("x")])
    return run(tf, r)


@case
def loop_max_iterations_values_by_cond(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    r = tf.while_loop(lambda v: v < 100.0, lambda v: v * 2.0, [x], maximum_iterations=5)
    with tf.Session() as sess:
        return [sess.run(r, {x: 1.0}), sess.run(r, {x: 10.0}), sess.run(r, {x: 500.0})]

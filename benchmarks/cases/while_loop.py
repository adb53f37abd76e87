"""``while_loop``: the overhead of a loop iteration, 10,000 iterations of scalar work.

``tf.while_loop(lambda i, s: i < n, lambda i, s: (i + 1, s + 1.5), [0, 0.0])`` with ``n``
fed: each iteration is a comparison and two additions of scalars, so the time is almost all
per-iteration overhead. ``per_iteration_us`` is the run divided by the iterations.
"""

from cases.timing import per_call

NAME = "while_loop"
IMPLS = ("scopeflow", "tensorflow")
METRICS = {"run_ms": "ms", "per_iteration_us": "us"}
TARGETS = {"run_ms": 2.0}
ITERATIONS = 10_000


def measure(tf, impl, quick):
    iterations, calls, repeat = (1000, 2, 2) if quick else (ITERATIONS, 3, 5)
    n = tf.placeholder(tf.int32, [], name="n")
    _, total = tf.while_loop(lambda i, s: i < n, lambda i, s: (i + 1, s + 1.5), [0, 0.0])
    with tf.Session() as sess:
        assert sess.run(total, {n: 4}) == 6.0
        seconds = per_call(lambda: sess.run(total, {n: iterations}), calls, repeat)
    return {"run_ms": seconds * 1e3, "per_iteration_us": seconds / iterations * 1e6}

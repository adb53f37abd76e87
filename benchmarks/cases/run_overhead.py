"""``run_overhead``: what ``Session.run`` costs beyond the arithmetic it asks for.

``feed_add_us``: ``sess.run(a + b, feed_dict={a: 1.0, b: 2.0})`` with two float32 scalar
placeholders; ``const_us``: ``sess.run(c)`` for a scalar constant.
"""

from cases.timing import per_call

NAME = "run_overhead"
IMPLS = ("scopeflow", "tensorflow")
METRICS = {"feed_add_us": "us", "const_us": "us"}
TARGETS = {"feed_add_us": 10, "const_us": 10}


def measure(tf, impl, quick):
    calls, repeat = (200, 3) if quick else (2000, 7)
    graph = tf.Graph()
    with graph.as_default():
        a = tf.placeholder(tf.float32, [], name="a")
        b = tf.placeholder(tf.float32, [], name="b")
        total = a + b
        c = tf.constant(1.0)
    sess = tf.Session(graph=graph)
    try:
        return {"feed_add_us": per_call(lambda: sess.run(total, feed_dict={a: 1.0, b: 2.0}), calls, repeat) * 1e6,
                "const_us": per_call(lambda: sess.run(c), calls, repeat) * 1e6}
    finally:
        sess.close()

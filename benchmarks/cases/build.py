"""``build``: a 200-layer model with ``get_variable`` in nested variable scopes, a second
tower that reuses every variable, then ``tf.gradients`` of both towers' loss.

``us_per_op`` divides the whole build by the number of ops it created (gradient ops
included); ``us_per_reused_get_variable`` times only the reuse tower's ``get_variable`` calls.
"""

from cases.timing import once

NAME = "build"
IMPLS = ("scopeflow", "tensorflow")
METRICS = {"build_ms": "ms", "us_per_op": "us", "us_per_reused_get_variable": "us"}
TARGETS = {"build_ms": 25, "us_per_reused_get_variable": 10}
WIDTH = 64


def _tower(tf, x, layers, reuse, timer):
    h = x
    with tf.variable_scope("model", reuse=reuse):
        for i in range(layers):
            with tf.variable_scope(f"block{i // 10}"), tf.variable_scope(f"layer{i % 10}"):
                start = timer()
                w = tf.get_variable("w", [WIDTH, WIDTH])
                b = tf.get_variable("b", [WIDTH], initializer=tf.zeros_initializer())
                timer.spent += timer() - start
                h = tf.tanh(tf.matmul(h, w) + b)
    return h


class _Timer:
    def __init__(self):
        import time
        self._clock = time.perf_counter
        self.spent = 0.0

    def __call__(self):
        return self._clock()


def _build(tf, layers):
    graph = tf.Graph()
    first, reuse = _Timer(), _Timer()
    with graph.as_default():
        x = tf.placeholder(tf.float32, [None, WIDTH], name="x")
        a = _tower(tf, x, layers, None, first)
        b = _tower(tf, x, layers, True, reuse)
        loss = tf.reduce_mean(tf.square(a - b)) + tf.reduce_mean(a)
        tf.gradients(loss, tf.trainable_variables())
    return graph, reuse.spent


def measure(tf, impl, quick):
    layers = 20 if quick else 200
    _build(tf, 10)  # warm-up
    best = None
    for _ in range(1 if quick else 3):
        box = {}
        seconds = once(lambda box=box: box.update(zip(("graph", "reuse"), _build(tf, layers))))
        ops = len(box["graph"].get_operations())
        run = {"build_ms": seconds * 1e3, "us_per_op": seconds * 1e6 / ops,
               "us_per_reused_get_variable": box["reuse"] * 1e6 / (2 * layers)}
        best = run if best is None or run["build_ms"] < best["build_ms"] else best
    return best

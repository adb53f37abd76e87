"""``rnn_unrolled``: a tanh RNN cell unrolled 100 steps with ``AUTO_REUSE``.

Hidden size 128, batch 32, inputs of 64 features. Each step re-enters the cell's variable
scope with ``reuse=tf.AUTO_REUSE`` and gets the same two variables. ``build_ms`` covers the
forward graph and its ``tf.gradients`` (the best of three builds after a warm-up, as in the
``build`` benchmark); ``forward_ms`` runs the loss, ``forward_backward_ms`` the gradients of
every variable.
"""

import numpy as np

from cases.timing import once, per_call

NAME = "rnn_unrolled"
IMPLS = ("scopeflow", "tensorflow")
METRICS = {"build_ms": "ms", "forward_ms": "ms", "forward_backward_ms": "ms"}
TARGETS = {"build_ms": 10, "forward_ms": 1.0, "forward_backward_ms": 1.0}
HIDDEN, BATCH, FEATURES = 128, 32, 64


def build(tf, steps):
    inputs = tf.placeholder(tf.float32, [steps, None, FEATURES], name="inputs")
    h = tf.zeros([BATCH, HIDDEN])
    for t in range(steps):
        with tf.variable_scope("rnn_cell", reuse=tf.AUTO_REUSE):
            w = tf.get_variable("kernel", [FEATURES + HIDDEN, HIDDEN])
            b = tf.get_variable("bias", [HIDDEN], initializer=tf.zeros_initializer())
        h = tf.tanh(tf.matmul(tf.concat([inputs[t], h], axis=1), w) + b)
    loss = tf.reduce_mean(tf.square(h))
    return inputs, loss, tf.gradients(loss, tf.trainable_variables())


def measure(tf, impl, quick):
    steps, calls, repeat = (10, 2, 2) if quick else (100, 5, 5)
    with tf.Graph().as_default():
        build(tf, 5)  # warm-up, as in the ``build`` benchmark: first-call costs are not what we measure
    builds = []
    for _ in range(1 if quick else 3):  # the best of three builds, each in a fresh graph
        graph = tf.Graph()
        box = {}
        with graph.as_default():
            builds.append(once(lambda box=box: box.update(zip(("inputs", "loss", "grads"), build(tf, steps)))))
            init = tf.global_variables_initializer()
    build_s = min(builds)
    feed = {box["inputs"]: np.random.default_rng(0).random((steps, BATCH, FEATURES), dtype=np.float32)}
    with tf.Session(graph=graph) as sess:
        sess.run(init)
        return {"build_ms": build_s * 1e3,
                "forward_ms": per_call(lambda: sess.run(box["loss"], feed), calls, repeat) * 1e3,
                "forward_backward_ms": per_call(lambda: sess.run(box["grads"], feed), calls, repeat) * 1e3}

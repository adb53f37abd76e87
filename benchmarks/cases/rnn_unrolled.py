"""``rnn_unrolled``: a tanh RNN cell unrolled 100 steps with ``AUTO_REUSE``.

Hidden size 128, batch 32, inputs of 64 features. Each step re-enters the cell's variable scope
with ``reuse=tf.AUTO_REUSE`` and gets the same two variables. ``build_ms`` covers the forward
graph and its ``tf.gradients`` (the best of three builds after a warm-up, as in the ``build``
benchmark); ``forward_ms`` runs the loss, ``forward_backward_ms`` the gradients of every
variable (``first_forward_backward_ms``: its first run, which builds the plan, optimizes TF's
graph, or traces and compiles it with XLA). With ``--jax``: the same code on the JAX target
(where XLA fuses the cell's elementwise passes), and the model as hand-written ``jax.jit``
functions (no ``build_ms``).
"""

import numpy as np

from cases import jax_steps
from cases.timing import function_rows, rnn_rows

NAME = "rnn_unrolled"
IMPLS = ("scopeflow", "tensorflow", "scopeflow-jax", "jax")
METRICS = {"build_ms": "ms", "forward_ms": "ms", "forward_backward_ms": "ms", "first_forward_backward_ms": "ms"}
TARGETS = {"build_ms": 10, "forward_ms": 1.0, "forward_backward_ms": 1.0}
JAX_TARGETS = {"forward_ms": 1.0, "jax:forward_ms": round(1 / 1.1, 2), "jax:forward_backward_ms": round(1 / 1.1, 2)}
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
    steps, calls, repeat = (10, 2, 2) if quick else (100, 20, 5)  # steps of a few ms: 100 calls a median
    if impl == "jax":
        inputs = np.random.default_rng(0).random((steps, BATCH, FEATURES), dtype=np.float32)
        forward, backward = jax_steps.rnn_steps(steps, FEATURES, HIDDEN)
        return function_rows(forward, backward, inputs, calls, repeat)
    return rnn_rows(tf, build, steps, (steps, BATCH, FEATURES), calls, repeat, quick)

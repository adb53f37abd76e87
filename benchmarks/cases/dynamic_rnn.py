"""``dynamic_rnn``: an LSTM run by ``tf.nn.dynamic_rnn`` over 100 steps.

Batch 32, 128 units, inputs of 64 features (``BasicLSTMCell``). ``build_ms`` covers the
forward graph and its ``tf.gradients`` (the best of three builds after a warm-up);
``forward_ms`` runs the loss, ``forward_backward_ms`` the gradients of every variable (the
gradient loop pops what the forward loop pushed; ``first_forward_backward_ms``: its first run).
With ``--jax``: the same code on the JAX target (the loops as ``lax.while_loop``s carrying the
TensorArrays and the gradient's stacks), and the model as a hand-written ``lax.scan``.
"""

import numpy as np

from cases import jax_steps
from cases.timing import function_rows, rnn_rows

NAME = "dynamic_rnn"
IMPLS = ("scopeflow", "tensorflow", "scopeflow-jax", "jax")
METRICS = {"build_ms": "ms", "forward_ms": "ms", "forward_backward_ms": "ms", "first_forward_backward_ms": "ms"}
TARGETS = {"build_ms": 10, "forward_ms": 1.0, "forward_backward_ms": 1.0}
JAX_TARGETS = {"jax:forward_ms": round(1 / 1.1, 2), "jax:forward_backward_ms": round(1 / 1.1, 2)}
UNITS, BATCH, FEATURES = 128, 32, 64


def build(tf, steps):
    inputs = tf.placeholder(tf.float32, [BATCH, steps, FEATURES], name="inputs")
    cell = tf.nn.rnn_cell.BasicLSTMCell(UNITS)
    outputs, _ = tf.nn.dynamic_rnn(cell, inputs, dtype=tf.float32)
    loss = tf.reduce_mean(tf.square(outputs))
    return inputs, loss, tf.gradients(loss, tf.trainable_variables())


def measure(tf, impl, quick):
    steps, calls, repeat = (10, 2, 2) if quick else (100, 10, 5)
    if impl == "jax":
        inputs = np.random.default_rng(0).random((BATCH, steps, FEATURES), dtype=np.float32)
        return function_rows(*jax_steps.lstm_steps(FEATURES, UNITS), inputs, calls, repeat)
    return rnn_rows(tf, build, steps, (BATCH, steps, FEATURES), calls, repeat, quick)

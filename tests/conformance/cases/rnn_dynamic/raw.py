"""``tf.nn.raw_rnn``: the caller's ``loop_fn`` drives the loop (a decoder that feeds its own
outputs back, rows finishing at different steps)."""

import numpy as np

from tests.conformance.cases.rnn_dynamic._helpers import data, detail, names, run_fixed, shapes
from tests.conformance.harness import case, raises


def _decoder(tf, cell_cls=None, lengths=(2, 3), emit=None, loop_state=False):
    """A batch of 2 starting from ``x``, each step's input its previous output, row ``b``
    finishing after ``lengths[b]`` steps."""
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    cell = (cell_cls or tf.nn.rnn_cell.BasicRNNCell)(3)
    limit = tf.constant(list(lengths), name="lengths")

    def loop_fn(time, cell_output, cell_state, state):
        finished = time >= limit
        if cell_output is None:
            return finished, x, cell.zero_state(2, tf.float32), emit, (tf.constant(0.0) if loop_state else None)
        next_state = state + tf.reduce_sum(cell_output) if loop_state else None
        return finished, cell_output, cell_state, cell_output, next_state

    emit_ta, final_state, final_loop = tf.nn.raw_rnn(cell, loop_fn)
    return x, emit_ta, final_state, final_loop


@case
def raw_rnn_names_and_shapes(tf):
    x, emit_ta, state, loop = _decoder(tf)
    out = emit_ta.stack()
    return [names([out, state]), shapes([out, state]), loop, [v.name for v in tf.global_variables()],
            [d[:2] for d in detail(tf, "rnn/while/") if "Enter" in d[1] or "Exit" in d[1]]]


@case
def raw_rnn_values_stop_per_row(tf):
    x, emit_ta, state, _ = _decoder(tf)
    out, final = run_fixed(tf, [emit_ta.stack(), state], {x: data(2, 3)})
    return [np.round(out, 5).tolist(), np.round(final, 5).tolist()]


@case
def raw_rnn_lstm_with_loop_state(tf):
    x, emit_ta, state, loop = _decoder(tf, tf.nn.rnn_cell.BasicLSTMCell, lengths=(1, 3), loop_state=True)
    out, final_h, total = run_fixed(tf, [emit_ta.stack(), state.h, loop], {x: data(2, 3, seed=1)})
    return [loop.name, np.round(out, 5).tolist(), np.round(final_h, 5).tolist(), round(float(total), 4)]


@case
def raw_rnn_gradients(tf):
    x, emit_ta, state, _ = _decoder(tf)
    loss = tf.reduce_sum(emit_ta.stack()) + tf.reduce_sum(state)
    grads = tf.gradients(loss, [x] + tf.trainable_variables())
    values = run_fixed(tf, grads, {x: data(2, 3, seed=2)})
    return [names(grads), [np.round(v, 4).tolist() for v in values]]


@case
def raw_rnn_loop_fn_not_callable(tf):
    return raises(tf.nn.raw_rnn, tf.nn.rnn_cell.BasicRNNCell(2), 3)

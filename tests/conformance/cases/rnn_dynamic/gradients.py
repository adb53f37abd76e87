"""tf.gradients through dynamic_rnn and bidirectional_dynamic_rnn: the gradients' names and
values w.r.t. the inputs, the cells' kernels and biases and the initial state, with and without
sequence_length."""

import numpy as np

from tests.conformance.cases.rnn_dynamic._helpers import data, fixed_assigns, names, seq, shapes
from tests.conformance.harness import case


def _flat(state):
    if isinstance(state, (list, tuple)):
        return [t for s in state for t in _flat(s)]
    return [state]


def _grads(tf, x, out, state, feed_dict, extra=()):
    """Names, static shapes and values of d(loss)/d(inputs, weights, extra)."""
    loss = tf.reduce_sum(tf.square(out)) + 0.5 * tf.reduce_sum(_flat(state)[-1])
    xs = [x] + tf.trainable_variables() + list(extra)
    grads = tf.gradients(loss, xs)
    assigns = fixed_assigns(tf)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assigns)
        values = sess.run([loss] + grads, feed_dict)
    return {"wrt": names(xs), "names": names(grads), "shapes": shapes(grads), "values": values}


def _model(tf, cell, batch=2, time=3, depth=3, seed=60, time_major=False, **kwargs):
    kwargs.setdefault("dtype", tf.float32)
    x = seq(tf, batch, time, depth, time_major=time_major)
    out, state = tf.nn.dynamic_rnn(cell, x, time_major=time_major, **kwargs)
    shape = (time, batch, depth) if time_major else (batch, time, depth)
    return _grads(tf, x, out, state, {x: data(*shape, seed=seed)})


@case
def grads_basic_rnn(tf):
    return _model(tf, tf.nn.rnn_cell.BasicRNNCell(4))


@case
def grads_basic_rnn_sequence_length(tf):
    return _model(tf, tf.nn.rnn_cell.BasicRNNCell(3), batch=3, seed=61, sequence_length=[3, 1, 2])


@case
def grads_basic_lstm(tf):
    return _model(tf, tf.nn.rnn_cell.BasicLSTMCell(3), seed=62)


@case
def grads_lstm_peepholes_projection_sequence_length(tf):
    cell = tf.nn.rnn_cell.LSTMCell(3, use_peepholes=True, num_proj=2, cell_clip=0.4)
    return _model(tf, cell, time=4, seed=63, sequence_length=[2, 4])


@case
def grads_gru(tf):
    return _model(tf, tf.nn.rnn_cell.GRUCell(3), seed=64)


@case
def grads_gru_sequence_length_zero(tf):
    return _model(tf, tf.nn.rnn_cell.GRUCell(2), seed=65, sequence_length=[0, 3])


@case
def grads_multi_cell_wrappers(tf):
    rnn = tf.nn.rnn_cell
    cell = rnn.MultiRNNCell([rnn.DropoutWrapper(rnn.BasicLSTMCell(3)), rnn.ResidualWrapper(rnn.GRUCell(3))])
    return _model(tf, cell, seed=66)


@case
def grads_time_major(tf):
    return _model(tf, tf.nn.rnn_cell.BasicLSTMCell(2), seed=67, time_major=True, sequence_length=[3, 2])


@case
def grads_initial_state(tf):
    x = seq(tf)
    init = tf.placeholder(tf.float32, [2, 3], name="init")
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(3), x, initial_state=init, sequence_length=[1, 3])
    return _grads(tf, x, out, state, {x: data(2, 3, 3, seed=68), init: data(2, 3, seed=69)}, extra=[init])


@case
def grads_final_state_only(tf):
    x = seq(tf)
    _, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(2), x, dtype=tf.float32)
    grads = tf.gradients(tf.reduce_sum(state.h * state.c), [x] + tf.trainable_variables())
    assigns = fixed_assigns(tf)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assigns)
        return [names(grads), sess.run(grads, {x: data(2, 3, 3, seed=70)})]


@case
def grads_unknown_batch_and_time(tf):
    x = seq(tf, batch=None, time=None)
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(2), x, dtype=tf.float32)
    return _grads(tf, x, out, state, {x: data(3, 4, 3, seed=71)})


@case
def grads_match_static_rnn(tf):
    """dynamic_rnn and static_rnn over the same weights give the same gradients."""
    x = seq(tf, time=4)
    cell = tf.nn.rnn_cell.GRUCell(3)
    out, _ = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, sequence_length=[4, 2])
    outs, _ = tf.nn.static_rnn(cell, tf.unstack(x, axis=1), dtype=tf.float32, sequence_length=[4, 2])
    weights = tf.trainable_variables()
    gd = tf.gradients(tf.reduce_sum(tf.square(out)), [x] + weights)
    gs = tf.gradients(tf.add_n([tf.reduce_sum(tf.square(o)) for o in outs]), [x] + weights)
    assigns = fixed_assigns(tf)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assigns)
        a, b = sess.run([gd, gs], {x: data(2, 4, 3, seed=72)})
    return [[v.name for v in weights], [bool(np.allclose(p, q, atol=1e-5)) for p, q in zip(a, b)], a]


@case
def grads_swap_memory(tf):
    x = seq(tf)
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(3), x, dtype=tf.float32, swap_memory=True,
                                   parallel_iterations=2)
    return _grads(tf, x, out, state, {x: data(2, 3, 3, seed=73)})


@case
def grads_bidirectional(tf):
    x = seq(tf)
    outs, states = tf.nn.bidirectional_dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(2), tf.nn.rnn_cell.GRUCell(2), x,
                                                   dtype=tf.float32)
    return _grads(tf, x, tf.concat(outs, 2), states, {x: data(2, 3, 3, seed=74)})


@case
def grads_bidirectional_sequence_length(tf):
    x = seq(tf, batch=3, time=4)
    outs, states = tf.nn.bidirectional_dynamic_rnn(tf.nn.rnn_cell.GRUCell(2), tf.nn.rnn_cell.BasicRNNCell(2), x,
                                                   dtype=tf.float32, sequence_length=[4, 1, 3])
    return _grads(tf, x, tf.concat(outs, 2), states, {x: data(3, 4, 3, seed=75)})

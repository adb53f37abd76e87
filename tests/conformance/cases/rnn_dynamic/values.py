"""dynamic_rnn's outputs and final states: each cell with fixed weights, time-major inputs,
sequence_length (zero outputs and copied-through states past each length), initial states,
unknown dimensions fed at run time, swap_memory and parallel_iterations."""

import numpy as np

from tests.conformance.cases.rnn_dynamic._helpers import data, fixed_assigns, names, run_fixed, run_init, seq
from tests.conformance.harness import case


def _values(tf, cell, batch=2, time=3, depth=3, seed=10, **kwargs):
    kwargs.setdefault("dtype", tf.float32)
    x = seq(tf, batch, time, depth)
    out, state = tf.nn.dynamic_rnn(cell, x, **kwargs)
    return run_fixed(tf, [out, state], {x: data(batch, time, depth, seed=seed)})


# -- each cell ----------------------------------------------------------------------------------
@case
def values_basic_rnn(tf):
    return _values(tf, tf.nn.rnn_cell.BasicRNNCell(4))


@case
def values_basic_lstm(tf):
    return _values(tf, tf.nn.rnn_cell.BasicLSTMCell(3), time=4)


@case
def values_basic_lstm_not_tuple(tf):
    return _values(tf, tf.nn.rnn_cell.BasicLSTMCell(2, state_is_tuple=False))


@case
def values_lstm_peepholes_projection(tf):
    cell = tf.nn.rnn_cell.LSTMCell(4, use_peepholes=True, num_proj=2, cell_clip=0.5, forget_bias=0.5)
    return _values(tf, cell, time=4)


@case
def values_gru(tf):
    return _values(tf, tf.nn.rnn_cell.GRUCell(3), batch=3, depth=2)


@case
def values_multi_cell(tf):
    rnn = tf.nn.rnn_cell
    return _values(tf, rnn.MultiRNNCell([rnn.BasicLSTMCell(3), rnn.GRUCell(2)]))


@case
def values_dropout_keep_one(tf):
    rnn = tf.nn.rnn_cell
    cell = rnn.DropoutWrapper(rnn.LSTMCell(3), input_keep_prob=1.0, output_keep_prob=1.0, state_keep_prob=1.0)
    return _values(tf, cell)


@case
def values_residual(tf):
    rnn = tf.nn.rnn_cell
    return _values(tf, rnn.MultiRNNCell([rnn.GRUCell(3), rnn.ResidualWrapper(rnn.BasicRNNCell(3))]))


@case
def values_constant_initializer(tf):
    """No assignment: the weights are what the initializer gives."""
    x = seq(tf)
    cell = tf.nn.rnn_cell.LSTMCell(3, initializer=tf.constant_initializer(0.1), use_peepholes=True)
    out, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    return run_init(tf, [out, state], {x: data(2, 3, 3, seed=11)})


@case
def values_float64(tf):
    x = seq(tf, dtype=tf.float64)
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(3), x, dtype=tf.float64)
    return run_fixed(tf, [out, state], {x: data(2, 3, 3, seed=12, dtype=np.float64)})


# -- time-major -------------------------------------------------------------------------------
@case
def values_time_major(tf):
    """Time-major outputs are the batch-major ones transposed."""
    inputs = data(2, 4, 3, seed=13)
    x = seq(tf, time=4)
    xt = seq(tf, time=4, time_major=True, name="xt")
    cell = tf.nn.rnn_cell.BasicLSTMCell(3)
    out, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    out_t, state_t = tf.nn.dynamic_rnn(cell, xt, dtype=tf.float32, time_major=True)
    got = run_fixed(tf, [out, state, out_t, state_t], {x: inputs, xt: inputs.transpose(1, 0, 2)})
    same = bool(np.allclose(got[0].transpose(1, 0, 2), got[2], atol=1e-6))
    return [names([out_t, state_t]), same, got[2], got[3]]


@case
def values_time_major_sequence_length(tf):
    xt = seq(tf, batch=3, time=4, time_major=True)
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(2), xt, dtype=tf.float32, time_major=True,
                                   sequence_length=[4, 1, 2])
    return run_fixed(tf, [out, state], {xt: data(4, 3, 3, seed=14)})


# -- sequence_length ----------------------------------------------------------------------------
@case
def values_sequence_length(tf):
    """Past each length the outputs are zero and the state is the last one computed."""
    x = seq(tf, batch=3, time=4)
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(3), x, dtype=tf.float32, sequence_length=[2, 4, 1])
    o, s = run_fixed(tf, [out, state], {x: data(3, 4, 3, seed=15)})
    checks = [bool(np.all(o[0, 2:] == 0)), bool(np.all(o[2, 1:] == 0)), bool(np.allclose(s[0], o[0, 1])),
              bool(np.allclose(s[2], o[2, 0])), bool(np.allclose(s[1], o[1, 3]))]
    return [checks, o, s]


@case
def values_sequence_length_lstm_zero_length(tf):
    """A length of 0 keeps the zero initial state and gives zero outputs."""
    return _values(tf, tf.nn.rnn_cell.BasicLSTMCell(2), batch=3, time=4, seed=16, sequence_length=[3, 0, 4])


@case
def values_sequence_length_multi_cell(tf):
    rnn = tf.nn.rnn_cell
    cell = rnn.MultiRNNCell([rnn.LSTMCell(3, num_proj=2), rnn.GRUCell(2)])
    return _values(tf, cell, time=4, seed=17, sequence_length=tf.constant([3, 1], tf.int64))


@case
def values_sequence_length_placeholder(tf):
    """One graph run with several lengths, including all zero and longer than the inputs."""
    x = seq(tf)
    lengths = tf.placeholder(tf.int32, [2], name="lengths")
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(2), x, dtype=tf.float32, sequence_length=lengths)
    assigns = fixed_assigns(tf)
    got = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assigns)
        for value in ([3, 3], [1, 2], [0, 0], [5, 2]):
            got.append(sess.run([out, state], {x: data(2, 3, 3, seed=18), lengths: value}))
    return got


@case
def values_sequence_length_with_initial_state(tf):
    """Past its length (here 0) a row keeps the given initial state."""
    x = seq(tf)
    init = tf.nn.rnn_cell.LSTMStateTuple(tf.constant(data(2, 2, seed=19)), tf.constant(data(2, 2, seed=20)))
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(2), x, initial_state=init, sequence_length=[0, 2])
    return run_fixed(tf, [out, state], {x: data(2, 3, 3, seed=21)})


# -- initial states -------------------------------------------------------------------------------
@case
def values_initial_state(tf):
    x = seq(tf)
    init = tf.constant(data(2, 3, seed=22), name="init")
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(3), x, initial_state=init)
    return [names([out, state]), run_fixed(tf, [out, state], {x: data(2, 3, 3, seed=23)})]


@case
def values_initial_state_multi_tuple(tf):
    rnn = tf.nn.rnn_cell
    x = seq(tf)
    init = (rnn.LSTMStateTuple(tf.constant(data(2, 2, seed=24)), tf.constant(data(2, 2, seed=25))),
            tf.constant(data(2, 3, seed=26)))
    out, state = tf.nn.dynamic_rnn(rnn.MultiRNNCell([rnn.BasicLSTMCell(2), rnn.BasicRNNCell(3)]), x,
                                   initial_state=init, dtype=tf.float32)
    return [names([out, state]), run_fixed(tf, [out, state], {x: data(2, 3, 3, seed=27)})]


@case
def values_initial_state_placeholder_fed(tf):
    x = seq(tf, batch=None)
    init = tf.placeholder(tf.float32, [None, 2], name="init")
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(2), x, initial_state=init)
    return run_fixed(tf, [out, state], {x: data(3, 3, 3, seed=28), init: data(3, 2, seed=29)})


# -- dimensions known at run time only ----------------------------------------------------------
@case
def values_unknown_batch_and_time(tf):
    x = seq(tf, batch=None, time=None)
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(2), x, dtype=tf.float32)
    assigns = fixed_assigns(tf)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assigns)
        return [sess.run([out, state], {x: data(3, 4, 3, seed=30)}),
                sess.run([out, state], {x: data(1, 2, 3, seed=31)})]


@case
def values_zero_time_steps(tf):
    x = seq(tf, time=None)
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(2), x, dtype=tf.float32)
    return run_fixed(tf, [out, state], {x: np.zeros((2, 0, 3), np.float32)})


@case
def values_swap_memory_parallel_iterations(tf):
    """swap_memory and parallel_iterations change nothing in the values."""
    inputs = data(2, 3, 3, seed=32)
    x = seq(tf)
    cell = tf.nn.rnn_cell.GRUCell(3)
    a, sa = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    b, sb = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32, swap_memory=True, parallel_iterations=1)
    got = run_fixed(tf, [a, sa, b, sb], {x: inputs})
    return [names([b, sb]), bool(np.allclose(got[0], got[2])), bool(np.allclose(got[1], got[3])), got[2], got[3]]

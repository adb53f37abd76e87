"""zero_state: op names, shapes and values for each state structure and batch-size kind."""

import numpy as np

from tests.conformance.cases.rnn_cells._helpers import graph_ops, names, shapes
from tests.conformance.harness import case, raises


def _zero_state(tf, cell, batch=2, dtype=None):
    state = cell.zero_state(batch, dtype or tf.float32)
    with tf.Session() as sess:
        values = sess.run(state)
    return {"names": names(state), "shapes": shapes(state), "values": values, "ops": graph_ops(tf)}


@case
def zero_state_basic_rnn(tf):
    return _zero_state(tf, tf.nn.rnn_cell.BasicRNNCell(3))


@case
def zero_state_lstm_tuple(tf):
    return _zero_state(tf, tf.nn.rnn_cell.LSTMCell(3, num_proj=2))


@case
def zero_state_lstm_concatenated(tf):
    return _zero_state(tf, tf.nn.rnn_cell.BasicLSTMCell(3, state_is_tuple=False), batch=1)


@case
def zero_state_multi_tuple(tf):
    cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(2), tf.nn.rnn_cell.GRUCell(3)])
    return _zero_state(tf, cell)


@case
def zero_state_multi_concatenated(tf):
    cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicRNNCell(2), tf.nn.rnn_cell.GRUCell(3)],
                                       state_is_tuple=False)
    return _zero_state(tf, cell)


@case
def zero_state_wrappers(tf):
    rnn = tf.nn.rnn_cell
    out = []
    for cell in (rnn.DropoutWrapper(rnn.BasicLSTMCell(2)), rnn.ResidualWrapper(rnn.GRUCell(2)),
                 rnn.DeviceWrapper(rnn.BasicRNNCell(2), "/cpu:0")):
        state = cell.zero_state(1, tf.float32)
        out.append([names(state), [t.device for t in (state if isinstance(state, tuple) else [state])]])
    return [out, graph_ops(tf)]


@case
def zero_state_twice_unique_scopes(tf):
    cell = tf.nn.rnn_cell.GRUCell(2)
    a = cell.zero_state(1, tf.float32)
    b = cell.zero_state(4, tf.float32)
    with tf.name_scope("outer"):
        c = cell.zero_state(1, tf.float64)
    return [names([a, b, c]), shapes([a, b, c]), c.dtype.name]


@case
def zero_state_tensor_batch(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    cell = tf.nn.rnn_cell.BasicLSTMCell(2)
    state = cell.zero_state(tf.shape(x)[0], tf.float32)
    with tf.Session() as sess:
        values = sess.run(state, {x: np.zeros((3, 3), np.float32)})
    return {"names": names(state), "shapes": shapes(state), "values": values, "ops": graph_ops(tf)}


@case
def zero_state_constant_tensor_batch(tf):
    state = tf.nn.rnn_cell.BasicRNNCell(2).zero_state(tf.constant(3), tf.float32)
    return [names(state), shapes(state), graph_ops(tf)]


@case
def zero_state_vector_batch_error(tf):
    cell = tf.nn.rnn_cell.BasicRNNCell(2)
    return raises(lambda: cell.zero_state(tf.constant([[2]]), tf.float32))


@case
def zero_state_tensor_shape_state_size(tf):
    cell = tf.nn.rnn_cell.BasicRNNCell(2)
    state = cell.zero_state(tf.TensorShape([5]), tf.float32)
    return [names(state), shapes(state)]

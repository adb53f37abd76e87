"""MultiRNNCell: variables under cell_<i>, nesting, concatenated states, weights, values."""

from tests.conformance.cases.rnn_cells._helpers import arr, names, op_inputs, run_fixed, shapes, variables
from tests.conformance.harness import case


def _call(tf, cell, batch=2, depth=3):
    x = tf.placeholder(tf.float32, [batch, depth], name="x")
    out, state = cell(x, cell.zero_state(batch, tf.float32))
    return x, out, state


@case
def multi_lstm_one_call(tf):
    cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(4), tf.nn.rnn_cell.BasicLSTMCell(2)])
    _, out, state = _call(tf, cell)
    return {"variables": variables(tf), "ops": op_inputs(tf, "multi_rnn_cell"), "out": out.name,
            "state": names(state), "shapes": shapes(state), "cell": [cell.name, cell.scope_name]}


@case
def multi_lstm_values(tf):
    cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(4), tf.nn.rnn_cell.LSTMCell(2, num_proj=3)])
    x, out, state = _call(tf, cell)
    return run_fixed(tf, [out, state], {x: arr(2, 3, seed=11)})


@case
def multi_mixed_values(tf):
    rnn = tf.nn.rnn_cell
    cell = rnn.MultiRNNCell([rnn.GRUCell(3), rnn.BasicRNNCell(2), rnn.LSTMCell(2, use_peepholes=True)])
    x, out, state = _call(tf, cell)
    return [names(state), run_fixed(tf, [out, state], {x: arr(2, 3, seed=12)})]


@case
def multi_concatenated_state(tf):
    rnn = tf.nn.rnn_cell
    cell = rnn.MultiRNNCell([rnn.BasicRNNCell(3), rnn.GRUCell(2)], state_is_tuple=False)
    x, out, state = _call(tf, cell)
    return {"ops": op_inputs(tf, "multi_rnn_cell"), "state": state.name, "shape": shapes(state),
            "values": run_fixed(tf, [out, state], {x: arr(2, 3, seed=13)})}


@case
def multi_concatenated_lstm_state(tf):
    rnn = tf.nn.rnn_cell
    cell = rnn.MultiRNNCell([rnn.BasicLSTMCell(2, state_is_tuple=False), rnn.LSTMCell(2, state_is_tuple=False)],
                            state_is_tuple=False)
    x, out, state = _call(tf, cell)
    return [cell.state_size, state.name, run_fixed(tf, [out, state], {x: arr(2, 3, seed=14)})]


@case
def multi_nested(tf):
    rnn = tf.nn.rnn_cell
    inner = rnn.MultiRNNCell([rnn.BasicRNNCell(2), rnn.BasicRNNCell(2)])
    cell = rnn.MultiRNNCell([inner, rnn.GRUCell(2)])
    x, out, state = _call(tf, cell)
    return [cell.state_size, variables(tf), names([out, state]), [v.name for v in cell.weights],
            run_fixed(tf, out, {x: arr(2, 3, seed=15)})]


@case
def multi_same_cell_twice_shares(tf):
    rnn = tf.nn.rnn_cell
    layer = rnn.BasicRNNCell(3)
    cell = rnn.MultiRNNCell([layer, layer])
    x, out, state = _call(tf, cell)
    return [variables(tf), names([out, state]), run_fixed(tf, out, {x: arr(2, 3, seed=16)})]


@case
def multi_weights_properties(tf):
    rnn = tf.nn.rnn_cell
    cell = rnn.MultiRNNCell([rnn.BasicLSTMCell(2), rnn.DropoutWrapper(rnn.GRUCell(2)), rnn.BasicRNNCell(2)])
    _call(tf, cell)
    return {"weights": [v.name for v in cell.weights], "trainable": [v.name for v in cell.trainable_weights],
            "trainable_variables": [v.name for v in cell.trainable_variables],
            "non_trainable": [v.name for v in cell.non_trainable_weights],
            "own": [v.name for v in cell._trainable_weights], "variables": variables(tf)}


@case
def multi_called_twice(tf):
    rnn = tf.nn.rnn_cell
    cell = rnn.MultiRNNCell([rnn.BasicRNNCell(2), rnn.BasicRNNCell(2)])
    x, out, state = _call(tf, cell)
    out2, state2 = cell(x, state)
    return [names([out, state, out2, state2]), variables(tf), op_inputs(tf, "multi_rnn_cell")]

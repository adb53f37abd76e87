"""The cells' and static_rnn's errors: shapes, dtypes, reuse, arguments."""

from tests.conformance.cases.rnn_cells._helpers import xs
from tests.conformance.harness import case, raises


def _call(tf, cell, shape=(2, 3), dtype=None, batch=2):
    x = tf.placeholder(dtype or tf.float32, shape, name="x")
    return cell(x, cell.zero_state(batch, tf.float32))


@case
def error_unknown_last_dimension(tf):
    return [raises(lambda: _call(tf, tf.nn.rnn_cell.BasicLSTMCell(2), (2, None))),
            raises(lambda: _call(tf, tf.nn.rnn_cell.GRUCell(2), (None, None))),
            raises(lambda: _call(tf, tf.nn.rnn_cell.LSTMCell(2), (2, None))),
            raises(lambda: _call(tf, tf.nn.rnn_cell.BasicRNNCell(2), (2, None)))]


@case
def error_unknown_rank_input(tf):
    return raises(lambda: _call(tf, tf.nn.rnn_cell.BasicRNNCell(2), None))


@case
def error_rank3_input(tf):
    return raises(lambda: _call(tf, tf.nn.rnn_cell.BasicRNNCell(2), (2, 3, 4)))


@case
def error_int_inputs(tf):
    return [raises(lambda: _call(tf, tf.nn.rnn_cell.BasicRNNCell(2), dtype=tf.int32)),
            raises(lambda: tf.nn.rnn_cell.GRUCell(2, dtype=tf.int32)),
            raises(lambda: tf.nn.rnn_cell.LSTMCell(2, dtype="int64"))]


@case
def error_int_state(tf):
    cell = tf.nn.rnn_cell.BasicRNNCell(2)
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    return raises(lambda: cell(x, tf.zeros([2, 2], dtype=tf.int32)))


@case
def error_num_units_not_int(tf):
    return [raises(lambda: _call(tf, tf.nn.rnn_cell.BasicRNNCell("4"))),
            raises(lambda: _call(tf, tf.nn.rnn_cell.BasicLSTMCell(None)))]


@case
def error_batch_mismatch(tf):
    return raises(lambda: _call(tf, tf.nn.rnn_cell.BasicRNNCell(2), (2, 3), batch=4))


@case
def error_second_cell_same_scope(tf):
    x = tf.placeholder(tf.float32, [1, 3], name="x")
    with tf.variable_scope("rnn"):
        a = tf.nn.rnn_cell.BasicLSTMCell(2)
        a(x, a.zero_state(1, tf.float32))
    with tf.variable_scope("rnn"):
        b = tf.nn.rnn_cell.BasicLSTMCell(2)
        return raises(lambda: b(x, b.zero_state(1, tf.float32)))


@case
def error_static_rnn_twice_same_scope(tf):
    inputs = xs(tf, 2)
    tf.nn.static_rnn(tf.nn.rnn_cell.GRUCell(2), inputs, dtype=tf.float32)
    return raises(lambda: tf.nn.static_rnn(tf.nn.rnn_cell.GRUCell(2), inputs, dtype=tf.float32))


@case
def error_reuse_without_variables(tf):
    inputs = xs(tf, 2)
    with tf.variable_scope("absent", reuse=True):
        return raises(lambda: tf.nn.static_rnn(tf.nn.rnn_cell.BasicRNNCell(2), inputs, dtype=tf.float32))


@case
def error_reuse_different_shape(tf):
    inputs = xs(tf, 2)
    with tf.variable_scope("net"):
        tf.nn.static_rnn(tf.nn.rnn_cell.BasicRNNCell(2), inputs, dtype=tf.float32)
    with tf.variable_scope("net", reuse=True):
        return raises(lambda: tf.nn.static_rnn(tf.nn.rnn_cell.BasicRNNCell(3), inputs, dtype=tf.float32))


@case
def error_static_rnn_arguments(tf):
    inputs = xs(tf, 2)
    cell = tf.nn.rnn_cell.BasicRNNCell(2)
    return [raises(lambda: tf.nn.static_rnn(cell, inputs[0], dtype=tf.float32)),
            raises(lambda: tf.nn.static_rnn(cell, [], dtype=tf.float32)),
            raises(lambda: tf.nn.static_rnn(cell, inputs)),
            raises(lambda: tf.nn.static_rnn(object(), inputs, dtype=tf.float32)),
            raises(lambda: tf.nn.static_rnn(lambda x, s: (x, s), inputs, dtype=tf.float32))]


@case
def error_static_rnn_unknown_input_depth(tf):
    inputs = [tf.placeholder(tf.float32, [2, None], name="x")]
    return raises(lambda: tf.nn.static_rnn(tf.nn.rnn_cell.BasicRNNCell(2), inputs, dtype=tf.float32))


@case
def error_static_rnn_batch_mismatch(tf):
    inputs = [tf.placeholder(tf.float32, [2, 3], name="a"), tf.placeholder(tf.float32, [3, 3], name="b")]
    return raises(lambda: tf.nn.static_rnn(tf.nn.rnn_cell.BasicRNNCell(2), inputs, dtype=tf.float32))


@case
def error_static_rnn_sequence_length_rank(tf):
    inputs = xs(tf, 2)
    return raises(lambda: tf.nn.static_rnn(tf.nn.rnn_cell.BasicRNNCell(2), inputs, dtype=tf.float32,
                                           sequence_length=[[1, 2]]))


@case
def error_static_rnn_wrong_initial_state(tf):
    inputs = xs(tf, 2)
    cell = tf.nn.rnn_cell.BasicLSTMCell(2)
    got = raises(lambda: tf.nn.static_rnn(cell, inputs, initial_state=tf.zeros([2, 2])))
    got["message"] = got["message"].splitlines()[0]  # then the inner error, worded by TF's AutoGraph
    return [got,
            raises(lambda: tf.nn.static_rnn(tf.nn.rnn_cell.BasicRNNCell(2), inputs, initial_state=tf.zeros([2, 5]),
                                            scope="other"))]


@case
def error_bidirectional_arguments(tf):
    inputs = xs(tf, 2)
    cell = tf.nn.rnn_cell.BasicRNNCell(2)
    return [raises(lambda: tf.nn.static_bidirectional_rnn(cell, "cell", inputs, dtype=tf.float32)),
            raises(lambda: tf.nn.static_bidirectional_rnn(cell, cell, inputs[0], dtype=tf.float32)),
            raises(lambda: tf.nn.static_bidirectional_rnn(cell, cell, [], dtype=tf.float32))]


@case
def error_multi_rnn_cell_arguments(tf):
    rnn = tf.nn.rnn_cell
    return [raises(lambda: rnn.MultiRNNCell([])),
            raises(lambda: rnn.MultiRNNCell(3)),
            raises(lambda: rnn.MultiRNNCell([rnn.BasicLSTMCell(2), rnn.BasicRNNCell(2)], state_is_tuple=False))]


@case
def error_multi_rnn_cell_state_not_tuple(tf):
    rnn = tf.nn.rnn_cell
    cell = rnn.MultiRNNCell([rnn.BasicRNNCell(2), rnn.BasicRNNCell(2)])
    x = tf.placeholder(tf.float32, [1, 3], name="x")
    return raises(lambda: cell(x, tf.zeros([1, 4])))


@case
def error_dropout_arguments(tf):
    rnn = tf.nn.rnn_cell
    return [raises(lambda: rnn.DropoutWrapper(rnn.BasicRNNCell(2), input_keep_prob=1.5)),
            raises(lambda: rnn.DropoutWrapper(rnn.BasicRNNCell(2), output_keep_prob=-0.1)),
            raises(lambda: rnn.DropoutWrapper(rnn.BasicRNNCell(2), variational_recurrent=True)),
            raises(lambda: rnn.DropoutWrapper(rnn.BasicRNNCell(2), input_keep_prob=0.5, variational_recurrent=True,
                                              dtype=tf.float32)),
            raises(lambda: rnn.DropoutWrapper(rnn.BasicRNNCell(2), dropout_state_filter_visitor=3)),
            raises(lambda: rnn.DropoutWrapper("cell"))]


@case
def error_residual_shape_mismatch(tf):
    cell = tf.nn.rnn_cell.ResidualWrapper(tf.nn.rnn_cell.BasicRNNCell(4))
    return raises(lambda: _call(tf, cell))


@case
def error_get_initial_state(tf):
    cell = tf.nn.rnn_cell.BasicRNNCell(2)
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    return [raises(lambda: cell.get_initial_state()),
            raises(lambda: cell.get_initial_state(inputs=x, batch_size=3)),
            raises(lambda: cell.get_initial_state(inputs=x, dtype=tf.float64))]


@case
def error_state_saving_names(tf):
    inputs = xs(tf, 2)

    class Saver:
        def state(self, name):
            return tf.zeros([2, 2])

        def save_state(self, name, value):
            return tf.no_op()

    cell = tf.nn.rnn_cell.BasicLSTMCell(2)
    return [raises(lambda: tf.nn.static_state_saving_rnn(cell, inputs, Saver(), "state")),
            raises(lambda: tf.nn.static_state_saving_rnn(cell, inputs, Saver(), ("c", "h", "x")))]


@case
def error_lstm_state_tuple_wrong_arity(tf):
    cell = tf.nn.rnn_cell.BasicLSTMCell(2)
    x = tf.placeholder(tf.float32, [1, 3], name="x")
    return raises(lambda: cell(x, (tf.zeros([1, 2]),)))

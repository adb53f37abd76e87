"""BasicRNNCell, BasicLSTMCell, LSTMCell and GRUCell called once: variables, ops, values."""

import numpy as np

from tests.conformance.cases.rnn_cells._helpers import (
    arr,
    graph_ops,
    names,
    op_inputs,
    run_fixed,
    shapes,
    variables,
)
from tests.conformance.harness import case


def _call(tf, cell, batch=2, depth=3, dtype=None):
    x = tf.placeholder(dtype or tf.float32, [batch, depth], name="x")
    out, state = cell(x, cell.zero_state(batch, dtype or tf.float32))
    return x, out, state


def _values(tf, cell, batch=2, depth=3, dtype=None):
    x, out, state = _call(tf, cell, batch, depth, dtype)
    np_dtype = np.float64 if dtype is not None and dtype == tf.float64 else np.float32
    return run_fixed(tf, [out, state], {x: arr(batch, depth, seed=1, dtype=np_dtype)})


def _describe(tf, cell):
    x, out, state = _call(tf, cell)
    return {"variables": variables(tf), "ops": op_inputs(tf), "out": names(out), "state": names(state),
            "shapes": shapes([out, state]), "cell": [cell.name, cell.scope_name],
            "weights": [v.name for v in cell.weights]}


# -- BasicRNNCell -------------------------------------------------------------------------------
@case
def basic_rnn_one_call(tf):
    return _describe(tf, tf.nn.rnn_cell.BasicRNNCell(4))


@case
def basic_rnn_values(tf):
    return _values(tf, tf.nn.rnn_cell.BasicRNNCell(4))


@case
def basic_rnn_relu_values(tf):
    return _values(tf, tf.nn.rnn_cell.BasicRNNCell(4, activation=tf.nn.relu))


@case
def basic_rnn_string_activation(tf):
    cell = tf.nn.rnn_cell.BasicRNNCell(3, activation="sigmoid")
    x, out, _ = _call(tf, cell)
    return [out.name, run_fixed(tf, out, {x: arr(2, 3, seed=2)})]


@case
def basic_rnn_initializer_ops(tf):
    _call(tf, tf.nn.rnn_cell.BasicRNNCell(4))
    return [s for s in graph_ops(tf, skip_initializers=False) if "Initializer" in s[0]]


# -- BasicLSTMCell ------------------------------------------------------------------------------
@case
def basic_lstm_one_call(tf):
    return _describe(tf, tf.nn.rnn_cell.BasicLSTMCell(4))


@case
def basic_lstm_values(tf):
    return _values(tf, tf.nn.rnn_cell.BasicLSTMCell(4))


@case
def basic_lstm_forget_bias_values(tf):
    return _values(tf, tf.nn.rnn_cell.BasicLSTMCell(3, forget_bias=0.25))


@case
def basic_lstm_not_tuple(tf):
    cell = tf.nn.rnn_cell.BasicLSTMCell(4, state_is_tuple=False)
    return [cell.state_size, cell.output_size, _describe(tf, cell)]


@case
def basic_lstm_not_tuple_values(tf):
    return _values(tf, tf.nn.rnn_cell.BasicLSTMCell(3, state_is_tuple=False))


@case
def basic_lstm_relu_activation_values(tf):
    return _values(tf, tf.nn.rnn_cell.BasicLSTMCell(3, activation=tf.nn.relu))


@case
def basic_lstm_plain_tuple_state(tf):
    cell = tf.nn.rnn_cell.BasicLSTMCell(2)
    x = tf.placeholder(tf.float32, [1, 3], name="x")
    c, h = tf.zeros([1, 2]) + 0.5, tf.ones([1, 2])
    out, state = cell(x, (c, h))
    return [type(state).__name__, names([out, state]), run_fixed(tf, [out, state], {x: arr(1, 3, seed=3)})]


# -- LSTMCell -----------------------------------------------------------------------------------
@case
def lstm_one_call(tf):
    return _describe(tf, tf.nn.rnn_cell.LSTMCell(4))


@case
def lstm_values(tf):
    return _values(tf, tf.nn.rnn_cell.LSTMCell(4))


@case
def lstm_peepholes_one_call(tf):
    return _describe(tf, tf.nn.rnn_cell.LSTMCell(3, use_peepholes=True))


@case
def lstm_peepholes_values(tf):
    return _values(tf, tf.nn.rnn_cell.LSTMCell(3, use_peepholes=True, forget_bias=0.5))


@case
def lstm_projection_one_call(tf):
    cell = tf.nn.rnn_cell.LSTMCell(4, num_proj=2)
    return [cell.state_size, cell.output_size, _describe(tf, cell)]


@case
def lstm_projection_values(tf):
    return _values(tf, tf.nn.rnn_cell.LSTMCell(4, num_proj=2))


@case
def lstm_clipping_values(tf):
    cell = tf.nn.rnn_cell.LSTMCell(4, use_peepholes=True, cell_clip=0.3, num_proj=3, proj_clip=0.1)
    return [_values(tf, cell, depth=2), [s for s in graph_ops(tf) if "clip" in s[0]]]


@case
def lstm_not_tuple_projection(tf):
    cell = tf.nn.rnn_cell.LSTMCell(3, num_proj=2, state_is_tuple=False)
    return [cell.state_size, cell.output_size, _describe(tf, cell)]


@case
def lstm_not_tuple_projection_values(tf):
    return _values(tf, tf.nn.rnn_cell.LSTMCell(3, num_proj=2, state_is_tuple=False, use_peepholes=True))


@case
def lstm_constant_initializer_values(tf):
    cell = tf.nn.rnn_cell.LSTMCell(2, initializer=tf.constant_initializer(0.3), use_peepholes=True, num_proj=2)
    x, out, state = _call(tf, cell)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [sess.run([out, state], {x: arr(2, 3, seed=4)}), [v.name for v in tf.global_variables()]]


# -- GRUCell ------------------------------------------------------------------------------------
@case
def gru_one_call(tf):
    return _describe(tf, tf.nn.rnn_cell.GRUCell(4))


@case
def gru_values(tf):
    return _values(tf, tf.nn.rnn_cell.GRUCell(4))


@case
def gru_default_bias_values(tf):
    cell = tf.nn.rnn_cell.GRUCell(3, kernel_initializer=tf.constant_initializer(0.2))
    x, out, _ = _call(tf, cell)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([out] + tf.global_variables(), {x: arr(2, 3, seed=5)})


@case
def gru_initializers_values(tf):
    cell = tf.nn.rnn_cell.GRUCell(2, kernel_initializer=tf.constant_initializer(-0.1),
                                  bias_initializer=tf.constant_initializer(0.4), activation=tf.nn.relu)
    x, out, _ = _call(tf, cell)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([out] + tf.global_variables(), {x: arr(2, 3, seed=6)})


# -- dtypes, names, repeated calls --------------------------------------------------------------
@case
def float64_cells_values(tf):
    out = []
    for make in (lambda: tf.nn.rnn_cell.BasicLSTMCell(2), lambda: tf.nn.rnn_cell.GRUCell(2),
                 lambda: tf.nn.rnn_cell.LSTMCell(2, use_peepholes=True)):
        tf.reset_default_graph()
        cell = make()
        out.append([_values(tf, cell, dtype=tf.float64), cell.dtype, [v.dtype.name for v in cell.variables]])
    return out


@case
def cell_name_and_call_scope(tf):
    a = tf.nn.rnn_cell.BasicRNNCell(2, name="my_cell")
    b = tf.nn.rnn_cell.BasicRNNCell(2)
    x = tf.placeholder(tf.float32, [1, 3], name="x")
    oa, _ = a(x, a.zero_state(1, tf.float32))
    ob, _ = b(x, b.zero_state(1, tf.float32), scope="outer")
    return [a.name, b.name, a.scope_name, b.scope_name, oa.name, ob.name, variables(tf)]


@case
def cell_called_twice_shares_weights(tf):
    cell = tf.nn.rnn_cell.BasicLSTMCell(2)
    x = tf.placeholder(tf.float32, [1, 3], name="x")
    h1, s1 = cell(x, cell.zero_state(1, tf.float32))
    h2, s2 = cell(x, s1)
    return [names([h1, s1, h2, s2]), variables(tf), run_fixed(tf, [h2, s2], {x: arr(1, 3, seed=7)})]


@case
def cell_in_variable_scopes(tf):
    x = tf.placeholder(tf.float32, [1, 3], name="x")
    with tf.variable_scope("enc"):
        cell = tf.nn.rnn_cell.GRUCell(2)
        out, _ = cell(x, cell.zero_state(1, tf.float32))
    with tf.name_scope("ns"):
        cell2 = tf.nn.rnn_cell.GRUCell(2)
        out2, _ = cell2(x, cell2.zero_state(1, tf.float32))
    return [out.name, out2.name, cell.scope_name, cell2.scope_name, variables(tf)]


@case
def cell_reuse_constructor_argument(tf):
    x = tf.placeholder(tf.float32, [1, 3], name="x")
    with tf.variable_scope("m"):
        first = tf.nn.rnn_cell.BasicRNNCell(2)
        o1, _ = first(x, first.zero_state(1, tf.float32))
    with tf.variable_scope("m"):
        second = tf.nn.rnn_cell.BasicRNNCell(2, reuse=True)
        o2, _ = second(x, second.zero_state(1, tf.float32))
    return [o1.name, o2.name, second.scope_name, variables(tf), [v.name for v in second.weights]]


@case
def cell_not_trainable(tf):
    cell = tf.nn.rnn_cell.BasicLSTMCell(2, trainable=False)
    _call(tf, cell)
    return [variables(tf), [v.name for v in cell.trainable_weights], [v.name for v in cell.non_trainable_weights]]


@case
def cell_sizes(tf):
    rnn = tf.nn.rnn_cell
    cells = [rnn.BasicRNNCell(3), rnn.GRUCell(3), rnn.BasicLSTMCell(3), rnn.BasicLSTMCell(3, state_is_tuple=False),
             rnn.LSTMCell(3, num_proj=2), rnn.LSTMCell(3, num_proj=2, state_is_tuple=False),
             rnn.MultiRNNCell([rnn.BasicLSTMCell(3), rnn.GRUCell(2)]),
             rnn.MultiRNNCell([rnn.BasicRNNCell(3), rnn.GRUCell(2)], state_is_tuple=False),
             rnn.DropoutWrapper(rnn.LSTMCell(3)), rnn.ResidualWrapper(rnn.GRUCell(4)),
             rnn.DeviceWrapper(rnn.BasicRNNCell(1), "/cpu:0")]
    return [[type(c).__name__, c.state_size, c.output_size, c.name] for c in cells]


@case
def lstm_state_tuple(tf):
    t = tf.nn.rnn_cell.LSTMStateTuple(tf.zeros([1, 2]), tf.ones([1, 2]))
    bad = tf.nn.rnn_cell.LSTMStateTuple(tf.zeros([1, 2]), tf.ones([1, 2], dtype=tf.float64))
    try:
        bad_dtype = bad.dtype
    except TypeError as e:
        bad_dtype = str(e)
    return [t.dtype.name, repr(tf.nn.rnn_cell.LSTMStateTuple(1, 2)), t._fields, bad_dtype,
            isinstance(t, tuple), names(t)]


@case
def get_initial_state_from_inputs(tf):
    cell = tf.nn.rnn_cell.BasicLSTMCell(3)
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    state = cell.get_initial_state(inputs=x)
    fixed = cell.get_initial_state(batch_size=4, dtype=tf.float32)
    with tf.Session() as sess:
        values = sess.run(state, {x: np.ones((2, 2), np.float32)})
    return [names(state), shapes(state), shapes(fixed), values, graph_ops(tf)]


@case
def basic_rnn_uses_scope_initializer(tf):
    x = tf.placeholder(tf.float32, [1, 2], name="x")
    with tf.variable_scope("s", initializer=tf.constant_initializer(0.5)):
        cell = tf.nn.rnn_cell.BasicRNNCell(2)
        out, _ = cell(x, cell.zero_state(1, tf.float32))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([out] + tf.global_variables(), {x: [[1.0, -2.0]]})

"""DropoutWrapper (keep 1 values, op structure below 1), ResidualWrapper, DeviceWrapper."""

from tests.conformance.cases.rnn_cells._helpers import (
    arr,
    feed,
    graph_ops,
    names,
    op_inputs,
    run_fixed,
    shapes,
    variables,
    xs,
)
from tests.conformance.harness import case


def _call(tf, cell, batch=2, depth=3):
    x = tf.placeholder(tf.float32, [batch, depth], name="x")
    out, state = cell(x, cell.zero_state(batch, tf.float32))
    return x, out, state


def _structure(tf, cell):
    _, out, state = _call(tf, cell)
    return {"ops": graph_ops(tf), "out": names(out), "state": names(state), "shapes": shapes([out, state]),
            "variables": variables(tf), "cell": [cell.name, [v.name for v in cell.weights]]}


# -- DropoutWrapper -----------------------------------------------------------------------------
@case
def dropout_keep_one_structure(tf):
    cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(3))
    return _structure(tf, cell)


@case
def dropout_keep_one_values(tf):
    cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.LSTMCell(3, use_peepholes=True), input_keep_prob=1.0,
                                         output_keep_prob=1, state_keep_prob=1.0)
    x, out, state = _call(tf, cell)
    return run_fixed(tf, [out, state], {x: arr(2, 3, seed=21)})


@case
def dropout_output_structure(tf):
    cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicRNNCell(3), output_keep_prob=0.5)
    return _structure(tf, cell)


@case
def dropout_input_and_state_structure(tf):
    cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(3), input_keep_prob=0.7,
                                         state_keep_prob=0.6)
    return _structure(tf, cell)


@case
def dropout_all_three_gru_structure(tf):
    cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.GRUCell(2), input_keep_prob=0.9, output_keep_prob=0.8,
                                         state_keep_prob=0.7)
    return _structure(tf, cell)


@case
def dropout_seed_attrs(tf):
    cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(2), input_keep_prob=0.5,
                                         output_keep_prob=0.5, state_keep_prob=0.5, seed=7)
    _call(tf, cell)
    graph = tf.get_default_graph()
    return [[op.name, op.get_attr("seed"), op.get_attr("seed2")] for op in graph.get_operations()
            if op.type == "RandomUniform" and "Initializer" not in op.name]


@case
def dropout_placeholder_keep_prob(tf):
    keep = tf.placeholder(tf.float32, [], name="keep")
    cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicRNNCell(3), output_keep_prob=keep)
    x, out, state = _call(tf, cell)
    values = run_fixed(tf, [out, state], {x: arr(2, 3, seed=22), keep: 1.0})
    return {"ops": graph_ops(tf), "out": out.name, "values": values}


@case
def dropout_multi_state_filter(tf):
    rnn = tf.nn.rnn_cell
    inner = rnn.MultiRNNCell([rnn.BasicLSTMCell(2), rnn.GRUCell(2)])
    cell = rnn.DropoutWrapper(inner, state_keep_prob=0.5)
    _, out, state = _call(tf, cell)
    return [names([out, state]), [s for s in graph_ops(tf) if "dropout" in s[0]]]


@case
def dropout_custom_state_filter(tf):
    rnn = tf.nn.rnn_cell
    cell = rnn.DropoutWrapper(rnn.BasicLSTMCell(2), state_keep_prob=0.5,
                              dropout_state_filter_visitor=lambda s: True)
    _, out, state = _call(tf, cell)
    return [names([out, state]), [s for s in graph_ops(tf) if "dropout" in s[0]]]


@case
def dropout_variational_structure(tf):
    rnn = tf.nn.rnn_cell
    cell = rnn.DropoutWrapper(rnn.BasicLSTMCell(2), input_keep_prob=0.8, output_keep_prob=0.7, state_keep_prob=0.6,
                              variational_recurrent=True, input_size=3, dtype=tf.float32, seed=3)
    return _structure(tf, cell)


@case
def dropout_variational_keep_one_values(tf):
    rnn = tf.nn.rnn_cell
    cell = rnn.DropoutWrapper(rnn.GRUCell(2), variational_recurrent=True, dtype=tf.float32)
    x, out, state = _call(tf, cell)
    return [graph_ops(tf), run_fixed(tf, [out, state], {x: arr(2, 3, seed=23)})]


@case
def dropout_in_static_rnn(tf):
    inputs = xs(tf, 2)
    cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicRNNCell(3), output_keep_prob=0.5,
                                         input_keep_prob=0.9)
    outs, state = tf.nn.static_rnn(cell, inputs, dtype=tf.float32)
    return [names([outs, state]), op_inputs(tf, "rnn/")]


@case
def dropout_wrapper_properties(tf):
    inner = tf.nn.rnn_cell.BasicLSTMCell(2)
    cell = tf.nn.rnn_cell.DropoutWrapper(inner, output_keep_prob=0.5)
    _call(tf, cell)
    return [cell.wrapped_cell is inner, cell.name, cell.state_size, cell.output_size,
            [v.name for v in cell.weights], [v.name for v in inner.weights], cell.built]


# -- ResidualWrapper ----------------------------------------------------------------------------
@case
def residual_structure(tf):
    return _structure(tf, tf.nn.rnn_cell.ResidualWrapper(tf.nn.rnn_cell.GRUCell(3)))


@case
def residual_values(tf):
    cell = tf.nn.rnn_cell.ResidualWrapper(tf.nn.rnn_cell.BasicLSTMCell(3))
    x, out, state = _call(tf, cell)
    return run_fixed(tf, [out, state], {x: arr(2, 3, seed=24)})


@case
def residual_custom_fn(tf):
    cell = tf.nn.rnn_cell.ResidualWrapper(tf.nn.rnn_cell.BasicRNNCell(3), residual_fn=lambda i, o: i * o)
    x, out, state = _call(tf, cell)
    return [out.name, run_fixed(tf, out, {x: arr(2, 3, seed=25)})]


@case
def residual_in_multi_static_rnn(tf):
    rnn = tf.nn.rnn_cell
    inputs = xs(tf, 2)
    cell = rnn.MultiRNNCell([rnn.GRUCell(3), rnn.ResidualWrapper(rnn.BasicRNNCell(3))])
    outs, state = tf.nn.static_rnn(cell, inputs, dtype=tf.float32)
    return [names([outs, state]), run_fixed(tf, [outs, state], feed(inputs, 26))]


# -- DeviceWrapper ------------------------------------------------------------------------------
@case
def device_wrapper_devices(tf):
    cell = tf.nn.rnn_cell.DeviceWrapper(tf.nn.rnn_cell.BasicLSTMCell(2), "/cpu:0")
    x, out, state = _call(tf, cell)
    ops = [[op.name, op.device] for op in tf.get_default_graph().get_operations()
           if "Initializer" not in op.name]
    return [names([out, state]), ops, run_fixed(tf, out, {x: arr(2, 3, seed=27)})]

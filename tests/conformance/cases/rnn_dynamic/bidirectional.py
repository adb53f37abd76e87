"""tf.nn.bidirectional_dynamic_rnn: variable and tensor names, the reversal ops, static shapes,
values with and without sequence_length, time-major inputs, initial states and scopes."""

import numpy as np

from tests.conformance.cases.rnn_dynamic._helpers import (
    data,
    detail,
    names,
    ops_with,
    run_fixed,
    seq,
    shapes,
    variables,
)
from tests.conformance.harness import case


def _bidi(tf, cell_fw, cell_bw, x, **kwargs):
    if "initial_state_fw" not in kwargs:
        kwargs.setdefault("dtype", tf.float32)
    return tf.nn.bidirectional_dynamic_rnn(cell_fw, cell_bw, x, **kwargs)


def _reversal_ops(tf, scope="bidirectional_rnn"):
    """The ops outside the two loops and the cells' variables, with their inputs."""
    return [d for d in detail(tf, scope) if "/while/" not in d[0] and "/Initializer/" not in d[0]
            and d[1] in ("ReverseV2", "ReverseSequence", "Cast", "Identity", "Transpose")
            and not d[0].endswith("/read")]


@case
def bidi_names_and_variables(tf):
    x = seq(tf)
    outs, states = _bidi(tf, tf.nn.rnn_cell.BasicLSTMCell(3), tf.nn.rnn_cell.GRUCell(2), x)
    return {"outs": names(outs), "states": names(states), "shapes": shapes([outs, states]),
            "variables": variables(tf), "types": [type(outs).__name__, type(states).__name__]}


@case
def bidi_reversal_ops(tf):
    x = seq(tf)
    _bidi(tf, tf.nn.rnn_cell.BasicRNNCell(2), tf.nn.rnn_cell.BasicRNNCell(2), x)
    return [_reversal_ops(tf), ops_with(tf, "ReverseV2"), ops_with(tf, "bidirectional_rnn/bw/bw/while/Exit"),
            ops_with(tf, "bidirectional_rnn/fw/fw/while/Exit")]


@case
def bidi_sequence_length_ops(tf):
    x = seq(tf)
    lengths = tf.placeholder(tf.int32, [2], name="lengths")
    outs, states = _bidi(tf, tf.nn.rnn_cell.BasicRNNCell(2), tf.nn.rnn_cell.BasicRNNCell(2), x,
                         sequence_length=lengths)
    return [names([outs, states]), _reversal_ops(tf), ops_with(tf, "ReverseSequence")]


@case
def bidi_time_major_ops(tf):
    x = seq(tf, time_major=True)
    outs, states = _bidi(tf, tf.nn.rnn_cell.GRUCell(2), tf.nn.rnn_cell.GRUCell(2), x, time_major=True,
                         sequence_length=[3, 1])
    rev = [[op.name, op.get_attr("seq_dim"), op.get_attr("batch_dim")] for op in tf.get_default_graph().get_operations()
           if op.type == "ReverseSequence"]
    return [names([outs, states]), shapes([outs, states]), rev]


@case
def bidi_multi_cells_variables(tf):
    rnn = tf.nn.rnn_cell
    x = seq(tf)
    outs, states = _bidi(tf, rnn.MultiRNNCell([rnn.BasicLSTMCell(2), rnn.BasicLSTMCell(2)]),
                         rnn.MultiRNNCell([rnn.GRUCell(2), rnn.BasicRNNCell(3)]), x)
    return [variables(tf), names([outs, states]), shapes([outs, states])]


@case
def bidi_scope_and_nesting(tf):
    x = seq(tf)
    a = _bidi(tf, tf.nn.rnn_cell.GRUCell(2), tf.nn.rnn_cell.GRUCell(2), x, scope="birnn")
    with tf.variable_scope("encoder"):
        b = _bidi(tf, tf.nn.rnn_cell.BasicRNNCell(2), tf.nn.rnn_cell.BasicRNNCell(2), x)
    return [variables(tf), names([a, b])]


@case
def bidi_same_cell_both_directions(tf):
    """One cell object for both directions: the backward pass reuses the forward weights."""
    x = seq(tf)
    cell = tf.nn.rnn_cell.BasicRNNCell(2)
    outs, states = _bidi(tf, cell, cell, x)
    return [variables(tf), names([outs, states]), run_fixed(tf, [outs, states], {x: data(2, 3, 3, seed=40)})]


@case
def bidi_unknown_dims_shapes(tf):
    got = []
    for shape, time_major in (([None, 3, 4], False), ([2, None, 4], False), ([None, None, 4], True)):
        tf.reset_default_graph()
        x = tf.placeholder(tf.float32, shape, name="x")
        outs, states = _bidi(tf, tf.nn.rnn_cell.BasicLSTMCell(3), tf.nn.rnn_cell.GRUCell(2), x,
                             time_major=time_major)
        got.append(shapes([outs, states]))
    return got


# -- values -------------------------------------------------------------------------------------
@case
def bidi_values(tf):
    x = seq(tf, time=4)
    outs, states = _bidi(tf, tf.nn.rnn_cell.BasicLSTMCell(2), tf.nn.rnn_cell.GRUCell(3), x)
    return run_fixed(tf, [outs, states], {x: data(2, 4, 3, seed=41)})


@case
def bidi_values_backward_is_reversed_forward(tf):
    """Without lengths the backward outputs are a forward run over the reversed inputs, reversed."""
    inputs = data(2, 3, 3, seed=42)
    x = seq(tf)
    xr = seq(tf, name="xr")
    cell_bw = tf.nn.rnn_cell.BasicRNNCell(2)
    (_, out_bw), (_, state_bw) = _bidi(tf, tf.nn.rnn_cell.BasicRNNCell(2), cell_bw, x)
    out_r, state_r = tf.nn.dynamic_rnn(cell_bw, xr, dtype=tf.float32)
    got = run_fixed(tf, [out_bw, state_bw, out_r, state_r], {x: inputs, xr: inputs[:, ::-1]})
    return [bool(np.allclose(got[0], got[2][:, ::-1], atol=1e-6)), bool(np.allclose(got[1], got[3], atol=1e-6)),
            got[0]]


@case
def bidi_sequence_length_values(tf):
    x = seq(tf, batch=3, time=4)
    outs, states = _bidi(tf, tf.nn.rnn_cell.GRUCell(2), tf.nn.rnn_cell.BasicLSTMCell(2), x,
                         sequence_length=[4, 2, 0])
    return run_fixed(tf, [outs, states], {x: data(3, 4, 3, seed=43)})


@case
def bidi_time_major_values(tf):
    x = seq(tf, time=4, time_major=True)
    outs, states = _bidi(tf, tf.nn.rnn_cell.BasicRNNCell(3), tf.nn.rnn_cell.BasicRNNCell(2), x, time_major=True,
                         sequence_length=tf.constant([3, 4], tf.int64))
    return run_fixed(tf, [outs, states], {x: data(4, 2, 3, seed=44)})


@case
def bidi_initial_states(tf):
    x = seq(tf)
    init_fw = tf.nn.rnn_cell.LSTMStateTuple(tf.constant(data(2, 2, seed=45)), tf.constant(data(2, 2, seed=46)))
    init_bw = tf.constant(data(2, 3, seed=47), name="init_bw")
    outs, states = _bidi(tf, tf.nn.rnn_cell.BasicLSTMCell(2), tf.nn.rnn_cell.GRUCell(3), x,
                         initial_state_fw=init_fw, initial_state_bw=init_bw)
    return [names([outs, states]), run_fixed(tf, [outs, states], {x: data(2, 3, 3, seed=48)})]


@case
def bidi_concat_outputs(tf):
    x = seq(tf)
    outs, _ = _bidi(tf, tf.nn.rnn_cell.GRUCell(2), tf.nn.rnn_cell.GRUCell(3), x, sequence_length=[1, 3])
    both = tf.concat(outs, 2)
    return [both.name, shapes(both), run_fixed(tf, both, {x: data(2, 3, 3, seed=49)})]


@case
def bidi_reuse(tf):
    x = seq(tf)
    with tf.variable_scope("shared"):
        a, _ = _bidi(tf, tf.nn.rnn_cell.GRUCell(2), tf.nn.rnn_cell.GRUCell(2), x)
    with tf.variable_scope("shared", reuse=True):
        b, _ = _bidi(tf, tf.nn.rnn_cell.GRUCell(2), tf.nn.rnn_cell.GRUCell(2), x)
    got = run_fixed(tf, [a, b], {x: data(2, 3, 3, seed=50)})
    return [variables(tf), names([a, b]), bool(np.allclose(got[0][0], got[1][0])),
            bool(np.allclose(got[0][1], got[1][1]))]

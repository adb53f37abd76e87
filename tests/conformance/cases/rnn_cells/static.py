"""tf.nn.static_rnn, static_bidirectional_rnn and static_state_saving_rnn: ops and values."""

import numpy as np

from tests.conformance.cases.rnn_cells._helpers import (
    arr,
    feed,
    fixed_assigns,
    graph_ops,
    names,
    op_inputs,
    run_fixed,
    shapes,
    variables,
    xs,
)
from tests.conformance.harness import case


def _model(tf, cell, steps=3, **kwargs):
    inputs = xs(tf, steps)
    outs, state = tf.nn.static_rnn(cell, inputs, dtype=tf.float32, **kwargs)
    return {"ops": op_inputs(tf), "outs": names(outs), "state": names(state), "shapes": shapes([outs, state]),
            "variables": variables(tf)}


def _values(tf, cell, steps=3, seed=30, **kwargs):
    inputs = xs(tf, steps)
    outs, state = tf.nn.static_rnn(cell, inputs, dtype=tf.float32, **kwargs)
    return run_fixed(tf, [outs, state], feed(inputs, seed))


@case
def static_rnn_basic_rnn_ops(tf):
    return _model(tf, tf.nn.rnn_cell.BasicRNNCell(4))


@case
def static_rnn_lstm_ops(tf):
    return _model(tf, tf.nn.rnn_cell.LSTMCell(3, use_peepholes=True))


@case
def static_rnn_gru_ops(tf):
    return _model(tf, tf.nn.rnn_cell.GRUCell(2))


@case
def static_rnn_multi_ops(tf):
    rnn = tf.nn.rnn_cell
    return _model(tf, rnn.MultiRNNCell([rnn.BasicLSTMCell(3), rnn.BasicLSTMCell(2)]))


@case
def static_rnn_basic_lstm_values(tf):
    return _values(tf, tf.nn.rnn_cell.BasicLSTMCell(4))


@case
def static_rnn_lstm_projection_values(tf):
    return _values(tf, tf.nn.rnn_cell.LSTMCell(4, num_proj=2, use_peepholes=True, cell_clip=0.5), steps=4)


@case
def static_rnn_gru_values(tf):
    return _values(tf, tf.nn.rnn_cell.GRUCell(3))


@case
def static_rnn_multi_values(tf):
    rnn = tf.nn.rnn_cell
    return _values(tf, rnn.MultiRNNCell([rnn.GRUCell(3), rnn.BasicLSTMCell(2, state_is_tuple=False)]))


@case
def static_rnn_initial_state(tf):
    inputs = xs(tf, 2)
    cell = tf.nn.rnn_cell.BasicLSTMCell(2)
    init = tf.nn.rnn_cell.LSTMStateTuple(tf.constant(arr(2, 2, seed=31)), tf.constant(arr(2, 2, seed=32)))
    outs, state = tf.nn.static_rnn(cell, inputs, initial_state=init)
    return [names([outs, state]), graph_ops(tf)[:12], run_fixed(tf, [outs, state], feed(inputs, 33))]


@case
def static_rnn_scope_argument(tf):
    inputs = xs(tf, 2)
    a, _ = tf.nn.static_rnn(tf.nn.rnn_cell.GRUCell(2), inputs, dtype=tf.float32, scope="encoder")
    with tf.variable_scope("outer") as outer:
        b, _ = tf.nn.static_rnn(tf.nn.rnn_cell.GRUCell(2), inputs, dtype=tf.float32, scope=outer)
    c, _ = tf.nn.static_rnn(tf.nn.rnn_cell.GRUCell(2), inputs, dtype=tf.float32)
    return [names([a, b, c]), variables(tf)]


@case
def static_rnn_unknown_batch(tf):
    inputs = [tf.placeholder(tf.float32, [None, 3], name=f"x{i}") for i in range(2)]
    outs, state = tf.nn.static_rnn(tf.nn.rnn_cell.BasicLSTMCell(2), inputs, dtype=tf.float32)
    values = run_fixed(tf, [outs, state], {x: arr(4, 3, seed=34 + i) for i, x in enumerate(inputs)})
    return {"ops": graph_ops(tf), "shapes": shapes([outs, state]), "values": values}


@case
def static_rnn_float64(tf):
    inputs = [tf.placeholder(tf.float64, [2, 3], name=f"x{i}") for i in range(2)]
    outs, state = tf.nn.static_rnn(tf.nn.rnn_cell.GRUCell(2), inputs, dtype=tf.float64)
    feed_dict = {x: arr(2, 3, seed=36 + i, dtype=np.float64) for i, x in enumerate(inputs)}
    return [variables(tf), run_fixed(tf, [outs, state], feed_dict)]


@case
def static_rnn_single_step(tf):
    return _model(tf, tf.nn.rnn_cell.BasicRNNCell(2), steps=1)


@case
def static_rnn_variable_caching_device(tf):
    inputs = xs(tf, 1)
    with tf.variable_scope("m") as scope:
        before = scope.caching_device
        tf.nn.static_rnn(tf.nn.rnn_cell.BasicRNNCell(2), inputs, dtype=tf.float32)
    return [before, [callable(v._caching_device) for v in tf.global_variables()],
            [v.op.device for v in tf.global_variables()]]


# -- sequence_length ----------------------------------------------------------------------------
@case
def static_rnn_sequence_length_values(tf):
    return _values(tf, tf.nn.rnn_cell.BasicRNNCell(3), steps=4, sequence_length=[2, 4])


@case
def static_rnn_sequence_length_lstm_values(tf):
    return _values(tf, tf.nn.rnn_cell.LSTMCell(3, num_proj=2), steps=3, sequence_length=[0, 2])


@case
def static_rnn_sequence_length_multi_values(tf):
    rnn = tf.nn.rnn_cell
    cell = rnn.MultiRNNCell([rnn.BasicLSTMCell(2), rnn.GRUCell(3)])
    return _values(tf, cell, steps=3, sequence_length=[3, 1])


@case
def static_rnn_sequence_length_placeholder(tf):
    inputs = xs(tf, 3)
    lengths = tf.placeholder(tf.int64, [2], name="lengths")
    outs, state = tf.nn.static_rnn(tf.nn.rnn_cell.GRUCell(2), inputs, dtype=tf.float32, sequence_length=lengths)
    feed_dict = feed(inputs, 40)
    out = []
    for value in ([3, 3], [1, 2], [0, 0]):
        feed_dict[lengths] = np.array(value, np.int64)
        out.append(run_fixed(tf, [outs, state], feed_dict))
    return [names([outs, state]), shapes([outs, state]), out]


@case
def static_rnn_sequence_length_names(tf):
    inputs = xs(tf, 2)
    outs, state = tf.nn.static_rnn(tf.nn.rnn_cell.BasicLSTMCell(2), inputs, dtype=tf.float32,
                                   sequence_length=[1, 2])
    return [names([outs, state]), shapes([outs, state]), op_inputs(tf), variables(tf)]


@case
def static_rnn_sequence_length_multi_ops(tf):
    rnn = tf.nn.rnn_cell
    inputs = xs(tf, 2)
    cell = rnn.MultiRNNCell([rnn.GRUCell(2), rnn.DropoutWrapper(rnn.BasicRNNCell(2), output_keep_prob=0.5)])
    outs, state = tf.nn.static_rnn(cell, inputs, dtype=tf.float32, sequence_length=tf.constant([2, 1]))
    return [names([outs, state]), op_inputs(tf)]


# -- bidirectional ------------------------------------------------------------------------------
@case
def static_bidirectional_model(tf):
    inputs = xs(tf, 3)
    outs, fw, bw = tf.nn.static_bidirectional_rnn(tf.nn.rnn_cell.BasicLSTMCell(2), tf.nn.rnn_cell.GRUCell(3),
                                                  inputs, dtype=tf.float32)
    return {"outs": names(outs), "fw": names(fw), "bw": names(bw), "shapes": shapes(outs),
            "variables": variables(tf), "ops": graph_ops(tf)}


@case
def static_bidirectional_values(tf):
    inputs = xs(tf, 3)
    outs, fw, bw = tf.nn.static_bidirectional_rnn(tf.nn.rnn_cell.BasicLSTMCell(2), tf.nn.rnn_cell.GRUCell(3),
                                                  inputs, dtype=tf.float32)
    return run_fixed(tf, [outs, fw, bw], feed(inputs, 50))


@case
def static_bidirectional_sequence_length_values(tf):
    inputs = xs(tf, 4)
    outs, fw, bw = tf.nn.static_bidirectional_rnn(tf.nn.rnn_cell.GRUCell(2), tf.nn.rnn_cell.BasicRNNCell(2),
                                                  inputs, dtype=tf.float32, sequence_length=[2, 4],
                                                  scope="birnn")
    return [names([outs, fw, bw]), shapes(outs), run_fixed(tf, [outs, fw, bw], feed(inputs, 51))]


@case
def static_bidirectional_initial_states(tf):
    inputs = xs(tf, 2)
    init_fw = tf.constant(arr(2, 2, seed=52))
    init_bw = tf.constant(arr(2, 3, seed=53))
    outs, fw, bw = tf.nn.static_bidirectional_rnn(tf.nn.rnn_cell.BasicRNNCell(2), tf.nn.rnn_cell.GRUCell(3),
                                                  inputs, initial_state_fw=init_fw, initial_state_bw=init_bw)
    return [names([outs, fw, bw]), run_fixed(tf, [outs, fw, bw], feed(inputs, 54))]


# -- state saving -------------------------------------------------------------------------------
class _Saver:
    """A minimal state saver: states are variables, saving assigns them."""

    def __init__(self, tf, sizes):
        self.tf = tf
        self.vars = {name: tf.get_variable(f"saved_{name}", initializer=tf.constant(arr(2, size, seed=60 + i)),
                                           trainable=False)
                     for i, (name, size) in enumerate(sizes.items())}

    def state(self, name):
        return self.vars[name].value()

    def save_state(self, name, value):
        return self.tf.assign(self.vars[name], value).op


@case
def static_state_saving_rnn_tuple(tf):
    inputs = xs(tf, 2)
    saver = _Saver(tf, {"c": 2, "h": 2})
    cell = tf.nn.rnn_cell.BasicLSTMCell(2)
    outs, state = tf.nn.static_state_saving_rnn(cell, inputs, saver, ("c", "h"))
    last = outs[-1]
    deps = [op.name for op in last.op.control_inputs]
    assigns = fixed_assigns(tf, tf.trainable_variables())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assigns)
        first = sess.run([outs, state], feed(inputs, 61))
        second = sess.run([outs, state], feed(inputs, 61))
        saved = sess.run([v for v in saver.vars.values()])
    return [names([outs, state]), deps, first, second, saved]


@case
def static_state_saving_rnn_single(tf):
    inputs = xs(tf, 2)
    saver = _Saver(tf, {"s": 3})
    outs, state = tf.nn.static_state_saving_rnn(tf.nn.rnn_cell.GRUCell(3), inputs, saver, "s",
                                                sequence_length=[1, 2])
    assigns = fixed_assigns(tf, tf.trainable_variables())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assigns)
        return [names([outs, state]), sess.run([outs, state], feed(inputs, 62)), sess.run(saver.vars["s"])]

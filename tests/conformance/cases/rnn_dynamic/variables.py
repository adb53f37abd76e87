"""dynamic_rnn's variables: names and shapes for each cell, the scope argument, variable and
name scopes around it, a cell used twice, and reuse=True sharing trained weights with a
sampler graph."""

import numpy as np

from tests.conformance.cases.rnn_dynamic._helpers import data, fixed_assigns, names, run_fixed, seq, variables
from tests.conformance.harness import case


def _vars(tf, cell, depth=3, **kwargs):
    kwargs.setdefault("dtype", tf.float32)
    out, state = tf.nn.dynamic_rnn(cell, seq(tf, depth=depth), **kwargs)
    return {"variables": variables(tf), "weights": [v.name for v in cell.weights], "out": names(out),
            "state": names(state)}


@case
def variables_basic_rnn(tf):
    return _vars(tf, tf.nn.rnn_cell.BasicRNNCell(4))


@case
def variables_basic_lstm(tf):
    return _vars(tf, tf.nn.rnn_cell.BasicLSTMCell(4))


@case
def variables_lstm_peepholes_projection(tf):
    return _vars(tf, tf.nn.rnn_cell.LSTMCell(4, use_peepholes=True, num_proj=2))


@case
def variables_gru(tf):
    return _vars(tf, tf.nn.rnn_cell.GRUCell(3), depth=2)


@case
def variables_multi_cell(tf):
    rnn = tf.nn.rnn_cell
    return _vars(tf, rnn.MultiRNNCell([rnn.BasicLSTMCell(3), rnn.GRUCell(2), rnn.BasicRNNCell(4)]))


@case
def variables_wrappers(tf):
    rnn = tf.nn.rnn_cell
    cell = rnn.MultiRNNCell([rnn.DropoutWrapper(rnn.LSTMCell(3), input_keep_prob=1.0, output_keep_prob=1.0),
                             rnn.ResidualWrapper(rnn.GRUCell(3))])
    return _vars(tf, cell)


@case
def variables_custom_cell_name(tf):
    return _vars(tf, tf.nn.rnn_cell.GRUCell(2, name="my_gru"))


@case
def scope_argument_string(tf):
    return _vars(tf, tf.nn.rnn_cell.BasicLSTMCell(2), scope="encoder")


@case
def scope_argument_variable_scope(tf):
    with tf.variable_scope("outer") as outer:
        pass
    got = _vars(tf, tf.nn.rnn_cell.GRUCell(2), scope=outer)
    got["ops"] = sorted({op.name.split("/")[0] for op in tf.get_default_graph().get_operations()})
    return got


@case
def nested_variable_scopes(tf):
    x = seq(tf)
    with tf.variable_scope("model"):
        with tf.variable_scope("encoder"):
            a, sa = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(2), x, dtype=tf.float32)
        with tf.variable_scope("decoder"):
            b, sb = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(2), a, initial_state=sa.h, scope="dec_rnn")
    return [variables(tf), names([a, sa, b, sb])]


@case
def name_scope_around(tf):
    x = seq(tf)
    with tf.name_scope("ns"):
        out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(2), x, dtype=tf.float32)
    return [variables(tf), names([out, state])]


@case
def two_models_two_scopes(tf):
    x = seq(tf)
    a, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(2), x, dtype=tf.float32, scope="first")
    b, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(2), x, dtype=tf.float32, scope="second")
    return [variables(tf), names([a, b])]


@case
def same_cell_twice(tf):
    """A built cell keeps its weights: the second call creates no variables (ops go to rnn_1)."""
    x = seq(tf)
    cell = tf.nn.rnn_cell.BasicLSTMCell(2)
    a, sa = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    b, sb = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    values = run_fixed(tf, [a, b], {x: data(2, 3, 3, seed=1)})
    return [variables(tf), names([a, sa, b, sb]), values]


@case
def reuse_sampler(tf):
    """Train on whole sequences, then sample one step at a time from a second dynamic_rnn that
    shares the weights through reuse=True and feeds its state back in."""
    rnn = tf.nn.rnn_cell
    x = seq(tf, time=4, name="train_x")
    step = tf.placeholder(tf.float32, [2, 1, 3], name="step")

    def make_cell():
        return rnn.MultiRNNCell([rnn.BasicLSTMCell(3), rnn.GRUCell(3)])

    with tf.variable_scope("model"):
        train_out, train_state = tf.nn.dynamic_rnn(make_cell(), x, dtype=tf.float32)
    with tf.variable_scope("model", reuse=True):
        cell = make_cell()
        init = cell.zero_state(2, tf.float32)
        sample_out, sample_state = tf.nn.dynamic_rnn(cell, step, initial_state=init)
    inputs = data(2, 4, 3, seed=2)
    first = run_fixed(tf, [train_out, sample_out], {x: inputs, step: inputs[:, :1]})
    return {"variables": variables(tf), "names": names([train_out, train_state, sample_out, sample_state]),
            "same_first_step": bool(np.allclose(first[0][:, :1], first[1], atol=1e-6)), "values": first}


@case
def reuse_sampler_feeds_state_back(tf):
    """Running the shared sampler step by step reproduces the training outputs."""
    x = seq(tf, time=3, name="train_x")
    step = tf.placeholder(tf.float32, [2, 1, 3], name="step")
    with tf.variable_scope("lm"):
        train_out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(3), x, dtype=tf.float32)
    with tf.variable_scope("lm", reuse=True):
        cell = tf.nn.rnn_cell.BasicLSTMCell(3)
        c = tf.placeholder(tf.float32, [2, 3], name="c")
        h = tf.placeholder(tf.float32, [2, 3], name="h")
        out, state = tf.nn.dynamic_rnn(cell, step, initial_state=tf.nn.rnn_cell.LSTMStateTuple(c, h))
    inputs = data(2, 3, 3, seed=3)
    assigns = fixed_assigns(tf)
    steps = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assigns)
        want = sess.run(train_out, {x: inputs})
        cv = hv = np.zeros((2, 3), np.float32)
        for t in range(3):
            o, (cv, hv) = sess.run([out, state], {step: inputs[:, t:t + 1], c: cv, h: hv})
            steps.append(o)
    got = np.concatenate(steps, axis=1)
    return [variables(tf), names([out, state]), bool(np.allclose(got, want, atol=1e-5)), got]


@case
def reuse_auto_reuse(tf):
    x = seq(tf)
    outs = []
    for _ in range(2):
        with tf.variable_scope("auto", reuse=tf.AUTO_REUSE):
            out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(2), x, dtype=tf.float32)
            outs.append(out.name)
    return [outs, variables(tf)]


@case
def variable_caching_device(tf):
    x = seq(tf)
    with tf.variable_scope("m") as scope:
        before = scope.caching_device
        tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(2), x, dtype=tf.float32)
        after = scope.caching_device
    return [before, after, [callable(v._caching_device) for v in tf.global_variables()],
            [v.op.device for v in tf.global_variables()]]


@case
def constant_initializer_scope(tf):
    x = seq(tf)
    with tf.variable_scope("s", initializer=tf.constant_initializer(0.1)):
        out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(2), x, dtype=tf.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [variables(tf), sess.run([out, state] + tf.global_variables(), {x: data(2, 3, 3, seed=4)})]

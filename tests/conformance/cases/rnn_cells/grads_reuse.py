"""Gradients through static_rnn (values and names) and weight sharing with reuse=True."""

from tests.conformance.cases.rnn_cells._helpers import arr, feed, fixed_assigns, names, run_fixed, variables, xs
from tests.conformance.harness import case


def _grads(tf, make_cell, steps=3, seed=70, **kwargs):
    """d(loss)/d(inputs and weights) of a loss on every output and the final state, and the
    gradients' names."""
    inputs = xs(tf, steps)
    outs, state = tf.nn.static_rnn(make_cell(), inputs, dtype=tf.float32, **kwargs)
    flat_state = list(state) if isinstance(state, tuple) else [state]
    loss = tf.add_n([tf.reduce_sum(tf.square(o)) for o in outs]) + tf.reduce_sum(flat_state[-1] * 0.5)
    weights = tf.trainable_variables()
    grads = tf.gradients(loss, inputs + weights)
    assigns = fixed_assigns(tf)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assigns)
        values = sess.run([loss] + grads, feed(inputs, seed))
    return {"names": [g.name for g in grads], "values": values}


@case
def grads_basic_lstm(tf):
    return _grads(tf, lambda: tf.nn.rnn_cell.BasicLSTMCell(3))


@case
def grads_lstm_peepholes_projection(tf):
    return _grads(tf, lambda: tf.nn.rnn_cell.LSTMCell(3, use_peepholes=True, num_proj=2, cell_clip=0.4))


@case
def grads_gru(tf):
    return _grads(tf, lambda: tf.nn.rnn_cell.GRUCell(3))


@case
def grads_basic_rnn_not_tuple_lstm(tf):
    return _grads(tf, lambda: tf.nn.rnn_cell.BasicLSTMCell(2, state_is_tuple=False))


@case
def grads_multi_with_wrappers(tf):
    rnn = tf.nn.rnn_cell
    return _grads(tf, lambda: rnn.MultiRNNCell([rnn.DropoutWrapper(rnn.GRUCell(3)),
                                                rnn.ResidualWrapper(rnn.BasicRNNCell(3))]))


@case
def grads_sequence_length(tf):
    return _grads(tf, lambda: tf.nn.rnn_cell.BasicLSTMCell(2), steps=3, sequence_length=[1, 3])


@case
def grads_bidirectional(tf):
    inputs = xs(tf, 3)
    outs, fw, bw = tf.nn.static_bidirectional_rnn(tf.nn.rnn_cell.GRUCell(2), tf.nn.rnn_cell.BasicLSTMCell(2),
                                                  inputs, dtype=tf.float32, sequence_length=[3, 2])
    loss = tf.add_n([tf.reduce_sum(o * o) for o in outs])
    grads = tf.gradients(loss, inputs + tf.trainable_variables())
    return run_fixed(tf, [loss] + grads, feed(inputs, 71))


# -- reuse ---------------------------------------------------------------------------------------
@case
def reuse_sampler_graph(tf):
    """A training graph and a sampler graph sharing the weights (the classic char-RNN setup)."""
    train_inputs = xs(tf, 3, name="train")
    sample_input = tf.placeholder(tf.float32, [2, 3], name="sample")

    def make_cell():
        return tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(3), tf.nn.rnn_cell.BasicLSTMCell(3)])

    with tf.variable_scope("model"):
        train_outs, train_state = tf.nn.static_rnn(make_cell(), train_inputs, dtype=tf.float32)
    with tf.variable_scope("model", reuse=True):
        sample_cell = make_cell()
        state = sample_cell.zero_state(2, tf.float32)
        sample_out, sample_state = tf.nn.static_rnn(sample_cell, [sample_input], initial_state=state)
    feed_dict = feed(train_inputs, 80)
    feed_dict[sample_input] = feed_dict[train_inputs[0]]
    values = run_fixed(tf, [train_outs[0], sample_out[0]], feed_dict)
    return {"variables": variables(tf), "names": names([train_outs, train_state, sample_out, sample_state]),
            "values": values}


@case
def reuse_same_cell_object(tf):
    inputs = xs(tf, 2)
    cell = tf.nn.rnn_cell.GRUCell(2)
    with tf.variable_scope("net"):
        a, _ = tf.nn.static_rnn(cell, inputs, dtype=tf.float32)
    with tf.variable_scope("net", reuse=True):
        b, _ = tf.nn.static_rnn(cell, inputs, dtype=tf.float32)
    return [variables(tf), names([a, b]), run_fixed(tf, [a[-1], b[-1]], feed(inputs, 81))]


@case
def reuse_auto_reuse(tf):
    inputs = xs(tf, 2)
    out = []
    for _ in range(2):
        with tf.variable_scope("auto", reuse=tf.AUTO_REUSE):
            outs, _ = tf.nn.static_rnn(tf.nn.rnn_cell.BasicLSTMCell(2), inputs, dtype=tf.float32)
            out.append(names(outs))
    return [out, variables(tf)]


@case
def reuse_variables_second_cell_gets_its_own_scope(tf):
    x = tf.placeholder(tf.float32, [1, 3], name="x")
    with tf.variable_scope("dec") as scope:
        cell = tf.nn.rnn_cell.BasicRNNCell(2)
        o1, s1 = cell(x, cell.zero_state(1, tf.float32))
        scope.reuse_variables()
        cell2 = tf.nn.rnn_cell.BasicRNNCell(2)
        o2, _ = cell2(x, s1)
    return [names([o1, o2]), variables(tf), run_fixed(tf, [o1, o2], {x: arr(1, 3, seed=82)})]

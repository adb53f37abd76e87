"""Static shapes of dynamic_rnn's outputs and final states: batch-major and time-major inputs,
known and unknown batch and time dimensions, with and without sequence_length or an initial
state, for each kind of cell."""

from tests.conformance.cases.rnn_dynamic._helpers import names, shapes
from tests.conformance.harness import case, raises_last_line


def _cells(tf):
    rnn = tf.nn.rnn_cell
    return [lambda: rnn.BasicRNNCell(4), lambda: rnn.BasicLSTMCell(3), lambda: rnn.LSTMCell(4, num_proj=2),
            lambda: rnn.GRUCell(2), lambda: rnn.MultiRNNCell([rnn.BasicLSTMCell(3), rnn.GRUCell(2)]),
            lambda: rnn.MultiRNNCell([rnn.BasicRNNCell(2), rnn.GRUCell(3)], state_is_tuple=False)]


def _shapes(tf, shape, time_major=False, lengths=None, **kwargs):
    """``[output shape, state shapes]`` for each cell of ``_cells`` given inputs of ``shape``."""
    got = []
    for make in _cells(tf):
        tf.reset_default_graph()
        x = tf.placeholder(tf.float32, shape, name="x")
        seq_len = None if lengths is None else lengths(tf)
        out, state = tf.nn.dynamic_rnn(make(), x, dtype=tf.float32, time_major=time_major,
                                       sequence_length=seq_len, **kwargs)
        got.append([shapes(out), shapes(state)])
    return got


@case
def shapes_batch_major(tf):
    return _shapes(tf, [2, 3, 5])


@case
def shapes_time_major(tf):
    return _shapes(tf, [3, 2, 5], time_major=True)


@case
def shapes_unknown_batch(tf):
    return _shapes(tf, [None, 3, 5])


@case
def shapes_unknown_time(tf):
    return _shapes(tf, [2, None, 5])


@case
def shapes_unknown_batch_and_time(tf):
    return _shapes(tf, [None, None, 5])


@case
def shapes_time_major_unknown_batch(tf):
    return _shapes(tf, [4, None, 5], time_major=True)


@case
def shapes_time_major_unknown_time(tf):
    return _shapes(tf, [None, 2, 5], time_major=True)


@case
def shapes_single_step(tf):
    return _shapes(tf, [2, 1, 5])


@case
def shapes_sequence_length_constant(tf):
    return _shapes(tf, [2, 3, 5], lengths=lambda tf: tf.constant([1, 3]))


@case
def shapes_sequence_length_placeholder_unknown_batch(tf):
    return _shapes(tf, [None, 3, 5], lengths=lambda tf: tf.placeholder(tf.int32, [None], name="lengths"))


@case
def shapes_sequence_length_time_major(tf):
    return _shapes(tf, [3, 2, 5], time_major=True, lengths=lambda tf: tf.placeholder(tf.int64, [2], name="lens"))


@case
def shapes_rank4_inputs(tf):
    """Extra input dimensions reach the cell as they are, and a BasicRNNCell refuses them."""
    x = tf.placeholder(tf.float32, [2, 3, 4, 5], name="x")

    def build():
        out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(2), x, dtype=tf.float32)
        return [names([out, state]), shapes([out, state])]
    return raises_last_line(build)


@case
def shapes_initial_state_gives_batch(tf):
    """Inputs of unknown batch, an initial state of known batch: the outputs get the state's batch
    size (the output TensorArray learns its element shape from the first write)."""
    x = tf.placeholder(tf.float32, [None, 3, 5], name="x")
    init = tf.placeholder(tf.float32, [2, 4], name="init")
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(4), x, initial_state=init)
    return [names([out, state]), shapes([out, state])]


@case
def shapes_initial_state_unknown_batch(tf):
    x = tf.placeholder(tf.float32, [2, 3, 5], name="x")
    c = tf.placeholder(tf.float32, [None, 3], name="c")
    h = tf.placeholder(tf.float32, [None, 3], name="h")
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(3), x,
                                   initial_state=tf.nn.rnn_cell.LSTMStateTuple(c, h))
    return [names([out, state]), shapes([out, state]), type(state).__name__]


@case
def shapes_dtypes(tf):
    x = tf.placeholder(tf.float64, [2, 3, 5], name="x")
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(3), x, dtype=tf.float64)
    return [out.dtype.name, [s.dtype.name for s in state], shapes([out, state])]

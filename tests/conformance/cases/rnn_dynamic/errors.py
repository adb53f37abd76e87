"""dynamic_rnn's and bidirectional_dynamic_rnn's errors: no dtype, input ranks and depths,
sequence_length's rank and run-time size, initial states that do not fit, arguments that are
not cells, and a second model in the same scope."""

import numpy as np

from tests.conformance.cases.rnn_dynamic._helpers import seq, shapes
from tests.conformance.harness import case, raises


def _first_line(fn):
    got = raises(fn)
    if "error" in got:
        got["message"] = got["message"].split("\n", 1)[0]
    return got


def _dyn(tf, x, cell=None, **kwargs):
    return lambda: tf.nn.dynamic_rnn(cell or tf.nn.rnn_cell.BasicRNNCell(3), x, **kwargs)


@case
def error_no_dtype_no_initial_state(tf):
    return raises(_dyn(tf, seq(tf)))


@case
def error_bidirectional_no_dtype(tf):
    x = seq(tf)
    rnn = tf.nn.rnn_cell
    init_fw = tf.zeros([2, 3])
    return [raises(lambda: tf.nn.bidirectional_dynamic_rnn(rnn.BasicRNNCell(3), rnn.BasicRNNCell(3), x)),
            raises(lambda: tf.nn.bidirectional_dynamic_rnn(rnn.BasicRNNCell(3), rnn.BasicRNNCell(3), x,
                                                           initial_state_fw=init_fw, scope="half"))]


@case
def error_rank2_inputs(tf):
    return raises(_dyn(tf, tf.placeholder(tf.float32, [2, 3], name="x"), dtype=tf.float32))


@case
def error_rank2_inputs_time_major(tf):
    return raises(_dyn(tf, tf.placeholder(tf.float32, [3, 2], name="x"), dtype=tf.float32, time_major=True))


@case
def error_rank1_inputs(tf):
    return raises(_dyn(tf, tf.placeholder(tf.float32, [2], name="x"), dtype=tf.float32))


@case
def error_unknown_rank_inputs(tf):
    x = tf.placeholder(tf.float32, None, name="x")
    return [raises(_dyn(tf, x, dtype=tf.float32)),
            raises(_dyn(tf, x, dtype=tf.float32, time_major=True, scope="tm"))]


@case
def error_unknown_depth(tf):
    return [raises(_dyn(tf, seq(tf, depth=None), dtype=tf.float32)),
            raises(_dyn(tf, seq(tf, depth=None, time_major=True, name="xt"), dtype=tf.float32, time_major=True,
                        scope="tm"))]


@case
def error_sequence_length_rank(tf):
    x = seq(tf)
    return [raises(_dyn(tf, x, dtype=tf.float32, sequence_length=[[1, 2]])),
            raises(_dyn(tf, x, dtype=tf.float32, sequence_length=3, scope="scalar")),
            raises(_dyn(tf, x, dtype=tf.float32, scope="ph",
                        sequence_length=tf.placeholder(tf.int32, [2, 1], name="lengths")))]


@case
def error_sequence_length_float_is_cast(tf):
    out, state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(2), seq(tf), dtype=tf.float32,
                                   sequence_length=[1.7, 3.0])
    cast = tf.get_default_graph().get_operation_by_name("rnn/Cast")
    return [shapes([out, state]), cast.get_attr("SrcT").name, cast.get_attr("DstT").name]


@case
def error_sequence_length_wrong_batch_at_run_time(tf):
    x = seq(tf)
    lengths = tf.placeholder(tf.int32, [None], name="lengths")
    out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(2), x, dtype=tf.float32, sequence_length=lengths)

    def run():
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(out, {x: np.zeros((2, 3, 3), np.float32), lengths: [1, 2, 3]})
    got = raises(run)
    if "message" in got:
        got["message"] = [ln for ln in got["message"].splitlines() if ln.strip()][-1]
    return got


@case
def error_sequence_length_static_wrong_batch(tf):
    """A length vector of the wrong static size passes the rank check; the copy-through Select
    refuses it when the loop body is built."""
    return raises(_dyn(tf, seq(tf), dtype=tf.float32, sequence_length=[1, 2, 3]))


@case
def error_initial_state_batch_mismatch(tf):
    return raises(_dyn(tf, seq(tf), initial_state=tf.zeros([4, 3])))


@case
def error_initial_state_wrong_size(tf):
    return raises(_dyn(tf, seq(tf), initial_state=tf.zeros([2, 5])))


@case
def error_initial_state_wrong_dtype(tf):
    return raises(_dyn(tf, seq(tf), initial_state=tf.zeros([2, 3], tf.float64)))


@case
def error_initial_state_not_tuple_for_lstm(tf):
    return _first_line(_dyn(tf, seq(tf), cell=tf.nn.rnn_cell.BasicLSTMCell(3), initial_state=tf.zeros([2, 3])))


@case
def error_not_a_cell(tf):
    x = seq(tf)
    return [raises(_dyn(tf, x, cell="cell", dtype=tf.float32)), raises(_dyn(tf, x, cell=3, dtype=tf.float32)),
            raises(lambda: tf.nn.dynamic_rnn(None, x, dtype=tf.float32))]


@case
def error_bidirectional_not_a_cell(tf):
    x = seq(tf)
    cell = tf.nn.rnn_cell.BasicRNNCell(2)
    return [raises(lambda: tf.nn.bidirectional_dynamic_rnn("fw", cell, x, dtype=tf.float32)),
            raises(lambda: tf.nn.bidirectional_dynamic_rnn(cell, 7, x, dtype=tf.float32))]


@case
def error_int_inputs(tf):
    return raises(_dyn(tf, seq(tf, dtype=tf.int32), dtype=tf.float32))


@case
def error_parallel_iterations_not_int(tf):
    return raises(_dyn(tf, seq(tf), dtype=tf.float32, parallel_iterations=2.5))


@case
def error_inputs_none_or_empty(tf):
    return [raises(_dyn(tf, None, dtype=tf.float32)), raises(_dyn(tf, [], dtype=tf.float32, scope="empty"))]


@case
def error_nested_inputs_disagree(tf):
    a = seq(tf, name="a")
    return [raises(_dyn(tf, (a, seq(tf, time=4, name="b")), dtype=tf.float32)),
            raises(_dyn(tf, (a, seq(tf, batch=3, name="c")), dtype=tf.float32, scope="batch"))]


@case
def error_second_model_same_scope(tf):
    x = seq(tf)
    tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(2), x, dtype=tf.float32)
    return raises(_dyn(tf, x, cell=tf.nn.rnn_cell.GRUCell(2), dtype=tf.float32))


@case
def error_reuse_without_variables(tf):
    x = seq(tf)
    with tf.variable_scope("absent", reuse=True):
        return raises(_dyn(tf, x, dtype=tf.float32))


@case
def error_reuse_different_size(tf):
    x = seq(tf)
    with tf.variable_scope("net"):
        tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(2), x, dtype=tf.float32)
    with tf.variable_scope("net", reuse=True):
        return raises(_dyn(tf, x, cell=tf.nn.rnn_cell.BasicLSTMCell(3), dtype=tf.float32))

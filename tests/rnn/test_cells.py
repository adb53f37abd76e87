"""RNN cells beyond what the conformance goldens pin down: the old cell style, dropout
statistics, the public namespaces, and what scopeflow does without ``tf.cond``."""

import numpy as np
import pytest

import scopeflow as tf
from scopeflow._src.rnn.static_rnn import _reverse_seq, _rnn_step


class ScaleCell(tf.nn.rnn_cell.RNNCell):
    """An old-style cell: its variable comes from ``get_variable`` inside ``call``."""

    @property
    def state_size(self):
        return 2

    @property
    def output_size(self):
        return 2

    def call(self, inputs, state):
        w = tf.get_variable("w", [2], initializer=tf.ones_initializer())
        counter = tf.get_variable("counter", [], trainable=False, initializer=tf.zeros_initializer())
        out = inputs * w + state + counter
        return out, out


def test_an_old_style_cell_records_the_variables_it_gets():
    cell = ScaleCell()
    outs, state = tf.nn.static_rnn(cell, [tf.ones([1, 2])] * 3, dtype=tf.float32)
    assert [v.name for v in cell.trainable_weights] == ["rnn/scale_cell/w:0"]
    assert [v.name for v in cell.non_trainable_weights] == ["rnn/scale_cell/counter:0"]
    assert [v.name for v in tf.global_variables()] == ["rnn/scale_cell/w:0", "rnn/scale_cell/counter:0"]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        np.testing.assert_allclose(sess.run(state), [[3.0, 3.0]])


def test_rnn_cell_is_reachable_as_in_tensorflow():
    assert tf.compat.v1.nn.rnn_cell.LSTMCell is tf.nn.rnn_cell.LSTMCell
    assert tf.nn.rnn_cell.LSTMStateTuple(1, 2).h == 2
    assert tf.nn.static_rnn is tf.compat.v1.nn.static_rnn


def test_sharded_lstm_cells_are_refused():
    with pytest.raises(ValueError, match="partitioned variables"):
        tf.nn.rnn_cell.LSTMCell(4, num_unit_shards=2)


def test_get_config_lists_the_constructor_arguments():
    config = tf.nn.rnn_cell.LSTMCell(4, num_proj=2, name="lstm").get_config()
    assert config["num_units"] == 4 and config["num_proj"] == 2 and config["name"] == "lstm"
    wrapped = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.GRUCell(3), output_keep_prob=0.5).get_config()
    assert wrapped["cell"]["class_name"] == "GRUCell" and wrapped["output_keep_prob"] == 0.5


def test_dropout_drops_about_the_right_share_and_rescales():
    cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.ResidualWrapper(tf.nn.rnn_cell.BasicRNNCell(1000)),
                                         input_keep_prob=0.25, seed=3)
    x = tf.ones([1, 1000])
    with tf.variable_scope("zero", initializer=tf.zeros_initializer()):
        out, _ = cell(x, cell.zero_state(1, tf.float32))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value = sess.run(out)
    kept = value != 0
    assert 0.2 < kept.mean() < 0.3
    np.testing.assert_allclose(value[kept], 4.0)  # inputs of 1 / 0.25, plus a zero cell output


def test_variational_dropout_uses_one_mask_for_every_step():
    cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicRNNCell(200), output_keep_prob=0.5,
                                         variational_recurrent=True, dtype=tf.float32)
    with tf.variable_scope("m", initializer=tf.ones_initializer()):
        outs, _ = tf.nn.static_rnn(cell, [tf.ones([2, 3])] * 3, dtype=tf.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first, *rest = sess.run(outs)
    mask = first != 0
    assert 0.3 < mask.mean() < 0.7 and (mask[0] == mask[1]).all()  # one mask for the whole batch
    for value in rest:
        assert ((value != 0) == mask).all()


def test_sequence_length_steps_are_tf_conds():
    outs, state = tf.nn.static_rnn(tf.nn.rnn_cell.BasicRNNCell(2), [tf.ones([2, 3])] * 2, dtype=tf.float32,
                                   sequence_length=[1, 2])
    assert [o.name for o in outs] == ["rnn/cond/Merge:0", "rnn/cond_1/Merge:0"]
    assert outs[0].op.type == "Merge" and state.name == "rnn/cond_1/Merge_1:0"
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first, second = sess.run(outs)
    assert (second[0] == 0).all() and (second[1] != 0).all()


@pytest.mark.parametrize("lengths", [[0, 1, 2, 3], [3, 3, 3, 3], [2, 0, 1, 3]])
def test_backward_direction_reverses_each_row_up_to_its_length(lengths):
    steps = np.arange(4 * 4 * 2, dtype=np.float32).reshape(4, 4, 2)
    reversed_steps = _reverse_seq([tf.constant(s) for s in steps], tf.constant(lengths))
    with tf.Session() as sess:
        got = np.stack(sess.run(reversed_steps))
    want = steps.copy()
    for b, n in enumerate(lengths):
        want[:n, b] = steps[:n, b][::-1]
    np.testing.assert_array_equal(got, want)


def test_state_saving_rnn_with_a_state_saver():
    class Saver:
        def __init__(self):
            self.saved = {}

        def state(self, name):
            return tf.zeros([1, 2], name=f"saved_{name}")

        def save_state(self, name, value):
            self.saved[name] = value
            return tf.no_op(name=f"save_{name}")

    saver = Saver()
    outs, state = tf.nn.static_state_saving_rnn(tf.nn.rnn_cell.BasicLSTMCell(2), [tf.ones([1, 3])] * 2, saver,
                                                ("c", "h"))
    assert sorted(saver.saved) == ["c", "h"]
    assert [op.name for op in state.c.op.control_inputs] == ["save_c", "save_h"]
    assert outs[-1].op.type == "Identity"


def test_rnn_step_without_conditionals_gives_the_same_values():
    """``dynamic_rnn``'s loop body will call ``_rnn_step(skip_conditionals=True)``."""
    cell = tf.nn.rnn_cell.BasicLSTMCell(2)
    lengths = tf.constant([0, 1, 3])
    zero_output = tf.zeros([3, 2])
    state = cell.zero_state(3, tf.float32)
    x = tf.constant(np.linspace(-1, 1, 9, dtype=np.float32).reshape(3, 3))
    steps = {}
    for skip in (False, True):
        new = state
        outs = []
        for time in range(3):
            o, new = _rnn_step(time, lengths, tf.reduce_min(lengths), tf.reduce_max(lengths), zero_output, new,
                               lambda new=new: cell(x, new), skip_conditionals=skip)
            outs.append(o)
        steps[skip] = outs + list(new)
    assert not any(t.op.type == "Merge" for t in steps[True])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with_cond, without = sess.run([steps[False], steps[True]])
    for a, b in zip(with_cond, without):
        np.testing.assert_allclose(a, b, rtol=1e-6)
    assert (with_cond[1][:2] == 0).all() and (with_cond[1][2] != 0).all()

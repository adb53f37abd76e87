"""A checkpoint trained and saved by TensorFlow restores into scopeflow's RNN graph, which then
computes TensorFlow's outputs (the fixture: ``tests/fixtures/rnn_checkpoint/make_fixture.py``)."""

import importlib.util
import json
import pathlib

import numpy as np

import scopeflow as tf

FIXTURE = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "rnn_checkpoint"
EXPECTED = json.loads((FIXTURE / "expected.json").read_text())


def _model():
    spec = importlib.util.spec_from_file_location("rnn_fixture_model", FIXTURE / "rnn_fixture_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_variables_are_the_checkpoints():
    _model().build(tf)
    assert sorted([v.name, v.shape.as_list()] for v in tf.global_variables()) == EXPECTED["variables"]


def test_restored_weights_give_tensorflows_outputs():
    model = _model()
    inputs, fetches = model.build(tf)
    feed = dict(zip(inputs, np.asarray(EXPECTED["inputs"], np.float32)))
    with tf.Session() as sess:
        tf.train.Saver().restore(sess, str(FIXTURE / "rnn.ckpt"))
        values = sess.run(fetches, feed)
    for name, value in zip(model.FETCH_NAMES, values):
        np.testing.assert_allclose(value, EXPECTED["outputs"][name], rtol=1e-5, atol=1e-6, err_msg=name)


def test_outputs_past_a_sequence_length_are_zero():
    stack_out3 = np.asarray(EXPECTED["outputs"]["stack/out3"])
    assert np.all(stack_out3[1:] == 0) and np.any(stack_out3[0] != 0)  # lengths [4, 2, 3]


def test_the_same_checkpoint_drives_dynamic_rnn():
    """``dynamic_rnn`` names its variables as ``static_rnn`` does: the TF-trained weights restore
    into a loop over the time steps and give the same outputs and final state."""
    model = _model()
    x = tf.placeholder(tf.float32, [model.BATCH, model.STEPS, model.DEPTH])
    rnn = tf.nn.rnn_cell
    stack = rnn.MultiRNNCell([rnn.LSTMCell(6, use_peepholes=True, num_proj=4, cell_clip=2.0), rnn.GRUCell(3)])
    outs, ((c, h), gru) = tf.nn.dynamic_rnn(stack, x, dtype=tf.float32, sequence_length=model.SEQUENCE_LENGTH,
                                           scope="stack")
    saver = tf.train.Saver({v.op.name: v for v in tf.global_variables()})
    feed = {x: np.stack(np.asarray(EXPECTED["inputs"], np.float32), axis=1)}
    with tf.Session() as sess:
        saver.restore(sess, str(FIXTURE / "rnn.ckpt"))
        got_outs, got_c, got_h, got_gru = sess.run([outs, c, h, gru], feed)
    want = np.stack([EXPECTED["outputs"][f"stack/out{t}"] for t in range(model.STEPS)], axis=1)
    np.testing.assert_allclose(got_outs, want, rtol=1e-5, atol=1e-6)
    for got, name in ((got_c, "lstm_c"), (got_h, "lstm_h"), (got_gru, "gru")):
        np.testing.assert_allclose(got, EXPECTED["outputs"][f"stack/{name}"], rtol=1e-5, atol=1e-6, err_msg=name)

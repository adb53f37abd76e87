"""The one change the cells needed in ``tf.layers.Layer``: iterating a tensor inside ``call``
raises tf-keras's ``TypeError`` (an LSTM given a single tensor as its state hits this)."""

import pytest

import scopeflow as tf


class Unpacking(tf.layers.Layer):
    def call(self, inputs):
        first, second = inputs
        return first + second


def test_python_iteration_over_a_tensor_in_call_is_a_type_error():
    with pytest.raises(TypeError, match=r"^You are attempting to use Python control flow in a layer that was not "
                                        r"declared to be dynamic\. Pass `dynamic=True` to the class constructor\.\n"
                                        r"Encountered error:\n\"\"\"\nIterating over a symbolic `tf.Tensor`") as info:
        Unpacking()(tf.zeros([2, 3]))
    assert isinstance(info.value.__cause__, tf.errors.OperatorNotAllowedInGraphError)


def test_an_lstm_state_that_is_one_tensor():
    cell = tf.nn.rnn_cell.BasicLSTMCell(2)
    with pytest.raises(TypeError, match="not declared to be dynamic"):
        cell(tf.zeros([1, 3]), tf.zeros([1, 4]))

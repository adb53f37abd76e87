"""``tf.nn.rnn_cell`` (TF1): the RNN cells, their stack and wrappers, and ``LSTMStateTuple``.

Only re-exports; the code lives in ``scopeflow._src.rnn``. Reached as ``tf.nn.rnn_cell``
(and ``tf.compat.v1.nn.rnn_cell``), as in TensorFlow.
"""

__all__ = [
    "BasicLSTMCell", "BasicRNNCell", "DeviceWrapper", "DropoutWrapper", "GRUCell", "LSTMCell", "LSTMStateTuple",
    "MultiRNNCell", "ResidualWrapper", "RNNCell"]

from scopeflow._src.rnn.basic_cells import BasicLSTMCell, BasicRNNCell, GRUCell
from scopeflow._src.rnn.cell_base import LSTMStateTuple, RNNCell
from scopeflow._src.rnn.cell_wrappers import DeviceWrapper, DropoutWrapper, ResidualWrapper
from scopeflow._src.rnn.lstm_cell import LSTMCell
from scopeflow._src.rnn.multi_rnn_cell import MultiRNNCell

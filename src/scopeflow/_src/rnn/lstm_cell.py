"""``LSTMCell``: the full TF1 LSTM, with peepholes, cell clipping and an output projection.

Variables (in the cell's scope): ``kernel`` ``[input_depth + h_depth, 4 * num_units]``,
``bias``, with ``use_peepholes`` the diagonals ``w_f_diag``, ``w_i_diag``, ``w_o_diag``, and
with ``num_proj`` a ``projection/kernel`` ``[num_units, num_proj]``; ``h_depth`` is
``num_proj`` when projecting. The gates are written with Python operators as TensorFlow
writes them (``f + forget_bias`` is an ``add`` op, where ``BasicLSTMCell`` has ``Add``).
"""

from __future__ import annotations

from scopeflow._src.layers import lookup
from scopeflow._src.layers.input_spec import InputSpec
from scopeflow._src.ops import array_ops, math_ops, nn_ops
from scopeflow._src.rnn.basic_cells import activation_or_tanh
from scopeflow._src.rnn.cell_base import (
    LayerRNNCell,
    LSTMStateTuple,
    check_input_dtypes,
    check_supported_dtype,
    known_input_shape,
)
from scopeflow._src.variables import initializers


class LSTMCell(LayerRNNCell):
    """Long short-term memory cell (Hochreiter 1997; peepholes and projection: Sak et al., 2014).

    ``num_unit_shards``/``num_proj_shards`` (deprecated in TF) need partitioned variables,
    which scopeflow does not have: they raise ``ValueError``.

    >>> import scopeflow as tf
    >>> cell = tf.nn.rnn_cell.LSTMCell(4, num_proj=2, use_peepholes=True)
    >>> m, state = cell(tf.zeros([1, 3]), cell.zero_state(1, tf.float32))
    >>> cell.state_size, m.shape.as_list(), [v.name for v in cell.variables][-1]
    (LSTMStateTuple(c=4, h=2), [1, 2], 'lstm_cell/projection/kernel:0')
    """

    def __init__(self, num_units, use_peepholes=False, cell_clip=None, initializer=None, num_proj=None,
                 proj_clip=None, num_unit_shards=None, num_proj_shards=None, forget_bias=1.0, state_is_tuple=True,
                 activation=None, reuse=None, name=None, dtype=None, **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        check_supported_dtype(self.dtype)
        if num_unit_shards is not None or num_proj_shards is not None:
            raise ValueError("num_unit_shards and num_proj_shards (deprecated in TensorFlow) need partitioned "
                             "variables, which scopeflow does not support")
        self.input_spec = InputSpec(ndim=2)
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._cell_clip = cell_clip
        self._initializer = lookup.get_initializer(initializer)
        self._num_proj = num_proj
        self._proj_clip = proj_clip
        self._forget_bias = forget_bias
        self._state_is_tuple = state_is_tuple
        self._activation = activation_or_tanh(activation)
        h_depth = num_proj if num_proj else num_units
        self._state_size = LSTMStateTuple(num_units, h_depth) if state_is_tuple else num_units + h_depth
        self._output_size = h_depth

    @property
    def state_size(self):
        return self._state_size

    @property
    def output_size(self):
        return self._output_size

    def build(self, input_shape):
        input_depth = known_input_shape(input_shape)[-1]
        check_supported_dtype(self.dtype)
        units = self._num_units
        h_depth = units if self._num_proj is None else self._num_proj
        self._kernel = self.add_weight("kernel", shape=[input_depth + h_depth, 4 * units],
                                       initializer=self._initializer)
        self._bias = self.add_weight("bias", shape=[4 * units],
                                     initializer=initializers.zeros_initializer(dtype=self.dtype))
        if self._use_peepholes:
            self._w_f_diag = self.add_weight("w_f_diag", shape=[units], initializer=self._initializer)
            self._w_i_diag = self.add_weight("w_i_diag", shape=[units], initializer=self._initializer)
            self._w_o_diag = self.add_weight("w_o_diag", shape=[units], initializer=self._initializer)
        if self._num_proj is not None:
            self._proj_kernel = self.add_weight("projection/kernel", shape=[units, self._num_proj],
                                                initializer=self._initializer)
        self.built = True

    def call(self, inputs, state):
        check_input_dtypes([inputs, state])
        num_proj = self._num_units if self._num_proj is None else self._num_proj
        sigmoid, act = math_ops.sigmoid, self._activation
        if self._state_is_tuple:
            c_prev, m_prev = state
        else:
            c_prev = array_ops.slice(state, [0, 0], [-1, self._num_units])
            m_prev = array_ops.slice(state, [0, self._num_units], [-1, num_proj])
        input_size = inputs.shape.with_rank(2).dims[1].value
        if input_size is None:
            raise ValueError(f"Could not infer input size from inputs.get_shape()[-1].Received input shape: "
                             f"{inputs.shape}")
        lstm_matrix = math_ops.matmul(array_ops.concat([inputs, m_prev], 1), self._kernel)
        lstm_matrix = nn_ops.bias_add(lstm_matrix, self._bias)
        i, j, f, o = array_ops.split(value=lstm_matrix, num_or_size_splits=4, axis=1)  # input, new, forget, out
        if self._use_peepholes:
            c = (sigmoid(f + self._forget_bias + self._w_f_diag * c_prev) * c_prev
                 + sigmoid(i + self._w_i_diag * c_prev) * act(j))
        else:
            c = sigmoid(f + self._forget_bias) * c_prev + sigmoid(i) * act(j)
        if self._cell_clip is not None:
            c = math_ops.clip_by_value(c, -self._cell_clip, self._cell_clip)
        if self._use_peepholes:
            m = sigmoid(o + self._w_o_diag * c) * act(c)
        else:
            m = sigmoid(o) * act(c)
        if self._num_proj is not None:
            m = math_ops.matmul(m, self._proj_kernel)
            if self._proj_clip is not None:
                m = math_ops.clip_by_value(m, -self._proj_clip, self._proj_clip)
        new_state = LSTMStateTuple(c, m) if self._state_is_tuple else array_ops.concat([c, m], 1)
        return m, new_state

    def get_config(self) -> dict:
        return {**super().get_config(), "num_units": self._num_units, "use_peepholes": self._use_peepholes,
                "cell_clip": self._cell_clip, "num_proj": self._num_proj, "proj_clip": self._proj_clip,
                "forget_bias": self._forget_bias, "state_is_tuple": self._state_is_tuple, "reuse": self._reuse}

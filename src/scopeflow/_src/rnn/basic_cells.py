"""``BasicRNNCell``, ``GRUCell`` and ``BasicLSTMCell``: tf-keras's legacy cells, op for op.

Each concatenates ``[inputs, state]`` and multiplies by one kernel of shape
``[input_depth + num_units, k * num_units]`` (``<scope>/kernel``, ``<scope>/bias``; the GRU
has ``gates/`` and ``candidate/`` pairs), so checkpoints written by TensorFlow restore
unchanged. The ops are TensorFlow's in TensorFlow's order (``BasicLSTMCell`` builds its
``Const`` axis before the ``concat`` and adds with ``tf.add``, hence ``Add``/``Mul`` op
names), so graphs and gradient names line up too.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.layers import lookup
from scopeflow._src.layers.input_spec import InputSpec
from scopeflow._src.ops import array_ops, math_ops, nn_ops
from scopeflow._src.rnn.cell_base import (
    LayerRNNCell,
    LSTMStateTuple,
    check_input_dtypes,
    check_supported_dtype,
    known_input_shape,
)
from scopeflow._src.variables import initializers


def activation_or_tanh(activation):
    """The cells' activation: a callable or a tf-keras name, ``tanh`` when not given."""
    return lookup.get_activation(activation) if activation else math_ops.tanh


class BasicRNNCell(LayerRNNCell):
    """The most basic RNN cell: ``output = new_state = activation(W [x, state] + b)``.

    >>> import scopeflow as tf
    >>> cell = tf.nn.rnn_cell.BasicRNNCell(4)
    >>> out, state = cell(tf.zeros([2, 3]), cell.zero_state(2, tf.float32))
    >>> out.name, [v.name for v in cell.variables]
    ('basic_rnn_cell/Tanh:0', ['basic_rnn_cell/kernel:0', 'basic_rnn_cell/bias:0'])
    """

    def __init__(self, num_units, activation=None, reuse=None, name=None, dtype=None, **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        check_supported_dtype(self.dtype)
        self.input_spec = InputSpec(ndim=2)
        self._num_units = num_units
        self._activation = activation_or_tanh(activation)

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def build(self, input_shape):
        input_depth = known_input_shape(input_shape)[-1]
        check_supported_dtype(self.dtype)
        self._kernel = self.add_weight("kernel", shape=[input_depth + self._num_units, self._num_units])
        self._bias = self.add_weight("bias", shape=[self._num_units],
                                     initializer=initializers.zeros_initializer(dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        check_input_dtypes([inputs, state])
        gate_inputs = math_ops.matmul(array_ops.concat([inputs, state], 1), self._kernel)
        gate_inputs = nn_ops.bias_add(gate_inputs, self._bias)
        output = self._activation(gate_inputs)
        return output, output

    def get_config(self) -> dict:
        return {**super().get_config(), "num_units": self._num_units, "reuse": self._reuse}


class GRUCell(LayerRNNCell):
    """Gated recurrent unit cell (Cho et al., 2014), TensorFlow's ``gates``/``candidate`` form.

    The gate bias defaults to ones (``gates/bias``), the candidate bias to zeros.

    >>> import scopeflow as tf
    >>> cell = tf.nn.rnn_cell.GRUCell(2)
    >>> _ = cell(tf.zeros([1, 3]), cell.zero_state(1, tf.float32))
    >>> [v.name for v in cell.variables]  # doctest: +NORMALIZE_WHITESPACE
    ['gru_cell/gates/kernel:0', 'gru_cell/gates/bias:0', 'gru_cell/candidate/kernel:0',
     'gru_cell/candidate/bias:0']
    """

    def __init__(self, num_units, activation=None, reuse=None, kernel_initializer=None, bias_initializer=None,
                 name=None, dtype=None, **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        check_supported_dtype(self.dtype)
        self.input_spec = InputSpec(ndim=2)
        self._num_units = num_units
        self._activation = activation_or_tanh(activation)
        self._kernel_initializer = lookup.get_initializer(kernel_initializer)
        self._bias_initializer = lookup.get_initializer(bias_initializer)

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    def build(self, input_shape):
        input_depth = known_input_shape(input_shape)[-1]
        check_supported_dtype(self.dtype)
        units = self._num_units
        bias = self._bias_initializer
        self._gate_kernel = self.add_weight("gates/kernel", shape=[input_depth + units, 2 * units],
                                            initializer=self._kernel_initializer)
        self._gate_bias = self.add_weight(
            "gates/bias", shape=[2 * units],
            initializer=bias if bias is not None else initializers.constant_initializer(1.0, dtype=self.dtype))
        self._candidate_kernel = self.add_weight("candidate/kernel", shape=[input_depth + units, units],
                                                 initializer=self._kernel_initializer)
        self._candidate_bias = self.add_weight(
            "candidate/bias", shape=[units],
            initializer=bias if bias is not None else initializers.zeros_initializer(dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        check_input_dtypes([inputs, state])
        gate_inputs = math_ops.matmul(array_ops.concat([inputs, state], 1), self._gate_kernel)
        gate_inputs = nn_ops.bias_add(gate_inputs, self._gate_bias)
        value = math_ops.sigmoid(gate_inputs)
        r, u = array_ops.split(value=value, num_or_size_splits=2, axis=1)
        r_state = r * state
        candidate = math_ops.matmul(array_ops.concat([inputs, r_state], 1), self._candidate_kernel)
        candidate = nn_ops.bias_add(candidate, self._candidate_bias)
        c = self._activation(candidate)
        new_h = u * state + (1 - u) * c
        return new_h, new_h

    def get_config(self) -> dict:
        return {**super().get_config(), "num_units": self._num_units, "reuse": self._reuse}


class BasicLSTMCell(LayerRNNCell):
    """The basic LSTM cell (no peepholes, clipping or projection); TF recommends ``LSTMCell``.

    ``forget_bias`` (1.0) is added to the forget gate at every step. The state is an
    ``LSTMStateTuple(c, h)``, or with ``state_is_tuple=False`` the two concatenated.

    >>> import scopeflow as tf
    >>> cell = tf.nn.rnn_cell.BasicLSTMCell(4)
    >>> h, state = cell(tf.zeros([2, 3]), cell.zero_state(2, tf.float32))
    >>> h.name, state.c.name, cell.variables[0].shape.as_list()
    ('basic_lstm_cell/Mul_2:0', 'basic_lstm_cell/Add_1:0', [7, 16])
    """

    def __init__(self, num_units, forget_bias=1.0, state_is_tuple=True, activation=None, reuse=None, name=None,
                 dtype=None, **kwargs):
        super().__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        check_supported_dtype(self.dtype)
        self.input_spec = InputSpec(ndim=2)
        self._num_units = num_units
        self._forget_bias = forget_bias
        self._state_is_tuple = state_is_tuple
        self._activation = activation_or_tanh(activation)

    @property
    def state_size(self):
        units = self._num_units
        return LSTMStateTuple(units, units) if self._state_is_tuple else 2 * units

    @property
    def output_size(self):
        return self._num_units

    def build(self, input_shape):
        input_depth = known_input_shape(input_shape)[-1]
        check_supported_dtype(self.dtype)
        units = self._num_units
        self._kernel = self.add_weight("kernel", shape=[input_depth + units, 4 * units])
        self._bias = self.add_weight("bias", shape=[4 * units],
                                     initializer=initializers.zeros_initializer(dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        check_input_dtypes([inputs, state])
        one = constant(1, dtype=dtypes.int32)
        if self._state_is_tuple:
            c, h = state
        else:
            c, h = array_ops.split(value=state, num_or_size_splits=2, axis=one)
        gate_inputs = math_ops.matmul(array_ops.concat([inputs, h], 1), self._kernel)
        gate_inputs = nn_ops.bias_add(gate_inputs, self._bias)
        i, j, f, o = array_ops.split(value=gate_inputs, num_or_size_splits=4, axis=one)  # input, new, forget, out
        forget_bias_tensor = constant(self._forget_bias, dtype=f.dtype)
        add, multiply, sigmoid = math_ops.add, math_ops.multiply, math_ops.sigmoid
        new_c = add(multiply(c, sigmoid(add(f, forget_bias_tensor))), multiply(sigmoid(i), self._activation(j)))
        new_h = multiply(self._activation(new_c), sigmoid(o))
        new_state = LSTMStateTuple(new_c, new_h) if self._state_is_tuple else array_ops.concat([new_c, new_h], 1)
        return new_h, new_state

    def get_config(self) -> dict:
        return {**super().get_config(), "num_units": self._num_units, "forget_bias": self._forget_bias,
                "state_is_tuple": self._state_is_tuple, "reuse": self._reuse}

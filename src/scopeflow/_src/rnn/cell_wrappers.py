"""``DropoutWrapper``, ``ResidualWrapper`` and ``DeviceWrapper``: cells around a cell.

A wrapper is an ``RNNCell`` that never enters a scope of its own: ``wrapper(x, state)``
calls the wrapped cell's ``__call__`` directly (tf-keras's ``_RNNCellWrapperV1``), so the
variables stay the wrapped cell's (``rnn/basic_lstm_cell/kernel``, no ``dropout_wrapper``
level) and the wrapper's own ops (``dropout/...``, the residual ``add``) go to the name scope
it was called in. Its ``state_size``/``output_size`` are the wrapped cell's, and its
``zero_state`` is the wrapped cell's inside ``<Wrapper>ZeroState/``.

``DropoutWrapper`` converts its keep probabilities at construction under
``DropoutWrapperInit/`` (three ``Const`` ops, as TensorFlow) and builds no dropout op for a
probability known to be 1. Its random values come from scopeflow's generator, not TF's:
the same seeds give other masks than TensorFlow's (the seeds per leaf are TF's, salted by
``_gen_seed``).
"""

from __future__ import annotations

import numbers

from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import device, name_scope
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.framework.tensor_util import constant_value
from scopeflow._src.ops import array_ops, math_ops, nn_ops
from scopeflow._src.ops.random.random_ops import random_uniform
from scopeflow._src.rnn import structure
from scopeflow._src.rnn.cell_base import LSTMStateTuple, RNNCell, assert_like_rnncell


class RNNCellWrapper(RNNCell):
    """The wrappers' base (tf-keras's ``_RNNCellWrapperV1``): the wrapped ``cell``'s sizes and
    zero state; subclasses define ``_call_wrapped_cell``."""

    def __init__(self, cell, *args, **kwargs):
        super().__init__(*args, **kwargs)
        assert_like_rnncell("cell", cell)
        self.cell = cell

    def _call_wrapped_cell(self, inputs, state, cell_call_fn, **kwargs):
        raise NotImplementedError

    def __call__(self, inputs, state, scope=None):
        """Run the wrapped cell's ``__call__`` (its scopes, not the wrapper's) and wrap it."""
        return self._call_wrapped_cell(inputs, state, cell_call_fn=self.cell.__call__, scope=scope)

    @property
    def state_size(self):
        return self.cell.state_size

    @property
    def output_size(self):
        return self.cell.output_size

    def zero_state(self, batch_size, dtype):
        with name_scope(type(self).__name__ + "ZeroState"):
            return self.cell.zero_state(batch_size, dtype)

    def get_config(self) -> dict:
        cell = {"class_name": type(self.cell).__name__, "config": self.cell.get_config()}
        return {**super().get_config(), "cell": cell}


def default_dropout_state_filter_visitor(substate):
    """Drop out every state leaf except the memory ``c`` of an ``LSTMStateTuple``."""
    if isinstance(substate, LSTMStateTuple):
        return LSTMStateTuple(c=False, h=True)
    return True


def _should_dropout(keep_prob) -> bool:
    return not isinstance(keep_prob, float) or keep_prob < 1


class DropoutWrapper(RNNCellWrapper):
    """Dropout on a cell's inputs, outputs and (except LSTM memory) new states.

    Probabilities are floats in ``[0, 1]`` or scalar tensors; with ``variational_recurrent``
    one noise tensor per leaf is drawn at construction and reused at every step (Gal and
    Ghahramani, 2016), which needs ``dtype`` (and ``input_size`` for input dropout).

    >>> import scopeflow as tf
    >>> cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicRNNCell(2), output_keep_prob=0.5)
    >>> out, _ = cell(tf.zeros([1, 3]), cell.zero_state(1, tf.float32))
    >>> out.name
    'dropout/SelectV2:0'
    """

    def __init__(self, cell, input_keep_prob=1.0, output_keep_prob=1.0, state_keep_prob=1.0,
                 variational_recurrent=False, input_size=None, dtype=None, seed=None,
                 dropout_state_filter_visitor=None, **kwargs):
        super().__init__(cell, dtype=dtype, **kwargs)
        if dropout_state_filter_visitor is not None and not callable(dropout_state_filter_visitor):
            raise TypeError(f"dropout_state_filter_visitor must be callable. Received: "
                            f"{dropout_state_filter_visitor}")
        self._dropout_state_filter = dropout_state_filter_visitor or default_dropout_state_filter_visitor
        with name_scope("DropoutWrapperInit"):
            for prob, attr in ((input_keep_prob, "input_keep_prob"), (state_keep_prob, "state_keep_prob"),
                               (output_keep_prob, "output_keep_prob")):
                tensor_prob = convert_to_tensor(prob)
                const_prob = constant_value(tensor_prob)
                if const_prob is not None:
                    if const_prob < 0 or const_prob > 1:
                        raise ValueError(f"Parameter {attr} must be between 0 and 1. Received {const_prob}")
                    setattr(self, f"_{attr}", float(const_prob))
                else:
                    setattr(self, f"_{attr}", tensor_prob)
        self._variational_recurrent = variational_recurrent
        self._input_size = input_size
        self._seed = seed
        self._recurrent_input_noise = self._recurrent_state_noise = self._recurrent_output_noise = None
        if variational_recurrent:
            self._make_recurrent_noise(cell, input_size, dtype)

    def _make_recurrent_noise(self, cell, input_size, dtype):
        if dtype is None:
            raise ValueError("When variational_recurrent=True, dtype must be provided")

        def batch_noise(kind):
            def noise(i, size):
                shape = array_ops.concat(([1], TensorShape(size).as_list()), 0)  # one mask for the whole batch
                return random_uniform(shape, seed=self._gen_seed(kind, i), dtype=dtype)
            return noise

        if not isinstance(self._input_keep_prob, numbers.Real) or self._input_keep_prob < 1.0:
            if input_size is None:
                raise ValueError("When variational_recurrent=True and input_keep_prob < 1.0 or is unknown, "
                                 "input_size must be provided")
            self._recurrent_input_noise = structure.enumerated_map_structure_up_to(
                input_size, batch_noise("input"), input_size)
        self._recurrent_state_noise = structure.enumerated_map_structure_up_to(
            cell.state_size, batch_noise("state"), cell.state_size)
        self._recurrent_output_noise = structure.enumerated_map_structure_up_to(
            cell.output_size, batch_noise("output"), cell.output_size)

    def _gen_seed(self, salt_prefix, index):
        """TensorFlow's per-leaf seed: the first 31 bits of md5(seed + salt)."""
        if self._seed is None:
            return None
        import hashlib  # loaded on first use: hashlib costs import time (tests/design/test_import.py)

        salt = f"{salt_prefix}_{index}"
        return int(hashlib.md5((str(self._seed) + salt).encode("utf-8")).hexdigest()[:8], 16) & 0x7FFFFFFF

    @property
    def wrapped_cell(self):
        return self.cell

    def build(self, input_shape):
        self.cell.build(input_shape)
        self.built = True

    def _dropout(self, values, salt_prefix, recurrent_noise, keep_prob, shallow=None):
        """Dropout on each leaf of ``values`` that ``shallow`` marks (all when ``None``)."""
        if shallow is None:
            shallow = values
        if not self._variational_recurrent:
            def dropout(i, do_dropout, v):
                if not isinstance(do_dropout, bool) or do_dropout:
                    return nn_ops.dropout_v2(v, rate=1.0 - keep_prob, seed=self._gen_seed(salt_prefix, i))
                return v
            return structure.enumerated_map_structure_up_to(shallow, dropout, shallow, values)

        def variational(i, do_dropout, v, noise):
            if not isinstance(do_dropout, bool) or do_dropout:
                binary = math_ops.floor(keep_prob + noise)  # 1 with probability keep_prob
                ret = math_ops.divide(v, keep_prob) * binary
                ret.set_shape(v.shape)
                return ret
            return v
        return structure.enumerated_map_structure_up_to(shallow, variational, shallow, values, recurrent_noise)

    def _call_wrapped_cell(self, inputs, state, cell_call_fn, **kwargs):
        if _should_dropout(self._input_keep_prob):
            inputs = self._dropout(inputs, "input", self._recurrent_input_noise, self._input_keep_prob)
        output, new_state = cell_call_fn(inputs, state, **kwargs)
        if _should_dropout(self._state_keep_prob):
            shallow = structure.get_traverse_shallow_structure(self._dropout_state_filter, new_state)
            new_state = self._dropout(new_state, "state", self._recurrent_state_noise, self._state_keep_prob,
                                      shallow)
        if _should_dropout(self._output_keep_prob):
            output = self._dropout(output, "output", self._recurrent_output_noise, self._output_keep_prob)
        return output, new_state

    def get_config(self) -> dict:
        return {**super().get_config(), "input_keep_prob": self._input_keep_prob,
                "output_keep_prob": self._output_keep_prob, "state_keep_prob": self._state_keep_prob,
                "variational_recurrent": self._variational_recurrent, "input_size": self._input_size,
                "seed": self._seed}


class ResidualWrapper(RNNCellWrapper):
    """Adds the cell's inputs to its outputs (or applies ``residual_fn(inputs, outputs)``).

    >>> import scopeflow as tf
    >>> cell = tf.nn.rnn_cell.ResidualWrapper(tf.nn.rnn_cell.BasicRNNCell(3))
    >>> out, _ = cell(tf.zeros([1, 3]), cell.zero_state(1, tf.float32))
    >>> out.name
    'add:0'
    """

    def __init__(self, cell, residual_fn=None, **kwargs):
        super().__init__(cell, **kwargs)
        self._residual_fn = residual_fn

    def _call_wrapped_cell(self, inputs, state, cell_call_fn, **kwargs):
        outputs, new_state = cell_call_fn(inputs, state, **kwargs)
        return (self._residual_fn or _default_residual_fn)(inputs, outputs), new_state


def _default_residual_fn(inputs, outputs):
    structure.assert_same_structure(inputs, outputs)
    structure.map_structure(lambda i, o: i.shape.assert_is_compatible_with(o.shape), inputs, outputs)
    return structure.map_structure(lambda i, o: i + o, inputs, outputs)


class DeviceWrapper(RNNCellWrapper):
    """Builds the wrapped cell's ops (and zero state) under ``tf.device(device)``.

    >>> import scopeflow as tf
    >>> cell = tf.nn.rnn_cell.DeviceWrapper(tf.nn.rnn_cell.BasicRNNCell(2), "/cpu:0")
    >>> out, _ = cell(tf.zeros([1, 3]), cell.zero_state(1, tf.float32))
    >>> out.device
    '/device:CPU:0'
    """

    def __init__(self, cell, device, **kwargs):
        super().__init__(cell, **kwargs)
        self._device = device

    def zero_state(self, batch_size, dtype):
        with name_scope(type(self).__name__ + "ZeroState"), device(self._device):
            return self.cell.zero_state(batch_size, dtype)

    def _call_wrapped_cell(self, inputs, state, cell_call_fn, **kwargs):
        with device(self._device):
            return cell_call_fn(inputs, state, **kwargs)

    def get_config(self) -> dict:
        return {**super().get_config(), "device": self._device}

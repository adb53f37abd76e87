"""``RNNCell`` and ``LayerRNNCell``: the protocol every TF1 RNN cell follows, and ``zero_state``.

A cell is a ``tf.layers.Layer`` called as ``output, new_state = cell(inputs, state)``,
with ``state_size`` and ``output_size`` (an int, a ``TensorShape`` or a nested structure of
them, such as ``LSTMStateTuple(c=4, h=4)``) that ``static_rnn`` (and a future
``dynamic_rnn`` loop body) read to build zero states and zero outputs. This is tf-keras's
``legacy_cells`` module (what ``tf.compat.v1.nn.rnn_cell`` is with ``TF_USE_LEGACY_KERAS=1``):

* ``RNNCell.__call__`` enters a variable scope with a custom getter that records the
  variables a cell creates with ``get_variable`` in its ``call`` (the old cell style;
  ``MultiRNNCell`` and the wrappers go this way). Without ``scope`` it captures the current
  variable scope on the first call and re-enters it on every later call, which opens a
  name scope of its last component: that is why TensorFlow's ops of a ``MultiRNNCell``
  inside ``static_rnn`` are named ``rnn/rnn/multi_rnn_cell/...`` while its variables are
  ``rnn/multi_rnn_cell/...``;
* ``LayerRNNCell`` skips that and is a plain layer: weights made once in ``build``.

``zero_state`` builds TensorFlow's ops exactly, including the two unused ``Const`` ops per
state that ``_concat(..., static=True)`` leaves behind (``BasicLSTMCellZeroState/Const_2``).
"""

from __future__ import annotations

import collections

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.framework.tensor_util import constant_value
from scopeflow._src.layers.base import Layer
from scopeflow._src.ops import array_ops
from scopeflow._src.rnn import structure
from scopeflow._src.variables.collections import trainable_variables
from scopeflow._src.variables.variable_scope import get_variable_scope, variable_scope


def concat_shape(prefix, suffix, static=False):
    """TensorFlow's ``rnn_cell_impl._concat``: ``prefix`` (the batch size: an int, a
    ``TensorShape`` or a scalar/vector tensor) followed by ``suffix``, as an ``int32`` tensor,
    or with ``static=True`` as a list with ``None`` for unknown dimensions (or ``None``)."""
    p, p_static = _shape_part(prefix, "Prefix")
    s, s_static = _shape_part(suffix, "suffix")
    if static:
        shape = TensorShape(p_static).concatenate(s_static)
        return shape.as_list() if shape.ndims is not None else None
    if p is None or s is None:
        raise ValueError(f"Prefix or suffix can't be None. Received prefix = {prefix} and suffix = {suffix}")
    return array_ops.concat((p, s), 0)


def _shape_part(part, what):
    """The tensor (built now, as TensorFlow does even when only the static value is used)
    and the static value of one side of ``concat_shape``."""
    if isinstance(part, Tensor):
        static = constant_value(part)
        if part.shape.ndims == 0:
            part = array_ops.expand_dims(part, 0)
        elif part.shape.ndims != 1:
            raise ValueError(f"{what} tensor must be either a scalar or vector, but received tensor: {part}")
        return part, static
    shape = TensorShape(part)
    static = shape.as_list() if shape.ndims is not None else None
    return (constant(shape.as_list(), dtype=dtypes.int32) if shape.is_fully_defined() else None), static


def zero_state_tensors(state_size, batch_size, dtype):
    """Zeros of shape ``[batch_size] + s`` for each ``s`` in the structure ``state_size``."""
    def zeros_for(size):
        zeros = array_ops.zeros(concat_shape(batch_size, size), dtype=dtype)
        zeros.set_shape(concat_shape(batch_size, size, static=True))
        return zeros
    return structure.map_structure(zeros_for, state_size)


def check_supported_dtype(dtype) -> None:
    """TF's cells compute ``tanh``/``sigmoid``, so only floating and complex dtypes pass."""
    if dtype is None:
        return
    dtype = dtypes.as_dtype(dtype)
    if not (dtype.is_floating or dtype.is_complex):
        raise ValueError(f"RNN cell only supports floating point inputs, but received dtype: {dtype}")


def check_input_dtypes(values) -> None:
    """``check_supported_dtype`` for each tensor of a nested ``values`` (inputs and state)."""
    for t in structure.flatten(values):
        check_supported_dtype(t.dtype)


def known_input_shape(input_shape) -> tuple:
    """``build``'s shape as the tuple tf-keras's ``shape_type_conversion`` passes, the last
    dimension required (the kernel's row count depends on it)."""
    shape = tuple(TensorShape(input_shape).as_list())
    if shape[-1] is None:
        raise ValueError(f"Expected inputs.shape[-1] to be known, received shape: {shape}")
    return shape


class LSTMStateTuple(collections.namedtuple("LSTMStateTuple", ("c", "h"))):
    """The ``(c, h)`` state of the LSTM cells (cell state, then output), also their ``state_size``.

    >>> import scopeflow as tf
    >>> tf.nn.rnn_cell.LSTMStateTuple(c=3, h=3)
    LSTMStateTuple(c=3, h=3)
    """

    __slots__ = ()

    @property
    def dtype(self):
        c, h = self
        if c.dtype != h.dtype:
            raise TypeError(f"Inconsistent dtypes for internal state: {c.dtype} vs {h.dtype}")
        return c.dtype


def _has(obj, name) -> bool:
    try:
        getattr(obj, name)
    except AttributeError:
        return False
    return True


def assert_like_rnncell(cell_name, cell) -> None:
    """TensorFlow's ``TypeError`` unless ``cell`` has ``output_size``, ``state_size``, a
    ``zero_state`` (or ``get_initial_state``) and is callable."""
    missing = [message for message, ok in (
        ("'output_size' property is missing", _has(cell, "output_size")),
        ("'state_size' property is missing", _has(cell, "state_size")),
        ("either 'zero_state' or 'get_initial_state' method is required",
         _has(cell, "get_initial_state") or _has(cell, "zero_state")),
        ("is not callable", callable(cell))) if not ok]
    if missing:
        raise TypeError(f"The argument {cell_name!r} ({cell}) is not an RNNCell: {', '.join(missing)}.")


class RNNCell(Layer):
    """The abstract RNN cell: ``(output, new_state) = cell(inputs, state)``.

    Subclasses define ``state_size``, ``output_size`` and ``call(inputs, state)``; they may
    create variables with ``tf.get_variable`` inside ``call`` (they are recorded in the
    cell's weights), or define ``build`` as ``LayerRNNCell`` does.

    >>> import scopeflow as tf
    >>> cell = tf.nn.rnn_cell.BasicRNNCell(3)
    >>> state = cell.zero_state(2, tf.float32)
    >>> state.name, state.shape.as_list()
    ('BasicRNNCellZeroState/zeros:0', [2, 3])
    """

    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        super().__init__(trainable=trainable, name=name, dtype=dtype, **kwargs)
        self._is_tf_rnn_cell = True

    def __call__(self, inputs, state, scope=None):
        """Run the cell on ``inputs`` from ``state``; returns ``(output, new_state)``."""
        if scope is not None:
            with variable_scope(scope, custom_getter=self._rnn_get_variable) as scope:
                return super().__call__(inputs, state, scope=scope)
        scope = getattr(self, "rnncell_scope", None)
        if scope is None:
            scope = variable_scope(get_variable_scope(), custom_getter=self._rnn_get_variable)
            self.rnncell_scope = scope
        with scope:
            return super().__call__(inputs, state)

    def _rnn_get_variable(self, getter, *args, **kwargs):
        """Record each variable the cell's ``call`` gets, in its trainable or other weights."""
        variable = getter(*args, **kwargs)
        trainable = any(variable is v for v in trainable_variables())
        weights = self._trainable_weights if trainable else self._non_trainable_weights
        if all(variable is not v for v in weights):
            weights.append(variable)
        return variable

    @property
    def state_size(self):
        """The size(s) of the state: an int, a ``TensorShape`` or a nested structure of them."""
        raise NotImplementedError("Abstract method")

    @property
    def output_size(self):
        """The size of the output: an int or a ``TensorShape``."""
        raise NotImplementedError("Abstract method")

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        """``zero_state``, taking the batch size and dtype from ``inputs`` when given."""
        if inputs is not None:
            inputs = convert_to_tensor(inputs, name="inputs")
            if batch_size is not None:
                static_batch_size = constant_value(batch_size, partial=True) if isinstance(batch_size, Tensor) \
                    else batch_size
                if inputs.shape.dims[0].value != static_batch_size:
                    raise ValueError(f"batch size from input tensor is different from the input param. Input "
                                     f"tensor batch: {inputs.shape.dims[0].value}, batch_size: {batch_size}")
            if dtype is not None and inputs.dtype != dtype:
                raise ValueError(f"dtype from input tensor is different from the input param. Input tensor "
                                 f"dtype: {inputs.dtype}, dtype: {dtype}")
            batch_size = inputs.shape.dims[0].value or array_ops.shape(inputs)[0]
            dtype = inputs.dtype
        if batch_size is None or dtype is None:
            raise ValueError(f"batch_size and dtype cannot be None while constructing initial state: "
                             f"batch_size={batch_size}, dtype={dtype}")
        return self.zero_state(batch_size, dtype)

    def zero_state(self, batch_size, dtype):
        """Zeros shaped ``[batch_size] + s`` for each ``s`` of ``state_size``, under
        ``<CellClass>ZeroState/``."""
        state_size = self.state_size
        with name_scope(type(self).__name__ + "ZeroState"):
            return zero_state_tensors(state_size, batch_size, dtype)


class LayerRNNCell(RNNCell):
    """An ``RNNCell`` that is a plain layer: weights created once in ``build`` with
    ``add_weight``, never by ``get_variable`` in ``call``."""

    def __call__(self, inputs, state, scope=None, *args, **kwargs):
        """Run the cell as a layer (no variable capturing): ``(output, new_state)``."""
        return Layer.__call__(self, inputs, state, *args, scope=scope, **kwargs)

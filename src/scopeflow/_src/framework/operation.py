"""``Operation`` and ``Tensor``: the nodes and edges of a graph.

Both are created only by ``Graph``; their fields never change after creation except a
tensor's static shape (``set_shape`` may refine it), the consumer lists, and what building a
cond or a loop rewires: an input taken through a ``Switch`` or an ``Enter``, control inputs
on a branch's pivot.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes, registry, tensor_shape
from scopeflow._src.framework import node_def as _node_def
from scopeflow._src.framework.context import default_session
from scopeflow._src.framework.errors import OperatorNotAllowedInGraphError
from scopeflow._src.framework.shape_inference import merge_shapes

_NO_ATTR = object()
_NONE = ()  # shared empty consumer and control lists: most stay empty, and fewer objects means less GC work


class Tensor:
    """A symbolic value: output ``value_index`` of operation ``op``.

    Operators (``+``, ``*``, ``@``, ``[]``, ...) build TensorFlow's ops with TensorFlow's
    names (``x + y`` is an ``AddV2`` op named ``add``). As in TF1 graph mode, ``==`` is
    identity, and a tensor has no truth value.
    """

    __slots__ = ("_op", "_value_index", "_dtype", "_shape", "_consumers", "__weakref__")

    # Set by ops/operators.py; listed here so that readers see the whole surface.
    OVERLOADABLE_OPERATORS = frozenset({
        "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__div__",
        "__rdiv__", "__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__",
        "__mod__", "__rmod__", "__lt__", "__le__", "__gt__", "__ge__", "__ne__", "__eq__",
        "__and__", "__rand__", "__or__", "__ror__", "__xor__", "__rxor__", "__getitem__",
        "__pow__", "__rpow__", "__invert__", "__neg__", "__abs__", "__matmul__", "__rmatmul__",
    })

    def __init__(self, op, value_index, dtype, shape):
        self._op = op
        self._value_index = value_index
        self._dtype = dtype
        self._shape = shape
        self._consumers = _NONE  # a list once the tensor has a consumer

    @property
    def op(self):
        return self._op

    @property
    def graph(self):
        return self._op._graph

    @property
    def name(self) -> str:
        return f"{self._op._name}:{self._value_index}"

    @property
    def value_index(self) -> int:
        return self._value_index

    @property
    def dtype(self):
        return self._dtype

    @property
    def device(self) -> str:
        return self._op.device

    @property
    def shape(self) -> tensor_shape.TensorShape:
        return self._shape

    def get_shape(self) -> tensor_shape.TensorShape:
        return self._shape

    @property
    def ndim(self):
        return self._shape.ndims

    def set_shape(self, shape) -> None:
        """Refine the static shape; raises ``ValueError`` if ``shape`` is incompatible."""
        if type(shape) is tensor_shape.TensorShape and shape._dims == self._shape._dims:
            return  # nothing to refine (the common case when gradients are given their inputs' shapes)
        try:
            self._shape = merge_shapes(self._shape, tensor_shape.as_shape(shape))
        except ValueError as e:
            raise ValueError(str(e)) from None

    def consumers(self) -> list:
        """The operations that take this tensor as an input, in creation order."""
        return list(self._consumers)

    def eval(self, feed_dict=None, session=None):
        """Run the default (or given) session to compute this tensor's value."""
        return _session_for(self.graph, session, "evaluate tensor").run(self, feed_dict)

    def experimental_ref(self):
        return self.ref()

    def ref(self):
        return _Reference(self)

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    def __bool__(self):
        _disallow("Using a symbolic `tf.Tensor` as a Python `bool`")

    def __len__(self):
        raise TypeError(
            f"len is not well defined for a symbolic Tensor ({self.name}). Please call `x.shape` "
            f"rather than `len(x)` for shape information.")

    def __iter__(self):
        _disallow("Iterating over a symbolic `tf.Tensor`")

    def __array__(self, dtype=None, copy=None):
        raise NotImplementedError(
            f"Cannot convert a symbolic tf.Tensor ({self.name}) to a numpy array. This error may "
            f"indicate that you're trying to pass a Tensor to a NumPy call, which is not supported.")

    __array_priority__ = 100

    def __repr__(self):
        return f"<tf.Tensor '{self.name}' shape={self._shape} dtype={self._dtype.name}>"

    def __str__(self):
        shape = f", shape={self._shape}" if self._shape.ndims is not None else ""
        dtype = f", dtype={self._dtype.name}" if self._dtype else ""
        device = f", device={self.device}" if self.device else ""
        return f'Tensor("{self.name}"{shape}{dtype}{device})'


def _disallow(task):
    """TensorFlow 2.21's words for a Python operation a graph tensor cannot support (in graph
    mode too they are AutoGraph's)."""
    raise OperatorNotAllowedInGraphError(
        f"{task} is not allowed. You can attempt the following resolutions to the problem: If you are running in "
        "Graph mode, use Eager execution mode or decorate this function with @tf.function. If you are using "
        "AutoGraph, you can try decorating this function with @tf.function. If that does not work, then you may be "
        "using an unsupported feature or your source code may not be visible to AutoGraph. See "
        "https://github.com/tensorflow/tensorflow/blob/master/tensorflow/python/autograph/g3doc/reference/"
        "limitations.md#access-to-source-code for more information.")


class SymbolicTensor(Tensor):
    """The class of every graph tensor (TensorFlow's name for it: ``type(t).__name__`` is
    ``SymbolicTensor``, while ``isinstance(t, tf.Tensor)`` holds). Code that checks for a
    tensor's exact type, on hot paths, checks for this one."""

    __slots__ = ()


class _Reference:
    """A hashable handle comparing by the identity of its tensor (``Tensor.ref()``)."""

    __slots__ = ("_wrapped",)

    def __init__(self, wrapped):
        self._wrapped = wrapped

    def deref(self):
        return self._wrapped

    def __eq__(self, other):
        return isinstance(other, _Reference) and self._wrapped is other._wrapped

    def __hash__(self):
        return id(self._wrapped)


class Operation:
    """A node of the graph: its TF ``type``, ``inputs``, ``outputs`` and ``attrs``."""

    __slots__ = ("_graph", "_name", "_type", "_inputs", "_control_inputs", "_outputs",
                 "_attrs", "_id", "_device", "_control_outputs", "_control_flow_context", "__weakref__")

    def __init__(self, graph, op_id, name, op_type, inputs, control_inputs, attrs, outputs, device):
        self._graph = graph
        self._id = op_id
        self._name = name
        self._type = op_type
        self._inputs = tuple(inputs)
        self._control_inputs = control_inputs
        self._attrs = attrs
        self._device = device
        self._control_outputs = _NONE  # a list once an op depends on this one
        self._control_flow_context = None  # the cond branch or loop body it was built in
        if len(outputs) == 1:  # most ops; a comprehension would cost more than the Tensor itself
            dt, sh = outputs[0]
            self._outputs = [SymbolicTensor(self, 0, dt, sh)]
        else:
            self._outputs = [SymbolicTensor(self, i, dt, sh) for i, (dt, sh) in enumerate(outputs)]

    @property
    def name(self) -> str:
        return self._name

    @property
    def type(self) -> str:
        return self._type

    @property
    def graph(self):
        return self._graph

    @property
    def inputs(self) -> tuple:
        return self._inputs

    @property
    def outputs(self) -> list:
        return list(self._outputs)

    def values(self) -> tuple:
        return tuple(self._outputs)

    @property
    def control_inputs(self) -> list:
        return list(self._control_inputs)

    @property
    def _control_outputs_list(self) -> list:
        return list(self._control_outputs)

    @property
    def device(self) -> str:
        return self._device

    @property
    def node_def(self):
        """The op as a ``NodeDef`` protocol buffer (its attributes' defaults included)."""
        return _node_def.node_def(self)

    def _set_device(self, device: str) -> None:
        self._device = device

    @property
    def _output_types(self):
        return [t.dtype for t in self._outputs]

    def get_attr(self, name: str):
        """The value of attribute ``name``, its op type's default when the op did not set it, as
        TensorFlow returns it: a ``DType``, ``int``, ``bool``, ``float`` (float32-rounded),
        ``bytes``, ``list``, ``TensorShapeProto`` or ``TensorProto``.

        >>> import scopeflow as tf
        >>> y = tf.nn.conv2d(tf.ones([1, 4, 4, 1]), tf.ones([2, 2, 1, 1]), [1, 1, 1, 1], "SAME")
        >>> y.op.get_attr("padding"), y.op.get_attr("dilations"), y.op.get_attr("T")
        (b'SAME', [1, 1, 1, 1], tf.float32)
        """
        value = self._attrs.get(name, _NO_ATTR)
        opdef = registry.find(self._type)
        defaults = opdef.defaults if opdef is not None else {}
        if value is _NO_ATTR or name.startswith("_") and opdef is not None and name in _node_def.private_attrs(opdef):
            value = defaults.get(name, _NO_ATTR)
            if value is _NO_ATTR:
                raise ValueError(f"Operation '{self._name}' has no attr named '{name}'.")
        if type(value) is bool or isinstance(value, dtypes.DType):  # most attrs: T, dtype, transpose_a
            return value
        return _node_def.python_value(value, defaults.get(name))

    def colocation_groups(self) -> list:
        """The ``loc:@name`` groups this op is placed with: its ``_class`` attribute, else itself."""
        groups = [g for g in self._attrs.get("_class", ()) if g.startswith(b"loc:@")]
        return groups or [f"loc:@{self._name}".encode()]

    def _set_attr(self, name: str, value) -> None:
        self._attrs[name] = value
        self._graph._node_defs.pop((self, False), None)  # as_graph_def's serialized nodes are stale
        self._graph._node_defs.pop((self, True), None)

    @property
    def _attr_names(self):
        return list(self._attrs)

    def _add_control_input(self, op) -> None:
        if op not in self._control_inputs:
            self._control_inputs = list(self._control_inputs) + [op]
            op._add_control_output(self)

    def _add_control_output(self, op) -> None:
        if self._control_outputs:
            self._control_outputs.append(op)
        else:
            self._control_outputs = [op]

    def _add_control_inputs(self, ops) -> None:
        for op in ops:
            self._add_control_input(op)

    def _remove_all_control_inputs(self) -> None:
        for op in self._control_inputs:
            op._control_outputs.remove(self)
        self._control_inputs = _NONE

    def _update_input(self, index: int, tensor) -> None:
        """Make ``tensor`` input ``index`` (a cond or loop routes an outside value in)."""
        old = self._inputs[index]  # a dtype that does not fit fails when the graph runs, as in TF
        self._inputs = self._inputs[:index] + (tensor,) + self._inputs[index + 1:]
        old._consumers.remove(self)  # once per input it fed, as the lists were filled
        if tensor._consumers:
            tensor._consumers.append(self)
        else:
            tensor._consumers = [self]

    def _get_control_flow_context(self):
        return self._control_flow_context

    def _set_control_flow_context(self, ctx) -> None:
        self._control_flow_context = ctx

    def run(self, feed_dict=None, session=None) -> None:
        """Run this operation in the default (or given) session."""
        _session_for(self._graph, session, "execute operation").run(self, feed_dict)

    def __repr__(self):
        return f"<tf.Operation '{self._name}' type={self._type}>"

    def __str__(self):
        return str(_node_def.node_def(self))


def _session_for(graph, session, what: str):
    """The session ``Tensor.eval``/``Operation.run`` use, with TensorFlow's errors."""
    noun, call = ("tensor", "eval") if what == "evaluate tensor" else ("operation", "run")
    if session is None:
        session = default_session()
        if session is None:
            raise ValueError(
                f"Cannot {what} using `eval()`: No default session is registered. Use `with "
                f"sess.as_default()` or pass an explicit session to `eval(session=sess)`"
                if noun == "tensor" else
                "Cannot execute operation using `run()`: No default session is registered. Use "
                "`with sess.as_default():` or pass an explicit session to `run(session=sess)`")
        if session.graph is not graph:
            hint = "`eval(session=sess)`." if noun == "tensor" else "run(session=sess)."
            raise ValueError(f"Cannot use the default session to {what}: the {noun}'s graph is different from "
                             f"the session's graph. Pass an explicit session to {hint}")
    elif session.graph is not graph:
        raise ValueError(f"Cannot use the given session to {what}: the {noun}'s graph is different from the "
                         f"session's graph.")
    return session

"""``tf.TensorArray``: TensorFlow's v1 TensorArray, the list of tensors a loop writes one
element of per iteration (``TensorArrayV3`` and the ``TensorArray*V3`` ops on its handle).

In a graph a TensorArray is a handle (the resource a run creates) and a *flow*: a float
scalar each write returns and each read takes, so that reads run after the writes they
follow. The Python ``TensorArray`` is immutable: ``write``, ``scatter``, ``unstack`` and
``split`` return a new one with the new flow. A loop carries TensorArrays as their flows.
At run time the handle is a ``TensorArrayValue``; its gradient arrays (``grad``) are made
on first use per ``tf.gradients`` call, and add up writes to one index.
"""

from __future__ import annotations

import contextlib
import itertools

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import colocate_with, control_dependencies, device, name_scope
from scopeflow._src.framework.op_builder import create, create_output, type_string
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import SCALAR, UNKNOWN, TensorShape, as_shape, unknown_shape
from scopeflow._src.ops.array.creation import range as range_
from scopeflow._src.ops.array.identity import identity
from scopeflow._src.ops.array.shapes import shape as shape_of
from scopeflow._src.ops.common.lowering import StaticValueError, TracedState, static
from scopeflow._src.ops.math.cast import cast

_COUNTER = itertools.count()  # TF names each run's array "<op name>_<N>", N counting process-wide


class TensorArrayValue:
    """One run's TensorArray: its elements (``None`` where not written), and TF's rules."""

    __slots__ = ("name", "dtype", "elements", "dynamic_size", "clear_after_read", "element_shape",
                 "identical_shapes", "aggregate", "grads", "cleared")

    def __init__(self, name, dtype, size, dynamic_size, clear_after_read, element_shape, identical_shapes,
                 aggregate=False):
        self.name = name
        self.dtype = dtype
        self.elements = [None] * size
        self.dynamic_size = dynamic_size
        self.clear_after_read = clear_after_read
        self.element_shape = element_shape  # a TensorShape: what unwritten elements read as, when fully known
        self.identical_shapes = identical_shapes
        self.aggregate = aggregate  # a gradient array: writes to one index add up
        self.grads = {}
        self.cleared = set()

    def fail(self, op, message):
        raise errors.InvalidArgumentError(None, op, f"TensorArray {self.name}: {message}")

    def write(self, op, index, value):
        if value.dtype != self.dtype.as_numpy_dtype and not (self.dtype == dtypes.string and value.dtype == object):
            raise errors.InvalidArgumentError(
                None, op, f"TensorArray dtype is {type_string(self.dtype)} but Op is trying to write dtype "
                          f"{type_string(dtypes.as_dtype(value.dtype))}.")
        index = int(index)
        if not self.element_shape.is_compatible_with(value.shape):
            self.fail(op, f"Could not write to TensorArray index {index} because the value shape is "
                          f"{list(value.shape)} which is incompatible with the TensorArray's inferred element shape: "
                          f"{_shape_text(self.element_shape)} (consider setting infer_shape=False).")
        if index < 0 or (index >= len(self.elements) and not self.dynamic_size):
            self.fail(op, f"Tried to write to index {index} but array is not resizeable and size is: "
                          f"{len(self.elements)}")
        if index >= len(self.elements):
            self.elements.extend([None] * (index + 1 - len(self.elements)))
        old = self.elements[index]
        if old is not None:
            if not self.aggregate:
                self.fail(op, f"Could not write to TensorArray index {index} because it has already been written to.")
            value = old + value
        value = self.elements[index] = np.asarray(value)
        if self.identical_shapes and not self.element_shape.is_fully_defined():
            self.element_shape = TensorShape(value.shape)  # what unwritten elements read as from now on

    def read(self, op, index):
        index = int(index)
        if index < 0 or index >= len(self.elements):
            raise errors.InvalidArgumentError(
                None, op, f"Tried to read from index {index} but array size is: {len(self.elements)}")
        if index in self.cleared:
            self.fail(op, f"Could not read index {index} twice because it was cleared after a previous read "
                          f"(perhaps try setting clear_after_read = false?).")
        value = self.elements[index]
        if value is None:
            value = self._zeros(op, index)
        elif self.clear_after_read:
            self.elements[index] = None
            self.cleared.add(index)
        return value

    def _zeros(self, op, index):
        shape = self._known_shape()
        if shape is None:
            self.fail(op, f"Could not read from TensorArray index {index}.  Furthermore, the element shape is not "
                          f"fully defined: {_shape_text(self.element_shape)}.  It is possible you are working with a "
                          f"resizeable TensorArray and stop_gradients is not allowing the gradients to be written.  If "
                          f"you set the full element_shape property on the forward TensorArray, the proper all-zeros "
                          f"tensor will be returned instead of incurring this error.")
        return np.zeros(shape, self.dtype.as_numpy_dtype)

    def _known_shape(self):
        return self.element_shape.as_list() if self.element_shape.is_fully_defined() else None

    def gather(self, op, indices, element_shape):
        if not len(self.elements) and not len(indices):
            shape = element_shape if element_shape.ndims is not None else self.element_shape
            if not shape.is_fully_defined():
                raise errors.UnimplementedError(
                    None, op, f"TensorArray has size zero, but element shape {_shape_text(shape)} is not fully "
                              f"defined. Currently only static shapes are supported when packing zero-size "
                              f"TensorArrays.")
            return np.zeros([0] + shape.as_list(), self.dtype.as_numpy_dtype)
        values = [self.read(op, i) for i in indices.reshape(-1)]
        for i, v in enumerate(values[1:], 1):
            if v.shape != values[0].shape:
                raise errors.InvalidArgumentError(
                    None, op, f"TensorArray has inconsistent shapes.  Index 0 has shape: {list(values[0].shape)} but "
                              f"index {i} has shape: {list(v.shape)}")
        return np.stack(values).reshape(tuple(indices.shape) + values[0].shape) if values else np.zeros(
            [0] + element_shape.as_list(), self.dtype.as_numpy_dtype)

    def scatter(self, op, indices, value):
        indices = indices.reshape(-1)
        if len(indices) and not self.dynamic_size and indices.max() >= len(self.elements):
            raise errors.InvalidArgumentError(
                None, op, f"Max scatter index must be < array size ({indices.max()} vs. {len(self.elements)})")
        for i, v in zip(indices, value):
            self.write(op, i, v)

    def concat(self, op):
        values = [self.read(op, i) for i in range(len(self.elements))]
        lengths = np.array([v.shape[0] for v in values], np.int64)
        if not values:
            return np.zeros([0], self.dtype.as_numpy_dtype), lengths
        return np.concatenate(values), lengths

    def split(self, op, value, lengths):
        if lengths.sum() != value.shape[0]:
            raise errors.InvalidArgumentError(
                None, op, f"Expected sum of lengths to be equal to values.shape[0], but sum of lengths is "
                          f"{lengths.sum()} and value's shape is: {list(value.shape)}")
        if len(lengths) > len(self.elements) and not self.dynamic_size:
            self.fail(op, f"Expected lengths to be a vector of length {len(self.elements)} but saw {len(lengths)}")
        starts = np.concatenate([[0], np.cumsum(lengths)])
        for i in range(len(lengths)):
            self.write(op, i, value[starts[i]:starts[i + 1]])

    def grad(self, source):
        g = self.grads.get(source)
        if g is None:
            known = self._known_shape()
            g = self.grads[source] = TensorArrayValue(
                f"{self.name}@{source}", self.dtype, len(self.elements), False, True,
                TensorShape(known) if known is not None else self.element_shape, self.identical_shapes, aggregate=True)
        return g


class _TracedTensorArray(TracedState):
    """A TensorArray while a JAX step is traced: ``arrays`` is ``[elements]``, one array of
    ``size`` elements of one shape (zeros where nothing was written, as a read of an unwritten
    element gives). What a compiled step cannot hold stays on the host: a dynamic size,
    elements of different shapes. TF's errors of indices are found when compiling where the
    indices are known (constants, outside loops): out of range, an element written twice, read
    twice after ``clear_after_read``, read unwritten with no element shape; the step then runs
    on the host, which raises them. Indices computed in the step are not checked."""

    def __init__(self, jnp, dtype, size, element_shape, identical_shapes, clear_after_read=True, aggregate=False):
        self.jnp, self.dtype, self.size = jnp, dtype, size
        self.identical_shapes, self.aggregate, self.clear_after_read = identical_shapes, aggregate, clear_after_read
        self.grads = {}
        self.arrays = []
        self.shape_known = element_shape.is_fully_defined()  # what an unwritten element reads as
        self.written, self.cleared = set(), set()  # by known indices; ``None``: an index was computed
        if self.shape_known:
            self.arrays = [jnp.zeros((size,) + tuple(element_shape.as_list()), dtype)]

    def empty(self):
        return [self.jnp.zeros(self.arrays[0].shape, self.dtype)]

    def owned(self):
        return self.grads.values()

    def enter_loop(self):
        self.written = self.cleared = None

    def _elements(self, shape=None):
        """The elements, made on the first write of an element of ``shape``."""
        if not self.arrays:
            if shape is None:
                raise StaticValueError("a read of a TensorArray nothing of known shape was written to")
            self.arrays = [self.jnp.zeros((self.size,) + tuple(shape), self.dtype)]
        elements = self.arrays[0]
        if shape is not None and tuple(shape) != elements.shape[1:]:
            raise StaticValueError("TensorArray elements of different shapes")
        return elements

    def _check(self, indices, writing):
        """TF's errors for ``indices`` when they are known (``StaticValueError``: the host raises them)."""
        if not isinstance(indices, np.ndarray | np.generic) or self.written is None:
            self.written = self.cleared = None
            return
        known = [int(i) for i in np.reshape(indices, -1)]
        if any(i < 0 or i >= self.size for i in known):
            raise StaticValueError("a TensorArray index out of range")
        if writing:
            if not self.aggregate and (len(set(known)) < len(known) or self.written.intersection(known)):
                raise StaticValueError("a TensorArray element written twice")
            self.written.update(known)
            self.shape_known = self.shape_known or self.identical_shapes
            return
        if self.cleared.intersection(known) or (self.clear_after_read and len(set(known)) < len(known)):
            raise StaticValueError("a TensorArray element read twice after clear_after_read")
        if not self.shape_known and not self.written.issuperset(known):
            raise StaticValueError("a read of an unwritten TensorArray element of unknown shape")
        if self.clear_after_read:
            self.cleared.update(i for i in known if i in self.written)

    def write(self, index, value):
        self.scatter(self.jnp.reshape(index, (1,)) if not isinstance(index, np.ndarray | np.generic)
                     else np.reshape(index, (1,)), self.jnp.expand_dims(value, 0))

    def scatter(self, indices, value):
        if self.jnp.asarray(value).dtype != self.dtype:
            raise StaticValueError("a value of another dtype written to a TensorArray")
        self._check(indices, writing=True)
        at = self._elements(self.jnp.shape(value)[1:]).at[self.jnp.reshape(indices, (-1,))]
        self.arrays = [at.add(value) if self.aggregate else at.set(value)]

    def read(self, index):
        return self.gather(index, UNKNOWN)

    def gather(self, indices, element_shape):
        self._check(indices, writing=False)
        if not self.arrays and element_shape.is_fully_defined():
            self._elements(element_shape.as_list())
        elements = self._elements()
        if not self.size:  # in a loop of no iterations: read by no run
            return self.jnp.zeros(np.shape(indices) + elements.shape[1:], self.dtype)
        return elements[indices]

    def concat(self):
        self._check(np.arange(self.size), writing=False)
        elements = self._elements()
        if elements.ndim < 2:
            raise StaticValueError("a concat of TensorArray elements that are scalars")
        return self.jnp.reshape(elements, (-1,) + elements.shape[2:]), np.full(self.size, elements.shape[1], np.int64)

    def split(self, value, lengths):
        lengths = static(lengths, "lengths of a TensorArray split")
        if not len(lengths) or lengths.min() != lengths.max() or lengths.sum() != self.jnp.shape(value)[0]:
            raise StaticValueError("a TensorArray split into pieces of different lengths")
        pieces = self.jnp.reshape(value, (len(lengths), int(lengths[0])) + self.jnp.shape(value)[1:])
        self.scatter(np.arange(len(lengths), dtype=np.int32), pieces)

    def grad(self, source):
        g = self.grads.get(source)
        if g is None:
            shape = TensorShape(self.arrays[0].shape[1:]) if self.arrays else UNKNOWN
            g = self.grads[source] = _TracedTensorArray(self.jnp, self.dtype, self.size, shape, self.identical_shapes,
                                                        clear_after_read=True, aggregate=True)
            if self.written is None:
                g.enter_loop()
        return g


def _lower_new(op, jx):
    a = op._attrs

    def new(size):
        if a["dynamic_size"]:
            raise StaticValueError("a TensorArray of dynamic size")
        size = int(static(size, "TensorArray size"))
        return _TracedTensorArray(jx.jnp, a["dtype"].as_numpy_dtype, size, a["element_shape"],
                                  a["identical_element_shapes"], a["clear_after_read"]), np.float32(0)
    return new


def _lowering(method):
    """The lowering of the op calling ``method`` on the handle's ``_TracedTensorArray``."""
    def lower(op, jx):
        if method == "gather":
            element_shape = op._attrs["element_shape"]
            return lambda ta, indices, flow: ta.gather(indices, element_shape)
        if method == "grad":
            source = op._attrs["source"]
            return lambda ta, flow: (ta.grad(source), flow)
        if method == "size":
            return lambda ta, flow: np.int32(ta.size)
        run = getattr(_TracedTensorArray, method)
        if method in ("write", "scatter", "split"):
            return lambda ta, *args: run(ta, *args[:-1]) or args[-1]  # returns flow_in as flow_out
        return lambda ta, *args: run(ta, *args[:-1])
    return lower


def _shape_text(shape) -> str:
    """TensorFlow's ``PartialTensorShape::DebugString``: ``<unknown>``, ``[?,3]``."""
    if shape.ndims is None:
        return "<unknown>"
    return "[" + ",".join("?" if d is None else str(d) for d in shape.as_list()) + "]"


# -- op definitions -------------------------------------------------------------------------------
def _new_factory(op, state):
    a = op._attrs
    name = a.get("tensor_array_name") or op.name

    def new(size):
        value = TensorArrayValue(f"{name}_{next(_COUNTER)}", a["dtype"], int(size), a["dynamic_size"],
                                 a["clear_after_read"], a["element_shape"], a["identical_element_shapes"])
        return value, np.float32(0)
    return new


def _factory(method):
    def factory(op, state):
        if method == "gather":
            element_shape = op._attrs["element_shape"]
            return lambda ta, indices, flow: ta.gather(op, indices, element_shape)
        if method == "grad":
            source = op._attrs["source"]
            return lambda ta, flow: (ta.grad(source), flow)
        if method == "size":
            return lambda ta, flow: np.int32(len(ta.elements))
        run = getattr(TensorArrayValue, method)
        if method in ("write", "scatter", "split"):
            return lambda ta, *args: run(ta, op, *args[:-1]) or args[-1]  # returns flow_in as flow_out
        return lambda ta, *args: run(ta, op, *args[:-1])
    return factory


def _flow_out(inputs, attrs):
    return SCALAR


_RESOURCE = "handle: resource"
registry.register(OpDef("TensorArrayV3", inputs=["size: int32"], outputs=[_RESOURCE, "flow: float32"],
                        shape=lambda inputs, attrs: [TensorShape([2]), SCALAR], factory=_new_factory,
                        lower=_lower_new, stateful=True,
                        defaults={"element_shape": UNKNOWN, "dynamic_size": False, "clear_after_read": True,
                                  "identical_element_shapes": False, "tensor_array_name": ""}))
registry.register(OpDef("TensorArrayWriteV3", inputs=[_RESOURCE, "index: int32", "value: T", "flow_in: float32"],
                        outputs=["flow_out: float32"], shape=_flow_out, factory=_factory("write"),
                        lower=_lowering("write"), stateful=True))
registry.register(OpDef("TensorArrayReadV3", inputs=[_RESOURCE, "index: int32", "flow_in: float32"],
                        outputs=["value: dtype"], shape=lambda inputs, attrs: UNKNOWN, factory=_factory("read"),
                        lower=_lowering("read"),
                        stateful=True))
def _passes_input_on(opdef) -> bool:
    return opdef.forwards_input or opdef.enters_frame or opdef.routes_input


def _gather_shape(inputs, attrs):
    """``[len(indices)] + element shape`` when the array was created with a known element
    shape (TF reads it from the handle, not from the op's own attribute)."""
    op = inputs[0].op
    while _passes_input_on(registry.get(op._type)):  # the handle's way into a loop or a branch
        op = op._inputs[0].op
    element = op._attrs.get("element_shape") if op._type == "TensorArrayV3" else None
    indices = inputs[1].shape
    if indices.ndims != 1 or element is None or element.ndims is None:
        return UNKNOWN
    return TensorShape([indices.as_list()[0]] + element.as_list())


registry.register(OpDef("TensorArrayGatherV3", inputs=[_RESOURCE, "indices: int32", "flow_in: float32"],
                        outputs=["value: dtype"], shape=_gather_shape, factory=_factory("gather"),
                        lower=_lowering("gather"), stateful=True,
                        defaults={"element_shape": UNKNOWN}))
registry.register(OpDef("TensorArrayScatterV3", inputs=[_RESOURCE, "indices: int32", "value: T", "flow_in: float32"],
                        outputs=["flow_out: float32"], shape=_flow_out, factory=_factory("scatter"),
                        lower=_lowering("scatter"), stateful=True))
registry.register(OpDef("TensorArrayConcatV3", inputs=[_RESOURCE, "flow_in: float32"],
                        outputs=["value: dtype", "lengths: int64"],
                        shape=lambda inputs, attrs: [UNKNOWN, TensorShape([None])], factory=_factory("concat"),
                        lower=_lowering("concat"),
                        stateful=True, defaults={"element_shape_except0": UNKNOWN}))
registry.register(OpDef("TensorArraySplitV3", inputs=[_RESOURCE, "value: T", "lengths: int64", "flow_in: float32"],
                        outputs=["flow_out: float32"], shape=_flow_out, factory=_factory("split"),
                        lower=_lowering("split"), stateful=True))
registry.register(OpDef("TensorArraySizeV3", inputs=[_RESOURCE, "flow_in: float32"], outputs=["size: int32"],
                        shape=lambda inputs, attrs: SCALAR, factory=_factory("size"),
                        lower=_lowering("size"), stateful=True))
registry.register(OpDef("TensorArrayCloseV3", inputs=[_RESOURCE], outputs=(), kernel=lambda ta: None,
                        lower=lambda op, jx: lambda ta: None,
                        stateful=True))
registry.register(OpDef("TensorArrayGradV3", inputs=[_RESOURCE, "flow_in: float32"],
                        outputs=["grad_handle: resource", "flow_out: float32"],
                        shape=lambda inputs, attrs: [TensorShape([2]), SCALAR], factory=_factory("grad"),
                        lower=_lowering("grad"),
                        stateful=True))


# -- the Python class -----------------------------------------------------------------------------
class TensorArray:
    """A list of tensors of one dtype that graph ops write and read (TensorFlow's v1 class).

    >>> import scopeflow as tf
    >>> ta = tf.TensorArray(tf.float32, size=2)
    >>> ta = ta.write(0, [1.0, 2.0]).write(1, [3.0, 4.0])
    >>> stacked = ta.stack()
    >>> stacked.name, stacked.shape.as_list()
    ('TensorArrayStack/TensorArrayGatherV3:0', [2, 2])
    """

    def __init__(self, dtype, size=None, dynamic_size=None, clear_after_read=None, tensor_array_name=None,
                 handle=None, flow=None, infer_shape=True, element_shape=None, colocate_with_first_write_call=True,
                 name=None):
        _check_arguments(size, handle, tensor_array_name, element_shape, dynamic_size, clear_after_read)
        self._dynamic_size = dynamic_size or False
        self._dtype = dtypes.as_dtype(dtype).base_dtype
        self._colocate_with_first_write_call = colocate_with_first_write_call
        self._colocate_with = [] if colocate_with_first_write_call else None
        self._element_shape = [as_shape(element_shape)]  # a list: arrays of one handle share it
        self._infer_shape = infer_shape
        self._size = size
        with name_scope(name, "TensorArray", [handle, size, flow]) as scope:
            if handle is not None:
                if flow is None:
                    raise ValueError("flow must not be None if handle is not None.")
                self._handle, self._flow = handle, flow
                return
            attrs = {"dtype": self._dtype, "element_shape": as_shape(element_shape),
                     "dynamic_size": self._dynamic_size,
                     "clear_after_read": True if clear_after_read is None else clear_after_read,
                     "identical_element_shapes": infer_shape, "tensor_array_name": tensor_array_name or ""}
            if colocate_with_first_write_call:
                with device(None), colocate_with(None, ignore_existing=True):
                    op = create("TensorArrayV3", [convert_to_tensor(size, dtypes.int32, name="size")], attrs,
                                name=scope)
            else:
                op = create("TensorArrayV3", [convert_to_tensor(size, dtypes.int32, name="size")], attrs, name=scope)
            self._handle, self._flow = op._outputs

    flow = property(lambda self: self._flow)
    dtype = property(lambda self: self._dtype)
    handle = property(lambda self: self._handle)
    element_shape = property(lambda self: self._element_shape[0])
    dynamic_size = property(lambda self: self._dynamic_size)

    def _loop_value(self):
        """How cond and while_loop carry it: its flow."""
        return self._flow

    def _with_flow(self, flow):
        """This array with a new flow (TF's ``build_ta_with_new_flow``)."""
        ta = TensorArray(dtype=self._dtype, handle=self._handle, flow=flow, infer_shape=self._infer_shape,
                         colocate_with_first_write_call=self._colocate_with_first_write_call)
        ta._dynamic_size = self._dynamic_size
        ta._size = self._size
        ta._colocate_with = self._colocate_with
        ta._element_shape = self._element_shape
        return ta

    def _check_element_shape(self, shape):
        if not shape.is_compatible_with(self.element_shape):
            raise ValueError(f"Inconsistent shapes: saw {shape} but expected {self.element_shape} ")
        if self._infer_shape:
            self._element_shape[0] = self.element_shape.merge_with(shape)

    def _colocated(self, value):
        if not self._colocate_with_first_write_call:
            return contextlib.nullcontext()
        if not self._colocate_with:
            self._colocate_with.append(value)
        return colocate_with(self._colocate_with[0])

    def identity(self):
        return self._with_flow(identity(self._flow))

    def grad(self, source, flow=None, name=None):
        flow = self._flow if flow is None else flow
        with name_scope(name, "TensorArrayGrad", [self._handle]), colocate_with(self._handle):
            g_handle = create("TensorArrayGradV3", [self._handle, flow], {"source": source}, name=name)._outputs[0]
            with control_dependencies([g_handle]):
                flow = identity(flow, name="gradient_flow")
            g = TensorArray(dtype=self._dtype, handle=g_handle, flow=flow, infer_shape=self._infer_shape,
                            colocate_with_first_write_call=False)
            g._element_shape = self._element_shape
            return g

    def read(self, index, name=None):
        value = create_output("TensorArrayReadV3", [self._handle, index, self._flow], {"dtype": self._dtype},
                              name=name)
        if self._element_shape:
            value.set_shape(self._element_shape[0].dims)
        return value

    def write(self, index, value, name=None):
        with name_scope(name, "TensorArrayWrite", [self._handle, index, value]):
            value = convert_to_tensor(value, preferred_dtype=self._dtype, name="value")
            self._check_element_shape(value.shape)
            with self._colocated(value):
                flow = create_output("TensorArrayWriteV3", [self._handle, index, value, self._flow], name=name)
            return self._with_flow(flow)

    def stack(self, name=None):
        with colocate_with(self._handle), name_scope(name, "TensorArrayStack", [self._handle]):
            value = self.gather(range_(0, self.size()), name=name)
            if self.element_shape and not self._dynamic_size and self._size is not None:
                value.set_shape([tensor_util.constant_value(self._size)] + self.element_shape.dims)
            return value

    def gather(self, indices, name=None):
        element_shape = self._element_shape[0] if self._element_shape else unknown_shape()
        value = create_output("TensorArrayGatherV3", [self._handle, indices, self._flow],
                              {"dtype": self._dtype, "element_shape": element_shape}, name=name)
        if self.element_shape:
            value.set_shape([None] + self.element_shape.dims)
        return value

    def concat(self, name=None):
        value = create("TensorArrayConcatV3", [self._handle, self._flow],
                       {"dtype": self._dtype, "element_shape_except0": self.element_shape[1:]}, name=name)._outputs[0]
        if self.element_shape:
            dim0 = None
            if self._infer_shape:
                size = tensor_util.constant_value(self.size())
                if size is not None and self.element_shape[0] is not None:
                    dim0 = size * self.element_shape[0]
            value.set_shape([dim0] + self.element_shape.dims[1:])
        return value

    def unstack(self, value, name=None):
        with name_scope(name, "TensorArrayUnstack", [self._handle, value]):
            return self.scatter(indices=range_(0, shape_of(value)[0]), value=value, name=name)

    def scatter(self, indices, value, name=None):
        with name_scope(name, "TensorArrayScatter", [self._handle, value, indices]):
            value = convert_to_tensor(value, preferred_dtype=self._dtype, name="value")
            self._check_element_shape(value.shape[1:])
            with self._colocated(value):
                flow = create_output("TensorArrayScatterV3", [self._handle, indices, value, self._flow], name=name)
            return self._with_flow(flow)

    def split(self, value, lengths, name=None):
        with name_scope(name, "TensorArraySplit", [self._handle, value, lengths]):
            value = convert_to_tensor(value, dtype=self._dtype, name="value")
            with self._colocated(value):
                lengths_64 = cast(lengths, dtypes.int64)
                known = tensor_util.constant_value(lengths_64)
                if value.shape.dims is not None and known is not None and known.shape and known.max() == known.min():
                    self._check_element_shape(TensorShape([known[0]]).concatenate(value.shape[1:]))
                flow = create_output("TensorArraySplitV3", [self._handle, value, lengths_64, self._flow], name=name)
            return self._with_flow(flow)

    def size(self, name=None):
        if not self._dynamic_size and self._size is not None:
            return convert_to_tensor(self._size, dtype=dtypes.int32)
        return create_output("TensorArraySizeV3", [self._handle, self._flow], name=name)

    def close(self, name=None):
        return create("TensorArrayCloseV3", [self._handle], name=name)


def _check_arguments(size, handle, tensor_array_name, element_shape, dynamic_size, clear_after_read):
    if handle is not None and tensor_array_name:
        raise ValueError("Cannot provide both `handle` and `tensor_array_name` arguments at the same time.")
    if handle is not None and not isinstance(handle, Tensor):
        raise TypeError(f"Expected `handle` to be a Tensor, but got `{handle}` of type `{type(handle)}` instead.")
    if handle is None and size is None:
        raise ValueError("Argument `size` must be provided if handle is not provided.")
    for value, what in ((size, "size"), (element_shape, "element_shape"), (dynamic_size, "dynamic_size"),
                        (clear_after_read, "clear_after_read")):
        if handle is not None and value is not None:
            article = "a " if what == "size" else ""
            raise ValueError(f"Cannot provide both {article}`handle` and `{what}` arguments at the same time.")


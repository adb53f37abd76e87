"""The op registry: every op type is declared once, with everything scopeflow knows of it.

An ``OpDef`` gives the TensorFlow type string, the input and output arguments (with the
type attributes that tie their dtypes together, as in TF's ``OpDef`` protos), static shape
inference, constant folding, and the NumPy kernel::

    register(OpDef(
        "AddV2", inputs=["x: T", "y: T"], outputs=["z: T"], attrs={"T": NUMBER},
        shape=broadcast_shape, kernel=np.add, grad=_add_grad, broadcasts=True))

``create`` is TensorFlow's ``_apply_op_helper``: it converts Python values to constants
(named after the argument, ``mul/y``), infers type attributes, checks allowed dtypes and
shapes with TF's messages, and adds the op to the graph.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

import numpy as _np

from scopeflow._src.framework import context, dtypes
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.tensor_shape import TensorShape, UNKNOWN

_REGISTRY: dict[str, "OpDef"] = {}


@dataclasses.dataclass(frozen=True)
class Arg:
    """One input or output: ``name: T`` (type attr), ``name: float32``, ``Ref(T)``, ``N*T``."""

    name: str
    type_attr: str | None = None
    dtype: dtypes.DType | None = None
    is_ref: bool = False
    number_attr: str | None = None

    @classmethod
    def parse(cls, spec: str) -> "Arg":
        name, _, kind = (s.strip() for s in spec.partition(":"))
        is_ref = kind.startswith("Ref(") and kind.endswith(")")
        if is_ref:
            kind = kind[4:-1]
        number_attr = None
        if "*" in kind:
            number_attr, kind = (s.strip() for s in kind.split("*"))
        try:
            return cls(name, None, dtypes.as_dtype(kind), is_ref, number_attr)
        except TypeError:
            return cls(name, kind, None, is_ref, number_attr)


@dataclasses.dataclass(frozen=True)
class OpDef:
    """Everything about one op type. Kernels run on NumPy values.

    ``kernel(*values)`` computes the outputs (a tuple when there are several); ops whose
    kernel depends on attributes or on session state give ``factory(op, state)`` instead,
    which returns such a function once per compiled plan. ``shape(inputs, attrs)`` returns
    the static output shape(s) or raises ``ShapeError``; ``fold(tensor)`` returns the value
    when it is known at build time.

    ``grad(op, *output_grads)`` is TensorFlow's gradient function: it builds graph ops and
    returns one gradient (or ``None``) per input; ``grad=NO_GRADIENT`` marks the ops TF
    declares ``NotDifferentiable``. With ``broadcasts=True`` it returns output-shaped
    gradients and ``tf.gradients`` sums them down to each input's shape, once for all ops.

    ``stateful`` ops (variables, random streams, files) and ``must_run`` ops (which exist
    for the errors they raise, like an unfed ``Placeholder``) run whenever a plan needs
    them; other ops that a plan reaches only through control edges are skipped, since
    nothing could observe them.
    """

    type: str
    inputs: tuple = ()
    outputs: tuple = ()
    attrs: dict = dataclasses.field(default_factory=dict)
    shape: Callable | None = None
    kernel: Callable | None = None
    factory: Callable | None = None
    fold: Callable | None = None
    stateful: bool = False
    grad: Callable | None = None
    broadcasts: bool = False
    must_run: bool = False

    def __post_init__(self):
        object.__setattr__(self, "inputs", tuple(Arg.parse(s) if isinstance(s, str) else s for s in self.inputs))
        object.__setattr__(self, "outputs", tuple(Arg.parse(s) if isinstance(s, str) else s for s in self.outputs))
        object.__setattr__(self, "_has_lists", any(a.number_attr for a in self.inputs))
        object.__setattr__(self, "_single_output", len(self.outputs) == 1 and not self.outputs[0].number_attr)

    def compile(self, op, state):
        """The function that computes ``op``'s outputs from its input values."""
        return self.kernel if self.factory is None else self.factory(op, state)


class ShapeError(ValueError):
    """Raised by shape functions; ``create`` adds TensorFlow's node description.

    ``suffix`` (optional) follows the input shapes, e.g. TF's
    `` and with computed input tensors: input[1] = <5>`` (see ``shape_fns.computed_suffix``).
    """

    def __init__(self, message, suffix=""):
        super().__init__(message)
        self.suffix = suffix


def register(opdef: OpDef) -> OpDef:
    if opdef.type in _REGISTRY:
        raise ValueError(f"op type {opdef.type!r} is already registered")
    _REGISTRY[opdef.type] = opdef
    if opdef.grad is not None:
        _GRADIENTS[opdef.type] = None if opdef.grad is NO_GRADIENT else opdef.grad
    return opdef


# -- gradients ---------------------------------------------------------------------------------
def NO_GRADIENT(op, *grads):  # noqa: N802 - a marker, never called
    """``OpDef(grad=NO_GRADIENT)``: the op has no gradient (TF's ``NotDifferentiable``)."""
    raise AssertionError("NO_GRADIENT is a marker and is never called")


_GRADIENTS: dict[str, Callable | None] = {}


class RegisterGradient:
    """Decorator registering ``f(op, *grads)`` as the gradient of op type ``op_type``.

    As in TensorFlow, a name can be registered once; use it for a new op type, or with
    ``Graph.gradient_override_map`` to replace the gradient of an existing one.

    >>> import scopeflow as tf
    >>> @tf.RegisterGradient("DoctestZeroGrad")
    ... def _zero_grad(op, grad):
    ...     return tf.zeros_like(op.inputs[0])
    """

    def __init__(self, op_type: str):
        if not isinstance(op_type, str):
            raise TypeError("op_type must be a string")
        self._op_type = op_type

    def __call__(self, f: Callable) -> Callable:
        if self._op_type in _GRADIENTS:
            raise KeyError(f"Registering two gradient with name '{self._op_type}'! (Previous registration "
                           f"was in scopeflow)")
        _GRADIENTS[self._op_type] = f
        return f


def NotDifferentiable(op_type: str) -> None:  # noqa: N802 - TensorFlow's name
    """Declare that ops of ``op_type`` have no gradient: ``tf.gradients`` gives ``None``."""
    if not isinstance(op_type, str):
        raise TypeError("op_type must be a string")
    _GRADIENTS[op_type] = None


_NO_ENTRY = object()


def gradient_function(op):
    """The gradient function of ``op`` (honouring ``gradient_override_map``), ``None`` if
    the op is not differentiable; raises TensorFlow's ``LookupError`` when none is known
    (its wording, missing space included)."""
    name = op._attrs.get("_gradient_op_type", op._type)
    fn = _GRADIENTS.get(name, _NO_ENTRY)
    if fn is _NO_ENTRY:
        raise LookupError(f"No gradient defined for operation'{op._name}' (op type: {op._type}). In general every "
                          f"operation must have an associated `@tf.RegisterGradient` for correct autodiff, which "
                          f"this op is lacking. If you want to pretend this operation is a constant in your "
                          f"program, you may insert `tf.stop_gradient`. This can be useful to silence the error "
                          f"in cases where you know gradients are not needed, e.g. the forward pass of tf.custom_"
                          f"gradient. Please see more details in "
                          f"https://www.tensorflow.org/api_docs/python/tf/custom_gradient.")
    return fn


def get(op_type: str) -> OpDef:
    try:
        return _REGISTRY[op_type]
    except KeyError:
        raise ValueError(f"Op type not registered '{op_type}' in binary running scopeflow.") from None


def registered() -> dict[str, OpDef]:
    return dict(_REGISTRY)


def create(op_type, inputs, attrs=None, name=None, graph=None, direct=False):
    """Build an op of ``op_type`` from ``inputs`` (tensors or Python values) and ``attrs``.

    ``name`` follows TensorFlow: ``None`` means the op type, a trailing ``/`` means "exactly
    this name", anything else is uniquified in the current scope. With ``direct=False`` (TF's
    generated wrappers) the name opens a name scope first, so converted inputs are named
    ``<op>/<arg>``; with ``direct=True`` (TF's ``_create_op_internal``) it names the op only.
    Returns the ``Operation``.
    """
    opdef = _REGISTRY.get(op_type) or get(op_type)
    attrs = {} if attrs is None else attrs
    if graph is None:
        graph = _graph_of(inputs)
    ready = _ready_inputs(opdef, inputs, attrs)
    if ready is not None or direct:
        if not direct and name and name[-1] != "/":
            from scopeflow._src.framework import naming
            naming.check_scope_name(name, nested=bool(context.builder(graph).name_stack))
        op_name = graph._op_name(name, op_type)
        tensors = ready if ready is not None else _check_inputs(opdef, op_type, inputs, attrs)
        return _finish(graph, opdef, op_name, tensors, attrs)
    if graph is context.default_graph():
        with graph.name_scope(name or op_type) as scope:
            tensors = _check_inputs(opdef, op_type, inputs, attrs)
            return _finish(graph, opdef, scope[:-1], tensors, attrs)
    with graph.as_default(), graph.name_scope(name or op_type) as scope:
        tensors = _check_inputs(opdef, op_type, inputs, attrs)
        return _finish(graph, opdef, scope[:-1], tensors, attrs)


def _ready_inputs(opdef, inputs, attrs):
    """``inputs`` when they are all tensors that need no conversion (graph construction's
    common case), with the type attributes they fix added to ``attrs``; else ``None``, and
    ``_check_inputs`` does the full work (and words any error)."""
    if opdef._has_lists or len(inputs) != len(opdef.inputs):
        return None
    inferred = None
    for arg, t in zip(opdef.inputs, inputs):
        if type(t) is not Tensor:
            return None
        dt = t._dtype
        if arg.is_ref and not dt._is_ref_dtype:
            return None
        want = arg.dtype
        if want is None:
            want = attrs.get(arg.type_attr)
            if want is None and inferred is not None:
                want = inferred.get(arg.type_attr)
        if want is None:
            base = dt._base
            allowed = opdef.attrs.get(arg.type_attr)
            if allowed is not None and base not in allowed:
                return None
            if inferred is None:
                inferred = {}
            inferred[arg.type_attr] = base
        elif want is not dt and want is not dt._base:
            return None
    if inferred:
        attrs.update(inferred)
    return inputs


def _graph_of(inputs):
    for t in inputs:
        g = getattr(t, "graph", None)
        if g is not None and isinstance(t, Tensor):
            return g
        if isinstance(t, (list, tuple)):
            g = _graph_of(t)
            if g is not None:
                return g
    return context.default_graph()


def _finish(graph, opdef, name, tensors, attrs):
    flat = []
    for t in tensors:
        if isinstance(t, list):
            flat.extend(t)
        else:
            flat.append(t)
    for t in flat:
        if t._op._graph is not graph:
            raise ValueError(
                f"{t} must be from the same graph as {flat[0]} "
                f"(graphs are {t._op._graph!r} and {graph!r}).")
    outputs = _infer_outputs(opdef, name, flat, attrs)
    return graph._add_op(opdef.type, name, flat, attrs, outputs)


def _infer_outputs(opdef, name, inputs, attrs):
    if opdef.shape is None:
        shapes = None
    else:
        try:
            shapes = opdef.shape(inputs, attrs)
        except ShapeError as e:
            raise ValueError(f"{e} for '{_node_text(name, opdef.type, inputs, attrs)}' with input "
                             f"shapes: {', '.join(_shape_text(t.shape) for t in inputs)}{getattr(e, 'suffix', '')}.") from None
    if opdef._single_output:
        arg = opdef.outputs[0]
        dt = arg.dtype if arg.dtype is not None else attrs[arg.type_attr]
        if arg.is_ref:
            dt = dt._as_ref
        if shapes is None:
            return [(dt, UNKNOWN)]
        return [(dt, _interned(shapes if type(shapes) is TensorShape else shapes[0]))]
    out_dtypes = []
    for arg in opdef.outputs:
        dt = arg.dtype if arg.dtype is not None else attrs[arg.type_attr]
        if arg.is_ref:
            dt = dt._as_ref
        count = attrs[arg.number_attr] if arg.number_attr else 1
        out_dtypes.extend([dt] * count)
    if shapes is None:
        shapes = [UNKNOWN] * len(out_dtypes)
    elif isinstance(shapes, TensorShape):
        shapes = [shapes]
    return [(dt, _interned(s)) for dt, s in zip(out_dtypes, shapes)]


# One shared object per distinct static shape: shapes are immutable, and a graph holds
# thousands of equal ones, each of which the garbage collector would otherwise walk.
_SHAPES: dict = {}


def _interned(shape):
    dims = shape._dims
    known = _SHAPES.get(dims)
    if known is not None:
        return known
    if len(_SHAPES) > 50_000:  # bound the table for programs with endlessly new shapes
        _SHAPES.clear()
    _SHAPES[dims] = shape
    return shape


def _check_inputs(opdef, op_type, inputs, attrs):
    from scopeflow._src.framework.constant_op import convert_to_tensor

    if len(inputs) != len(opdef.inputs):
        raise TypeError(f"{op_type} takes {len(opdef.inputs)} inputs, got {len(inputs)}")
    inferred_from = {}
    result = []
    for arg, value in zip(opdef.inputs, inputs):
        if arg.number_attr:
            result.append(_convert_list(op_type, arg, value, attrs, inferred_from))
            continue
        dtype = arg.dtype if arg.dtype is not None else attrs.get(arg.type_attr)
        t = _convert_one(op_type, arg, value, dtype, attrs, inferred_from, convert_to_tensor)
        if dtype is None and not isinstance(value, Tensor) and _wants_default_int32(opdef, arg, t):
            # TF retries with the attr's default (int32 for index attrs): ``tf.reshape(x, [])``
            t = convert_to_tensor(value, name=arg.name, preferred_dtype=dtypes.int32, as_ref=arg.is_ref)
        if arg.type_attr is not None and arg.type_attr not in attrs:
            attrs[arg.type_attr] = t._dtype.base_dtype
            inferred_from[arg.type_attr] = arg.name
            _check_allowed(opdef, arg.type_attr, arg.name, t._dtype.base_dtype)
        result.append(t)
    return result


def _wants_default_int32(opdef, arg, t):
    allowed = opdef.attrs.get(arg.type_attr) if arg.type_attr is not None else None
    return bool(allowed) and t._dtype.base_dtype not in allowed and dtypes.int32 in allowed and set(allowed) <= INT


def _convert_list(op_type, arg, values, attrs, inferred_from):
    from scopeflow._src.framework.constant_op import convert_to_tensor

    if not isinstance(values, (list, tuple)):
        raise TypeError(f"Expected list for '{arg.name}' argument to '{op_type}' Op, not {values}.")
    attrs.setdefault(arg.number_attr, len(values))
    dtype = arg.dtype if arg.dtype is not None else attrs.get(arg.type_attr)
    if dtype is None:  # TF takes the dtype of the first tensor in the list
        dtype = next((v.dtype.base_dtype for v in values if isinstance(v, Tensor)), None)
    out = []
    try:
        for i, v in enumerate(values):
            t = convert_to_tensor(v, dtype=dtype, name=f"{arg.name}_{i}", as_ref=arg.is_ref)
            dtype = dtype or t._dtype.base_dtype
            out.append(t)
    except (TypeError, ValueError):
        observed = ", ".join(_observed_type(v, arg, convert_to_tensor) for v in values)
        if arg.dtype is not None:
            raise TypeError(f"Tensors in list passed to '{arg.name}' of '{op_type}' Op have types [{observed}] that "
                            f"do not match expected type {arg.dtype.name}.") from None
        raise TypeError(f"Tensors in list passed to '{arg.name}' of '{op_type}' Op have types [{observed}] that "
                        f"don't all match.") from None
    if arg.type_attr is not None and arg.type_attr not in attrs and out:
        attrs[arg.type_attr] = out[0]._dtype.base_dtype
        inferred_from[arg.type_attr] = arg.name
        _check_allowed_list(op_type, arg, attrs[arg.type_attr], attrs)
    return out


def _observed_type(value, arg, convert_to_tensor):
    try:
        return convert_to_tensor(value, as_ref=arg.is_ref).dtype.base_dtype.name
    except (TypeError, ValueError):
        return "<NOT CONVERTIBLE TO TENSOR>"


def _check_allowed_list(op_type, arg, dtype, attrs):
    opdef = _REGISTRY.get(op_type)
    if opdef is not None:
        _check_allowed(opdef, arg.type_attr, arg.name, dtype)


def _convert_one(op_type, arg, value, dtype, attrs, inferred_from, convert_to_tensor):
    try:
        t = convert_to_tensor(value, dtype=dtype, name=arg.name, as_ref=arg.is_ref)
    except TypeError as err:
        if dtype is None:
            raise
        raise TypeError(
            f"Expected {dtype.name} passed to parameter '{arg.name}' of op '{op_type}', got "
            f"{value!r} of type '{type(value).__name__}' instead. Error: {err}") from None
    except ValueError:
        try:
            observed = convert_to_tensor(value, as_ref=arg.is_ref).dtype.name
        except ValueError as err:
            raise ValueError(f"Tried to convert '{arg.name}' to a tensor and failed. Error: {err}") from None
        prefix = f"Input '{arg.name}' of '{op_type}' Op has type {observed} that does not match"
        if arg.type_attr in inferred_from:
            raise TypeError(f"{prefix} type {dtype.name} of argument '{inferred_from[arg.type_attr]}'.") from None
        raise TypeError(f"{prefix} expected type of {dtype.name}.") from None
    if arg.is_ref and not t._dtype._is_ref_dtype:
        raise TypeError(f"'{op_type}' Op requires that input '{arg.name}' be a mutable tensor "
                        f"(e.g.: a tf.Variable)")
    return t


def _check_allowed(opdef, attr, param, dtype):
    allowed = opdef.attrs.get(attr)
    if allowed is not None and dtype not in allowed:
        ordered = allowed if isinstance(allowed, tuple) else sorted(allowed, key=_TYPE_ORDER.index)  # tuple: TF's order
        names = ", ".join(d.name for d in ordered)
        raise TypeError(f"Value passed to parameter '{param}' has DataType {dtype.name} not in "
                        f"list of allowed values: {names}")


# -- dtype sets used by op definitions, in TensorFlow's listing order ----------------------
_TYPE_ORDER = [dtypes.as_dtype(n) for n in (
    "bfloat16", "float16", "float32", "float64", "uint8", "int8", "uint16", "int16", "int32",
    "int64", "complex64", "complex128", "uint32", "uint64", "bool", "string", "qint8",
    "quint8", "qint16", "quint16", "qint32", "resource", "variant")]
FLOAT = frozenset(dtypes.as_dtype(n) for n in ("bfloat16", "float16", "float32", "float64"))
INT = frozenset(dtypes.as_dtype(n) for n in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"))
COMPLEX = frozenset((dtypes.complex64, dtypes.complex128))
NUMBER = FLOAT | INT | COMPLEX
REAL = FLOAT | INT


# -- TensorFlow's text for a node in shape errors -------------------------------------------
def _shape_text(shape: TensorShape) -> str:
    if shape.ndims is None:
        return "?"
    return "[" + ",".join("?" if d is None else str(d) for d in shape.as_list()) + "]"


def _attr_text(value) -> str:
    if isinstance(value, dtypes.DType):
        return "DT_" + {"float32": "FLOAT", "float64": "DOUBLE", "float16": "HALF"}.get(
            value.base_dtype.name, value.base_dtype.name.upper())
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, TensorShape):
        return _shape_text(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_attr_text(v) for v in value) + "]"
    if isinstance(value, float):  # TF prints float attrs as float32, shortest of %g forms: 1, 0.001, 1e-05
        text = "%.6g" % value
        return text if _np.float32(text) == _np.float32(value) else "%.9g" % _np.float32(value)
    return str(value)


def _node_text(name, op_type, inputs, attrs) -> str:
    shown = ", ".join(f"{k}={_attr_text(v)}" for k, v in sorted(attrs.items()) if not k.startswith("_"))
    args = ", ".join(t.name[:-2] if t.name.endswith(":0") else t.name for t in inputs)
    return f"{{{{node {name}}}}} = {op_type}[{shown}]({args})"

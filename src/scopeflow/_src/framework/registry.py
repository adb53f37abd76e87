"""The op registry: every op type is declared once, with everything scopeflow knows of it.

An ``OpDef`` gives the TensorFlow type string, the input and output arguments (with the
type attributes that tie their dtypes together, as in TF's ``OpDef`` protos), static shape
inference, constant folding, and the NumPy kernel::

    register(OpDef(
        "AddV2", inputs=["x: T", "y: T"], outputs=["z: T"], attrs={"T": NUMBER},
        shape=broadcast_shape, kernel=np.add))

``create`` is TensorFlow's ``_apply_op_helper``: it converts Python values to constants
(named after the argument, ``mul/y``), infers type attributes, checks allowed dtypes and
shapes with TF's messages, and adds the op to the graph.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

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

    def __post_init__(self):
        object.__setattr__(self, "inputs", tuple(Arg.parse(s) if isinstance(s, str) else s for s in self.inputs))
        object.__setattr__(self, "outputs", tuple(Arg.parse(s) if isinstance(s, str) else s for s in self.outputs))

    def compile(self, op, state):
        """The function that computes ``op``'s outputs from its input values."""
        return self.kernel if self.factory is None else self.factory(op, state)


class ShapeError(ValueError):
    """Raised by shape functions; ``create`` adds TensorFlow's node description."""


def register(opdef: OpDef) -> OpDef:
    if opdef.type in _REGISTRY:
        raise ValueError(f"op type {opdef.type!r} is already registered")
    _REGISTRY[opdef.type] = opdef
    return opdef


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
    if direct or all(isinstance(t, Tensor) for t in inputs) and not _needs_conversion(opdef, inputs, attrs):
        if not direct and name and name[-1] != "/":
            from scopeflow._src.framework import naming
            naming.check_scope_name(name, nested=bool(context.builder(graph).name_stack))
        op_name = graph._op_name(name, op_type)
        tensors = _check_inputs(opdef, op_type, inputs, attrs)
        return _finish(graph, opdef, op_name, tensors, attrs)
    with graph.as_default(), graph.name_scope(name or op_type) as scope:
        tensors = _check_inputs(opdef, op_type, inputs, attrs)
        return _finish(graph, opdef, scope[:-1], tensors, attrs)


def _needs_conversion(opdef, inputs, attrs):
    for arg, t in zip(opdef.inputs, inputs):
        if arg.is_ref and not t._dtype._is_ref_dtype:
            return True
    return False


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
                             f"shapes: {', '.join(_shape_text(t.shape) for t in inputs)}.") from None
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
    return list(zip(out_dtypes, shapes))


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
        if arg.type_attr is not None and arg.type_attr not in attrs:
            attrs[arg.type_attr] = t._dtype.base_dtype
            inferred_from[arg.type_attr] = arg.name
            _check_allowed(opdef, arg.type_attr, arg.name, t._dtype.base_dtype)
        result.append(t)
    return result


def _convert_list(op_type, arg, values, attrs, inferred_from):
    from scopeflow._src.framework.constant_op import convert_to_tensor

    if not isinstance(values, (list, tuple)):
        raise TypeError(f"Expected list for '{arg.name}' argument to '{op_type}' Op, not {values}.")
    attrs.setdefault(arg.number_attr, len(values))
    out = []
    for v in values:
        dtype = arg.dtype if arg.dtype is not None else attrs.get(arg.type_attr)
        t = _convert_one(op_type, arg, v, dtype, attrs, inferred_from, convert_to_tensor)
        if arg.type_attr is not None and arg.type_attr not in attrs:
            attrs[arg.type_attr] = t._dtype.base_dtype
            inferred_from[arg.type_attr] = arg.name
        out.append(t)
    return out


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
        names = ", ".join(d.name for d in sorted(allowed, key=_TYPE_ORDER.index))
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
    return str(value)


def _node_text(name, op_type, inputs, attrs) -> str:
    shown = ", ".join(f"{k}={_attr_text(v)}" for k, v in sorted(attrs.items()) if not k.startswith("_"))
    args = ", ".join(t.name[:-2] if t.name.endswith(":0") else t.name for t in inputs)
    return f"{{{{node {name}}}}} = {op_type}[{shown}]({args})"

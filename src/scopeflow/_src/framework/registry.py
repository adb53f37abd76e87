"""The op registry: every op type is declared once, with everything scopeflow knows of it.

An ``OpDef`` gives the TensorFlow type string, the input and output arguments (with the
type attributes that tie their dtypes together, as in TF's ``OpDef`` protos), static shape
inference, constant folding, and the NumPy kernel::

    register(OpDef(
        "AddV2", inputs=["x: T", "y: T"], outputs=["z: T"], attrs={"T": NUMBER},
        shape=broadcast_shape, kernel=np.add))

Gradient rules are registered separately, by the op library's gradient layer once every
wrapper exists (a rule builds graph ops with the wrappers of any op)::

    @gradient("AddV2", unbroadcast=True)
    def _add_grad(op, grad):
        return grad, grad

Building a graph node of a registered type is ``op_builder.create`` (TensorFlow's
``_apply_op_helper``).
"""

from __future__ import annotations

import dataclasses
from typing import Callable, NamedTuple

from scopeflow._src.framework import dtypes

_REGISTRY: dict[str, "OpDef"] = {}


@dataclasses.dataclass(frozen=True)
class Arg:
    """One input or output: ``name: T`` (type attr), ``name: float32``, ``Ref(T)``, ``N*T``."""

    name: str
    type_attr: str | None = None
    dtype: dtypes.DType | None = None
    is_ref: bool = False
    number_attr: str | None = None

    @property
    def type_list(self) -> bool:
        """Whether this is TensorFlow's list of tensors of mixed types (``SaveV2``'s
        ``tensors: dtypes``): ``type_attr`` holds the list of dtypes and ``number_attr`` is a
        private (``_``) attribute giving its length, which is not part of TensorFlow's node."""
        return bool(self.number_attr) and self.number_attr.startswith("_")

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

    ``stateful`` ops (variables, random streams, files) and ``must_run`` ops (which exist
    for the errors they raise, like an unfed ``Placeholder``) run whenever a plan needs
    them; other ops that a plan reaches only through control edges are skipped, since
    nothing could observe them.

    The facts the executor's rewrites and build-time evaluation read, so that no layer above
    the op library matches op types by name:

    * ``forwards_input``: the output is the input itself (``Identity``); a plan passes the
      value, or the variable reference, on without a kernel call;
    * ``constant``: the value is an attribute, known whatever its size (``Const``);
    * ``fed``: a placeholder, whose value is meant to come from a feed: never evaluated
      while building;
    * ``reads_shape_only``: the kernel reads only its inputs' shapes (``Shape``, ``Size``);
    * ``accumulates``: the output is the elementwise sum of the inputs (``AddN``);
    * ``matrix_product``: ``a @ b`` of two matrices under ``transpose_a``/``transpose_b``
      (``MatMul``);
    * ``reshapes``: the input's elements in order, in the shape of input 1 (``Reshape``);
    * ``leading_sum(op)``: how many leading axes of input 0 the op sums away, or ``None``
      (``Sum`` over axes ``0..k-1``, ``BiasAddGrad`` in ``NHWC``);
    * ``scalar_operator``: the Python operator that computes the op on two numeric scalars of
      its dtype (``+`` for ``AddV2``): a loop's counter needs no kernel call.

    ``attrs`` maps each type attribute to its allowed dtypes (``None``: any); ``defaults``
    gives TensorFlow's other attributes that have a default value, with it (``{"transpose_a":
    False}``): a node carries every one its wrapper did not set (``get_attr``, a GraphDef),
    and a GraphDef written by TF may leave them out.

    Control flow (``ops/common/dead.py``): a value in an untaken cond branch, or past a
    loop's last iteration, is dead, and an op with a dead input or control input is dead
    too, except for these:

    * ``routes_input``: the kernel passes its input to one output and makes the others
      dead (``Switch``);
    * ``takes_dead_inputs``: the kernel runs when some inputs are dead (``Merge`` forwards
      the live one);
    * ``enters_frame``, ``exits_frame``, ``next_iteration``: the op passes a value into a
      loop (the frame named by its ``frame_name`` attribute; a loop-invariant value when
      ``is_constant``, else the loop variable's first value), out of it after the last
      iteration, and from one iteration to the next (``Enter``, ``Exit``, ``NextIteration``).

    ``lower(op, jx)`` is the op's lowering for the JAX/XLA target (``docs/jax-target.md``):
    called once per compiled plan, it returns a function of ``jax.numpy`` arrays computing the
    outputs as ``kernel`` does, built with the modules ``jx`` hands in (``jx.jnp``, ``jx.lax``,
    ``jx.random``), so that no op module imports JAX. An op with ``Ref`` inputs is lowered to
    a function of the variables' current values that returns their new values (one per
    ``Ref`` input) followed by its other outputs. ``None``: the op runs on the host.
    """

    type: str
    inputs: tuple = ()
    outputs: tuple = ()
    attrs: dict = dataclasses.field(default_factory=dict)
    defaults: dict = dataclasses.field(default_factory=dict)
    shape: Callable | None = None
    kernel: Callable | None = None
    factory: Callable | None = None
    fold: Callable | None = None
    stateful: bool = False
    must_run: bool = False
    forwards_input: bool = False
    constant: bool = False
    fed: bool = False
    reads_shape_only: bool = False
    accumulates: bool = False
    matrix_product: bool = False
    reshapes: bool = False
    leading_sum: Callable | None = None
    scalar_operator: str | None = None
    routes_input: bool = False
    takes_dead_inputs: bool = False
    enters_frame: bool = False
    exits_frame: bool = False
    next_iteration: bool = False
    lower: Callable | None = None

    @property
    def control_flow(self) -> bool:
        """Whether the op routes values between branches or loop iterations (never folded)."""
        return (self.routes_input or self.takes_dead_inputs or self.enters_frame or self.exits_frame
                or self.next_iteration)

    def __post_init__(self):
        object.__setattr__(self, "inputs", tuple(Arg.parse(s) if isinstance(s, str) else s for s in self.inputs))
        object.__setattr__(self, "outputs", tuple(Arg.parse(s) if isinstance(s, str) else s for s in self.outputs))
        object.__setattr__(self, "_ready_spec", tuple(
            (a.is_ref, a.dtype, a.type_attr, _enums(self.attrs.get(a.type_attr))) for a in self.inputs))
        object.__setattr__(self, "_list_attrs", tuple(a.number_attr for a in self.inputs)
                           if any(a.number_attr for a in self.inputs) else None)
        object.__setattr__(self, "_single_output", len(self.outputs) == 1 and not self.outputs[0].number_attr)
        object.__setattr__(self, "_ref_inputs", any(a.is_ref for a in self.inputs))  # built colocated with them

    def compile(self, op, state):
        """The function that computes ``op``'s outputs from its input values."""
        return self.kernel if self.factory is None else self.factory(op, state)


def _enums(allowed):
    """The type enums of an attr's allowed dtypes (``None``: any), for set lookups that run
    no Python code: a ``DType``'s ``__hash__`` and ``__eq__`` do."""
    return None if allowed is None else frozenset(d._enum for d in allowed)


def register(opdef: OpDef) -> OpDef:
    if opdef.type in _REGISTRY:
        raise ValueError(f"op type {opdef.type!r} is already registered")
    _REGISTRY[opdef.type] = opdef
    return opdef


# -- gradients ---------------------------------------------------------------------------------
class GradientRule(NamedTuple):
    """A gradient function with what ``tf.gradients`` must know to use it.

    ``fn(op, *output_grads)`` builds graph ops and returns one gradient (or ``None``) per
    input, TensorFlow's ``grad_fn`` signature. With ``unbroadcast`` it returns
    output-shaped gradients and ``tf.gradients`` sums them down to each input's shape, once
    for all broadcasting ops; ``same_shapes`` says when TF's rule skips that sum because
    both inputs and the gradient have one fully known shape: always (``True``), for the
    gradient dtypes listed (a tuple), or never (``False``).
    """

    fn: Callable
    unbroadcast: bool = False
    same_shapes: bool | tuple = False


_GRADIENTS: dict[str, GradientRule | None] = {}  # op type -> rule, None: not differentiable


def _add_gradient(op_type: str, rule) -> None:
    if op_type in _GRADIENTS:
        raise KeyError(f"Registering two gradient with name '{op_type}'! (Previous registration was in scopeflow)")
    _GRADIENTS[op_type] = rule


def gradient(*op_types: str, unbroadcast: bool = False, same_shapes: bool | tuple = False) -> Callable:
    """Decorator registering ``fn`` as the gradient of each of ``op_types`` (see
    ``GradientRule``); the op library's gradient modules use it."""
    def register_rule(fn: Callable) -> Callable:
        for op_type in op_types:
            _add_gradient(op_type, GradientRule(fn, unbroadcast, same_shapes))
        return fn
    return register_rule


def not_differentiable(*op_types: str) -> None:
    """Declare ops of ``op_types`` to have no gradient (TF's ``NotDifferentiable``), once each."""
    for op_type in op_types:
        _add_gradient(op_type, None)


# The op library's ``load_lazy_ops``, set by ``scopeflow._src.ops`` (which this layer cannot import): a
# program's own registration first loads the op packages that load on first use, so that it meets
# the rules they register (TensorFlow's error for a name registered twice) instead of breaking
# their loading later.
lazy_rules_loader: Callable[[], None] | None = None


def _load_lazy_rules(op_type: str) -> None:
    if op_type not in _GRADIENTS and lazy_rules_loader is not None:
        lazy_rules_loader()


class RegisterGradient:
    """Decorator registering ``f(op, *grads)`` as the gradient of op type ``op_type``.

    As in TensorFlow, a name can be registered once; use it for a new op type, or with
    ``Graph.gradient_override_map`` to replace the gradient of an existing one. ``f``
    returns input-shaped gradients, as TensorFlow's gradient functions do.

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
        _load_lazy_rules(self._op_type)
        _add_gradient(self._op_type, GradientRule(f))
        return f


def NotDifferentiable(op_type: str) -> None:  # noqa: N802 - TensorFlow's name
    """Declare that ops of ``op_type`` have no gradient: ``tf.gradients`` gives ``None``."""
    if not isinstance(op_type, str):
        raise TypeError("op_type must be a string")
    _load_lazy_rules(op_type)
    _GRADIENTS[op_type] = None


_NO_ENTRY = object()


def gradient_rule(op) -> GradientRule | None:
    """The gradient rule of ``op`` (honouring ``gradient_override_map``), ``None`` if the op
    is not differentiable; raises TensorFlow's ``LookupError`` when none is known (its
    wording, missing space included)."""
    name = op._attrs.get("_gradient_op_type", op._type)
    rule = _GRADIENTS.get(name, _NO_ENTRY)
    if rule is _NO_ENTRY:
        raise LookupError(f"No gradient defined for operation'{op._name}' (op type: {op._type}). In general every "
                          f"operation must have an associated `@tf.RegisterGradient` for correct autodiff, which "
                          f"this op is lacking. If you want to pretend this operation is a constant in your "
                          f"program, you may insert `tf.stop_gradient`. This can be useful to silence the error "
                          f"in cases where you know gradients are not needed, e.g. the forward pass of tf.custom_"
                          f"gradient. Please see more details in "
                          f"https://www.tensorflow.org/api_docs/python/tf/custom_gradient.")
    return rule


find = _REGISTRY.get  # op type -> OpDef, or None (no error: the fast path of ``op_builder.create``)


def get(op_type: str) -> OpDef:
    try:
        return _REGISTRY[op_type]
    except KeyError:
        raise ValueError(f"Op type not registered '{op_type}' in binary running scopeflow.") from None


def registered() -> dict[str, OpDef]:
    return dict(_REGISTRY)


# -- dtype sets used by op definitions, in TensorFlow's listing order ----------------------
TYPE_ORDER = [dtypes.as_dtype(n) for n in (
    "bfloat16", "float16", "float32", "float64", "uint8", "int8", "uint16", "int16", "int32",
    "int64", "complex64", "complex128", "uint32", "uint64", "bool", "string", "qint8",
    "quint8", "qint16", "quint16", "qint32", "resource", "variant")]
FLOAT = frozenset(dtypes.as_dtype(n) for n in ("bfloat16", "float16", "float32", "float64"))
INT = frozenset(dtypes.as_dtype(n) for n in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"))
COMPLEX = frozenset((dtypes.complex64, dtypes.complex128))
NUMBER = FLOAT | INT | COMPLEX
REAL = FLOAT | INT

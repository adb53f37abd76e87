"""Shape functions shared by many op definitions."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import errors, registry, tensor_util
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape


def unchanged(inputs, attrs):
    """The output has the shape of the first input."""
    return inputs[0].shape


def scalar(inputs, attrs):
    return TensorShape(())


def broadcast(inputs, attrs):
    """NumPy broadcasting of two input shapes, with TensorFlow's error text."""
    return broadcast_shapes(inputs[0].shape, inputs[1].shape)


def broadcast_shapes(a: TensorShape, b: TensorShape) -> TensorShape:
    da, db = a._dims, b._dims
    if da == db and da is not None:
        return a  # the common case; shapes are immutable, so it can be shared
    if da is None or db is None:
        return UNKNOWN
    n = max(len(da), len(db))
    da = (1,) * (n - len(da)) + da
    db = (1,) * (n - len(db)) + db
    out = []
    for x, y in zip(da, db):
        if x == 1:
            out.append(y)
        elif y == 1:
            out.append(x)
        elif x is None:
            out.append(y if y is not None and y > 1 else None)
        elif y is None:
            out.append(x if x > 1 else None)
        elif x == y:
            out.append(x)
        else:
            raise ShapeError(f"Dimensions must be equal, but are {x} and {y}")
    return TensorShape(out)



def shape_from_tensor(t) -> TensorShape:
    """The shape a 1-D int tensor describes, as far as it is known at build time."""
    value = tensor_util.constant_value(t)
    if value is not None:
        if value.ndim == 0:
            raise ShapeError("Shape must be rank 1 but is rank 0")
        return TensorShape([None if v < 0 else int(v) for v in value.tolist()])
    if t.shape.ndims == 1 and t.shape.as_list()[0] is not None:
        return TensorShape([None] * t.shape.as_list()[0])
    return UNKNOWN


def dims_text(shape) -> str:
    """TensorFlow's notation for a run-time (fully known) shape in kernel messages: ``[2,3]``."""
    return "[" + ",".join(map(str, shape)) + "]"


_MAX_ELEMENTS = 2 ** 63 - 1
_KERNEL_TYPE_NAMES = {"float32": "float", "float64": "double", "float16": "half", "object": "string"}


def output_dims(op, shape, np_type) -> tuple:
    """The dims of a kernel's output given as a shape tensor, checked as TF's ``TensorShape`` does.

    More than ``2**63 - 1`` elements is TF's ``InvalidArgumentError``; a count NumPy cannot address
    in bytes is TF's out-of-memory ``ResourceExhaustedError`` (NumPy would raise a bare ``ValueError``).
    Negative dims are left to the caller's own message.
    """
    dims = tuple(int(d) for d in np.reshape(shape, -1))
    count = 1
    for d in dims:
        count *= d
    if count > _MAX_ELEMENTS and min(dims, default=0) >= 0:
        raise errors.InvalidArgumentError(None, op, f"Shape {dims_text(dims)} would have more than 2**63 - 1 elements")
    if count * np.dtype(np_type).itemsize > _MAX_ELEMENTS and min(dims, default=0) >= 0:
        name = np.dtype(np_type).name
        name = _KERNEL_TYPE_NAMES.get(name, name)
        raise errors.ResourceExhaustedError(
            None, op, f"OOM when allocating tensor with shape{dims_text(dims)} and type {name} on "
            f"/job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu")
    return dims


def require_same_shapes(op, values) -> None:
    """TF's ``ValidateInputsAreSameShape``: its error unless every value has value 0's shape."""
    first = np.shape(values[0])
    for i, v in enumerate(values[1:], 1):
        if np.shape(v) != first:
            raise errors.InvalidArgumentError(
                None, op, f"Inputs to operation {op.name} of type {op.type} must have the same size and shape.  "
                          f"Input 0: {dims_text(first)} != input {i}: {dims_text(np.shape(v))}")


def static_shapes_known(op) -> bool:
    """Whether every input's static shape is fully defined (so build-time checks covered them)."""
    return all(t.shape.is_fully_defined() for t in op._inputs)


def computed_suffix(index: int, value) -> str:
    """TF's `` and with computed input tensors: input[1] = <0 5>`` for a ``ShapeError`` suffix."""
    def text(v):
        v = np.asarray(v)
        if v.ndim <= 1:
            return " ".join(str(x) for x in np.atleast_1d(v).tolist()) if v.ndim else str(v.tolist())
        return "".join(f"[{text(row)}]" for row in v)

    return f" and with computed input tensors: input[{index}] = <{text(value)}>"


def with_broadcast_error(op, kernel):
    """``kernel(x, y)`` raising TF's ``Incompatible shapes: [2] vs. [3]`` when the runtime
    shapes do not broadcast (instead of NumPy's error)."""
    def run(x, y, *rest):
        try:
            return kernel(x, y, *rest)
        except ValueError:
            sx, sy = np.shape(x), np.shape(y)
            try:
                np.broadcast_shapes(sx, sy)
            except ValueError:
                raise errors.InvalidArgumentError(
                    None, op, f"Incompatible shapes: {dims_text(sx)} vs. {dims_text(sy)}") from None
            raise
    return run


def broadcasting(kernel):
    """An ``OpDef`` factory running ``kernel`` through ``with_broadcast_error``."""
    return lambda op, state: with_broadcast_error(op, kernel)


_EVAL_MAX_OPS = 64
_EVAL_MAX_ELEMENTS = 4096


_UNSEEN = object()


def evaluate_constant(t):
    """The value of ``t`` when it can be computed from constants while building the graph,
    else ``None``: TF's C++ ``EvaluateConstantTensor``, which shape inference uses for
    shape-like inputs (``perm``, reduction axes ...). Unlike ``tensor_util.constant_value``
    (TF's Python folding of a few op types), it runs the kernel of any small stateless op
    whose inputs are themselves constant. Values it computes are kept on the graph (an op's
    value cannot change), so shape functions asking again run no kernel."""
    return _evaluate(t, {}, [0], t._op._graph._evaluated)


def _evaluate(t, memo, count, evaluated):
    op = t.op
    values = evaluated.get(op)
    if values is None:
        values = memo.get(op, _UNSEEN)
    if values is not _UNSEEN:
        return None if values is None else values[t.value_index]
    value = tensor_util.constant_value(t)
    if value is not None:
        return value
    opdef = registry.get(op.type)
    count[0] += 1
    memo[op] = None
    # A placeholder's default may be fed instead, and the shape ops read their input's static
    # shape only (which their own folding already did): walking up the inputs' values would
    # be wasted work (in an unrolled RNN, the whole chain for every slice of a concat gradient).
    if (opdef.stateful or not op._inputs or count[0] > _EVAL_MAX_OPS or opdef.fed or opdef.reads_shape_only
            or opdef.control_flow or any(o.dtype._is_ref_dtype for o in op._outputs)):
        return None
    inputs = []
    for i in op._inputs:
        v = _evaluate(i, memo, count, evaluated)
        if v is None or getattr(v, "size", 1) > _EVAL_MAX_ELEMENTS:
            return None
        inputs.append(v)
    try:
        with np.errstate(all="ignore"):  # as in the executor: TF folds inf/nan silently
            out = opdef.compile(op, None)(*inputs)
    except Exception:  # noqa: BLE001 - a kernel that fails at build time just does not fold
        return None
    values = evaluated[op] = [np.asarray(v) for v in out] if len(op._outputs) > 1 else [np.asarray(out)]
    return values[t.value_index]

"""Shape-inference helpers for the array ops, mirroring TensorFlow's C++ ``InferenceContext``.

TensorFlow's shape functions ask for the *values* of some inputs (``input_tensor(i)``) or
for inputs read *as shapes* (``MakeShapeFromShapeTensor``). When inference then fails, the
error lists what was asked for and known::

    ... with input shapes: [2,3], [] and with computed input tensors: input[1] = <3>.
    ... with input shapes: [2,3], [2] and with input tensors computed as partial shapes: input[1] = [4,?].

``Context`` records those requests so that ``Context.error`` words the message the same way.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import tensor_util
from scopeflow._src.framework.shape_inference import ShapeError, shape_text
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common.shape_fns import evaluate_constant


def summarize(value) -> str:
    """``Tensor::SummarizeValue``: ``3``, ``1 2``, ``[1 -1][0 0]``."""
    v = np.asarray(value)
    if v.ndim == 0:
        return _scalar_text(v.item())
    if v.ndim == 1:
        return " ".join(_scalar_text(x) for x in v.tolist())
    return "".join(f"[{summarize(row)}]" for row in v)


def _scalar_text(x) -> str:
    if isinstance(x, bool):
        return "1" if x else "0"
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    if isinstance(x, bytes):
        return x.decode("utf-8", "backslashreplace")
    return str(x)


def evaluate_as_shape(tensor) -> TensorShape:
    """The partial shape a 1-D tensor describes, as TF's C++ ``MakeShapeFromShapeTensor`` sees
    it: ``constant_value_as_shape`` plus evaluation of small constant subgraphs."""
    shape = tensor_util.constant_value_as_shape(tensor)
    if shape.is_fully_defined() or tensor.shape.ndims != 1:
        return shape
    op = tensor.op
    if op.type == "Pack" and op._attrs.get("axis") == 0:
        dims = []
        for x in op.inputs:
            v = evaluate_constant(x)
            dims.append(None if v is None or np.ndim(v) or v < 0 else int(v))
        return TensorShape(dims)
    value = evaluate_constant(tensor)
    if value is None:
        return shape
    known = TensorShape([int(d) if d >= 0 else None for d in np.reshape(value, -1).tolist()])
    return known if shape.ndims is None else shape.merge_with(known)


class Context:
    """The inputs of one op under construction, and which of them were read as values.

    ``available`` is the set of inputs whose values the current pass may see (``None``: all).
    TensorFlow runs a shape function in passes: the first sees no input values; each later
    pass sees the values the previous ones asked for. An error is reported in the pass where
    it first appears, listing only what that pass saw; ``shape_fn`` replays the passes.
    """

    def __init__(self, inputs, available=None):
        self.inputs = inputs
        self.available = available
        self._computed: dict[int, np.ndarray] = {}
        self._partial: dict[int, TensorShape] = {}
        self.requested: set = set()

    def _sees(self, i):
        return self.available is None or i in self.available

    def shape(self, i: int) -> TensorShape:
        return self.inputs[i].shape

    def dims(self, i: int):
        """Input ``i``'s dims as a tuple (``None`` for unknown ones), or ``None`` for an unknown rank."""
        return self.inputs[i].shape.as_tuple()

    def value(self, i: int):
        """The value of input ``i`` when it is known while building (TF's ``input_tensor``)."""
        self.requested.add(i)
        if not self._sees(i):
            return None
        v = evaluate_constant(self.inputs[i])
        if v is not None:
            self._computed[i] = v
        return v

    def shape_value(self, i: int) -> TensorShape:
        """Input ``i`` read as a shape (TF's ``MakeShapeFromShapeTensor``): ``-1`` is unknown."""
        t = self.inputs[i]
        if t.shape.ndims is not None and t.shape.ndims != 1 and not (
                t.shape.ndims == 0 and self._sees(i) and evaluate_constant(t) is not None):
            raise self.error(f"Shape must be rank 1 but is rank {t.shape.ndims}")
        self.requested.add(i)
        if not self._sees(i):
            n = t.shape.as_tuple()
            return UNKNOWN if n is None or n[0] is None else TensorShape([None] * n[0])
        shape = evaluate_as_shape(t)
        if shape.ndims is not None:
            self._partial[i] = shape
        return shape

    def shape_input(self, i: int) -> TensorShape:
        """``shape_value``, refusing values below -1 as TensorFlow does (the first one)."""
        value = evaluate_constant(self.inputs[i])
        if value is not None and value.ndim == 1:
            dims = value.tolist()
            for v in dims:
                if v < -1:
                    raise ValueError(f"Invalid value in tensor used for shape: {v}")
            if value.dtype.kind in "iu" and self._sees(i):  # known: no second evaluation through shape_value
                self.requested.add(i)
                shape = self._partial[i] = TensorShape([None if d == -1 else d for d in dims])
                return shape
        return self.shape_value(i)

    def with_rank(self, i: int, rank: int) -> None:
        n = self.inputs[i].shape.ndims
        if n is not None and n != rank:
            raise self.error(f"Shape must be rank {rank} but is rank {n}")

    def with_rank_at_least(self, i: int, rank: int) -> None:
        n = self.inputs[i].shape.ndims
        if n is not None and n < rank:
            raise self.error(f"Shape must be at least rank {rank} but is rank {n}")

    def error(self, message: str) -> ShapeError:
        computed = {i: v for i, v in self._computed.items() if i not in self._partial}
        parts = ""
        if computed:
            parts += " and with computed input tensors: " + ", ".join(
                f"input[{i}] = <{summarize(v)}>" for i, v in sorted(computed.items()))
        if self._partial:
            parts += " and with input tensors computed as partial shapes: " + ", ".join(
                f"input[{i}] = {shape_text(s)}" for i, s in sorted(self._partial.items()))
        return ShapeError(message, suffix=parts)


def shape_fn(fn):
    """Make ``fn(ctx, attrs)`` a registry shape function that words errors as TensorFlow does.

    The first run sees every input value; only when it fails are TensorFlow's passes
    replayed, to find the pass (and so the listed input values) of the error.
    """
    def infer(inputs, attrs):
        try:
            return fn(Context(inputs), attrs)
        except ShapeError as first_error:
            available = set()
            while True:
                ctx = Context(inputs, available)
                fn(ctx, attrs)
                new = {i for i in ctx.requested - available if _evaluable(inputs[i])}
                if not new:
                    raise first_error from None
                available |= new
    infer.__name__ = fn.__name__
    infer.__doc__ = fn.__doc__
    return infer


def _evaluable(t):
    return evaluate_constant(t) is not None or (t.shape.ndims == 1 and evaluate_as_shape(t).ndims is not None)


def merge_dim(a, b, ctx: Context, shapes=None):
    """Two dims that must agree (``None`` is unknown), with TF's C++ error."""
    if a is None:
        return b
    if b is None or a == b:
        return a
    if shapes is not None:
        raise ctx.error(f"Dimension {shapes[2]} in both shapes must be equal, but are {a} and {b}. Shapes are "
                        f"{shape_text(shapes[0])} and {shape_text(shapes[1])}.")
    raise ctx.error(f"Dimensions must be equal, but are {a} and {b}")


def merge_shapes(a: TensorShape, b: TensorShape, ctx: Context) -> TensorShape:
    """``Merge`` of two shapes with the messages of TF's C++ shape inference."""
    if a._dims == b._dims:
        return a
    if a.ndims is None:
        return b
    if b.ndims is None:
        return a
    if a.ndims != b.ndims:
        raise ctx.error(f"Shapes must be equal rank, but are {a.ndims} and {b.ndims}")
    out = []
    for i, (x, y) in enumerate(zip(a.as_list(), b.as_list())):
        out.append(merge_dim(x, y, ctx, (a, b, i)))
    return TensorShape(out)


def unknown_of_rank(n):
    return UNKNOWN if n is None else TensorShape([None] * n)

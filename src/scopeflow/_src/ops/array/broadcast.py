"""Broadcasting and permutation helpers: ``broadcast_to`` (``BroadcastTo``),
``broadcast_dynamic_shape`` (``BroadcastArgs``), ``broadcast_gradient_args``
(``BroadcastGradientArgs``, used by ``tf.gradients`` to undo broadcasting) and
``invert_permutation`` (for the gradient of ``Transpose``)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import TensorShape, as_shape
from scopeflow._src.ops.common import attr_defaults, dtype_lists, shape_fns
from scopeflow._src.ops.common.lowering import checked, known_values_only, static_ints
from scopeflow._src.ops.common.shape_context import shape_fn


# -- BroadcastTo, BroadcastArgs, BroadcastGradientArgs -------------------------------------------------
@shape_fn
def _broadcast_to_shape(ctx, attrs):
    inputs = ctx.inputs
    ctx.with_rank(1, 1)
    out = ctx.shape_input(1)
    src = inputs[0].shape.as_tuple()
    if out.ndims is None or src is None:
        return out
    dims = list(out.as_list())
    if len(src) > len(dims):
        raise ctx.error(f"Shape must be at most rank {len(dims)} but is rank {len(src)}")
    for i in range(1, len(src) + 1):
        d = src[-i]
        if d is not None and d > 1:
            if dims[-i] is not None and dims[-i] != d:
                raise ctx.error(f"Dimensions must be equal, but are {d} and {dims[-i]}")
            dims[-i] = d
    return TensorShape(dims)


def _broadcast_to_factory(op, state):
    def kernel(x, s):
        target = tuple(int(d) for d in s)
        try:
            return np.array(np.broadcast_to(x, target))
        except ValueError:
            raise errors.InvalidArgumentError(
                None, op, f"Incompatible shapes: {shape_fns.dims_text(np.shape(x))} vs. "
                          f"{shape_fns.dims_text(target)}") from None
    return kernel


registry.register(OpDef("BroadcastTo", inputs=["input: T", "shape: Tidx"], outputs=["output: T"],
                        attrs={"Tidx": dtype_lists.INDEX}, shape=_broadcast_to_shape, factory=_broadcast_to_factory,
                        defaults=attr_defaults.INT32_TIDX,
                        lower=checked(lambda op, jx: lambda x, s: jx.jnp.broadcast_to(x, static_ints(s)))))


def broadcast_to(input, shape, name=None):  # noqa: A002
    """``input`` broadcast to ``shape`` (NumPy rules), a ``BroadcastTo`` op."""
    return create_output("BroadcastTo", [input, shape], name=name)


def _broadcast_args_shape(inputs, attrs):
    a, b = (t.shape.as_tuple() for t in inputs)
    if a is None or b is None or a[0] is None or b[0] is None:
        return TensorShape([None])
    return TensorShape([max(a[0], b[0])])


def _broadcast_args_kernel(s0, s1):
    return np.array(np.broadcast_shapes(tuple(int(d) for d in s0), tuple(int(d) for d in s1)), dtype=s0.dtype)


def _broadcast_gradient_args(s0, s1):
    a, b = [int(d) for d in s0], [int(d) for d in s1]
    r0, r1 = [], []
    if a != b:  # identical shapes reduce nothing; otherwise axes where both are 1 reduce for both
        n = max(len(a), len(b))
        a, b = [1] * (n - len(a)) + a, [1] * (n - len(b)) + b
        for i, (x, y) in enumerate(zip(a, b)):
            if x == 1:
                r0.append(i)
            if y == 1:
                r1.append(i)
    return np.array(r0, dtype=s0.dtype), np.array(r1, dtype=s0.dtype)


_INT32_T = {"T": dtypes.int32}
registry.register(OpDef("BroadcastArgs", inputs=["s0: T", "s1: T"], outputs=["r0: T"], attrs={"T": dtype_lists.INDEX},
                        shape=_broadcast_args_shape, kernel=_broadcast_args_kernel, defaults=_INT32_T,
                        lower=known_values_only))
registry.register(OpDef("BroadcastGradientArgs", inputs=["s0: T", "s1: T"], outputs=["r0: T", "r1: T"],
                        attrs={"T": dtype_lists.INDEX}, shape=lambda inputs, attrs: [TensorShape([None])] * 2,
                        kernel=_broadcast_gradient_args, defaults=_INT32_T, lower=known_values_only))


def broadcast_dynamic_shape(shape_x, shape_y):
    """The broadcast of two shape tensors (``BroadcastArgs``)."""
    return create_output("BroadcastArgs", [shape_x, shape_y])


def broadcast_static_shape(shape_x, shape_y):
    """The broadcast of two ``TensorShape``s, with TF's error for incompatible ones."""
    try:
        return shape_fns.broadcast_shapes(as_shape(shape_x), as_shape(shape_y))
    except ShapeError:
        raise ValueError(f"Incompatible shapes for broadcasting. Two shapes are compatible if for each dimension "
                         f"pair they are either equal or one of them is 1. Received: {shape_x} and "
                         f"{shape_y}.") from None


def broadcast_gradient_args(s0, s1, name=None):
    """The axes along which each of two broadcast shapes was expanded (``BroadcastGradientArgs``)."""
    return create("BroadcastGradientArgs", [s0, s1], name=name).outputs


# -- InvertPermutation (for the gradient of Transpose) -------------------------------------------------
@shape_fn
def _invert_permutation_shape(ctx, attrs):
    inputs = ctx.inputs
    ctx.with_rank(0, 1)
    return inputs[0].shape


def _invert_permutation_factory(op, state):
    def invert(x):
        x = np.asarray(x)
        n = x.size
        if sorted(x.tolist()) != list(range(n)):
            bad = next((v for v in x.tolist() if v < 0 or v >= n), None)
            msg = (f"{bad} is not between 0 and {n}" if bad is not None else
                   f"{next(v for v in x.tolist() if x.tolist().count(v) > 1)} is duplicated in the input.")
            raise errors.InvalidArgumentError(None, op, msg)
        out = np.empty_like(x)
        out[x] = np.arange(n, dtype=x.dtype)
        return out
    return invert


registry.register(OpDef("InvertPermutation", inputs=["x: T"], outputs=["y: T"], attrs={"T": dtype_lists.INDEX},
                        shape=_invert_permutation_shape, factory=_invert_permutation_factory, defaults=_INT32_T,
                        lower=known_values_only))


def invert_permutation(x, name=None):
    """The inverse of the permutation ``x`` (``InvertPermutation``)."""
    return create_output("InvertPermutation", [x], name=name)

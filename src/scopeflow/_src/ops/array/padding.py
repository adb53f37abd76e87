"""Padding: ``tf.pad`` in CONSTANT (``Pad``/``PadV2``), REFLECT and SYMMETRIC (``MirrorPad``)
modes, with static shapes and TF's errors, and ``MirrorPadGrad``, which the gradient of
``MirrorPad`` builds."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import checked, static_ints
from scopeflow._src.ops.common.shape_context import shape_fn
from scopeflow._src.ops.common.shape_fns import dims_text


@shape_fn
def _pad_shape(ctx, attrs):
    inputs = ctx.inputs
    ctx.with_rank(1, 2)
    pdims = inputs[1].shape.as_tuple()
    if pdims is not None and pdims[1] is not None and pdims[1] != 2:
        raise ctx.error(f"Dimension must be 2 but is {pdims[1]}")
    dims = inputs[0].shape.as_tuple()
    n = None if pdims is None else pdims[0]
    if n is not None:
        ctx.with_rank(0, n)
    elif dims is not None and pdims is not None:
        n = len(dims)
    paddings = ctx.value(1)
    if paddings is None:
        return UNKNOWN if n is None else TensorShape([None] * n)
    out = []
    for i, (before, after) in enumerate(paddings.reshape(-1, 2).tolist()):
        if before < 0 or after < 0:
            raise ctx.error("Paddings must be non-negative")
        d = None if dims is None else dims[i]
        out.append(None if d is None else d + before + after)
    return TensorShape(out)


def _pad_kernel(x, paddings, constant_values=0):
    x = np.asarray(x)
    pairs = np.asarray(paddings, dtype=np.int64).reshape(-1, 2).tolist()
    if len(pairs) == x.ndim and min((min(p) for p in pairs), default=0) >= 0:
        # np.pad's generality costs ~100us a call; a gradient of Slice pads every step
        shape = tuple(d + before + after for d, (before, after) in zip(x.shape, pairs))
        if isinstance(constant_values, int) and constant_values == 0:  # Pad: the dtype's zero
            out = np.zeros(shape, x.dtype) if x.dtype != object else np.full(shape, b"", object)
        else:
            out = np.full(shape, constant_values, dtype=x.dtype)
        out[tuple(slice(before, before + d) for (before, _), d in zip(pairs, x.shape))] = x
        return out
    try:
        return np.pad(x, pairs, mode="constant", constant_values=constant_values)
    except ValueError:  # a negative padding: TF's words, on the error path only
        before, after = next(row for row in pairs if min(row) < 0)
        raise errors.InvalidArgumentError(None, None, f"Paddings must be non-negative: {before} {after}") from None


def _paddings_problem(x, paddings, sep=""):
    """TF's complaint about the form of ``paddings`` for ``x`` (NumPy would broadcast them)."""
    p = np.shape(paddings)
    if len(p) != 2 or p[1] != 2:
        return f"paddings must be a matrix with 2 columns: {dims_text(p)}"
    if p[0] != np.ndim(x):
        return f"The first dimension of paddings must be the rank of inputs{dims_text(p)}{sep} {dims_text(np.shape(x))}"
    return None


def _checking_paddings(op, kernel, sep=""):
    """``kernel``, checking the form of ``paddings`` first unless the static shapes did."""
    x, paddings = op._inputs[0].shape, op._inputs[1].shape
    if x.ndims is not None and paddings.is_fully_defined():
        return kernel

    def checked(x, paddings, *rest):
        problem = _paddings_problem(x, paddings, sep)
        if problem:
            raise errors.InvalidArgumentError(None, op, problem)
        return kernel(x, paddings, *rest)
    return checked


def _mirror_check(op, x, paddings, offset):
    for i, (before, after) in enumerate(np.asarray(paddings).reshape(-1, 2).tolist()):
        dim = np.shape(x)[i]
        if before < 0 or after < 0:
            raise errors.InvalidArgumentError(None, op, f"paddings must be non-negative: {before} {after}")
        if before > dim - offset or after > dim - offset:
            raise errors.InvalidArgumentError(
                None, op, f"paddings must be less than the dimension size: {before}, {after} not less than {dim}"
                if offset else
                f"paddings must be no greater than the dimension size: {before}, {after} greater than {dim}")


def _mirror_pad_factory(op, state):
    mode = op._attrs["mode"]
    offset = 1 if mode == "REFLECT" else 0

    def mirror_pad(x, paddings):
        _mirror_check(op, x, paddings, offset)
        return np.pad(x, np.asarray(paddings, dtype=np.int64).reshape(-1, 2),
                      mode="reflect" if mode == "REFLECT" else "symmetric")
    return _checking_paddings(op, mirror_pad, sep=",")


@shape_fn
def _mirror_pad_grad_shape(ctx, attrs):
    inputs = ctx.inputs
    ctx.with_rank(1, 2)
    dims = inputs[0].shape.as_tuple()
    paddings = ctx.value(1)
    if paddings is None or dims is None:
        return UNKNOWN if dims is None else TensorShape([None] * len(dims))
    pads = paddings.reshape(-1, 2).tolist()
    return TensorShape([None if d is None else d - b - a for d, (b, a) in zip(dims, pads)])


def _mirror_pad_grad_factory(op, state):
    reflect = op._attrs["mode"] == "REFLECT"

    def mirror_pad_grad(dy, paddings):
        out = np.asarray(dy)
        for axis, (before, after) in enumerate(np.asarray(paddings).reshape(-1, 2).tolist()):
            out = _fold_axis(out, axis, before, after, reflect)
        return out
    return mirror_pad_grad


def _fold_axis(dy, axis, before, after, reflect):
    """Add the mirrored border gradients of one axis back onto the positions they copied."""
    dy = np.moveaxis(dy, axis, 0)
    n = dy.shape[0] - before - after
    out = dy[before:before + n].copy()
    shift = 1 if reflect else 0
    for k in range(before):  # padded position before-1-k mirrors input position k + shift
        out[k + shift] += dy[before - 1 - k]
    for k in range(after):  # padded position before+n+k mirrors input position n-1-k-shift
        out[n - 1 - k - shift] += dy[before + n + k]
    return np.moveaxis(out, 0, axis)


def _pad_factory(op, state):
    return _checking_paddings(op, _pad_kernel)


_TPADDINGS = {"Tpaddings": dtypes.int32}
def _lower_pad(op, jx):
    mode = op._attrs.get("mode", "CONSTANT")
    mode = {"REFLECT": "reflect", "SYMMETRIC": "symmetric"}.get(mode.decode() if isinstance(mode, bytes) else mode)

    def pad(x, paddings, value=0):
        pairs = np.reshape(static_ints(paddings, "paddings"), (-1, 2)).tolist()
        if mode:
            return jx.jnp.pad(x, pairs, mode=mode)
        return jx.jnp.pad(x, pairs, constant_values=value)
    return pad


def _lower_mirror_pad_grad(op, jx):
    forward = _lower_pad(op, jx)

    def mirror_pad_grad(dy, paddings):  # the vector-Jacobian product of the mirror pad
        pairs = np.reshape(static_ints(paddings, "paddings"), (-1, 2))
        x = jx.jnp.zeros(tuple(d - a - b for d, (a, b) in zip(dy.shape, pairs.tolist())), dy.dtype)
        return jx.jax.vjp(lambda x: forward(x, paddings), x)[1](dy)[0]
    return mirror_pad_grad


registry.register(OpDef("Pad", inputs=["input: T", "paddings: Tpaddings"], outputs=["output: T"],
                        attrs={"Tpaddings": dtype_lists.INDEX}, shape=_pad_shape, factory=_pad_factory,
                        defaults=_TPADDINGS, lower=checked(_lower_pad)))
registry.register(OpDef("PadV2", inputs=["input: T", "paddings: Tpaddings", "constant_values: T"],
                        outputs=["output: T"], attrs={"Tpaddings": dtype_lists.INDEX}, shape=_pad_shape,
                        factory=_pad_factory, defaults=_TPADDINGS, lower=checked(_lower_pad, data=lambda n: (0, 2))))
registry.register(OpDef("MirrorPad", inputs=["input: T", "paddings: Tpaddings"], outputs=["output: T"],
                        attrs={"Tpaddings": dtype_lists.INDEX}, shape=_pad_shape, factory=_mirror_pad_factory,
                        defaults=_TPADDINGS, lower=checked(_lower_pad)))
registry.register(OpDef("MirrorPadGrad", inputs=["input: T", "paddings: Tpaddings"], outputs=["output: T"],
                        attrs={"Tpaddings": dtype_lists.INDEX}, shape=_mirror_pad_grad_shape,
                        factory=_mirror_pad_grad_factory, defaults=_TPADDINGS, lower=_lower_mirror_pad_grad))


def mirror_pad(input, paddings, mode, name=None):  # noqa: A002 - TensorFlow's argument name
    """TF's raw ``gen_array_ops.mirror_pad``: a ``MirrorPad`` op (``mode`` ``"REFLECT"`` or ``"SYMMETRIC"``)."""
    return create_output("MirrorPad", [input, paddings], {"mode": mode}, name=name)


def mirror_pad_grad(input, paddings, mode, name=None):  # noqa: A002
    """TF's raw ``gen_array_ops.mirror_pad_grad``: the gradient of ``mirror_pad`` (``MirrorPadGrad``)."""
    return create_output("MirrorPadGrad", [input, paddings], {"mode": mode}, name=name)


def _paddings_constant(paddings):
    if isinstance(paddings, Tensor):
        return tensor_util.constant_value(paddings, partial=True)
    if isinstance(paddings, (list, tuple)):
        return [_paddings_constant(p) for p in paddings]
    return paddings


def pad(tensor, paddings, mode="CONSTANT", name=None, constant_values=0):
    """``tensor`` padded by ``paddings`` (``[rank, 2]``): ``Pad`` (or ``PadV2`` with non-zero
    ``constant_values``), or ``MirrorPad`` for ``"REFLECT"``/``"SYMMETRIC"``.

    >>> import scopeflow as tf
    >>> tf.pad(tf.zeros([2, 3]), [[1, 1], [0, 2]]).shape.as_list()
    [4, 5]
    """
    mode = mode.upper()
    if mode == "CONSTANT":
        if not isinstance(constant_values, Tensor) and not hasattr(constant_values, "_as_graph_element") \
                and np.ndim(constant_values) == 0 and constant_values == np.zeros_like(constant_values):
            result = create_output("Pad", [tensor, paddings], name=name)
        else:
            result = create_output("PadV2", [tensor, paddings, constant_values], name=name)
    elif mode in ("REFLECT", "SYMMETRIC"):
        result = mirror_pad(tensor, paddings, mode, name=name)
    else:
        raise ValueError(f'Value of argument `mode` expected to be one of "CONSTANT", "REFLECT", or "SYMMETRIC". '
                         f"Received `mode` = {mode}")
    _refine_shape(result, paddings)
    return result


def _refine_shape(result, paddings):
    """TF's Python pass: fill dims from partially known paddings when C++ inference could not."""
    known = _paddings_constant(paddings)
    dims = result.op.inputs[0].shape.as_tuple()
    if dims is None or result.shape.is_fully_defined() or known is None:
        return
    new = []
    for p, d in zip(known, dims):
        if p is None or d is None or any(x is None for x in p):
            new.append(None)
        else:
            new.append(int(sum(p)) + d)
    result.set_shape(new)

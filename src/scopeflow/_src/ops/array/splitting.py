"""Splitting: ``tf.split`` into equal pieces (``Split``) or pieces of given sizes
(``SplitV``), with TensorFlow's static shapes and errors."""

from __future__ import annotations

import numbers

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN, Dimension, TensorShape
from scopeflow._src.ops.common.lowering import checked, static, static_ints
from scopeflow._src.ops.common.shape_context import shape_fn, unknown_of_rank
from scopeflow._src.ops.common.shape_fns import dims_text


# -- Split, SplitV --------------------------------------------------------------------------------
def _split_dim(ctx, index, dims):
    value = ctx.value(index)
    if value is None:
        return None
    d = int(value)
    if dims is None:
        return d if d >= 0 else None
    n = len(dims)
    if d < -n or d >= n:
        raise ctx.error(f"Dimension size, given by scalar input {d} must be in range [{-n}, {n})")
    return d % n


@shape_fn
def _split_shape(ctx, attrs):
    inputs = ctx.inputs
    dims = inputs[1].shape.as_tuple()
    axis = _split_dim(ctx, 0, dims)
    num = attrs["num_split"]
    if axis is None:
        return [unknown_of_rank(None if dims is None else len(dims))] * num
    if dims is None:
        return [UNKNOWN] * num
    if dims[axis] is not None and dims[axis] % num:
        raise ctx.error(f"Dimension size must be evenly divisible by {num} but is {dims[axis]}\n\tNumber of ways to "
                        f"split should evenly divide the split dimension")
    size_ = None if dims[axis] is None else dims[axis] // num
    return [TensorShape(dims[:axis] + (size_,) + dims[axis + 1:])] * num


@shape_fn
def _split_v_shape(ctx, attrs):
    inputs = ctx.inputs
    dims = inputs[0].shape.as_tuple()
    sizes = ctx.value(1)
    axis = _split_dim(ctx, 2, dims)
    num = attrs["num_split"]
    if dims is None:
        return [UNKNOWN] * num
    if not dims:
        raise ctx.error("Can't split scalars")
    if sizes is None:
        if axis is None:
            return [TensorShape([None] * len(dims))] * num
        return [TensorShape(dims[:axis] + (None,) + dims[axis + 1:])] * num
    if axis is None:
        return [TensorShape([None] * len(dims))] * num
    return _split_v_known(ctx, dims, axis, [int(s) for s in sizes.tolist()], num)


def _split_v_known(ctx, dims, axis, sizes, num):
    if len(sizes) != num:
        raise ctx.error("Length of size_splits should be equal to num_outputs")
    total, has_neg = 0, False
    for s in sizes:
        if s == -1:
            if has_neg:
                raise ctx.error("size_splits can only have one -1")
            has_neg = True
        else:
            total += s
    dim = dims[axis]
    out = []
    for i, s in enumerate(sizes):
        if s == -1 and dim is not None:
            s = dim - total
        if s < -1 or (s == -1 and dim is not None):
            raise ctx.error(f"Split size at index {i} must be >= 0. Got: {s}")
        out.append(TensorShape(dims[:axis] + (None if s == -1 else s,) + dims[axis + 1:]))
    if dim is not None and (total > dim if has_neg else total != dim):
        raise ctx.error(f"can't split axis of size {dim} into pieces of size {dims_text(sizes)}")
    return out


def _dim_size(op, x, axis):
    """The size of dimension ``axis`` of ``x``, or TF's error when there is no such dimension."""
    try:
        return x.shape[axis]
    except IndexError:
        raise errors.InvalidArgumentError(
            None, op, f"-input rank(-{x.ndim}) <= split_dim < input rank ({x.ndim}), but got {axis}") from None


def _split_factory(op, state):
    num = op._attrs["num_split"]

    def split_kernel(axis, x):
        x = np.asarray(x)
        axis = int(axis)
        dim = _dim_size(op, x, axis)
        if dim % num:
            raise errors.InvalidArgumentError(None, op, f"Number of ways to split should evenly divide the split "
                                                        f"dimension, but got split_dim {axis % x.ndim} (size = "
                                                        f"{x.shape[axis]}) and num_split {num}")
        size = dim // num
        lead = (slice(None),) * (axis % x.ndim)  # views of x, as np.split gives, without its overhead
        return tuple(x[lead + (slice(i * size, (i + 1) * size),)] for i in range(num))
    return split_kernel


def _split_v_factory(op, state):
    def split_v_kernel(x, sizes, axis):
        x = np.asarray(x)
        axis = int(axis)
        _dim_size(op, x, axis)
        sizes = [int(s) for s in sizes]
        if -1 in sizes:
            sizes[sizes.index(-1)] = x.shape[axis] - (sum(sizes) + 1)
        if sum(sizes) != x.shape[axis] or any(s < 0 for s in sizes):
            raise errors.InvalidArgumentError(
                None, op, f"Determined shape must either match input shape along split_dim exactly if fully "
                          f"specified, or be less than the size of the input along split_dim if not fully "
                          f"specified.  Got: {sum(sizes)}")
        return tuple(np.split(x, np.cumsum(sizes)[:-1], axis=axis))
    return split_v_kernel


def _lower_split_v(op, jx):
    def split_v(x, sizes, axis):
        sizes, axis = list(static_ints(sizes)), int(static(axis))
        if -1 in sizes:
            sizes[sizes.index(-1)] = x.shape[axis] - (sum(sizes) + 1)
        return tuple(jx.jnp.split(x, np.cumsum(sizes)[:-1].tolist(), axis=axis))
    return split_v


registry.register(OpDef("Split", inputs=["split_dim: int32", "value: T"], outputs=["output: num_split*T"],
                        shape=_split_shape, factory=_split_factory,
                        lower=checked(lambda op, jx: lambda axis, x: tuple(
                            jx.jnp.split(x, op._attrs["num_split"], axis=int(static(axis)))), data=lambda n: (1,))))
registry.register(OpDef("SplitV", inputs=["value: T", "size_splits: Tlen", "split_dim: int32"],
                        outputs=["output: num_split*T"], attrs={"Tlen": frozenset(dtypes.as_dtype(n) for n in (
                            "int8", "int32", "int64"))},
                        shape=_split_v_shape, factory=_split_v_factory, defaults={"Tlen": dtypes.int64},
                        lower=checked(_lower_split_v)))


def split(value, num_or_size_splits, axis=0, num=None, name="split"):
    """Split ``value`` along ``axis`` into ``num_or_size_splits`` equal pieces (``Split``) or
    pieces of the given sizes (``SplitV``; one size may be ``-1``).

    >>> import scopeflow as tf
    >>> [t.name for t in tf.split(tf.zeros([4, 3]), [1, 3])]
    ['split:0', 'split:1']
    """
    if isinstance(num_or_size_splits, (numbers.Integral, Dimension)) and not isinstance(num_or_size_splits, bool):
        if int(num_or_size_splits) < 1:  # TF's attr minimum (was a ZeroDivisionError from shape inference)
            raise ValueError(f"Attr 'num_split' of 'Split' Op passed {int(num_or_size_splits)} less than minimum 1.")
        return create("Split", [axis, value], {"num_split": int(num_or_size_splits)}, name=name).outputs
    sizes = convert_to_tensor(num_or_size_splits)
    if sizes.shape.ndims == 0:
        raise ValueError(f"Rank-0 tensors are not supported as the num_or_size_splits argument to split. Argument "
                         f"provided: {num_or_size_splits}")
    if num is None:
        dims = sizes.shape.as_tuple()
        if dims:
            num = dims[0]
        if num is None:
            raise ValueError(f"Cannot infer argument `num` from shape {num_or_size_splits}")
    return create("SplitV", [value, sizes, axis], {"num_split": int(num)}, name=name).outputs

"""``tile`` (a ``Tile`` op): a tensor repeated along each dimension, with its static shape and
TF's run-time errors."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import checked, static_ints
from scopeflow._src.ops.common.shape_context import evaluate_as_shape, evaluate_constant, shape_fn, unknown_of_rank


@shape_fn
def _tile_shape(ctx, attrs):
    inputs = ctx.inputs
    ctx.with_rank(1, 1)
    value = evaluate_constant(inputs[1])
    if value is not None and value.ndim == 1 and (value < -1).any():
        raise ValueError(f"Invalid value in tensor used for shape: {int(value[value < -1][0])}")
    multiples = evaluate_as_shape(inputs[1])
    dims = inputs[0].shape.as_tuple()
    if dims is not None and multiples.ndims is not None and multiples.ndims != len(dims):
        raise ctx.error(f"Shape must be rank {len(dims)} but is rank {multiples.ndims}")
    if multiples.ndims is None:
        return unknown_of_rank(None if dims is None else len(dims))
    m = multiples.as_list()
    if dims is None:
        return TensorShape([None] * len(m))
    return TensorShape([None if a is None or b is None else a * b for a, b in zip(dims, m)])


def _tile_kernel(x, multiples):
    try:
        return np.tile(x, tuple(int(m) for m in multiples))
    except ValueError:  # a negative multiple
        i = next(i for i, m in enumerate(multiples) if m < 0)
        raise errors.InvalidArgumentError(None, None, f"Expected multiples[{i}] >= 0, but got {int(multiples[i])}") \
            from None


def _tile_checking_length(x, multiples):
    if len(multiples) != np.ndim(x):  # np.tile would pad the shorter one; TF refuses
        raise errors.InvalidArgumentError(None, None, f"Expected multiples argument to be a vector of length "
                                                      f"{np.ndim(x)} but got length {len(multiples)}")
    return _tile_kernel(x, multiples)


def _tile_factory(op, state):
    x, multiples = op._inputs
    # Known ranks were checked against each other when the graph was built.
    known = x.shape.ndims is not None and multiples.shape.is_fully_defined()
    return _tile_kernel if known else _tile_checking_length


registry.register(OpDef("Tile", inputs=["input: T", "multiples: Tmultiples"], outputs=["output: T"],
                        attrs={"Tmultiples": dtype_lists.INDEX}, shape=_tile_shape, factory=_tile_factory,
                        defaults={"Tmultiples": dtypes.int32},
                        lower=checked(lambda op, jx: lambda x, multiples: jx.jnp.tile(x, static_ints(multiples)))))


def tile(input, multiples, name=None):  # noqa: A002
    """``input`` repeated ``multiples[i]`` times along each dimension ``i`` (a ``Tile`` op)."""
    return create_output("Tile", [input, multiples], name=name)


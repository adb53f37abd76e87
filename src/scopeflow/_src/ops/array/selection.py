"""Selection: ``tf.where`` (``Where`` with one argument, ``Select`` with three, as TF1 builds
them), ``tf.where_v2`` (``SelectV2``, broadcasting) and ``tf.unique``."""

from __future__ import annotations

import collections

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import dtype_lists, shape_fns
from scopeflow._src.ops.common.lowering import all_inputs, checked
from scopeflow._src.ops.common.shape_context import merge_shapes, shape_fn

# -- Where (one argument) --------------------------------------------------------------------------
registry.register(OpDef("Where", inputs=["input: T"], outputs=["index: int64"],
                        shape=lambda inputs, attrs: TensorShape([None, inputs[0].shape.ndims]),
                        kernel=lambda x: np.argwhere(x).astype(np.int64), defaults={"T": dtypes.bool}))


def _where_indices(condition, name):
    with name_scope(name, "Where", [condition]) as scope:
        condition = convert_to_tensor(condition, preferred_dtype=dtypes.bool, name="condition")
        return create_output("Where", [condition], name=scope)


# -- Select (TF1's tf.where with x and y) ------------------------------------------------------------
@shape_fn
def _select_shape(ctx, attrs):
    inputs = ctx.inputs
    data = merge_shapes(inputs[1].shape, inputs[2].shape, ctx)
    cond = inputs[0].shape
    if cond.ndims is None or data.ndims is None or cond.ndims == 0:
        return data
    if cond.ndims != 1 or data.ndims == 0:
        return merge_shapes(data, cond, ctx)
    merge_shapes(cond, TensorShape([data.as_list()[0]]), ctx)
    return data


def _select_factory(op, state):
    def select(c, x, y):
        c, x = np.asarray(c), np.asarray(x)
        if c.ndim == 1 and x.ndim > 1:  # one condition per row
            if x.shape != np.shape(y):
                raise _then_else_error(op, x, y)
            if c.shape[0] != x.shape[0]:
                raise errors.InvalidArgumentError(None, op, "Number of batches of 'then' must match size of "
                                                            "'cond', but saw: " f"{x.shape[0]} vs. {c.shape[0]}")
            c = c.reshape((-1,) + (1,) * (x.ndim - 1))
        elif not c.ndim:
            if x.shape != np.shape(y):
                raise _then_else_error(op, x, y)
        elif not c.shape == x.shape == np.shape(y):  # np.where would broadcast; TF refuses
            shape_fns.require_same_shapes(op, (c, x, y))
        return np.where(c, x, y)
    return select


def _then_else_error(op, x, y):
    return errors.InvalidArgumentError(
        None, op, "'then' and 'else' must have the same size.  but received: "
                  f"{shape_fns.dims_text(x.shape)} vs. {shape_fns.dims_text(np.shape(y))}")


def _lower_select(op, jx):
    def select(c, x, y):
        if c.ndim == 1 and x.ndim > 1:  # TF1's Select: a vector condition picks rows
            c = c.reshape(c.shape + (1,) * (x.ndim - 1))
        return jx.jnp.where(c, x, y)
    return select


registry.register(OpDef("Select", inputs=["condition: bool", "t: T", "e: T"], outputs=["output: T"],
                        shape=_select_shape, factory=_select_factory, lower=checked(_lower_select, all_inputs)))


def where(condition, x=None, y=None, name=None):
    """TF1's ``tf.where``: the indices of true elements (``Where``) with one argument, or the
    elementwise choice between ``x`` and ``y`` (``Select``, no broadcasting) with three."""
    if x is None and y is None:
        return _where_indices(condition, name)
    if x is not None and y is not None:
        return create_output("Select", [condition, x, y], name=name)
    raise ValueError("x and y must both be non-None or both be None.")


# -- SelectV2 (tf.where_v2) ---------------------------------------------------------------------------
def _select_v2_shape(inputs, attrs):
    other = shape_fns.broadcast_shapes(inputs[1].shape, inputs[2].shape)
    return shape_fns.broadcast_shapes(inputs[0].shape, other)


def _select_v2_kernel(c, x, y):
    return np.where(c, x, y).astype(np.result_type(x, y), copy=False)


registry.register(OpDef("SelectV2", inputs=["condition: bool", "t: T", "e: T"], outputs=["output: T"],
                        shape=_select_v2_shape, kernel=_select_v2_kernel,
                        lower=checked(lambda op, jx: jx.jnp.where, all_inputs)))


def where_v2(condition, x=None, y=None, name=None):
    """TF2's ``tf.where``: ``Where`` with one argument, else ``SelectV2`` (broadcasting)."""
    if x is None and y is None:
        return _where_indices(condition, name)
    if x is not None and y is not None:
        return create_output("SelectV2", [condition, x, y], name=name)
    raise ValueError("x and y must both be non-None or both be None.")


# -- Unique ------------------------------------------------------------------------------------------
@shape_fn
def _unique_shape(ctx, attrs):
    ctx.with_rank(0, 1)
    return [TensorShape([None]), ctx.shape(0)]


def _unique_factory(op, state):
    np_type = op._attrs["out_idx"].as_numpy_dtype

    def unique_kernel(x):
        x = np.asarray(x)
        values, first, inverse = np.unique(x, return_index=True, return_inverse=True)
        order = np.argsort(first, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(order.size)
        return x[np.sort(first)], rank[inverse.reshape(-1)].astype(np_type)
    return unique_kernel


registry.register(OpDef("Unique", inputs=["x: T"], outputs=["y: T", "idx: out_idx"],
                        attrs={"out_idx": dtype_lists.INDEX},
                        shape=_unique_shape, factory=_unique_factory, defaults={"out_idx": dtypes.int32}))


def unique(x, out_idx=dtypes.int32, name=None):
    """The distinct values of a 1-D ``x`` in order of first appearance, and each element's
    index into them (``Unique``; TensorFlow defines no gradient for it)."""
    return UniqueOutput(*create("Unique", [x], {"out_idx": dtypes.as_dtype(out_idx)}, name=name).outputs)


UniqueOutput = collections.namedtuple("Unique", ["y", "idx"])

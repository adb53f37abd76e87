"""Gathering and scattering: gather (``GatherV2``, with ``axis`` and ``batch_dims``), gather_nd,
scatter_nd, unsorted_segment_sum and boolean_mask, with static shapes and TF's errors.

Gradients are in ``gather_grads.py``: as in TensorFlow, the gradient of an axis-0 gather is an
``IndexedSlices`` (the gathered rows and their indices).
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.array.joining import concat
from scopeflow._src.ops.array.selection import where_v2
from scopeflow._src.ops.array.shapes import reshape, shape, squeeze
from scopeflow._src.ops.common import dtype_lists, rows_in_order
from scopeflow._src.ops.common.lowering import static, static_ints
from scopeflow._src.ops.common.shape_context import evaluate_as_shape, shape_fn, shape_text
from scopeflow._src.ops.common.shape_fns import dims_text


def _index_text(position):
    return ",".join(str(int(p)) for p in position)


# -- GatherV2 ------------------------------------------------------------------------------------
@shape_fn
def _gather_shape(ctx, attrs):
    inputs = ctx.inputs
    ctx.with_rank_at_least(0, 1)
    ctx.with_rank(2, 0)
    params, indices = inputs[0].shape.as_tuple(), inputs[1].shape.as_tuple()
    batch_dims = attrs["batch_dims"]
    axis = ctx.value(2)
    if axis is None:
        if params is None or indices is None:
            return UNKNOWN
        return TensorShape([None] * (len(params) + len(indices) - 1 - batch_dims))
    axis = int(axis)
    ctx.with_rank_at_least(0, -axis if axis < 0 else axis + 1)
    ctx.with_rank_at_least(1, abs(batch_dims))
    if batch_dims < 0 and indices is not None:
        batch_dims += len(indices)
    ctx.with_rank_at_least(0, batch_dims + 1)
    if params is None or indices is None:
        return UNKNOWN
    if axis < 0:
        axis += len(params)
    return TensorShape(params[:axis] + indices[batch_dims:] + params[axis + 1:])


def _check_indices(op, indices, limit):
    if indices.size and (indices.min() < 0 or indices.max() >= limit):  # NumPy would wrap negative ones
        pos = tuple(np.argwhere((indices < 0) | (indices >= limit))[0])
        where = f"[{_index_text(pos)}]" if pos else ""  # a scalar index: ``indices = 5``
        raise errors.InvalidArgumentError(None, op, f"indices{where} = {indices[pos]} is not in [0, {limit})")


def _gather_factory(op, state):
    batch_dims = op._attrs["batch_dims"]

    def gather_kernel(params, indices, axis):
        params, indices = np.asarray(params), np.asarray(indices)
        axis, rank = int(axis), params.ndim
        if not -rank <= axis < rank:  # the text of TF's run-time shape check
            raise errors.InvalidArgumentError(
                None, op, f"Shape must be at least rank {axis + 1 if axis >= 0 else -axis} but is rank {rank}")
        if axis < 0:
            axis += rank
        _check_indices(op, indices, params.shape[axis])
        b = batch_dims + indices.ndim if batch_dims < 0 else batch_dims
        if b == 0:
            return np.take(params, indices, axis=axis)
        lead = params.shape[:b]
        p = params.reshape((-1,) + params.shape[b:])
        i = indices.reshape((-1,) + indices.shape[b:])
        parts = [np.take(p[k], i[k], axis=axis - b) for k in range(p.shape[0])]
        out = np.stack(parts) if parts else np.zeros((0,) + params.shape[b:axis] + indices.shape[b:]
                                                     + params.shape[axis + 1:], params.dtype)
        return out.reshape(lead + out.shape[1:])
    return gather_kernel


def _lower_gather(op, jx):
    batch_dims = op._attrs["batch_dims"]

    def gather(params, indices, axis):
        axis = int(static(axis, "axis")) % params.ndim
        b = batch_dims + indices.ndim if batch_dims < 0 else batch_dims
        take = lambda p, i, a: jx.jnp.take(p, i, axis=a, mode="fill", fill_value=0)  # noqa: E731
        for _ in range(b):  # one vmap per batch dimension
            take = (lambda inner: lambda p, i, a: jx.jax.vmap(lambda pp, ii: inner(pp, ii, a - 1))(p, i))(take)
        return take(params, indices, axis)
    return gather


registry.register(OpDef("GatherV2", inputs=["params: Tparams", "indices: Tindices", "axis: Taxis"],
                        outputs=["output: Tparams"],
                        attrs={"Tindices": dtype_lists.INDEX16, "Taxis": dtype_lists.INDEX},
                        shape=_gather_shape, factory=_gather_factory, defaults={"batch_dims": 0},
                        lower=_lower_gather))  # out of range: zeros (TF's GPU kernel), no error in a compiled step


def gather(params, indices, validate_indices=None, name=None, axis=None, batch_dims=0):
    """Slices of ``params`` along ``axis`` at ``indices`` (a ``GatherV2`` op).

    As in TensorFlow, ``batch_dims`` is dropped when ``axis`` is 0.

    >>> import scopeflow as tf
    >>> tf.Session().run(tf.gather([10, 20, 30], [2, 0]))
    array([30, 10], dtype=int32)
    """
    del validate_indices
    if axis is None:
        axis = batch_dims
    axis_value = axis if not hasattr(axis, "op") else tensor_util.constant_value(axis)
    if axis_value is not None and axis_value != 0:
        return create_output("GatherV2", [params, indices, axis], {"batch_dims": int(batch_dims)}, name=name)
    return create_output("GatherV2", [params, indices, axis], {"batch_dims": 0}, name=name)


# -- GatherNd, ScatterNd --------------------------------------------------------------------------
@shape_fn
def _gather_nd_shape(ctx, attrs):
    inputs = ctx.inputs
    ctx.with_rank_at_least(1, 1)
    params, indices = inputs[0].shape.as_tuple(), inputs[1].shape.as_tuple()
    if params is None or indices is None or indices[-1] is None:
        return UNKNOWN
    if indices[-1] > len(params):
        raise ctx.error(f"indices.shape[-1] must be <= params.rank, but saw indices shape: "
                        f"{shape_text(inputs[1].shape)} and params shape: {shape_text(inputs[0].shape)}")
    return TensorShape(indices[:-1] + params[indices[-1]:])


def _index_rows(indices, shape):
    """``indices`` as rows of coordinates into ``shape`` (its last dimension), and the position
    of the first row that falls outside ``shape`` (``None`` when all are inside)."""
    flat = indices.reshape(-1, indices.shape[-1])
    bad = np.argwhere(((flat < 0) | (flat >= np.array(shape[:flat.shape[1]]))).any(axis=1))
    return flat, (int(bad[0][0]) if bad.size else None)


def _row_text(row):
    return "[" + ", ".join(str(v) for v in row.tolist()) + "]"


def _gather_nd_factory(op, state):
    def gather_nd_kernel(params, indices):
        params, indices = np.asarray(params), np.asarray(indices)
        depth = indices.shape[-1]
        flat, k = _index_rows(indices, params.shape)
        if k is not None:
            pos = np.unravel_index(k, indices.shape[:-1])
            raise errors.InvalidArgumentError(
                None, op, f"indices[{_index_text(pos)}] = {_row_text(flat[k])} does not index into param shape "
                          f"{dims_text(params.shape)}, node name: {op.name}")
        out = params[tuple(flat.T)] if depth else np.broadcast_to(params, (flat.shape[0],) + params.shape)
        return out.reshape(indices.shape[:-1] + params.shape[depth:])
    return gather_nd_kernel


def _lower_gather_nd(op, jx):
    def gather_nd(params, indices):  # out of range: zeros, as TF's GPU kernel (no error in a compiled step)
        depth = indices.shape[-1]
        flat = indices.reshape(-1, depth)
        if not depth:
            out = jx.jnp.broadcast_to(params, (flat.shape[0],) + params.shape)
        else:
            inside = ((flat >= 0) & (flat < np.array(params.shape[:depth]))).all(axis=1)
            out = params[tuple(jx.jnp.where(inside[:, None], flat, 0).T)]
            out = jx.jnp.where(inside.reshape((-1,) + (1,) * (out.ndim - 1)), out, jx.jnp.zeros((), out.dtype))
        return out.reshape(indices.shape[:-1] + params.shape[depth:])
    return gather_nd


def _lower_scatter_nd(op, jx):
    def scatter_nd(indices, updates, shape):  # out of range: dropped, as XLA's scatter
        out = jx.jnp.zeros(static_ints(shape, "shape"), updates.dtype)
        depth = indices.shape[-1]
        flat = indices.reshape(-1, depth)
        rows = updates.reshape((flat.shape[0],) + out.shape[depth:])
        return out.at[tuple(flat.T)].add(rows, mode="drop")
    return scatter_nd


_BAD_INDICES = {"bad_indices_policy": ""}
registry.register(OpDef("GatherNd", inputs=["params: Tparams", "indices: Tindices"], outputs=["output: Tparams"],
                        attrs={"Tindices": dtype_lists.INDEX16}, shape=_gather_nd_shape, factory=_gather_nd_factory,
                        defaults=_BAD_INDICES,
                        lower=_lower_gather_nd))


def gather_nd(params, indices, name=None, batch_dims=0, bad_indices_policy=""):
    """Slices of ``params`` at the multi-indices in the last dimension of ``indices`` (``GatherNd``).

    ``batch_dims`` other than 0 is not supported.
    """
    if batch_dims != 0:
        raise ValueError("scopeflow: gather_nd with batch_dims != 0 is not supported")
    return create_output("GatherNd", [params, indices], {"bad_indices_policy": bad_indices_policy}, name=name)


@shape_fn
def _scatter_nd_shape(ctx, attrs):
    inputs = ctx.inputs
    ctx.with_rank_at_least(0, 1)
    ctx.with_rank_at_least(1, 1)
    out = evaluate_as_shape(inputs[2]) if inputs[2].shape.ndims == 1 else ctx.shape_input(2)
    indices, updates = inputs[0].shape, inputs[1].shape
    if indices.ndims is None or updates.ndims is None or updates.ndims == 0:
        return out
    outer = indices.ndims - 1
    depth = indices.as_list()[-1]
    if depth is None:
        return out
    for (lo, hi), a, b, what in (((0, outer), indices, updates, "indices"),):
        pa, pb = TensorShape(a.as_list()[lo:hi]), TensorShape(b.as_list()[lo:hi])
        for i, (x, y) in enumerate(zip(pa.as_list(), pb.as_list())):
            if x is not None and y is not None and x != y:
                raise ctx.error(f"Dimensions [0,{outer}) of {what}[shape={shape_text(a)}] = {shape_text(pa)} must "
                                f"match dimensions [0,{outer}) of updates[shape={shape_text(b)}] = {shape_text(pb)}: "
                                f"Dimension {i} in both shapes must be equal, but are {x} and {y}. Shapes are "
                                f"{shape_text(pa)} and {shape_text(pb)}.")
    return out


def _scatter_nd_factory(op, state):
    def scatter_nd_kernel(indices, updates, shape):
        out = np.zeros(tuple(int(d) for d in shape), dtype=np.asarray(updates).dtype)
        indices = np.asarray(indices)
        depth = indices.shape[-1]
        flat, k = _index_rows(indices, out.shape)
        if k is not None:
            raise errors.InvalidArgumentError(
                None, op, f"indices[{k}] = {_row_text(flat[k])} does not index into shape {dims_text(out.shape)}")
        values = np.asarray(updates).reshape((flat.shape[0],) + out.shape[depth:])
        np.add.at(out, tuple(flat.T), values)
        return out
    return scatter_nd_kernel


registry.register(OpDef("ScatterNd", inputs=["indices: Tindices", "updates: T", "shape: Tindices"],
                        outputs=["output: T"], attrs={"Tindices": dtype_lists.INDEX16}, shape=_scatter_nd_shape,
                        factory=_scatter_nd_factory, defaults=_BAD_INDICES,
                        lower=_lower_scatter_nd))


def scatter_nd(indices, updates, shape, name=None, bad_indices_policy=""):
    """Zeros of ``shape`` with ``updates`` added at ``indices`` (``ScatterNd``; duplicates add up)."""
    return create_output("ScatterNd", [indices, updates, shape], {"bad_indices_policy": bad_indices_policy},
                         name=name)


# -- UnsortedSegmentSum ---------------------------------------------------------------------------
@shape_fn
def _segment_shape(ctx, attrs):
    inputs = ctx.inputs
    ctx.with_rank(2, 0)
    data, ids = inputs[0].shape.as_tuple(), inputs[1].shape.as_tuple()
    if ids is None:
        return UNKNOWN
    if data is not None:
        if len(data) < len(ids):
            raise ctx.error(f"Shape must be at least rank {len(ids)} but is rank {len(data)}")
        for x, y in zip(data, ids):
            if x is not None and y is not None and x != y:
                raise ctx.error(f"Dimensions must be equal, but are {x} and {y}")
    n = ctx.value(2)
    if n is not None and n < 0:
        raise ctx.error(f"Dimension size, given by scalar input 2, must be non-negative but is {int(n)}")
    tail = UNKNOWN if data is None else TensorShape(data[len(ids):])
    return TensorShape([None if n is None else int(n)]).concatenate(tail)


def _segment_factory(op, state):
    def unsorted_segment_sum(data, ids, num):
        data, ids = np.asarray(data), np.asarray(ids)
        num = int(num)
        bad = np.argwhere(ids >= num)
        if bad.size:
            pos = tuple(bad[0])
            raise errors.InvalidArgumentError(None, op, f"segment_ids[{_index_text(pos)}] = {ids[pos]} is out of "
                                                        f"range [0, {num})")
        out = np.zeros((num,) + data.shape[ids.ndim:], dtype=data.dtype)
        keep = ids >= 0
        try:
            rows = data[keep]  # IndexError when data.shape does not start with ids.shape
            rows_in_order.add_rows(out, ids[keep], rows)
        except IndexError:  # TF's words, on the error path only
            raise errors.InvalidArgumentError(None, op, f"data.shape = {dims_text(data.shape)} does not start with "
                                                        f"segment_ids.shape = {dims_text(ids.shape)}") from None
        return out
    return unsorted_segment_sum


def _lower_segment_sum(op, jx):
    def unsorted_segment_sum(data, ids, num):
        rows = data.reshape((-1,) + data.shape[ids.ndim:])
        return jx.jax.ops.segment_sum(rows, ids.reshape(-1), int(static(num, "num_segments")))
    return unsorted_segment_sum


registry.register(OpDef("UnsortedSegmentSum", inputs=["data: T", "segment_ids: Tindices",
                                                       "num_segments: Tnumsegments"],
                        outputs=["output: T"], attrs={"Tindices": dtype_lists.INDEX, "Tnumsegments": dtype_lists.INDEX},
                        shape=_segment_shape, factory=_segment_factory, defaults={"Tnumsegments": dtypes.int32},
                        lower=_lower_segment_sum))


def unsorted_segment_sum(data, segment_ids, num_segments, name=None):
    """Sums of the rows of ``data`` by ``segment_ids`` (negative ids are dropped)."""
    return create_output("UnsortedSegmentSum", [data, segment_ids, num_segments], name=name)


# -- boolean_mask ------------------------------------------------------------------------------------
def boolean_mask(tensor, mask, name="boolean_mask", axis=None):
    """The elements of ``tensor`` where ``mask`` is true, built as TensorFlow builds it.

    >>> import scopeflow as tf
    >>> tf.Session().run(tf.boolean_mask([1, 2, 3], [True, False, True]))
    array([1, 3], dtype=int32)
    """
    with name_scope(name, values=[tensor, mask]):
        tensor = convert_to_tensor(tensor, name="tensor")
        mask = convert_to_tensor(mask, name="mask")
        ndims = mask.shape.ndims
        static = tensor.shape
        if ndims == 0:
            raise ValueError("mask cannot be scalar.")
        if ndims is None:
            raise ValueError("Number of mask dimensions must be specified, even if some dimensions are None.  "
                             "E.g. shape=[None] is ok, but shape=None is not.")
        axis = 0 if axis is None else axis
        axis_value = axis if not hasattr(axis, "op") else tensor_util.constant_value(axis)
        if axis_value is not None:
            axis = int(axis_value)
            static[axis:axis + ndims].assert_is_compatible_with(mask.shape)
        leading = create_output("Prod", [shape(tensor)[axis:axis + ndims], [0]], {"keep_dims": False})
        tensor = reshape(tensor, concat([shape(tensor)[:axis], [leading], shape(tensor)[axis + ndims:]], 0))
        if axis_value is not None:
            first = static[axis:axis + ndims].num_elements()
            tensor.set_shape(TensorShape(static[:axis]).concatenate([first]).concatenate(static[axis + ndims:]))
        mask = reshape(mask, [-1])
        indices = squeeze(where_v2(mask), axis=[1])
        return gather(tensor, indices, axis=axis)

"""``TensorScatterUpdate``/``Add``/``Sub``/``Min``/``Max`` (a copy of a tensor with slices at
N-d indices replaced or combined), TensorFlow's ``ScatterNd`` shape checks that the
``ScatterNd*`` variable updates share (``state/scatter_ops.py``), and TF1's ``batch_gather``.
Loaded on first use (``state/scatter_api.py``)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops import array_ops
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.shape_context import shape_text
from scopeflow._src.ops.common.shape_fns import dims_text


# -- shapes ------------------------------------------------------------------------------------------------
def _merge_text(a: TensorShape, b: TensorShape):
    """TF's ``Merge`` message for two shapes of one rank, or ``None`` when they agree."""
    if a.ndims is not None and b.ndims is not None and a.ndims != b.ndims:
        return f"Shapes must be equal rank, but are {a.ndims} and {b.ndims}"
    if a.ndims is None or b.ndims is None:
        return None
    for i, (x, y) in enumerate(zip(a.as_list(), b.as_list())):
        if x is not None and y is not None and x != y:
            return (f"Dimension {i} in both shapes must be equal, but are {x} and {y}. Shapes are {shape_text(a)} "
                    f"and {shape_text(b)}.")
    return None


def check_scatter_shapes(input_shape: TensorShape, indices: TensorShape, updates: TensorShape) -> None:
    """TF's ``ScatterNdShapeHelper``: ``updates`` must be ``indices.shape[:-1] + input.shape[K:]``."""
    if indices.ndims is not None and indices.ndims < 1:
        raise ShapeError(f"Shape must be at least rank 1 but is rank {indices.ndims}")
    if input_shape.num_elements() == 0 and ((indices.num_elements() or 0) > 0 or (updates.num_elements() or 0) > 0):
        raise ShapeError("Indices and updates specified for empty input")
    if indices.ndims is None or updates.ndims is None or input_shape.ndims is None:
        return
    outer = indices.ndims - 1
    depth = indices.as_list()[-1]
    if depth is None:
        return
    prefix_i, prefix_u = TensorShape(indices.as_list()[:outer]), TensorShape(updates.as_list()[:outer])
    problem = _merge_text(prefix_i, prefix_u) if updates.ndims >= outer else \
        f"Shape must be at least rank {outer} but is rank {updates.ndims}"
    if problem:
        raise ShapeError(f"Dimensions [0,{outer}) of indices[shape={shape_text(indices)}] = {shape_text(prefix_i)} "
                         f"must match dimensions [0,{outer}) of updates[shape={shape_text(updates)}] = "
                         f"{shape_text(prefix_u)}: {problem}")
    suffix_o, suffix_u = TensorShape(input_shape.as_list()[depth:]), TensorShape(updates.as_list()[outer:])
    problem = _merge_text(suffix_o, suffix_u)
    if problem:
        raise ShapeError(f"Dimensions [{depth},{input_shape.ndims}) of input[shape={shape_text(input_shape)}] = "
                         f"{shape_text(suffix_o)} must match dimensions [{outer},{updates.ndims}) of "
                         f"updates[shape={shape_text(updates)}] = {shape_text(suffix_u)}: {problem}")


def _tensor_scatter_shape(inputs, attrs):
    check_scatter_shapes(inputs[0].shape, inputs[1].shape, inputs[2].shape)
    return inputs[0].shape


# -- kernels -----------------------------------------------------------------------------------------------
def scatter_rows(op, shape, indices, updates):
    """``indices`` as coordinate rows into ``shape`` and ``updates`` as one slice per row, with
    TF's kernel errors for bad shapes and out-of-range indices."""
    indices, updates = np.asarray(indices), np.asarray(updates)
    if indices.ndim < 1:
        raise errors.InvalidArgumentError(None, op, f"Indices shape must have rank at least one. Found:"
                                                    f"{dims_text(indices.shape)}")
    depth = indices.shape[-1]
    if depth > len(shape):
        raise errors.InvalidArgumentError(
            None, op, f"Dimensions [0,{indices.ndim - 1}) of indices[shape={dims_text(indices.shape)}] must match "
                      f"dimensions [0,{indices.ndim - 1}) of updates[shape={dims_text(updates.shape)}]")
    want = indices.shape[:-1] + tuple(shape[depth:])
    if updates.shape != want:
        raise errors.InvalidArgumentError(
            None, op, f"Dimensions [{depth},{len(shape)}) of input[shape={dims_text(shape)}] = "
                      f"{dims_text(shape[depth:])} must match dimensions [{indices.ndim - 1},{updates.ndim}) of "
                      f"updates[shape={dims_text(updates.shape)}] = {dims_text(updates.shape[indices.ndim - 1:])}")
    flat = indices.reshape(-1, depth)
    bad = np.argwhere(((flat < 0) | (flat >= np.array(shape[:depth], dtype=np.int64))).any(axis=1))
    if bad.size:
        k = int(bad[0][0])
        raise errors.InvalidArgumentError(
            None, op, f"indices[{k}] = [{', '.join(str(v) for v in flat[k].tolist())}] does not index into shape "
                      f"{dims_text(shape)}")
    return tuple(flat.T), updates.reshape((flat.shape[0],) + tuple(shape[depth:]))


def _assign(out, where, rows):
    out[where] = rows  # a repeated index keeps its last slice


def combine_factory(combine):
    """The factory of a ``TensorScatter*`` kernel: a copy of the tensor with ``combine(out,
    where, rows)`` applied at the indices."""
    def factory(op, state):
        def kernel(tensor, indices, updates):
            out = np.array(tensor)
            where, rows = scatter_rows(op, out.shape, indices, updates)
            combine(out, where, rows)
            return out
        return kernel
    return factory


def _lower_combine(method):
    """The lowering of a ``TensorScatter*``: TF's shape checks (the kernel's, on in-range
    stand-in indices), then XLA's scatter; an index out of range is dropped, as XLA drops it."""
    def lower(op, jx):
        def run(tensor, indices, updates):
            shape = tuple(np.shape(tensor))
            scatter_rows(op, shape, np.zeros(np.shape(indices), np.int64), np.zeros(np.shape(updates), np.int8))
            depth = np.shape(indices)[-1]
            flat = jx.jnp.reshape(indices, (-1, depth))
            rows = jx.jnp.reshape(updates, (flat.shape[0],) + shape[depth:])
            at = jx.jnp.asarray(tensor).at[tuple(flat.T)]
            return at.add(-rows, mode="drop") if method == "sub" else getattr(at, method)(rows, mode="drop")
        return run
    return lower


COMBINE = {"Update": _assign, "Add": np.add.at, "Sub": np.subtract.at, "Min": np.minimum.at, "Max": np.maximum.at}
_BAD = {"bad_indices_policy": ""}
for _kind, _combine in COMBINE.items():
    registry.register(OpDef(f"TensorScatter{_kind}", inputs=["tensor: T", "indices: Tindices", "updates: T"],
                            outputs=["output: T"],
                            attrs={"Tindices": dtype_lists.types("int16,int32,int64,uint16") if _kind == "Update"
                                   else dtype_lists.INDEX},
                            shape=_tensor_scatter_shape, factory=combine_factory(_combine), defaults=_BAD,
                            lower=_lower_combine("set" if _kind == "Update" else _kind.lower())))


# -- wrappers ----------------------------------------------------------------------------------------------
def tensor_scatter_nd_update(tensor, indices, updates, name=None):
    """A copy of ``tensor`` with the slices at ``indices`` replaced by ``updates`` (``TensorScatterUpdate``).

    >>> import scopeflow as tf
    >>> t = tf.tensor_scatter_nd_update([1, 2, 3, 4], [[1], [3]], [20, 40])
    >>> with tf.Session() as sess:
    ...     sess.run(t).tolist()
    [1, 20, 3, 40]
    """
    return create_output("TensorScatterUpdate", [tensor, indices, updates], {"bad_indices_policy": ""}, name=name)


def tensor_scatter_nd_add(tensor, indices, updates, name=None):
    """A copy of ``tensor`` with ``updates`` added at ``indices`` (``TensorScatterAdd``; repeats add up)."""
    return create_output("TensorScatterAdd", [tensor, indices, updates], {"bad_indices_policy": ""}, name=name)


def tensor_scatter_nd_sub(tensor, indices, updates, name=None):
    """A copy of ``tensor`` with ``updates`` subtracted at ``indices`` (``TensorScatterSub``)."""
    return create_output("TensorScatterSub", [tensor, indices, updates], {"bad_indices_policy": ""}, name=name)


def tensor_scatter_nd_min(tensor, indices, updates, name=None):
    """A copy of ``tensor`` with the minimum of it and ``updates`` at ``indices`` (``TensorScatterMin``)."""
    return create_output("TensorScatterMin", [tensor, indices, updates], {"bad_indices_policy": ""}, name=name)


def tensor_scatter_nd_max(tensor, indices, updates, name=None):
    """A copy of ``tensor`` with the maximum of it and ``updates`` at ``indices`` (``TensorScatterMax``)."""
    return create_output("TensorScatterMax", [tensor, indices, updates], {"bad_indices_policy": ""}, name=name)


def batch_gather(params, indices, name=None):
    """``params[b..., indices[b..., i]]`` over the leading batch dimensions of ``indices``, built as
    TF1's ``batch_gather`` builds it (flat indices into reshaped ``params``, one ``GatherV2``)."""
    with name_scope(name, "BatchGather", [params, indices]):
        indices = convert_to_tensor(indices, name="indices")
        params = convert_to_tensor(params, name="params")
        if indices.shape.ndims is None:
            raise ValueError("batch_gather does not allow indices with unknown shape.")
        return _batch_gather(params, indices, indices.shape.ndims - 1)


def _batch_gather(params, indices, batch_dims):
    indices_ndims = indices.shape.ndims
    if batch_dims < 0 or batch_dims >= indices_ndims:
        raise ValueError(f"Argument `batch_dims` = {batch_dims} must be less than rank(`indices`) = {indices_ndims}")
    if params.shape.ndims is not None and batch_dims >= params.shape.ndims:
        raise ValueError(f"Argument `batch_dims` = {batch_dims} must be less than rank(`params`) = "
                         f"{params.shape.ndims}")
    indices_shape = array_ops.shape(indices)
    params_shape = array_ops.shape(params)
    batch_indices = indices
    indices_dtype = indices.dtype.base_dtype
    accum_dim_value = array_ops.ones((), dtype=indices_dtype)
    casted_params_shape = create_output("Cast", [params_shape], {"DstT": indices_dtype, "Truncate": False})
    for dim in range(batch_dims, 0, -1):
        dim_value = casted_params_shape[dim - 1]
        accum_dim_value *= casted_params_shape[dim]
        start = array_ops.zeros((), dtype=indices_dtype)
        step = array_ops.ones((), dtype=indices_dtype)
        dim_indices = create_output("Range", [start, dim_value, step])
        dim_indices *= accum_dim_value
        dim_shape = array_ops.stack([1] * (dim - 1) + [dim_value] + [1] * (indices_ndims - dim), axis=0)
        batch_indices += array_ops.reshape(dim_indices, dim_shape)
    flat_indices = array_ops.reshape(batch_indices, [-1])
    outer_shape = params_shape[batch_dims + 1:]
    flat_inner_shape = create_output("Prod", [params_shape[:batch_dims + 1], [0]], {"keep_dims": False})
    flat_params = array_ops.reshape(params, array_ops.concat([[flat_inner_shape], outer_shape], axis=0))
    flat_result = array_ops.gather(flat_params, flat_indices)
    result = array_ops.reshape(flat_result, array_ops.concat([indices_shape, outer_shape], axis=0))
    final_shape = indices.shape[:batch_dims].merge_with(params.shape[:batch_dims])
    final_shape = final_shape.concatenate(indices.shape[batch_dims:])
    final_shape = final_shape.concatenate(params.shape[batch_dims + 1:])
    result.set_shape(final_shape)
    return result


__all__ = ["batch_gather", "check_scatter_shapes", "tensor_scatter_nd_add", "tensor_scatter_nd_max",
           "tensor_scatter_nd_min", "tensor_scatter_nd_sub", "tensor_scatter_nd_update"]

"""``SparseReduceSum``/``SparseReduceMax`` and their ``...Sparse`` forms: sums (maxima) of a
sparse tensor's entries over some axes, as a dense tensor or as a ``SparseTensor``
(``tf.sparse.reduce_sum``, ``tf.sparse.reduce_max``, ...). As TF's kernels, a maximum is taken
over the entries only (the implicit zeros take no part), and an output with no entry is 0.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.array.creation import range as range_
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import checked, static, static_ints
from scopeflow._src.ops.common.shape_context import shape_fn
from scopeflow._src.ops.sparse.common import argument_lookup, check_components, require, row_major_strides


@shape_fn
def _reduce_shape(ctx, attrs):
    shape, axes = ctx.value(2), ctx.value(3)
    if shape is None or axes is None:
        return UNKNOWN
    ndims = shape.size
    if ndims == 0:
        return UNKNOWN
    reduced = {(int(a) + ndims) % ndims for a in np.reshape(axes, -1).tolist()}
    keep = attrs["keep_dims"]
    return TensorShape([1 if d in reduced else int(shape[d]) for d in range(ndims)
                        if keep or d not in reduced])


def _reduced_axes(op, axes, ndims):
    out = set()
    for a in np.reshape(axes, -1).tolist():
        require(op, -ndims <= a < ndims, f"Invalid reduction dimension {a}, for input with {ndims} dimensions.")
        out.add(a % ndims)
    return sorted(out)


def _lowest(dtype):
    return -np.inf if dtype.kind in "fc" else np.iinfo(dtype).min


def _group(op, indices, values, shape, axes, keep_dims, maximum=False):
    """The output indices (one row per group of entries that share the kept coordinates, in
    row-major order), the sums of each group, and the output shape."""
    check_components(op, indices, values, shape)
    ndims = shape.size
    reduced = _reduced_axes(op, axes, ndims)
    kept = [d for d in range(ndims) if d not in reduced]
    out_shape = np.array([1 if d in reduced else shape[d] for d in range(ndims) if keep_dims or d in kept], np.int64)
    coords = indices[:, kept]
    if len(coords) == 0:
        groups, inverse = np.zeros((0, len(kept)), np.int64), np.zeros(0, np.int64)
    else:
        groups, inverse = np.unique(coords, axis=0, return_inverse=True)
    if maximum:
        sums = np.full(len(groups), _lowest(values.dtype), values.dtype)
        np.maximum.at(sums, inverse.reshape(-1), values)
    else:
        sums = np.zeros(len(groups), values.dtype)
        np.add.at(sums, inverse.reshape(-1), values)
    if keep_dims:
        full = np.zeros((len(groups), ndims), np.int64)
        full[:, kept] = groups
        groups = full
    return groups.astype(np.int64), sums, out_shape


def _reduce_sum_factory(op, state):
    keep_dims, maximum = op._attrs["keep_dims"], op._type == "SparseReduceMax"

    def sparse_reduce_sum(indices, values, shape, axes):
        groups, sums, out_shape = _group(op, indices, values, shape, axes, keep_dims, maximum)
        out = np.zeros(tuple(out_shape.tolist()), values.dtype)
        if len(groups) and out.ndim:
            out[tuple(groups.T)] = sums
        elif len(groups):
            out[()] = sums[0]  # every axis reduced: one group
        return out
    return sparse_reduce_sum


def _lower_reduce(op, jx):
    """Each entry added (or maxed) into the output element of its kept coordinates by XLA's
    scatter; the dense shape and the axes must be known when compiling."""
    keep_dims, maximum, jnp = op._attrs["keep_dims"], op._type == "SparseReduceMax", jx.jnp

    def run(indices, values, shape, axes):
        shape = static_ints(shape, "input_shape")
        reduced = _reduced_axes(op, static(axes, "reduction_axes"), len(shape))
        kept = [d for d in range(len(shape)) if d not in reduced]
        sizes = [shape[d] for d in kept]
        at = (jnp.asarray(indices)[:, kept] * row_major_strides(sizes)).sum(axis=1)
        size = int(np.prod(sizes, dtype=np.int64))
        if maximum:
            out = jnp.full(size, _lowest(values.dtype), values.dtype).at[at].max(values, mode="drop")
            out = jnp.where(jnp.zeros(size, bool).at[at].set(True, mode="drop"), out, 0)
        else:
            out = jnp.zeros(size, values.dtype).at[at].add(values, mode="drop")
        return out.reshape([1 if d in reduced else shape[d] for d in range(len(shape)) if keep_dims or d in kept])
    return run


def _reduce_sum_sparse_factory(op, state):
    keep_dims, maximum = op._attrs["keep_dims"], op._type == "SparseReduceMaxSparse"

    def sparse_reduce_sum_sparse(indices, values, shape, axes):
        return _group(op, indices, values, shape, axes, keep_dims, maximum)
    return sparse_reduce_sum_sparse


_INPUTS = ["input_indices: int64", "input_values: T", "input_shape: int64", "reduction_axes: int32"]
_SPARSE_OUTPUTS = ["output_indices: int64", "output_values: T", "output_shape: int64"]
for _name, _types in (("Sum", dtype_lists.NUMBER), ("Max", dtype_lists.REAL)):
    registry.register(OpDef(f"SparseReduce{_name}", inputs=_INPUTS, outputs=["output: T"], attrs={"T": _types},
                            defaults={"keep_dims": False}, shape=_reduce_shape, factory=_reduce_sum_factory,
                            lower=checked(_lower_reduce, data=lambda n: (0, 1))))
    registry.register(OpDef(f"SparseReduce{_name}Sparse", inputs=_INPUTS, outputs=_SPARSE_OUTPUTS, attrs={"T": _types},
                            defaults={"keep_dims": False}, shape=lambda inputs, attrs: [UNKNOWN, UNKNOWN, UNKNOWN],
                            factory=_reduce_sum_sparse_factory))


def _reduction_dims(sp_input, axis):
    """TF's ``_ReductionDims`` for a sparse input: every axis when ``axis`` is ``None``."""
    if axis is not None:
        return axis
    rank = sp_input.shape.rank
    if rank:
        return constant(np.arange(rank, dtype=np.int32))
    with name_scope(None, "Rank", [sp_input.dense_shape]) as scope:
        rank = create_output("Size", [sp_input.dense_shape], {"out_type": dtypes.int32}, name=scope)
    return range_(0, rank)


def _reduce(op_type, sp_input, axis, keepdims, reduction_axes, keep_dims):
    keepdims = bool(argument_lookup("keepdims", keepdims, "keep_dims", keep_dims))
    axis = argument_lookup("axis", axis, "reduction_axes", reduction_axes)
    return create(op_type, [sp_input.indices, sp_input.values, sp_input.dense_shape, _reduction_dims(sp_input, axis)],
                  {"keep_dims": keepdims})


def sparse_reduce_sum(sp_input, axis=None, keepdims=None, reduction_axes=None, keep_dims=None):
    """The sum of a ``SparseTensor``'s entries over ``axis`` (all by default), as a dense
    tensor (``SparseReduceSum``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st = tf.SparseTensor([[0, 0], [1, 1], [1, 2]], [1.0, 2.0, 3.0], [2, 3])
    ...     print(tf.Session().run(tf.sparse.reduce_sum(st, axis=1)).tolist())
    [1.0, 5.0]
    """
    return _reduce("SparseReduceSum", sp_input, axis, keepdims, reduction_axes, keep_dims).outputs[0]


def sparse_reduce_sum_sparse(sp_input, axis=None, keepdims=None, reduction_axes=None, keep_dims=None):
    """``sparse_reduce_sum`` as a ``SparseTensor`` of the groups that have entries
    (``SparseReduceSumSparse``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st = tf.SparseTensor([[0, 0], [2, 1]], [1.0, 2.0], [3, 3])
    ...     print(tf.Session().run(tf.sparse.reduce_sum_sparse(st, axis=1)).indices.tolist())
    [[0], [2]]
    """
    return SparseTensor(*_reduce("SparseReduceSumSparse", sp_input, axis, keepdims, reduction_axes, keep_dims).outputs)


def sparse_reduce_max(sp_input, axis=None, keepdims=None, reduction_axes=None, keep_dims=None):
    """The maximum of a ``SparseTensor``'s entries over ``axis`` (all by default), as a dense
    tensor (``SparseReduceMax``; implicit zeros take no part, an empty group gives 0).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st = tf.SparseTensor([[0, 0], [1, 1], [1, 2]], [-1.0, 2.0, 3.0], [3, 3])
    ...     print(tf.Session().run(tf.sparse.reduce_max(st, axis=1)).tolist())
    [-1.0, 3.0, 0.0]
    """
    return _reduce("SparseReduceMax", sp_input, axis, keepdims, reduction_axes, keep_dims).outputs[0]


def sparse_reduce_max_sparse(sp_input, axis=None, keepdims=None, reduction_axes=None, keep_dims=None):
    """``sparse_reduce_max`` as a ``SparseTensor`` of the groups that have entries
    (``SparseReduceMaxSparse``)."""
    return SparseTensor(*_reduce("SparseReduceMaxSparse", sp_input, axis, keepdims, reduction_axes, keep_dims).outputs)

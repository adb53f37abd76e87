"""``SparseReorder`` and ``SparseReshape``: a sparse tensor's entries in row-major order
(``tf.sparse.reorder``), and the same entries in another dense shape (``tf.sparse.reshape``).
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry, tensor_util
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.array.identity import identity
from scopeflow._src.ops.common.shape_context import shape_fn
from scopeflow._src.ops.math.cast import cast
from scopeflow._src.ops.sparse.common import check_components, dims_text, require, to_sparse


# -- SparseReorder ---------------------------------------------------------------------------------
@shape_fn
def _reorder_shape(ctx, attrs):
    ctx.with_rank(0, 2)
    ctx.with_rank(1, 1)
    ctx.with_rank(2, 1)
    return [ctx.shape(0), ctx.shape(1)]


def row_major_order(indices: np.ndarray) -> np.ndarray:
    """The stable permutation that sorts index rows in row-major order."""
    if indices.shape[1] == 0:
        return np.arange(len(indices))
    return np.lexsort(indices.T[::-1])


def _reorder_factory(op, state):
    def sparse_reorder(indices, values, shape):
        check_components(op, indices, values, shape)
        require(op, len(indices) == len(values),
                f"Number of elements in indices ({len(indices)}) and values ({len(values)}) do not match")
        order = row_major_order(indices)
        return indices[order], values[order]
    return sparse_reorder


registry.register(OpDef("SparseReorder", inputs=["input_indices: int64", "input_values: T", "input_shape: int64"],
                        outputs=["output_indices: int64", "output_values: T"],
                        shape=_reorder_shape, factory=_reorder_factory))


def sparse_reorder(sp_input, name=None) -> SparseTensor:
    """``sp_input`` with its entries in row-major order (``SparseReorder``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st = tf.sparse.reorder(tf.SparseTensor([[1, 0], [0, 1]], [1, 2], [2, 2]))
    ...     print(tf.Session().run(st).values.tolist())
    [2, 1]
    """
    sp_input = to_sparse(sp_input)
    op = create("SparseReorder", [sp_input.indices, sp_input.values, sp_input.dense_shape], name=name)
    reordered_ind, reordered_val = op.outputs
    if sp_input.get_shape().is_fully_defined():
        return SparseTensor(reordered_ind, reordered_val, sp_input.get_shape().as_list())
    sp_output = SparseTensor(reordered_ind, reordered_val, identity(sp_input.dense_shape))
    sp_output.set_shape(sp_input.shape)
    return sp_output


# -- SparseReshape ---------------------------------------------------------------------------------
@shape_fn
def _reshape_shape(ctx, attrs):
    ctx.with_rank(0, 2)
    ctx.with_rank(1, 1)
    ctx.with_rank(2, 1)
    return [TensorShape([ctx.dims(0)[0], ctx.dims(2)[0]]), ctx.shape(2)]


def _target_shape(op, dense_size, input_shape, target):
    """The output shape TF's ``Reshape`` of a sparse tensor computes (``-1`` inferred), checked."""
    out, unknown, product = [], -1, 1
    for d, size in enumerate(target.tolist()):
        if size == -1:
            require(op, unknown == -1, f"only one output dimension may be -1, not both {unknown} and {d}")
            unknown = d
            out.append(1)
        else:
            require(op, size >= 0, f"size {d} must be non-negative, not {size}")
            product *= size
            out.append(size)
    if unknown != -1:
        require(op, product > 0, "reshape cannot infer the missing input size for an empty tensor unless all "
                                 "specified input sizes are non-zero")
        missing = dense_size // product
        require(op, product * missing == dense_size,
                f"Input to reshape is a SparseTensor with {dense_size} dense values, but the requested shape "
                f"requires a multiple of {product}. input_shape={dims_text(input_shape)} "
                f"output_shape={dims_text(out)}")
        out[unknown] = missing
    size = int(np.prod(out, dtype=np.int64))
    require(op, size == dense_size,
            f"Input to reshape is a tensor with {dense_size} dense values, but the requested shape has {size}. "
            f"input_shape={dims_text(input_shape)} output_shape={dims_text(out)}")
    return np.array(out, dtype=np.int64)


def _reshape_factory(op, state):
    def sparse_reshape(indices, input_shape, target):
        require(op, indices.ndim == 2,
                f"Input indices should be a matrix but received shape {dims_text(indices.shape)}")
        require(op, input_shape.ndim == 1,
                f"Input shape should be a vector but received shape {dims_text(input_shape.shape)}")
        require(op, target.ndim == 1, f"Target shape should be a vector but received shape {dims_text(target.shape)}")
        require(op, indices.shape[1] == input_shape.size,
                f"Input tensor rank must match input shape length: {indices.shape[1]} vs. {input_shape.size}")
        dense_size = int(np.prod(input_shape, dtype=np.int64))
        out_shape = _target_shape(op, dense_size, input_shape, target)
        if len(indices) == 0:
            return np.zeros((0, out_shape.size), np.int64), out_shape
        flat = np.ravel_multi_index(tuple(indices.T), tuple(input_shape.tolist())) if input_shape.size else \
            np.zeros(len(indices), np.int64)
        new = np.stack(np.unravel_index(flat, tuple(out_shape.tolist())), axis=1) if out_shape.size else \
            np.zeros((len(indices), 0), np.int64)
        return new.astype(np.int64), out_shape
    return sparse_reshape


registry.register(OpDef("SparseReshape", inputs=["input_indices: int64", "input_shape: int64", "new_shape: int64"],
                        outputs=["output_indices: int64", "output_shape: int64"],
                        shape=_reshape_shape, factory=_reshape_factory))


def _static_reshape(sp_input, shape):
    """The reshaped dense shape as a constant when TF knows it while building (else ``None``),
    with TF's build-time errors."""
    known = tensor_util.constant_value_as_shape(shape)
    known = known.as_list() if known.ndims is not None else None
    if known is None or not sp_input.shape.is_fully_defined():
        return None
    by_user = tensor_util.constant_value(shape)
    if by_user is not None and sum(int(d) == -1 for d in by_user) > 1:
        raise ValueError(f"At most one dimension can be inferred (-1). Found: {by_user}")
    original = list(known)
    in_size = int(np.prod(sp_input.shape.as_list()))
    implied = sum(d is None for d in known)
    if implied == 1 and 0 not in known:
        at = original.index(None)
        known[at] = int(in_size // np.prod(original[:at] + original[at + 1:]))
    if implied == 0 or (implied == 1 and 0 not in known):
        size = int(np.prod(known))
        if size != in_size:
            raise ValueError(f"Cannot reshape a tensor with {in_size} elements to shape {original} ({size} "
                             f"elements).")
        return known
    return None


def sparse_reshape(sp_input, shape, name=None) -> SparseTensor:
    """The entries of ``sp_input`` in a dense shape of the same size (``SparseReshape``; one
    dimension may be ``-1``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st = tf.sparse.reshape(tf.SparseTensor([[1, 0]], [1], [2, 2]), [-1])
    ...     print(st.shape, tf.Session().run(st).indices.tolist())
    (4,) [[2]]
    """
    sp_input = to_sparse(sp_input)
    shape = cast(shape, dtype=dtypes.int64)
    with name_scope(name, "SparseReshape", [sp_input.indices, sp_input.values, sp_input.dense_shape]) as scope:
        op = create("SparseReshape", [sp_input.indices, sp_input.dense_shape, shape], name=scope)
        reshaped_ind, reshaped_shape = op.outputs
        known = _static_reshape(sp_input, shape)
        if known is not None:
            reshaped_shape = constant(known, dtype=dtypes.int64)
        return SparseTensor(reshaped_ind, identity(sp_input.values), reshaped_shape)

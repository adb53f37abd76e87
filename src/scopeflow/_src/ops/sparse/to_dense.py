"""``SparseToDense``: a dense tensor from indices and values (``tf.sparse_to_dense``,
``tf.sparse.to_dense``), and its inverse ``tf.sparse.from_dense``.

The kernel makes TF's checks in TF's order: the shapes of the four inputs, then (with
``validate_indices``) each index in bounds and in row-major order, then writes the values
over the default (a repeated index keeps the last value when not validated).
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.ops.array.creation import zeros, zeros_like
from scopeflow._src.ops.array.gather import gather_nd
from scopeflow._src.ops.array.selection import where_v2
from scopeflow._src.ops.array.shapes import shape as shape_of
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import static
from scopeflow._src.ops.common.shape_context import shape_fn
from scopeflow._src.ops.math.comparison import not_equal
from scopeflow._src.ops.sparse.common import check_indices, dims_text, require, to_sparse


@shape_fn
def _sparse_to_dense_shape(ctx, attrs):
    return ctx.shape_value(1)


def _entries(op, indices, output_shape, values, default):
    """TF's checks of the inputs' shapes: the number of entries and the rank of their indices
    (they read shapes only, so the JAX lowering runs them on its traced inputs too)."""
    require(op, indices.ndim <= 2,
            f"sparse_indices should be a scalar, vector, or matrix, got shape {dims_text(indices.shape)}")
    require(op, output_shape.ndim == 1,
            f"output_shape should be a vector, got shape {dims_text(output_shape.shape)}")
    n = indices.shape[0] if indices.ndim > 0 else 1
    rank = indices.shape[1] if indices.ndim > 1 else 1
    require(op, values.ndim == 0 or values.shape == (n,),
            f"sparse_values has incorrect shape {dims_text(values.shape)}, should be [] or [{n}]")
    require(op, np.ndim(default) == 0, "default_value should be a scalar.")
    require(op, output_shape.size == rank,
            f"output_shape has incorrect number of elements: {output_shape.size} should be: {rank}")
    return n, rank


def _sparse_to_dense_factory(op, state):
    validate = op._attrs["validate_indices"]

    def sparse_to_dense(indices, output_shape, values, default):
        indices, output_shape, values = np.asarray(indices), np.asarray(output_shape), np.asarray(values)
        n, rank = _entries(op, indices, output_shape, values, default)
        index = indices.reshape(n, rank).astype(np.int64)
        if validate:
            check_indices(op, index, output_shape)
        elif index.size and ((index < 0) | (index >= output_shape)).any():
            require(op, False, f"Indices are not valid (out of bounds).  Shape: {dims_text(output_shape)}")
        out = np.full(tuple(output_shape.tolist()), default, dtype=np.asarray(default).dtype)
        out[tuple(index.T)] = values
        return out
    return sparse_to_dense


def _lower_sparse_to_dense(op, jx):
    """The shape checks, then XLA's scatter over the default; the output shape must be known
    when compiling. Index checks are left out: an index out of range is dropped, where TF
    raises, and a repeated one keeps one of its values."""
    jnp = jx.jnp

    def run(indices, output_shape, values, default):
        output_shape, indices, values = static(output_shape, "output_shape"), jnp.asarray(indices), jnp.asarray(values)
        n, rank = _entries(op, indices, output_shape, values, default)
        index = tuple(indices.reshape(n, rank).T)
        return jnp.full(tuple(output_shape.tolist()), default).at[index].set(values, mode="drop")
    return run


registry.register(OpDef(
    "SparseToDense", inputs=["sparse_indices: Tindices", "output_shape: Tindices", "sparse_values: T",
                             "default_value: T"],
    outputs=["dense: T"], attrs={"Tindices": dtype_lists.INDEX}, defaults={"validate_indices": True},
    shape=_sparse_to_dense_shape, factory=_sparse_to_dense_factory, lower=_lower_sparse_to_dense))


def sparse_to_dense(sparse_indices, output_shape, sparse_values, default_value=0, validate_indices=True, name=None):
    """A dense tensor of ``output_shape`` holding ``sparse_values`` at ``sparse_indices`` and
    ``default_value`` elsewhere (``SparseToDense``; TF1's deprecated form).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     d = tf.sparse_to_dense([[0, 1], [1, 0]], [2, 2], [5, 6])
    ...     print(d.name, d.shape, tf.Session().run(d).tolist())
    SparseToDense:0 (2, 2) [[0, 5], [6, 0]]
    """
    return create_output("SparseToDense", [sparse_indices, output_shape, sparse_values, default_value],
                         {"validate_indices": bool(validate_indices)}, name=name)


def sparse_tensor_to_dense(sp_input, default_value=None, validate_indices=True, name=None):
    """The dense tensor a ``SparseTensor`` stands for (``tf.sparse.to_dense``): its values at
    its indices, ``default_value`` (zero) elsewhere.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st = tf.SparseTensor([[0, 2]], [7.0], [1, 3])
    ...     print(tf.Session().run(tf.sparse.to_dense(st)).tolist())
    [[0.0, 0.0, 7.0]]
    """
    sp_input = to_sparse(sp_input)
    if default_value is None:
        default_value = zeros([], dtype=sp_input.dtype)
    return create_output("SparseToDense", [sp_input.indices, sp_input.dense_shape, sp_input.values, default_value],
                         {"validate_indices": bool(validate_indices)}, name=name)


def from_dense(tensor, name=None) -> SparseTensor:
    """The nonzero entries of a dense tensor as a ``SparseTensor`` (``tf.sparse.from_dense``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st = tf.sparse.from_dense([[1, 0], [0, 2]])
    ...     print(tf.Session().run(st).indices.tolist())
    [[0, 0], [1, 1]]
    """
    with name_scope(name, "dense_to_sparse"):
        tensor = convert_to_tensor(tensor)
        indices = where_v2(not_equal(tensor, zeros_like(tensor)))
        values = gather_nd(tensor, indices)
        dense_shape = shape_of(tensor, out_type=dtypes.int64)
        return SparseTensor(indices, values, dense_shape)

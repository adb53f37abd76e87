"""``SparseTensorDenseMatMul``: a sparse matrix times a dense one
(``tf.sparse.sparse_dense_matmul``, with ``adjoint_a``/``adjoint_b``).

The kernel adds ``value * row of B`` into the output row of each entry, with TF's bounds
checks on the entry's row and column; the static shape comes from a constant ``a_shape``.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor, SparseTensorValue
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.array.transpose import transpose
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import checked, static
from scopeflow._src.ops.common.shape_context import merge_dim, shape_fn
from scopeflow._src.ops.sparse.common import add_rows, dims_text, require, to_sparse


@shape_fn
def _matmul_shape(ctx, attrs):
    ctx.with_rank(0, 2)
    ctx.with_rank(1, 1)
    a_shape = ctx.shape_value(2)
    if a_shape.ndims is not None and a_shape.ndims != 2:
        raise ctx.error(f"Shape must be rank 2 but is rank {a_shape.ndims}")
    ctx.with_rank(3, 2)
    a = a_shape.as_tuple() or (None, None)
    b = ctx.dims(3) or (None, None)
    adj_a, adj_b = attrs["adjoint_a"], attrs["adjoint_b"]
    merge_dim(a[0 if adj_a else 1], b[1 if adj_b else 0], ctx)
    return TensorShape([a[1 if adj_a else 0], b[0 if adj_b else 1]])


def _matmul_factory(op, state):
    adj_a, adj_b = op._attrs["adjoint_a"], op._attrs["adjoint_b"]

    def sparse_tensor_dense_matmul(indices, values, a_shape, b):
        require(op, a_shape.ndim == 1, "Tensor 'a_shape' is not a vector")
        require(op, a_shape.size == 2, "Tensor 'a_shape' must have 2 elements")
        require(op, values.ndim == 1, "Tensor 'a_values' is not a vector")
        require(op, indices.ndim == 2, "Tensor 'a_indices' is not a matrix")
        require(op, len(indices) == len(values),
                "Number of rows of a_indices does not match number of entries in a_values")
        require(op, indices.shape[1] == a_shape.size,
                "Number of columns of a_indices does not match number of entries in a_shape")
        require(op, b.ndim == 2, "Tensor 'b' is not a matrix")
        rows_a, inner_a = (int(a_shape[1]), int(a_shape[0])) if adj_a else (int(a_shape[0]), int(a_shape[1]))
        dense = np.conj(b.T) if adj_b else b
        if inner_a != dense.shape[0]:
            require(op, False, f"Cannot multiply A and B because inner dimension does not match: {inner_a} vs. "
                               f"{dense.shape[0]}.  Did you forget a transpose?  Dimensions of A: [{rows_a}, "
                               f"{inner_a}).  Dimensions of B: {dims_text(b.shape)}")
        m_col, k_col = (1, 0) if adj_a else (0, 1)
        m, k = indices[:, m_col], indices[:, k_col]
        if len(m) and (min(k.min(), m.min()) < 0 or k.max() >= inner_a or m.max() >= rows_a):
            bad_k = np.flatnonzero((k < 0) | (k >= inner_a))
            bad_m = np.flatnonzero((m < 0) | (m >= rows_a))
            first = min(int(x[0]) for x in (bad_k, bad_m) if x.size)
            if bad_k.size and int(bad_k[0]) == first:
                require(op, False, f"k ({int(k[first])}) from index[{first},{k_col}] out of bounds (>={inner_a})")
            require(op, False, f"m ({int(m[first])}) from index[{first},{m_col}] out of bounds (>={rows_a})")
        vals = np.conj(values) if adj_a else values
        out = np.zeros((rows_a, dense.shape[1]), dtype=b.dtype)
        if len(m):
            parts = dense.take(k, axis=0)  # take: far faster than fancy indexing for a gather of rows
            parts *= vals[:, None]
            add_rows(out, m, parts)
        return out
    return sparse_tensor_dense_matmul


def _lower_matmul(op, jx):
    """Each entry's row of ``b`` scaled by its value and added into its output row by XLA's
    scatter-add (an index out of range is dropped, where TF raises)."""
    adj_a, adj_b, jnp = op._attrs["adjoint_a"], op._attrs["adjoint_b"], jx.jnp

    def run(indices, values, a_shape, b):
        rows_a = int(static(a_shape, "a_shape")[1 if adj_a else 0])
        dense = jnp.conj(jnp.transpose(b)) if adj_b else jnp.asarray(b)
        indices = jnp.asarray(indices)
        m, k = (indices[:, 1], indices[:, 0]) if adj_a else (indices[:, 0], indices[:, 1])
        parts = dense[k] * (jnp.conj(values) if adj_a else values)[:, None]
        return jnp.zeros((rows_a, dense.shape[1]), dense.dtype).at[m].add(parts, mode="drop")
    return run


registry.register(OpDef(
    "SparseTensorDenseMatMul", inputs=["a_indices: Tindices", "a_values: T", "a_shape: int64", "b: T"],
    outputs=["product: T"], attrs={"Tindices": dtype_lists.INDEX},
    defaults={"Tindices": dtypes.int64, "adjoint_a": False, "adjoint_b": False},
    shape=_matmul_shape, factory=_matmul_factory, lower=checked(_lower_matmul, data=lambda n: (0, 1, 3))))


def sparse_tensor_dense_matmul(sp_a, b, adjoint_a=False, adjoint_b=False, name=None):
    """``sp_a @ b`` for a sparse matrix ``sp_a`` and a dense ``b`` (``SparseTensorDenseMatMul``;
    ``adjoint_*`` take the conjugate transpose first). A sparse ``b`` and dense ``sp_a`` are
    multiplied through transposes, as TensorFlow does.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     a = tf.SparseTensor([[0, 1]], [2.0], [2, 2])
    ...     p = tf.sparse.sparse_dense_matmul(a, [[1.0, 2.0], [3.0, 4.0]])
    ...     print(p.shape, tf.Session().run(p).tolist())
    (2, 2) [[6.0, 8.0], [0.0, 0.0]]
    """
    if isinstance(b, (SparseTensor, SparseTensorValue)):
        if adjoint_a != adjoint_b:
            return transpose(sparse_tensor_dense_matmul(b, sp_a, adjoint_a, adjoint_b))
        return transpose(sparse_tensor_dense_matmul(b, sp_a, adjoint_a=not adjoint_a, adjoint_b=not adjoint_b))
    sp_a = to_sparse(sp_a)
    with name_scope(name, "SparseTensorDenseMatMul", [sp_a.indices, sp_a.values, b]):
        b = convert_to_tensor(b, name="b")
        return sparse_tensor_dense_matmul_op(sp_a.indices, sp_a.values, sp_a.dense_shape, b, adjoint_a, adjoint_b)


def sparse_tensor_dense_matmul_op(a_indices, a_values, a_shape, b, adjoint_a=False, adjoint_b=False, name=None):
    """One ``SparseTensorDenseMatMul`` op (TF's generated wrapper)."""
    return create_output("SparseTensorDenseMatMul", [a_indices, a_values, a_shape, b],
                         {"adjoint_a": bool(adjoint_a), "adjoint_b": bool(adjoint_b)}, name=name)

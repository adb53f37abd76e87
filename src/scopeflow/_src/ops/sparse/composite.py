"""Sparse functions TF builds from other ops only: ``tf.sparse_merge``,
``tf.sparse.to_indicator`` and ``tf.sparse.eye``."""

from __future__ import annotations

import numbers
from collections import abc

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.sparse_tensor import SparseTensor, SparseTensorValue
from scopeflow._src.ops.array.creation import fill, ones
from scopeflow._src.ops.array.creation import range as range_
from scopeflow._src.ops.array.joining import concat, stack
from scopeflow._src.ops.array.shapes import expand_dims
from scopeflow._src.ops.array.shapes import shape as shape_of
from scopeflow._src.ops.math.arithmetic import minimum
from scopeflow._src.ops.math.cast import cast
from scopeflow._src.ops.sparse.common import to_sparse
from scopeflow._src.ops.sparse.reorder import sparse_reorder
from scopeflow._src.ops.sparse.to_dense import sparse_tensor_to_dense


def _check_vocab(sp_ids, vocab_size):
    if isinstance(sp_ids, (SparseTensor, SparseTensorValue)):
        if not isinstance(vocab_size, (Tensor, numbers.Integral)):
            raise TypeError(f"vocab_size has to be a Tensor or Python int. Found {type(vocab_size)}")
        return [sp_ids], [vocab_size]
    if not isinstance(sp_ids, abc.Iterable):
        raise TypeError(f"sp_ids has to be a SparseTensor or list thereof. Found {type(sp_ids)}")
    if not isinstance(vocab_size, abc.Iterable):
        raise TypeError(f"vocab_size has to be a list of Tensors or Python ints. Found {type(vocab_size)}")
    for dim in vocab_size:
        if not isinstance(dim, (Tensor, numbers.Integral)):
            raise TypeError(f"vocab_size has to be a list of Tensors or Python ints. Found {type(dim)}")
    return list(sp_ids), list(vocab_size)


def sparse_merge(sp_ids, sp_values, vocab_size, name=None, already_sorted=False) -> SparseTensor:
    """``sp_values`` re-indexed by ids: the last index column replaced by the values of
    ``sp_ids`` (one column per ``SparseTensor`` of ids), the last dimension by ``vocab_size``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     ids = tf.SparseTensor([[0, 0], [0, 1]], tf.constant([4, 1], tf.int64), [1, 2])
    ...     st = tf.sparse_merge(ids, tf.SparseTensor([[0, 0], [0, 1]], [0.5, 2.0], [1, 2]), 5)
    ...     print(tf.Session().run(st).indices.tolist())
    [[0, 1], [0, 4]]
    """
    sp_ids, vocab_size = _check_vocab(sp_ids, vocab_size)
    if len(sp_ids) != len(vocab_size):
        raise ValueError("sp_ids and vocab_size have to have equal lengths.")
    with name_scope(name, "SparseMerge", [*(sp.indices for sp in sp_ids if isinstance(sp, SparseTensor))]):
        sp_ids = [to_sparse(sp) for sp in sp_ids]
        sp_values = to_sparse(sp_values)
        ids = []
        for sp_ids_dim in sp_ids:
            ids_dim = sp_ids_dim.values
            if sp_ids_dim.dtype != dtypes.int64:
                ids_dim = cast(ids_dim, dtypes.int64)
            ids.append(expand_dims(ids_dim, axis=1))
        vocab_size = [cast(x, dtypes.int64) for x in vocab_size]
        new_indices = concat([sp_ids[0].indices[:, :-1]] + ids, 1)
        new_shape = concat([sp_ids[0].dense_shape[:-1], vocab_size], 0)
        result = SparseTensor(new_indices, sp_values.values, new_shape)
        if already_sorted:
            return result
        sorted_result = sparse_reorder(result)
        return SparseTensor(sorted_result.indices, sorted_result.values, new_shape)


def sparse_to_indicator(sp_input, vocab_size, name=None):
    """A bool tensor, ``True`` at ``[..., id]`` for each id a row of ``sp_input`` holds (the last
    dimension becomes ``vocab_size``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     ids = tf.SparseTensor([[0, 0], [1, 0]], tf.constant([2, 0], tf.int64), [2, 1])
    ...     print(tf.Session().run(tf.sparse.to_indicator(ids, 3)).tolist())
    [[False, False, True], [True, False, False]]
    """
    sp_input = to_sparse(sp_input)
    with name_scope(name, "SparseToIndicator", [sp_input.indices, sp_input.values, sp_input.dense_shape]) as scope:
        num_entries = shape_of(sp_input.indices)[0]
        new_values = fill(expand_dims(num_entries, 0), True)
        sp_values = SparseTensor(sp_input.indices, new_values, sp_input.dense_shape)
        sp_new = sparse_merge(sp_input, sp_values, vocab_size, scope)
        return sparse_tensor_to_dense(sp_new, default_value=False, validate_indices=False, name=scope)


def _int64(value, name):
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return convert_to_tensor(value, name=name, dtype=dtypes.int64)
    if not isinstance(value, Tensor):
        raise TypeError(f"{name} must be an integer value")
    return value if value.dtype == dtypes.int64 else cast(value, dtypes.int64)


def sparse_eye(num_rows, num_columns=None, dtype=dtypes.float32, name=None) -> SparseTensor:
    """A sparse identity matrix (ones on the diagonal of ``num_rows`` x ``num_columns``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     print(tf.Session().run(tf.sparse.eye(2, 3)).indices.tolist())
    [[0, 0], [1, 1]]
    """
    with name_scope(name, "eye", [v for v in (num_rows, num_columns) if isinstance(v, Tensor)]):
        num_rows = _int64(num_rows, "num_rows")
        num_columns = num_rows if num_columns is None else _int64(num_columns, "num_columns")
        diag_size = minimum(num_rows, num_columns)
        diag_range = range_(diag_size, dtype=dtypes.int64)
        return SparseTensor(indices=stack([diag_range, diag_range], axis=1), values=ones(diag_size, dtype=dtype),
                            dense_shape=[num_rows, num_columns])

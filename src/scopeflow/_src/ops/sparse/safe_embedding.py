"""``tf.nn.safe_embedding_lookup_sparse``: ``embedding_lookup_sparse`` over ids of any rank that
drops invalid ids (negative, or with a weight that is not positive unless ``combiner="sum"``)
and gives empty rows zeros (or the embedding of ``default_id``).

Built as TensorFlow builds it, in a scope named ``embedding_lookup``: the ids reshaped to two
dimensions (``SparseReshape``), pruned with ``sparse_retain``, empty rows filled
(``SparseFillEmptyRows``), ``embedding_lookup_sparse``, a ``Select`` of zeros for the rows that
were empty, and the result reshaped back to the ids' leading dimensions.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import Dimension, dimension_at_index, unknown_shape
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.sparse.embedding import embedding_lookup_sparse
from scopeflow._src.ops.sparse.reorder import sparse_reshape
from scopeflow._src.ops.sparse.rows import sparse_fill_empty_rows, sparse_retain


def safe_embedding_lookup_sparse(embedding_weights, sparse_ids, sparse_weights=None, combiner="mean",
                                 default_id=None, name=None, partition_strategy="div", max_norm=None,
                                 allow_fast_lookup=False):
    """Per row of ``sparse_ids`` (of rank 2 or more: the last dimension holds a row's ids), the
    ``combiner`` of the embeddings of its valid ids; rows without any get zeros, or the
    embedding of ``default_id`` when given. ``embedding_weights`` is one table or a list of
    shards (``partition_strategy`` ``"div"`` by default, as in TF).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     ids = tf.SparseTensor([[0, 0], [0, 1], [2, 0]], tf.constant([1, -1, 0], tf.int64), [3, 2])
    ...     e = tf.nn.safe_embedding_lookup_sparse(tf.constant([[1.0], [2.0]]), ids)
    ...     print(tf.Session().run(e).ravel().tolist())
    [2.0, 0.0, 1.0]
    """
    if embedding_weights is None:
        raise ValueError(f"Missing embedding_weights {embedding_weights}.")
    if hasattr(embedding_weights, "_get_variable_list"):  # a PartitionedVariable: its shards
        embedding_weights = list(embedding_weights)
    if not isinstance(embedding_weights, list):
        embedding_weights = [embedding_weights]
    if len(embedding_weights) < 1:
        raise ValueError(f"Missing embedding_weights {embedding_weights}.")
    dtype = sparse_weights.dtype if sparse_weights is not None else None
    embedding_weights = [convert_to_tensor(w, dtype=dtype) for w in embedding_weights]
    with name_scope(name, "embedding_lookup", embedding_weights + [sparse_ids, sparse_weights]) as scope:
        original_shape = sparse_ids.dense_shape
        rank_dim = dimension_at_index(original_shape.get_shape(), 0).value
        rank = array_ops.size(original_shape) if rank_dim is None else rank_dim
        sparse_ids = sparse_reshape(sparse_ids, [
            math_ops.reduce_prod(array_ops.slice(original_shape, [0], [rank - 1])),
            array_ops.gather(original_shape, rank - 1)])
        if sparse_weights is not None:
            sparse_weights = SparseTensor(sparse_ids.indices, sparse_weights.values, sparse_ids.dense_shape)
        sparse_ids, sparse_weights = _prune(sparse_ids, sparse_weights, math_ops.greater_equal(sparse_ids.values, 0),
                                            ones_like_weights=True)
        if combiner != "sum" and sparse_weights is not None:
            sparse_ids, sparse_weights = _prune(sparse_ids, sparse_weights,
                                                math_ops.greater(sparse_weights.values, 0))
        sparse_ids, is_row_empty = sparse_fill_empty_rows(sparse_ids, default_id or 0)
        if sparse_weights is not None:
            sparse_weights, _ = sparse_fill_empty_rows(sparse_weights, 1.0)
        result = embedding_lookup_sparse(embedding_weights, sparse_ids, sparse_weights, combiner=combiner,
                                         partition_strategy=partition_strategy,
                                         name=None if default_id is None else scope, max_norm=max_norm,
                                         allow_fast_lookup=allow_fast_lookup)
        if default_id is None:
            is_row_empty = array_ops.tile(array_ops.reshape(is_row_empty, [-1, 1]),
                                          array_ops.stack([1, array_ops.shape(result)[1]]))
            result = array_ops.where(is_row_empty, array_ops.zeros_like(result), result, name=scope)
        final = array_ops.reshape(result, array_ops.concat([
            array_ops.slice(math_ops.cast(original_shape, dtypes.int32), [0], [rank - 1]),
            array_ops.slice(array_ops.shape(result), [1], [-1])], 0))
        final.set_shape(unknown_shape((Dimension(rank_dim) - 1).value).concatenate(result.get_shape()[1:]))
        return final


def _prune(sparse_ids, sparse_weights, keep, ones_like_weights=False):
    """``sparse_ids`` and ``sparse_weights`` without the entries ``keep`` rejects (TF's
    ``_prune_invalid_ids``, which also ands ``keep`` with ones shaped like the weights)."""
    if ones_like_weights and sparse_weights is not None:
        keep = math_ops.logical_and(keep, array_ops.ones_like(sparse_weights.values, dtype=dtypes.bool))
    sparse_ids = sparse_retain(sparse_ids, keep)
    if sparse_weights is not None:
        sparse_weights = sparse_retain(sparse_weights, keep)
    return sparse_ids, sparse_weights

"""``tf.nn.embedding_lookup_sparse``: for each row of a ``SparseTensor`` of ids, the sum, mean
or root-n-scaled sum of the embeddings of its ids, optionally weighted.

Built with TF 2.21's ops: without weights and with one ``params`` tensor, one
``SparseSegmentSum``/``Mean``/``SqrtN`` over the ids (``sparse_gradient=True``); with
weights, ``Unique`` then ``embedding_lookup``, a gather, a product with the weights and
``SegmentSum``s. TensorFlow's gradient of the first form is ``IndexedSlices``; scopeflow has
none, and gives the same values as a dense tensor (see ``grads.py``).
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.ops.array.creation import ones
from scopeflow._src.ops.array.gather import gather
from scopeflow._src.ops.array.joining import concat
from scopeflow._src.ops.array.selection import unique
from scopeflow._src.ops.array.shapes import expand_dims, rank, reshape, shape
from scopeflow._src.ops.math.arithmetic import pow as pow_
from scopeflow._src.ops.math.cast import cast
from scopeflow._src.ops.math.division import div_no_nan
from scopeflow._src.ops.math.unary import sqrt
from scopeflow._src.ops.nn.embedding import embedding_lookup, shard_list
from scopeflow._src.ops.sparse import segments


def embedding_lookup_sparse(params, sp_ids, sp_weights, partition_strategy="mod", name=None, combiner=None,
                            max_norm=None, allow_fast_lookup=False):
    """Per row of ``sp_ids``, the ``combiner`` (``"mean"`` by default, ``"sum"``, ``"sqrtn"``)
    of the rows of ``params`` its ids pick, weighted by ``sp_weights`` when given.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     ids = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], tf.constant([0, 2, 1], tf.int64), [2, 2])
    ...     e = tf.nn.embedding_lookup_sparse(tf.constant([[1.0], [2.0], [4.0]]), ids, None, combiner="sum")
    ...     print(e.op.type, tf.Session().run(e).tolist())
    SparseSegmentSum [[5.0], [2.0]]
    """
    combiner = "mean" if combiner is None else combiner
    if combiner not in ("mean", "sqrtn", "sum"):
        raise ValueError(f"combiner must be one of 'mean', 'sqrtn' or 'sum', got {combiner}")
    params = shard_list(params)
    if not isinstance(sp_ids, SparseTensor):
        raise TypeError(f"sp_ids must be SparseTensor, got {type(sp_ids)}")
    ignore_weights = sp_weights is None
    if not ignore_weights:
        if not isinstance(sp_weights, SparseTensor):
            raise TypeError(f"sp_weights must be either None or SparseTensor,got {type(sp_weights)}")
        sp_ids.values.get_shape().assert_is_compatible_with(sp_weights.values.get_shape())
        sp_ids.indices.get_shape().assert_is_compatible_with(sp_weights.indices.get_shape())
        sp_ids.dense_shape.get_shape().assert_is_compatible_with(sp_weights.dense_shape.get_shape())
    with name_scope(name, "embedding_lookup_sparse", [*_graph_items(params), sp_ids.indices]) as scope:
        segment_ids = sp_ids.indices[:, 0]
        return _lookup(params, segment_ids, sp_weights, sp_ids.values, combiner, max_norm, allow_fast_lookup,
                       partition_strategy, scope)


def _graph_items(params):
    return [p for p in params if isinstance(p, Tensor) or hasattr(p, "_as_graph_element")]


def _lookup(params, segment_ids, sp_weights, ids, combiner, max_norm, allow_fast_lookup, partition_strategy, name):
    segment_ids = convert_to_tensor(segment_ids, name="segment_ids")
    if len(params) == 1 and not _graph_items(params):
        params = [convert_to_tensor(params[0], name="params")]
    fast = len(params) == 1 and max_norm is None and (allow_fast_lookup or sp_weights is None)
    if fast:
        idx, embeddings = ids, params[0]
    else:
        ids, idx = unique(ids)
        embeddings = embedding_lookup(params, ids, partition_strategy=partition_strategy, max_norm=max_norm)
    if sp_weights is None:
        if segment_ids.dtype not in (dtypes.int32, dtypes.int64):
            segment_ids = cast(segment_ids, dtypes.int32)
        reduce = {"sum": segments.sparse_segment_sum, "mean": segments.sparse_segment_mean,
                  "sqrtn": segments.sparse_segment_sqrt_n}[combiner]
        return reduce(embeddings, idx, segment_ids, name=name, sparse_gradient=fast and not allow_fast_lookup)
    return _weighted(embeddings, idx, segment_ids, sp_weights, combiner, name)


def _weighted(embeddings, idx, segment_ids, sp_weights, combiner, name):
    if segment_ids.dtype != dtypes.int32:
        segment_ids = cast(segment_ids, dtypes.int32)
    weights = sp_weights.values
    embeddings = gather(embeddings, idx)
    original_dtype = embeddings.dtype
    if embeddings.dtype in (dtypes.float16, dtypes.bfloat16):
        embeddings = cast(embeddings, dtypes.float32)
    if weights.dtype != embeddings.dtype:
        weights = cast(weights, embeddings.dtype)
    ones_shape = expand_dims(rank(embeddings) - 1, 0)
    weights_shape = shape(weights)
    bcast_weights_shape = concat([weights_shape, ones(ones_shape, dtype=weights_shape.dtype)], 0)
    orig_weights_shape = weights.get_shape()
    weights = reshape(weights, bcast_weights_shape)
    if embeddings.get_shape().ndims is not None:
        weights.set_shape(orig_weights_shape.concatenate([1 for _ in range(embeddings.get_shape().ndims - 1)]))
    embeddings *= weights
    if combiner == "sum":
        embeddings = segments.segment_sum(embeddings, segment_ids, name=name)
    elif combiner == "mean":
        embeddings = segments.segment_sum(embeddings, segment_ids)
        weight_sum = segments.segment_sum(weights, segment_ids)
        embeddings = div_no_nan(embeddings, weight_sum, name=name)
    else:
        embeddings = segments.segment_sum(embeddings, segment_ids)
        weight_sum = segments.segment_sum(pow_(weights, 2), segment_ids)
        embeddings = div_no_nan(embeddings, sqrt(weight_sum), name=name)
    if embeddings.dtype != original_dtype:
        embeddings = cast(embeddings, original_dtype)
    return embeddings

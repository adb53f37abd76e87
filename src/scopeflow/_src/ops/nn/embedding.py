"""``tf.nn.embedding_lookup``: rows of one table, or of a table split in shards.

One table is one ``GatherV2`` named ``embedding_lookup`` and an ``Identity``. A list of shards
(or a ``PartitionedVariable``, which iterates over its shard variables) is served as TensorFlow
serves it: the flattened ids are given a shard and a row inside it (``mod``: id ``i`` is row
``i // n`` of shard ``i % n``; ``div``: consecutive ranges, the first ``total % n`` shards one row
longer), split by two ``DynamicPartition``s, gathered shard by shard and put back in order by a
``ParallelDynamicStitch`` named ``embedding_lookup``, then reshaped to ``ids.shape + row shape``.
``max_norm`` clips each looked-up row to that L2 norm (``clip_by_norm``).
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant, convert_n_to_tensor, convert_to_tensor
from scopeflow._src.framework.default_graph import colocate_with, device, name_scope
from scopeflow._src.framework.tensor_shape import Dimension, dimension_at_index
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.nn.clip import clip_by_norm


def _clip(params, ids, max_norm):
    """``params`` (rows looked up at ``ids``) with each row clipped to L2 norm ``max_norm``."""
    if max_norm is None:
        return params
    ids_rank, params_rank = ids.shape.ndims, params.shape.ndims
    if ids_rank and params_rank:
        axes = list(range(ids_rank, params_rank))
    else:
        axes = array_ops.range(ids_rank if ids_rank else array_ops.rank(ids),
                              params_rank if params_rank else array_ops.rank(params))
    return clip_by_norm(params, max_norm, axes=axes)


def shard_list(params):
    """``params`` as TF's lookups take it: a list stays a list of shards, an object with a
    ``PartitionedVariable``'s interface gives its shard variables, anything else is one table."""
    if params is None:
        raise ValueError("params must be specified")
    if isinstance(params, (list, tuple)) and not params:
        raise ValueError("Length of params is currently 0. Need at least one param.")
    if hasattr(params, "_get_variable_list"):  # a PartitionedVariable (duck-typed: no import of variables)
        return list(params)
    return params if isinstance(params, list) else [params]


def embedding_lookup(params, ids, partition_strategy="mod", name=None, validate_indices=True, max_norm=None):
    """The rows of ``params`` at ``ids``; ``params`` is one table or a list of shards.

    ``validate_indices`` is accepted and ignored, as in TensorFlow.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     shards = [tf.constant([[0.0], [2.0]]), tf.constant([[1.0], [3.0]])]
    ...     e = tf.nn.embedding_lookup(shards, [3, 0, 1])
    ...     print(e.op.type, tf.Session().run(e).ravel().tolist())
    Reshape [3.0, 0.0, 1.0]
    """
    params = shard_list(params)
    with name_scope(name, "embedding_lookup", params + [ids]) as scope:
        params = convert_n_to_tensor(params, name="params")
        ids = convert_to_tensor(ids, name="ids")
        if len(params) == 1:
            with colocate_with(params[0]):
                result = _clip(array_ops.gather(params[0], ids, name=scope), ids, max_norm)
            return array_ops.identity(result)
        return _sharded_lookup(params, ids, partition_strategy, max_norm, scope)


def _assignments(params, flat_ids, partition_strategy):
    """Each flat id's shard and its row in that shard."""
    n = len(params)
    if partition_strategy == "mod":
        return flat_ids % n, flat_ids // n
    if partition_strategy != "div":
        raise ValueError(f"Unrecognized partition strategy: {partition_strategy}.Must be one of either `mod` or "
                         "`div`.")
    total = Dimension(dimension_at_index(params[0].shape, 0).value)
    for p in params[1:]:
        total += Dimension(dimension_at_index(p.shape, 0).value)
    if total.value:
        num_total_ids = constant(total.value, flat_ids.dtype)
    else:
        sizes = []
        for p in params:
            known = dimension_at_index(p.shape, 0).value
            if known is not None:
                sizes.append(known)
            else:
                with colocate_with(p):
                    sizes.append(array_ops.shape(p)[0])
        num_total_ids = math_ops.reduce_sum(math_ops.cast(array_ops.stack(sizes), flat_ids.dtype))
    per_shard = num_total_ids // n
    extras = num_total_ids % n
    shards = math_ops.maximum(flat_ids // (per_shard + 1), (flat_ids - extras) // per_shard)
    rows = array_ops.where(shards < extras, flat_ids % (per_shard + 1), (flat_ids - extras) % per_shard)
    return shards, rows


def _sharded_lookup(params, ids, partition_strategy, max_norm, scope):
    n = len(params)
    flat_ids = array_ops.reshape(ids, [-1])
    positions = array_ops.range(array_ops.size(flat_ids, out_type=dtypes.int32))
    shards, rows = _assignments(params, flat_ids, partition_strategy)
    shards = math_ops.cast(shards, dtypes.int32)
    gather_ids = math_ops.dynamic_partition(rows, shards, n)
    shard_positions = math_ops.dynamic_partition(positions, shards, n)
    parts = []
    for p, shard_ids in zip(params, gather_ids):
        with device(None), colocate_with(p):
            parts.append(array_ops.gather(p, shard_ids))
    result = math_ops.parallel_dynamic_stitch(shard_positions, parts, name=scope)
    row_shape = params[0].shape[1:]
    for p in params[1:]:
        row_shape = row_shape.merge_with(p.shape[1:])
    if row_shape.is_fully_defined():
        row_dims = row_shape.as_list()
    else:
        with colocate_with(params[0]):
            row_dims = array_ops.shape(params[0])[1:]
    result = array_ops.reshape(result, array_ops.concat([array_ops.shape(ids), row_dims], 0))
    result.set_shape(ids.shape.concatenate(row_shape))
    return _clip(result, ids, max_norm)

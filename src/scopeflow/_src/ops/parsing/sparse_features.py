"""``tf.io.SparseFeature``: a sparse tensor assembled from an ``Example``'s index feature(s)
and value feature, each parsed as a ``VarLenFeature``, then merged as TensorFlow's
``sparse_merge`` does (a ``SparseMerge`` scope: the ids as the last index columns, the vocabulary
sizes as the last dims, and a ``SparseReorder`` unless the ids are ``already_sorted``).
"""

from __future__ import annotations

import collections
import numbers

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.ops.array.joining import concat
from scopeflow._src.ops.array.shapes import expand_dims
from scopeflow._src.ops.math.cast import cast


class SparseFeature(collections.namedtuple("SparseFeature",
                                           ["index_key", "value_key", "dtype", "size", "already_sorted"])):
    """A sparse feature read from an index feature (or several, one per dimension) and a value
    feature of ``dtype``, into a ``SparseTensor`` of dense shape ``[batch] + size``.

    >>> import scopeflow as tf
    >>> tf.io.SparseFeature("ix", "val", tf.float32, 10)
    SparseFeature(index_key='ix', value_key='val', dtype=tf.float32, size=10, already_sorted=False)
    """

    def __new__(cls, index_key, value_key, dtype, size, already_sorted=False):
        return super().__new__(cls, index_key, value_key, dtype, size, already_sorted)


def add_sparse_feature(params, key, feature) -> None:
    """Register the index keys (int64) and value key of ``feature`` (the feature ``key``) as
    sparse keys of ``params``."""
    if not feature.index_key:
        raise ValueError(f"Missing index_key for SparseFeature {feature}.")
    if not feature.value_key:
        raise ValueError(f"Missing value_key for SparseFeature {feature}.")
    if not feature.dtype:
        raise ValueError(f"Missing type for feature {key}. Received feature={feature}.")
    index_keys = [feature.index_key] if isinstance(feature.index_key, str) else feature.index_key
    for index_key in sorted(index_keys):
        params.add_sparse(index_key, dtypes.int64)
    params.add_sparse(feature.value_key, dtypes.as_dtype(feature.dtype))


def merge_sparse_features(features, results: dict) -> dict:
    """``results`` (key -> parsed tensor) with each ``SparseFeature`` of ``features`` merged
    into one ``SparseTensor``, and only the keys of ``features`` kept (TF's
    ``_construct_tensors_for_composite_features``)."""
    results = dict(results)
    merged = {}
    for key in sorted(features):
        feature = features[key]
        if isinstance(feature, SparseFeature):
            ids = (results[feature.index_key] if isinstance(feature.index_key, str)
                   else [results[k] for k in feature.index_key])
            merged[key] = _sparse_merge(ids, results[feature.value_key], feature.size, feature.already_sorted)
    results.update(merged)
    for key in set(results) - set(features):
        del results[key]
    return results


def _sparse_merge(sp_ids, sp_values, vocab_size, already_sorted):
    """TF's ``sparse_merge_impl``: the values of ``sp_values`` at the indices of ``sp_ids``
    with each id as one more (last) index column of size ``vocab_size``."""
    if isinstance(sp_ids, SparseTensor):
        if not isinstance(vocab_size, (Tensor, numbers.Integral)):
            raise TypeError(f"vocab_size has to be a Tensor or Python int. Found {type(vocab_size)}")
        sp_ids, vocab_size = [sp_ids], [vocab_size]
    else:
        if not isinstance(vocab_size, collections.abc.Iterable):
            raise TypeError(f"vocab_size has to be a list of Tensors or Python ints. Found {type(vocab_size)}")
        vocab_size = list(vocab_size)
        if len(sp_ids) != len(vocab_size):
            raise ValueError("sp_ids and vocab_size have to have equal lengths.")
    with name_scope(None, "SparseMerge", [sp_ids, sp_values]):
        ids = [expand_dims(sp.values, axis=1) for sp in sp_ids]
        vocab_size = [cast(x, dtypes.int64) for x in vocab_size]
        new_indices = concat([sp_ids[0].indices[:, :-1]] + ids, 1)
        new_shape = concat([sp_ids[0].dense_shape[:-1], vocab_size], 0)
        result = SparseTensor(new_indices, sp_values.values, new_shape)
        if already_sorted:
            return result
        from scopeflow._src.ops.sparse import api as sparse  # loaded on first use: the sparse ops

        ordered = sparse.sparse_reorder(result)
        return SparseTensor(ordered.indices, ordered.values, new_shape)

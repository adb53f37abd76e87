"""``tf.io.SparseFeature``: a sparse tensor assembled from an ``Example``'s index feature(s)
and value feature, each parsed as a ``VarLenFeature``, then merged by ``tf.sparse_merge`` (a
``SparseMerge`` scope: the ids as the last index columns, the vocabulary sizes as the last
dims, and a ``SparseReorder`` unless the ids are ``already_sorted``), as TensorFlow does.
"""

from __future__ import annotations

import collections

from scopeflow._src.framework import dtypes


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
    from scopeflow._src.ops.sparse import api as sparse  # loaded on first use: the sparse ops

    results = dict(results)
    merged = {}
    for key in sorted(features):
        feature = features[key]
        if isinstance(feature, SparseFeature):
            ids = (results[feature.index_key] if isinstance(feature.index_key, str)
                   else [results[k] for k in feature.index_key])
            merged[key] = sparse.sparse_merge(ids, results[feature.value_key], feature.size,
                                              already_sorted=feature.already_sorted)
    results.update(merged)
    for key in set(results) - set(features):
        del results[key]
    return results

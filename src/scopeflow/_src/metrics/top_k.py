"""The top-k metrics: ``tf.metrics.precision_at_k``, ``recall_at_k``, ``precision_at_top_k``,
``recall_at_top_k``, ``average_precision_at_k`` and the deprecated ``sparse_*`` names.

Labels are class ids (dense ``[D1, ... DN, num_labels]`` or ``[D1, ... DN]``, or a
``SparseTensor``); the counts are set sizes of the intersection and differences of the top-k
predicted ids with the labels (``tf.sets``), kept in float64 local variables named after the
metric (``precision_at_2/true_positive_at_2``...).
"""

from __future__ import annotations

import importlib

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.default_graph import add_to_collections, name_scope
from scopeflow._src.framework.sparse_tensor import (
    SparseTensor,
    SparseTensorValue,
    convert_to_tensor_or_sparse_tensor,
)
from scopeflow._src.metrics.metrics_impl import metric_variable
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.nn.topk import top_k
from scopeflow._src.ops.nn.weights_broadcast import assert_broadcastable, broadcast_weights, depending_on
from scopeflow._src.ops.sets.api import set_difference, set_intersection, set_size
from scopeflow._src.ops.sparse.concat import sparse_concat
from scopeflow._src.ops.sparse.reorder import sparse_reshape
from scopeflow._src.ops.sparse.rows import sparse_retain
from scopeflow._src.ops.state import variable_ops


def _cond(pred, true_fn, false_fn):
    # tf.cond's module registers the control-flow gradients; loaded with the first top-k metric
    return importlib.import_module("scopeflow._src.ops.control.api").cond(pred, true_fn, false_fn)


def _at_k_name(name, k=None, class_id=None):
    name = f"{name}_at_{int(k)}" if k is not None else f"{name}_at_k"
    return name if class_id is None else f"{name}_class{int(class_id)}"


def _maybe_expand_labels(labels, predictions):
    """``labels`` with a last dimension of 1 added when they have one rank less than ``predictions``."""
    with name_scope(None, "expand_labels", (labels, predictions)) as scope:
        labels = convert_to_tensor_or_sparse_tensor(labels)
        if isinstance(labels, SparseTensor):
            return _cond(math_ops.equal(array_ops.rank(predictions), array_ops.size(labels.dense_shape) + 1),
                         lambda: sparse_reshape(labels, shape=array_ops.concat((labels.dense_shape, (1,)), 0),
                                                name=scope),
                         lambda: labels)
        labels_rank = labels.shape.ndims
        if labels_rank is not None:
            predictions_rank = predictions.shape.ndims
            if predictions_rank is not None:
                if predictions_rank == labels_rank:
                    return labels
                if predictions_rank == labels_rank + 1:
                    return array_ops.expand_dims(labels, -1, name=scope)
                raise ValueError(f"Unexpected labels shape {labels.shape} for predictions shape "
                                 f"{predictions.shape}. Predictions rank should be the same rank as labels rank or "
                                 "labels rank plus one .")
        return _cond(math_ops.equal(array_ops.rank(predictions), array_ops.rank(labels) + 1),
                     lambda: array_ops.expand_dims(labels, -1, name=scope), lambda: labels)


def _select_class_id(ids, selected_id):
    """The entries of ``ids`` equal to ``selected_id``, as a ``SparseTensor`` of ``ids``' shape."""
    ids = convert_to_tensor_or_sparse_tensor(ids)
    if isinstance(ids, SparseTensor):
        return sparse_retain(ids, math_ops.equal(ids.values, selected_id))
    ids_shape = array_ops.shape(ids, out_type=dtypes.int64)
    ids_last_dim = array_ops.size(ids_shape) - 1
    filled_selected_id_shape = math_ops.reduced_shape(ids_shape, array_ops.reshape(ids_last_dim, [1]))
    filled_selected_id = array_ops.fill(filled_selected_id_shape, math_ops.cast(selected_id, dtypes.int64))
    result = set_intersection(filled_selected_id, ids)
    return SparseTensor(indices=result.indices, values=result.values, dense_shape=ids_shape)


def _maybe_select_class_id(labels, predictions_idx, selected_id=None):
    if selected_id is None:
        return labels, predictions_idx
    return _select_class_id(labels, selected_id), _select_class_id(predictions_idx, selected_id)


def _weighted(count, weights):
    count = math_ops.cast(count, dtypes.float64)
    if weights is None:
        return count
    with depending_on(assert_broadcastable(weights, count)):
        weights = math_ops.cast(weights, dtypes.float64)
        return math_ops.multiply(count, weights)


def _sparse_true_positive_at_k(labels, predictions_idx, class_id=None, weights=None, name=None):
    with name_scope(name, "true_positives", (predictions_idx, labels, weights)):
        labels, predictions_idx = _maybe_select_class_id(labels, predictions_idx, class_id)
        return _weighted(set_size(set_intersection(predictions_idx, labels)), weights)


def _sparse_false_negative_at_k(labels, predictions_idx, class_id=None, weights=None):
    with name_scope(None, "false_negatives", (predictions_idx, labels, weights)):
        labels, predictions_idx = _maybe_select_class_id(labels, predictions_idx, class_id)
        return _weighted(set_size(set_difference(predictions_idx, labels, aminusb=False)), weights)


def _sparse_false_positive_at_k(labels, predictions_idx, class_id=None, weights=None):
    with name_scope(None, "false_positives", (predictions_idx, labels, weights)):
        labels, predictions_idx = _maybe_select_class_id(labels, predictions_idx, class_id)
        return _weighted(set_size(set_difference(predictions_idx, labels, aminusb=True)), weights)


def _streaming_count(kind, count_fn, labels, predictions_idx, k, class_id, weights):
    """A float64 variable named after its scope (``true_positive_at_k``...) summing ``count_fn``."""
    with name_scope(None, _at_k_name(kind, k, class_id=class_id), (predictions_idx, labels, weights)) as scope:
        count = count_fn(predictions_idx=predictions_idx, labels=labels, class_id=class_id, weights=weights)
        batch_total = math_ops.cast(math_ops.reduce_sum(count), dtypes.float64)
        var = metric_variable([], dtypes.float64, name=scope)
        return var, variable_ops.assign_add(var, batch_total, name="update")


def _ratio_at_top_k(kind, other_kind, other_fn, labels, predictions_idx, k, class_id, weights, metrics_collections,
                    updates_collections, name):
    with name_scope(name, _at_k_name(kind, k, class_id=class_id), (predictions_idx, labels, weights)) as scope:
        labels = _maybe_expand_labels(labels, predictions_idx)
        top_k_idx = math_ops.cast(predictions_idx, dtypes.int64)
        tp, tp_update = _streaming_count("true_positive", _sparse_true_positive_at_k, labels, top_k_idx, k,
                                         class_id, weights)
        other, other_update = _streaming_count(other_kind, other_fn, labels, top_k_idx, k, class_id, weights)
        metric = math_ops.divide(tp, math_ops.add(tp, other), name=scope)
        if metrics_collections:
            add_to_collections(metrics_collections, metric)
        update = math_ops.divide(tp_update, math_ops.add(tp_update, other_update), name="update")
        if updates_collections:
            add_to_collections(updates_collections, update)
        return metric, update


def recall_at_top_k(labels, predictions_idx, k=None, class_id=None, weights=None, metrics_collections=None,
                    updates_collections=None, name=None):
    """Recall of the top-k class ids ``predictions_idx`` against ``labels`` over all batches:
    ``(recall, update_op)``; only class ``class_id`` when given.

    >>> import scopeflow as tf
    >>> r, update = tf.metrics.recall_at_top_k(tf.constant([[1, 3]], tf.int64), tf.constant([[3, 0]]), k=2)
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> float(sess.run(update)), r.name
    (0.5, 'recall_at_2:0')
    """
    return _ratio_at_top_k("recall", "false_negative", _sparse_false_negative_at_k, labels, predictions_idx, k,
                           class_id, weights, metrics_collections, updates_collections, name)


def precision_at_top_k(labels, predictions_idx, k=None, class_id=None, weights=None, metrics_collections=None,
                       updates_collections=None, name=None):
    """Precision of the top-k class ids ``predictions_idx`` against ``labels`` over all batches:
    ``(precision, update_op)``; only class ``class_id`` when given.

    >>> import scopeflow as tf
    >>> p, update = tf.metrics.precision_at_top_k(tf.constant([[1, 3]], tf.int64), tf.constant([[3, 0]]), k=2)
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> float(sess.run(update)), p.name
    (0.5, 'precision_at_2:0')
    """
    return _ratio_at_top_k("precision", "false_positive", _sparse_false_positive_at_k, labels, predictions_idx, k,
                           class_id, weights, metrics_collections, updates_collections, name)


def recall_at_k(labels, predictions, k, class_id=None, weights=None, metrics_collections=None,
                updates_collections=None, name=None):
    """Recall of the ``k`` highest ``predictions`` (logits or probabilities per class) against
    the class ids ``labels``: ``(recall, update_op)``.

    >>> import scopeflow as tf
    >>> r, update = tf.metrics.recall_at_k(tf.constant([[1, 3]], tf.int64), tf.constant([[.1, .2, .3, .4]]), 2)
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> float(sess.run(update))
    0.5
    """
    with name_scope(name, _at_k_name("recall", k, class_id=class_id), (predictions, labels, weights)) as scope:
        _, top_k_idx = top_k(predictions, k)
        return recall_at_top_k(labels=labels, predictions_idx=top_k_idx, k=k, class_id=class_id, weights=weights,
                               metrics_collections=metrics_collections, updates_collections=updates_collections,
                               name=scope)


def precision_at_k(labels, predictions, k, class_id=None, weights=None, metrics_collections=None,
                   updates_collections=None, name=None):
    """Precision of the ``k`` highest ``predictions`` (logits or probabilities per class) against
    the class ids ``labels``: ``(precision, update_op)``.

    >>> import scopeflow as tf
    >>> p, update = tf.metrics.precision_at_k(tf.constant([[1, 3]], tf.int64), tf.constant([[.1, .2, .3, .4]]), 2)
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> float(sess.run(update))
    0.5
    """
    with name_scope(name, _at_k_name("precision", k, class_id=class_id), (predictions, labels, weights)) as scope:
        _, top_k_idx = top_k(predictions, k)
        return precision_at_top_k(labels=labels, predictions_idx=top_k_idx, k=k, class_id=class_id,
                                  weights=weights, metrics_collections=metrics_collections,
                                  updates_collections=updates_collections, name=scope)


def sparse_precision_at_k(labels, predictions, k, class_id=None, weights=None, metrics_collections=None,
                          updates_collections=None, name=None):
    """TF1's deprecated name of ``precision_at_k``.

    >>> import scopeflow as tf
    >>> tf.metrics.sparse_precision_at_k(tf.constant([[1]], tf.int64), tf.constant([[.3, .7]]), 1)[0].name
    'precision_at_1:0'
    """
    return precision_at_k(labels=labels, predictions=predictions, k=k, class_id=class_id, weights=weights,
                          metrics_collections=metrics_collections, updates_collections=updates_collections,
                          name=name)


def _expand_and_tile(tensor, multiple, dim=0, name=None):
    """``tensor`` with a new dimension ``dim``, repeated ``multiple`` times along it."""
    if multiple < 1:
        raise ValueError(f"Invalid argument multiple={multiple} for expand_and_tile  call. `multiple` must be an "
                         "integer > 0")
    with name_scope(name, "expand_and_tile", (tensor, multiple, dim)) as scope:
        tensor = convert_to_tensor_or_sparse_tensor(tensor)
        if isinstance(tensor, SparseTensor):
            if dim < 0:
                expand_dims = array_ops.reshape(array_ops.size(tensor.dense_shape) + dim, [1])
            else:
                expand_dims = [dim]
            expanded_shape = array_ops.concat((array_ops.slice(tensor.dense_shape, [0], expand_dims), [1],
                                               array_ops.slice(tensor.dense_shape, expand_dims, [-1])), 0,
                                              name="expanded_shape")
            expanded = sparse_reshape(tensor, shape=expanded_shape, name="expand")
            if multiple == 1:
                return expanded
            return sparse_concat(dim - 1 if dim < 0 else dim, [expanded] * multiple, name=scope)
        expanded = array_ops.expand_dims(tensor, dim if dim >= 0 else dim - 1, name="expand")
        if multiple == 1:
            return expanded
        ones = array_ops.ones_like(array_ops.shape(tensor))
        tile_multiples = array_ops.concat((ones[:dim], (multiple,), ones[dim:]), 0, name="multiples")
        return array_ops.tile(expanded, tile_multiples, name=scope)


def _num_relevant(labels, k):
    if k < 1:
        raise ValueError(f"Invalid k={k}")
    with name_scope(None, "num_relevant", (labels,)) as scope:
        labels = convert_to_tensor_or_sparse_tensor(labels)
        if isinstance(labels, SparseTensor):
            return math_ops.minimum(set_size(labels), k, name=scope)
        num_labels = math_ops.reduce_sum(array_ops.where_v2(math_ops.greater_equal(labels, 0),
                                                            array_ops.ones_like(labels),
                                                            array_ops.zeros_like(labels)), axis=-1)
        return math_ops.minimum(num_labels, k, name=scope)


def _sparse_average_precision_at_top_k(labels, predictions_idx):
    with name_scope(None, "average_precision", (predictions_idx, labels)) as scope:
        predictions_idx = math_ops.cast(predictions_idx, dtypes.int64, name="predictions_idx")
        if predictions_idx.shape.ndims == 0:
            raise ValueError("The rank of `predictions_idx` must be at least 1.")
        k = predictions_idx.shape.as_list()[-1]
        if k is None:
            raise ValueError("The last dimension of predictions_idx must be set. Currently, it is None.")
        labels = _maybe_expand_labels(labels, predictions_idx)
        predictions_idx_per_k = array_ops.expand_dims(predictions_idx, -1, name="predictions_idx_per_k")
        labels_per_k = _expand_and_tile(labels, multiple=k, dim=-1, name="labels_per_k")
        relevant_per_k = _sparse_true_positive_at_k(labels_per_k, predictions_idx_per_k, name="relevant_per_k")
        tp_per_k = math_ops.cumsum(relevant_per_k, axis=-1, name="tp_per_k")
        retrieved_per_k = math_ops.cumsum(array_ops.ones_like(relevant_per_k), axis=-1, name="retrieved_per_k")
        precision_per_k = math_ops.divide(math_ops.cast(tp_per_k, dtypes.float64),
                                          math_ops.cast(retrieved_per_k, dtypes.float64), name="precision_per_k")
        relevant_precision_per_k = math_ops.multiply(precision_per_k, math_ops.cast(relevant_per_k, dtypes.float64),
                                                     name="relevant_precision_per_k")
        precision_sum = math_ops.reduce_sum(relevant_precision_per_k, axis=(-1,), name="precision_sum")
        num_relevant_items = math_ops.cast(_num_relevant(labels, k), dtypes.float64)
        return math_ops.divide(precision_sum, num_relevant_items, name=scope)


def _streaming_sparse_average_precision_at_top_k(labels, predictions_idx, weights=None, metrics_collections=None,
                                                 updates_collections=None, name=None):
    with name_scope(name, "average_precision_at_top_k", (predictions_idx, labels, weights)) as scope:
        average_precision = _sparse_average_precision_at_top_k(predictions_idx=predictions_idx, labels=labels)
        if weights is not None:
            weights = broadcast_weights(math_ops.cast(weights, dtypes.float64), average_precision)
            average_precision = math_ops.multiply(average_precision, weights)
        with name_scope(None, "max", (average_precision,)) as max_scope:
            max_var = metric_variable([], dtypes.float64, name=max_scope)
            if weights is None:
                batch_max = math_ops.cast(array_ops.size(average_precision, name="batch_max"), dtypes.float64)
            else:
                batch_max = math_ops.reduce_sum(weights, name="batch_max")
            max_update = variable_ops.assign_add(max_var, batch_max, name="update")
        with name_scope(None, "total", (average_precision,)) as total_scope:
            total_var = metric_variable([], dtypes.float64, name=total_scope)
            batch_total = math_ops.reduce_sum(average_precision, name="batch_total")
            total_update = variable_ops.assign_add(total_var, batch_total, name="update")
        mean_average_precision = math_ops.div_no_nan(total_var, max_var, name="mean")
        if metrics_collections:
            add_to_collections(metrics_collections, mean_average_precision)
        update = math_ops.div_no_nan(total_update, max_update, name=scope)
        if updates_collections:
            add_to_collections(updates_collections, update)
        return mean_average_precision, update


def _clean_out_of_range_indices(labels, num_classes):
    """``labels`` with the ids ``>= num_classes`` replaced by -1 (a cond, as in TF)."""
    is_sparse = isinstance(labels, (SparseTensor, SparseTensorValue))

    def clean(values):
        return array_ops.where_v2(math_ops.greater_equal(values, num_classes), -1 * array_ops.ones_like(values),
                                  values)

    def clean_labels():
        if is_sparse:
            return type(labels)(indices=labels.indices, values=clean(labels.values), dense_shape=labels.dense_shape)
        return clean(labels)

    max_labels = math_ops.reduce_max(labels.values if is_sparse else labels)
    return _cond(math_ops.greater_equal(max_labels, num_classes), clean_labels, lambda: labels)


def average_precision_at_k(labels, predictions, k, weights=None, metrics_collections=None,
                           updates_collections=None, name=None):
    """The mean over all batches of the average precision of the ``k`` highest ``predictions``
    against the class ids ``labels``: ``(mean_average_precision, update_op)``.

    >>> import scopeflow as tf
    >>> m, update = tf.metrics.average_precision_at_k(tf.constant([[3]], tf.int64), tf.constant([[.1, .2, .3, .4]]), 2)
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> float(sess.run(update)), m.name
    (1.0, 'average_precision_at_2/mean:0')
    """
    if k < 1:
        raise ValueError(f"Invalid k={k}. `k` should be >= 1.")
    with name_scope(name, _at_k_name("average_precision", k), (predictions, labels, weights)) as scope:
        _, predictions_idx = top_k(predictions, k)
        labels = _clean_out_of_range_indices(labels, math_ops.cast(array_ops.shape(predictions)[-1], dtypes.int64))
        return _streaming_sparse_average_precision_at_top_k(labels=labels, predictions_idx=predictions_idx,
                                                            weights=weights, metrics_collections=metrics_collections,
                                                            updates_collections=updates_collections, name=scope)


def sparse_average_precision_at_k(labels, predictions, k, weights=None, metrics_collections=None,
                                  updates_collections=None, name=None):
    """TF1's deprecated name of ``average_precision_at_k``.

    >>> import scopeflow as tf
    >>> tf.metrics.sparse_average_precision_at_k(tf.constant([[1]], tf.int64), tf.constant([[.3, .7]]), 1)[1].name
    'average_precision_at_1:0'
    """
    return average_precision_at_k(labels=labels, predictions=predictions, k=k, weights=weights,
                                  metrics_collections=metrics_collections, updates_collections=updates_collections,
                                  name=name)

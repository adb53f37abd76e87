"""``tf.metrics.mean`` and ``tf.metrics.accuracy``: a value tensor and an update op over local variables.

Each metric keeps ``total`` and ``count`` variables (``mean/total:0``) in the
``LOCAL_VARIABLES`` and ``METRIC_VARIABLES`` collections, so they are initialized by
``tf.local_variables_initializer()``. Running ``update_op`` adds a batch; the value tensor
reads ``total / count`` (0 when nothing was counted).

Ranks known only at run time are adjusted with ``tf.cond``, and weights whose shapes are known
only at run time are checked by TF's ``assert_broadcastable``, as TF does.
"""

from __future__ import annotations

import importlib

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import add_to_collections, control_dependencies, name_scope
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.nn.weights_broadcast import broadcast_weights
from scopeflow._src.ops.state import variable_ops
from scopeflow._src.variables.variable import RefVariable, VariableAggregation, VariableSynchronization
from scopeflow._src.variables.variable_scope import variable_scope


def metric_variable(shape, dtype, validate_shape=True, name=None):
    """A zero-initialized, non-trainable variable in ``LOCAL_VARIABLES`` and ``METRIC_VARIABLES``."""
    return RefVariable(lambda: array_ops.zeros(shape, dtype), trainable=False,
                       collections=[GraphKeys.LOCAL_VARIABLES, GraphKeys.METRIC_VARIABLES],
                       validate_shape=validate_shape, synchronization=VariableSynchronization.ON_READ,
                       aggregation=VariableAggregation.SUM, name=name)


def _cond(pred, true_fn, false_fn):
    # the control flow ops load on first use (they cost import time): only unknown ranks need them
    return importlib.import_module("scopeflow._src.ops.control.api").cond(pred, true_fn, false_fn)


def remove_squeezable_dimensions(labels, predictions, expected_rank_diff=0, name=None):
    """Squeeze the last dimension of ``labels`` or ``predictions`` when their ranks differ by one."""
    with name_scope(name, "remove_squeezable_dimensions", [labels, predictions]):
        predictions = convert_to_tensor(predictions)
        labels = convert_to_tensor(labels)
        predictions_shape, labels_shape = predictions.shape, labels.shape
        predictions_rank, labels_rank = predictions_shape.ndims, labels_shape.ndims
        if predictions_rank is not None and labels_rank is not None:
            rank_diff = predictions_rank - labels_rank
            if rank_diff == expected_rank_diff + 1 and predictions_shape.dims[-1].is_compatible_with(1):
                predictions = array_ops.squeeze(predictions, [-1])
            elif rank_diff == expected_rank_diff - 1 and labels_shape.dims[-1].is_compatible_with(1):
                labels = array_ops.squeeze(labels, [-1])
            return labels, predictions
        rank_diff = array_ops.rank(predictions) - array_ops.rank(labels)
        if predictions_rank is None or predictions_shape.dims[-1].is_compatible_with(1):
            squeezable = predictions
            predictions = _cond(math_ops.equal(expected_rank_diff + 1, rank_diff),
                                lambda: array_ops.squeeze(squeezable, [-1]), lambda: squeezable)
        if labels_rank is None or labels_shape.dims[-1].is_compatible_with(1):
            squeezable_labels = labels
            labels = _cond(math_ops.equal(expected_rank_diff - 1, rank_diff),
                           lambda: array_ops.squeeze(squeezable_labels, [-1]), lambda: squeezable_labels)
        return labels, predictions


def _remove_squeezable_dimensions(predictions, labels, weights):
    predictions = convert_to_tensor(predictions)
    if labels is not None:
        labels, predictions = remove_squeezable_dimensions(labels, predictions)
        predictions.shape.assert_is_compatible_with(labels.shape)
    if weights is None:
        return predictions, labels, None
    weights = convert_to_tensor(weights)
    weights_rank = weights.shape.ndims
    if weights_rank == 0:
        return predictions, labels, weights
    predictions_rank = predictions.shape.ndims
    if predictions_rank is not None and weights_rank is not None:
        if weights_rank - predictions_rank == 1:
            weights = array_ops.squeeze(weights, [-1])
        elif predictions_rank - weights_rank == 1:
            weights = array_ops.expand_dims(weights, [-1])
        return predictions, labels, weights
    return predictions, labels, _adjust_weights_rank(weights, predictions)


def _adjust_weights_rank(weights, predictions):
    """TF's run-time rank adjustment of ``weights``: conds on the rank difference."""
    weights_rank_tensor = array_ops.rank(weights)
    rank_diff = weights_rank_tensor - array_ops.rank(predictions)

    def maybe_expand():
        return _cond(math_ops.equal(rank_diff, -1), lambda: array_ops.expand_dims(weights, [-1]), lambda: weights)

    if weights.shape.ndims is not None and not weights.shape.dims[-1].is_compatible_with(1):
        def maybe_squeeze():
            return weights
    else:
        def maybe_squeeze():
            return array_ops.squeeze(weights, [-1])

    def maybe_adjust():
        return _cond(math_ops.equal(rank_diff, 1), maybe_squeeze, maybe_expand)

    return _cond(math_ops.equal(weights_rank_tensor, 0), lambda: weights, maybe_adjust)


def mean(values, weights=None, metrics_collections=None, updates_collections=None, name=None):
    """The (weighted) mean of ``values`` over all batches: ``(mean, update_op)``.

    >>> import scopeflow as tf
    >>> m, update = tf.metrics.mean(tf.constant([1.0, 2.0, 3.0]))
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> float(sess.run(update)), float(sess.run(update)), float(sess.run(m))
    (2.0, 2.0, 2.0)
    """
    with variable_scope(name, "mean", (values, weights)):
        values = math_ops.cast(values, dtypes.float32)
        total = metric_variable([], dtypes.float32, name="total")
        count = metric_variable([], dtypes.float32, name="count")
        if weights is None:
            num_values = math_ops.cast(array_ops.size(values), dtypes.float32)
        else:
            values, _, weights = _remove_squeezable_dimensions(predictions=values, labels=None, weights=weights)
            weights = broadcast_weights(math_ops.cast(weights, dtypes.float32), values)
            values = math_ops.multiply(values, weights)
            num_values = math_ops.reduce_sum(weights)
        return running_mean(total, count, math_ops.reduce_sum(values), num_values, values, metrics_collections,
                            updates_collections)


def running_mean(total, count, total_delta, num_values, values, metrics_collections, updates_collections):
    """``mean``'s ops: ``total += total_delta``, then (after ``values``) ``count += num_values``; the
    value ``total / count`` and the update op, each 0 where the count is 0."""
    update_total_op = variable_ops.assign_add(total, total_delta)
    with control_dependencies([values]):
        update_count_op = variable_ops.assign_add(count, num_values)
    mean_t = math_ops.div_no_nan(total, math_ops.maximum(count, 0), name="value")
    if metrics_collections:
        add_to_collections(metrics_collections, mean_t)
    update_op = math_ops.div_no_nan(update_total_op, math_ops.maximum(update_count_op, 0), name="update_op")
    if updates_collections:
        add_to_collections(updates_collections, update_op)
    return mean_t, update_op


def accuracy(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None):
    """How often ``predictions`` equal ``labels`` over all batches: ``(accuracy, update_op)``.

    >>> import scopeflow as tf
    >>> acc, update = tf.metrics.accuracy([1, 2, 3], [0, 2, 3])
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> round(float(sess.run(update)), 4), acc.name
    (0.6667, 'accuracy/value:0')
    """
    predictions, labels, weights = _remove_squeezable_dimensions(predictions=predictions, labels=labels,
                                                                 weights=weights)
    predictions.shape.assert_is_compatible_with(labels.shape)
    if labels.dtype != predictions.dtype:
        predictions = math_ops.cast(predictions, labels.dtype)
    is_correct = math_ops.cast(math_ops.equal(predictions, labels), dtypes.float32)
    return mean(is_correct, weights, metrics_collections, updates_collections, name or "accuracy")

"""``tf.metrics.true_positives`` and its three siblings, and ``precision``/``recall`` built on them.

Each count keeps one scalar ``count`` variable (``true_positives/count:0``) in
``LOCAL_VARIABLES`` and ``METRIC_VARIABLES``; its value tensor is an ``Identity`` of the
variable (``true_positives/Identity:0``), as TF's default distribution strategy reads it.
Loaded on first use (``tf.metrics.precision``...): the asserts come from ``tf.debugging``.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.default_graph import add_to_collections, control_dependencies
from scopeflow._src.metrics.metrics_impl import _remove_squeezable_dimensions, metric_variable
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.debugging.rank_asserts import assert_rank_in
from scopeflow._src.ops.debugging.static_checks import assert_type
from scopeflow._src.ops.state import variable_ops
from scopeflow._src.variables.variable_scope import variable_scope


def aggregate_variable(v, metrics_collections):
    """The value tensor of a metric that is one variable: an ``Identity`` of it."""
    value = array_ops.identity(v)
    if metrics_collections:
        add_to_collections(metrics_collections, value)
    return value


def _count_condition(values, weights, metrics_collections, updates_collections):
    assert_type(values, dtypes.bool)
    count = metric_variable([], dtypes.float32, name="count")
    values = math_ops.cast(values, dtypes.float32)
    if weights is not None:
        with control_dependencies((assert_rank_in(weights, (0, array_ops.rank(values))),)):
            weights = math_ops.cast(weights, dtypes.float32)
            values = math_ops.multiply(values, weights)
    value_tensor = aggregate_variable(count, metrics_collections)
    update_op = variable_ops.assign_add(count, math_ops.reduce_sum(values))
    if updates_collections:
        add_to_collections(updates_collections, update_op)
    return value_tensor, update_op


def _count_metric(default_name, label_value, prediction_value, doc_example):
    def metric(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None):
        with variable_scope(name, default_name, (predictions, labels, weights)):
            predictions, labels, weights = _remove_squeezable_dimensions(
                predictions=math_ops.cast(predictions, dtype=dtypes.bool),
                labels=math_ops.cast(labels, dtype=dtypes.bool), weights=weights)
            is_counted = math_ops.logical_and(math_ops.equal(labels, label_value),
                                              math_ops.equal(predictions, prediction_value))
            return _count_condition(is_counted, weights, metrics_collections, updates_collections)
    metric.__name__ = metric.__qualname__ = default_name
    metric.__doc__ = f"""The (weighted) number of {default_name.replace('_', ' ')} over all batches:
    ``(value, update_op)``; labels ``{label_value}`` predicted ``{prediction_value}`` (both cast to bool).

    >>> import scopeflow as tf
    >>> value, update = tf.metrics.{default_name}({doc_example})
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> float(sess.run(update)), value.name
    (1.0, '{default_name}/Identity:0')
    """
    return metric


true_positives = _count_metric("true_positives", True, True, "[1, 0, 1], [1, 1, 0]")
false_positives = _count_metric("false_positives", False, True, "[1, 0, 1], [1, 1, 0]")
true_negatives = _count_metric("true_negatives", False, False, "[1, 0, 0], [1, 1, 0]")
false_negatives = _count_metric("false_negatives", True, False, "[1, 0, 1], [1, 1, 0]")


def _ratio(a, b, name):
    return array_ops.where(math_ops.greater(a + b, 0), math_ops.divide(a, a + b), 0, name)


def _ratio_metric(labels, predictions, weights, metrics_collections, updates_collections, name, default_name,
                  other):
    with variable_scope(name, default_name, (predictions, labels, weights)):
        predictions, labels, weights = _remove_squeezable_dimensions(
            predictions=math_ops.cast(predictions, dtype=dtypes.bool),
            labels=math_ops.cast(labels, dtype=dtypes.bool), weights=weights)
        true_p, true_p_update = true_positives(labels, predictions, weights, metrics_collections=None,
                                               updates_collections=None, name=None)
        other_v, other_update = other(labels, predictions, weights, metrics_collections=None,
                                      updates_collections=None, name=None)
        value = _ratio(true_p, other_v, "value")
        if metrics_collections:
            add_to_collections(metrics_collections, value)
        update_op = _ratio(true_p_update, other_update, "update_op")
        if updates_collections:
            add_to_collections(updates_collections, update_op)
        return value, update_op


def precision(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None):
    """``true_positives / (true_positives + false_positives)`` over all batches (0 before any
    positive prediction): ``(precision, update_op)``.

    >>> import scopeflow as tf
    >>> p, update = tf.metrics.precision([1, 0, 1, 1], [1, 1, 0, 1])
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> round(float(sess.run(update)), 4), p.name
    (0.6667, 'precision/value:0')
    """
    return _ratio_metric(labels, predictions, weights, metrics_collections, updates_collections, name, "precision",
                         false_positives)


def recall(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None):
    """``true_positives / (true_positives + false_negatives)`` over all batches (0 before any
    positive label): ``(recall, update_op)``.

    >>> import scopeflow as tf
    >>> r, update = tf.metrics.recall([1, 0, 1, 1], [1, 1, 0, 0])
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> round(float(sess.run(update)), 4), r.name
    (0.3333, 'recall/value:0')
    """
    return _ratio_metric(labels, predictions, weights, metrics_collections, updates_collections, name, "recall",
                         false_negatives)

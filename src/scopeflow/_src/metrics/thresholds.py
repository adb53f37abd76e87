"""The metrics counted at a list of thresholds: ``tf.metrics.true_positives_at_thresholds`` and
its siblings, ``precision_at_thresholds``, ``recall_at_thresholds``,
``sensitivity_at_specificity`` and ``specificity_at_sensitivity`` (``auc`` is in ``auc.py``).

A prediction counts as positive at threshold ``t`` when it is greater than ``t``; the counts
live in ``[len(thresholds)]`` variables (``true_positives``, ``false_negatives``,
``true_negatives``, ``false_positives``) created in that order. Predictions outside ``[0, 1]``
fail the run with TF's ``predictions must be in [0, 1]`` assertion.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.default_graph import add_to_collections, control_dependencies
from scopeflow._src.metrics.counts import aggregate_variable
from scopeflow._src.metrics.metrics_impl import _remove_squeezable_dimensions, metric_variable
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.debugging.binary_asserts import assert_greater_equal, assert_less_equal
from scopeflow._src.ops.nn.weights_broadcast import broadcast_weights
from scopeflow._src.ops.state import variable_ops
from scopeflow._src.variables.variable_scope import variable_scope

_ALL = ("tp", "fn", "tn", "fp")
_VARIABLE_NAMES = {"tp": "true_positives", "fn": "false_negatives", "tn": "true_negatives", "fp": "false_positives"}


def confusion_matrix_at_thresholds(labels, predictions, thresholds, weights=None, includes=None):
    """The variables and update ops of the counts named in ``includes`` (``tp``, ``fn``, ``tn``,
    ``fp``; all four by default), each of shape ``[len(thresholds)]``: two dicts keyed by them."""
    if includes is None:
        includes = _ALL
    for include in includes:
        if include not in _ALL:
            raise ValueError(f"Invalid key: {include}")
    with control_dependencies([
            assert_greater_equal(predictions, math_ops.cast(0.0, dtype=predictions.dtype),
                                 message="predictions must be in [0, 1]"),
            assert_less_equal(predictions, math_ops.cast(1.0, dtype=predictions.dtype),
                              message="predictions must be in [0, 1]")]):
        predictions, labels, weights = _remove_squeezable_dimensions(
            predictions=math_ops.cast(predictions, dtypes.float32),
            labels=math_ops.cast(labels, dtype=dtypes.bool), weights=weights)
    num_thresholds = len(thresholds)
    predictions_2d = array_ops.reshape(predictions, [-1, 1])
    labels_2d = array_ops.reshape(math_ops.cast(labels, dtype=dtypes.bool), [1, -1])
    num_predictions = predictions_2d.shape.as_list()[0]
    if num_predictions is None:
        num_predictions = array_ops.shape(predictions_2d)[0]
    thresh_tiled = array_ops.tile(array_ops.expand_dims(constant(thresholds), [1]),
                                  array_ops.stack([1, num_predictions]))
    pred_is_pos = math_ops.greater(array_ops.tile(array_ops.transpose(predictions_2d), [num_thresholds, 1]),
                                   thresh_tiled)
    is_pos = {"p": pred_is_pos}
    if "fn" in includes or "tn" in includes:
        is_pos["n"] = math_ops.logical_not(pred_is_pos)
    label_is = {"p": array_ops.tile(labels_2d, [num_thresholds, 1])}
    if "fp" in includes or "tn" in includes:
        label_is["n"] = math_ops.logical_not(label_is["p"])
    weights_tiled = None
    if weights is not None:
        weights = broadcast_weights(math_ops.cast(weights, dtypes.float32), predictions)
        weights_tiled = array_ops.tile(array_ops.reshape(weights, [1, -1]), [num_thresholds, 1])
        thresh_tiled.shape.assert_is_compatible_with(weights_tiled.shape)
    values, update_ops = {}, {}
    for key in _ALL:  # TF's order, whatever the order of ``includes``
        if key not in includes:
            continue
        variable = metric_variable([num_thresholds], dtypes.float32, name=_VARIABLE_NAMES[key])
        label_side = "p" if key in ("tp", "fn") else "n"
        pred_side = "p" if key in ("tp", "fp") else "n"
        counted = math_ops.cast(math_ops.logical_and(label_is[label_side], is_pos[pred_side]), dtypes.float32)
        if weights_tiled is not None:
            counted *= weights_tiled
        update_ops[key] = variable_ops.assign_add(variable, math_ops.reduce_sum(counted, 1))
        values[key] = variable
    return values, update_ops


def _count_at_thresholds(key, default_name):
    def metric(labels, predictions, thresholds, weights=None, metrics_collections=None, updates_collections=None,
               name=None):
        with variable_scope(name, default_name, (predictions, labels, weights)):
            values, update_ops = confusion_matrix_at_thresholds(labels, predictions, thresholds, weights=weights,
                                                                includes=(key,))
            value = aggregate_variable(values[key], metrics_collections)
            if updates_collections:
                add_to_collections(updates_collections, update_ops[key])
            return value, update_ops[key]
    metric.__name__ = metric.__qualname__ = f"{default_name}_at_thresholds"
    metric.__doc__ = f"""The (weighted) number of {default_name.replace('_', ' ')} at each of ``thresholds``
    (a prediction is positive above a threshold): ``(value, update_op)`` of shape ``[len(thresholds)]``.

    >>> import scopeflow as tf
    >>> value, update = tf.metrics.{default_name}_at_thresholds([1, 0, 1], tf.constant([0.9, 0.6, 0.3]), [0.5])
    >>> value.name
    '{default_name}/Identity:0'
    """
    return metric


true_positives_at_thresholds = _count_at_thresholds("tp", "true_positives")
false_negatives_at_thresholds = _count_at_thresholds("fn", "false_negatives")
true_negatives_at_thresholds = _count_at_thresholds("tn", "true_negatives")
false_positives_at_thresholds = _count_at_thresholds("fp", "false_positives")


def _ratio_at_thresholds(labels, predictions, thresholds, weights, metrics_collections, updates_collections, name,
                         default_name, other, prefix):
    with variable_scope(name, default_name, (predictions, labels, weights)):
        values, update_ops = confusion_matrix_at_thresholds(labels, predictions, thresholds, weights,
                                                            includes=("tp", other))
        epsilon = 1e-7

        def compute(tp, other_count, suffix):
            return math_ops.divide(tp, epsilon + tp + other_count, name=prefix + suffix)

        value = compute(values["tp"], values[other], "value")
        if metrics_collections:
            add_to_collections(metrics_collections, value)
        update_op = compute(update_ops["tp"], update_ops[other], "update_op")
        if updates_collections:
            add_to_collections(updates_collections, update_op)
        return value, update_op


def precision_at_thresholds(labels, predictions, thresholds, weights=None, metrics_collections=None,
                            updates_collections=None, name=None):
    """Precision at each threshold, ``tp / (tp + fp + 1e-7)``: ``(precision, update_op)``.

    >>> import scopeflow as tf
    >>> p, update = tf.metrics.precision_at_thresholds([1, 0, 1], tf.constant([0.9, 0.6, 0.3]), [0.5])
    >>> p.name
    'precision_at_thresholds/precision_value:0'
    """
    return _ratio_at_thresholds(labels, predictions, thresholds, weights, metrics_collections, updates_collections,
                                name, "precision_at_thresholds", "fp", "precision_")


def recall_at_thresholds(labels, predictions, thresholds, weights=None, metrics_collections=None,
                         updates_collections=None, name=None):
    """Recall at each threshold, ``tp / (tp + fn + 1e-7)``: ``(recall, update_op)``.

    >>> import scopeflow as tf
    >>> r, update = tf.metrics.recall_at_thresholds([1, 0, 1], tf.constant([0.9, 0.6, 0.3]), [0.5])
    >>> r.name
    'recall_at_thresholds/recall_value:0'
    """
    return _ratio_at_thresholds(labels, predictions, thresholds, weights, metrics_collections, updates_collections,
                                name, "recall_at_thresholds", "fn", "recall_")


def _even_thresholds(num_thresholds, last):
    kepsilon = 1e-7
    inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
    return [0.0 - kepsilon] + inner + [last]


def _at_point(labels, predictions, weights, num_thresholds, metrics_collections, updates_collections, name,
              default_name, thresholds, compute):
    with variable_scope(name, default_name, (predictions, labels, weights)):
        values, update_ops = confusion_matrix_at_thresholds(labels, predictions, thresholds, weights)
        value = compute(values["tp"], values["tn"], values["fp"], values["fn"], "value")
        if metrics_collections:
            add_to_collections(metrics_collections, value)
        update_op = compute(update_ops["tp"], update_ops["tn"], update_ops["fp"], update_ops["fn"], "update_op")
        if updates_collections:
            add_to_collections(updates_collections, update_op)
        return value, update_op


def sensitivity_at_specificity(labels, predictions, specificity, weights=None, num_thresholds=200,
                               metrics_collections=None, updates_collections=None, name=None):
    """The sensitivity (recall) at the threshold whose specificity is nearest ``specificity``:
    ``(sensitivity, update_op)``.

    >>> import scopeflow as tf
    >>> s, update = tf.metrics.sensitivity_at_specificity([1, 0, 1], tf.constant([0.9, 0.6, 0.3]), 0.5)
    >>> s.name
    'sensitivity_at_specificity/value:0'
    """
    if specificity < 0 or specificity > 1:
        raise ValueError(f"`specificity` must be in the range [0, 1]. Currently, `specificity` got {specificity}.")
    kepsilon = 1e-7

    def compute(tp, tn, fp, fn, op_name):
        specificities = math_ops.divide(tn, tn + fp + kepsilon)
        index = math_ops.argmin(math_ops.abs(specificities - specificity), 0)
        index = math_ops.cast(index, dtypes.int32)
        return math_ops.divide(tp[index], tp[index] + fn[index] + kepsilon, op_name)

    return _at_point(labels, predictions, weights, num_thresholds, metrics_collections, updates_collections, name,
                     "sensitivity_at_specificity", _even_thresholds(num_thresholds, 1.0 + kepsilon), compute)


def specificity_at_sensitivity(labels, predictions, sensitivity, weights=None, num_thresholds=200,
                               metrics_collections=None, updates_collections=None, name=None):
    """The specificity at the last threshold whose sensitivity is nearest ``sensitivity``:
    ``(specificity, update_op)``.

    >>> import scopeflow as tf
    >>> s, update = tf.metrics.specificity_at_sensitivity([1, 0, 1], tf.constant([0.9, 0.6, 0.3]), 0.5)
    >>> s.name
    'specificity_at_sensitivity/value:0'
    """
    if sensitivity < 0 or sensitivity > 1:
        raise ValueError(f"`sensitivity` must be in the range [0, 1]. Currently, `sensitivity` is {sensitivity}.")
    kepsilon = 1e-7

    def compute(tp, tn, fp, fn, op_name):
        sensitivities = math_ops.divide(tp, tp + fn + kepsilon)
        min_val = math_ops.reduce_min(math_ops.abs(sensitivities - sensitivity))
        at_min = math_ops.equal(math_ops.abs(sensitivities - sensitivity), min_val)
        at_min = math_ops.cumsum(math_ops.cast(at_min, dtypes.int64))
        index = math_ops.cast(math_ops.argmax(at_min, 0), dtypes.int32)
        return math_ops.divide(tn[index], tn[index] + fp[index] + kepsilon, op_name)

    # TF ends these thresholds at 1 - epsilon (sensitivity_at_specificity's at 1 + epsilon)
    return _at_point(labels, predictions, weights, num_thresholds, metrics_collections, updates_collections, name,
                     "specificity_at_sensitivity", _even_thresholds(num_thresholds, 1.0 - kepsilon), compute)

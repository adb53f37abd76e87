"""``tf.metrics.auc``: the area under the ROC or precision-recall curve, a Riemann sum over
``num_thresholds`` evenly spaced thresholds (or the given ``thresholds`` and the two ends
``-1e-7`` and ``1 + 1e-7``) of the four counts of ``thresholds.py``.

``summation_method``: ``trapezoidal`` (TF warns for PR curves), ``careful_interpolation``
(Davis & Goadrich's interpolation of the PR curve; trapezoidal for ROC), ``minoring`` and
``majoring`` (lower and upper bounds).
"""

from __future__ import annotations

from scopeflow._src import logging_module as tf_logging
from scopeflow._src.framework.default_graph import add_to_collections
from scopeflow._src.metrics.thresholds import confusion_matrix_at_thresholds
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.variables.variable_scope import variable_scope

_METHODS = ("trapezoidal", "careful_interpolation", "minoring", "majoring")


def _interpolate_pr_auc(tp, fp, fn, n):
    """The PR-AUC with true and false positives interpolated linearly between thresholds."""
    dtp = tp[:n - 1] - tp[1:]
    p = tp + fp
    prec_slope = math_ops.div_no_nan(dtp, math_ops.maximum(p[:n - 1] - p[1:], 0), name="prec_slope")
    intercept = tp[1:] - math_ops.multiply(prec_slope, p[1:])
    safe_p_ratio = array_ops.where(
        math_ops.logical_and(p[:n - 1] > 0, p[1:] > 0),
        math_ops.div_no_nan(p[:n - 1], math_ops.maximum(p[1:], 0), name="recall_relative_ratio"),
        array_ops.ones_like(p[1:]))
    return math_ops.reduce_sum(
        math_ops.div_no_nan(prec_slope * (dtp + intercept * math_ops.log(safe_p_ratio)),
                            math_ops.maximum(tp[1:] + fn[1:], 0), name="pr_auc_increment"),
        name="interpolate_pr_auc")


def _compute_auc(tp, fn, tn, fp, name, curve, summation_method, n):
    epsilon = 1.0e-6
    if curve == "PR":
        if summation_method == "trapezoidal":
            tf_logging.warning('Trapezoidal rule is known to produce incorrect PR-AUCs; please switch to '
                               '"careful_interpolation" instead.')
        elif summation_method == "careful_interpolation":
            return _interpolate_pr_auc(tp, fp, fn, n)
    rec = math_ops.divide(tp + epsilon, tp + fn + epsilon)
    if curve == "ROC":
        x, y = math_ops.divide(fp, fp + tn + epsilon), rec
    else:
        x, y = rec, math_ops.divide(tp + epsilon, tp + fp + epsilon)
    if summation_method not in _METHODS:  # raised once rec, x and y are built, as TF does
        raise ValueError(f"Invalid summation_method: {summation_method} summation_method should be 'trapezoidal', "
                         "'careful_interpolation', 'minoring', or 'majoring'.")
    widths = x[:n - 1] - x[1:]
    if summation_method in ("trapezoidal", "careful_interpolation"):
        heights = (y[:n - 1] + y[1:]) / 2.
    elif summation_method == "minoring":
        heights = math_ops.minimum(y[:n - 1], y[1:])
    else:
        heights = math_ops.maximum(y[:n - 1], y[1:])
    return math_ops.reduce_sum(math_ops.multiply(widths, heights), name=name)


def auc(labels, predictions, weights=None, num_thresholds=200, metrics_collections=None, updates_collections=None,
        curve="ROC", name=None, summation_method="trapezoidal", thresholds=None):
    """The approximate area under the ROC (``curve="ROC"``) or precision-recall (``"PR"``) curve
    over all batches: ``(auc, update_op)``. ``predictions`` must lie in ``[0, 1]``.

    >>> import scopeflow as tf
    >>> value, update = tf.metrics.auc([0, 0, 1, 1], tf.constant([0.1, 0.4, 0.35, 0.8]))
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> round(float(sess.run(update)), 2), value.name
    (0.75, 'auc/value:0')
    """
    with variable_scope(name, "auc", (labels, predictions, weights)):
        if curve != "ROC" and curve != "PR":
            raise ValueError(f"Curve must be either ROC or PR. Curve {curve} is unknown.")
        kepsilon = 1e-7
        if thresholds is not None:
            thresholds = sorted(thresholds)
            num_thresholds = len(thresholds) + 2
        else:
            thresholds = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
        thresholds = [0.0 - kepsilon] + thresholds + [1.0 + kepsilon]
        values, update_ops = confusion_matrix_at_thresholds(labels, predictions, thresholds, weights)
        value = _compute_auc(values["tp"], values["fn"], values["tn"], values["fp"], "value", curve,
                             summation_method, num_thresholds)
        if metrics_collections:
            add_to_collections(metrics_collections, value)
        update_op = _compute_auc(update_ops["tp"], update_ops["fn"], update_ops["tn"], update_ops["fp"],
                                 "update_op", curve, summation_method, num_thresholds)
        if updates_collections:
            add_to_collections(updates_collections, update_op)
        return value, update_op

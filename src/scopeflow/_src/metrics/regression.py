"""The metrics that are means of something: ``tf.metrics.mean_squared_error``,
``root_mean_squared_error``, ``mean_absolute_error``, ``mean_relative_error``,
``mean_cosine_distance``, ``percentage_below``, and ``mean_tensor`` (an element-wise mean).

All but ``mean_tensor`` are ``tf.metrics.mean`` of a per-element quantity, under the metric's
own default name (``mean_squared_error/total:0``...).
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.default_graph import add_to_collections
from scopeflow._src.metrics.metrics_impl import (
    _remove_squeezable_dimensions,
    mean,
    metric_variable,
    remove_squeezable_dimensions,
    running_mean,
)
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.nn.weights_broadcast import broadcast_weights
from scopeflow._src.variables.variable_scope import variable_scope


def mean_squared_error(labels, predictions, weights=None, metrics_collections=None, updates_collections=None,
                       name=None):
    """The (weighted) mean of ``(labels - predictions) ** 2`` over all batches.

    >>> import scopeflow as tf
    >>> mse, update = tf.metrics.mean_squared_error([1.0, 2.0], [2.0, 4.0])
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> float(sess.run(update)), mse.name
    (2.5, 'mean_squared_error/value:0')
    """
    predictions, labels, weights = _remove_squeezable_dimensions(predictions=predictions, labels=labels,
                                                                 weights=weights)
    squared_error = math_ops.squared_difference(labels, predictions)
    return mean(squared_error, weights, metrics_collections, updates_collections, name or "mean_squared_error")


def root_mean_squared_error(labels, predictions, weights=None, metrics_collections=None, updates_collections=None,
                            name=None):
    """The square root of ``mean_squared_error`` over all batches.

    >>> import scopeflow as tf
    >>> rmse, update = tf.metrics.root_mean_squared_error([1.0, 2.0], [4.0, 6.0])
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> float(sess.run(update)), rmse.name
    (3.535533905029297, 'Sqrt:0')
    """
    predictions, labels, weights = _remove_squeezable_dimensions(predictions=predictions, labels=labels,
                                                                 weights=weights)
    mse, update_mse_op = mean_squared_error(labels, predictions, weights, None, None,
                                            name or "root_mean_squared_error")
    rmse = math_ops.sqrt(mse)
    if metrics_collections:
        add_to_collections(metrics_collections, rmse)
    update_rmse_op = math_ops.sqrt(update_mse_op)
    if updates_collections:
        add_to_collections(updates_collections, update_rmse_op)
    return rmse, update_rmse_op


def mean_absolute_error(labels, predictions, weights=None, metrics_collections=None, updates_collections=None,
                        name=None):
    """The (weighted) mean of ``|labels - predictions|`` over all batches.

    >>> import scopeflow as tf
    >>> mae, update = tf.metrics.mean_absolute_error([1.0, 2.0], [2.0, 5.0])
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> float(sess.run(update)), mae.name
    (2.0, 'mean_absolute_error/value:0')
    """
    predictions, labels, weights = _remove_squeezable_dimensions(predictions=predictions, labels=labels,
                                                                 weights=weights)
    absolute_errors = math_ops.abs(predictions - labels)
    return mean(absolute_errors, weights, metrics_collections, updates_collections, name or "mean_absolute_error")


def mean_relative_error(labels, predictions, normalizer, weights=None, metrics_collections=None,
                        updates_collections=None, name=None):
    """The (weighted) mean of ``|labels - predictions| / normalizer`` (0 where ``normalizer`` is 0).

    >>> import scopeflow as tf
    >>> mre, update = tf.metrics.mean_relative_error([1.0, 2.0], [2.0, 5.0], [2.0, 2.0])
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> float(sess.run(update)), mre.name
    (1.0, 'mean_relative_error/value:0')
    """
    predictions, labels, weights = _remove_squeezable_dimensions(predictions=predictions, labels=labels,
                                                                 weights=weights)
    predictions, normalizer = remove_squeezable_dimensions(predictions, normalizer)
    predictions.shape.assert_is_compatible_with(normalizer.shape)
    relative_errors = array_ops.where(math_ops.equal(normalizer, 0.0), array_ops.zeros_like(labels),
                                      math_ops.divide(math_ops.abs(labels - predictions), normalizer))
    return mean(relative_errors, weights, metrics_collections, updates_collections, name or "mean_relative_error")


def mean_cosine_distance(labels, predictions, dim, weights=None, metrics_collections=None, updates_collections=None,
                         name=None):
    """``1 -`` the (weighted) mean over all batches of the dot products of unit vectors
    ``labels`` and ``predictions`` along ``dim``.

    >>> import scopeflow as tf
    >>> d, update = tf.metrics.mean_cosine_distance([[1.0, 0.0]], [[0.0, 1.0]], dim=1)
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> float(sess.run(update)), d.name
    (1.0, 'Sub:0')
    """
    predictions, labels, weights = _remove_squeezable_dimensions(predictions=predictions, labels=labels,
                                                                 weights=weights)
    radial_diffs = math_ops.multiply(predictions, labels)
    radial_diffs = math_ops.reduce_sum(radial_diffs, axis=[dim], keepdims=True)
    mean_distance, update_op = mean(radial_diffs, weights, None, None, name or "mean_cosine_distance")
    mean_distance = math_ops.subtract(1.0, mean_distance)
    update_op = math_ops.subtract(1.0, update_op)
    if metrics_collections:
        add_to_collections(metrics_collections, mean_distance)
    if updates_collections:
        add_to_collections(updates_collections, update_op)
    return mean_distance, update_op


def percentage_below(values, threshold, weights=None, metrics_collections=None, updates_collections=None,
                     name=None):
    """The (weighted) fraction of ``values`` below ``threshold`` over all batches.

    >>> import scopeflow as tf
    >>> p, update = tf.metrics.percentage_below([1.0, 5.0, 2.0, 7.0], 3.0)
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> float(sess.run(update)), p.name
    (0.5, 'percentage_below_threshold/value:0')
    """
    is_below_threshold = math_ops.cast(math_ops.less(values, threshold), dtypes.float32)
    return mean(is_below_threshold, weights, metrics_collections, updates_collections,
                name or "percentage_below_threshold")


def mean_tensor(values, weights=None, metrics_collections=None, updates_collections=None, name=None):
    """The element-wise (weighted) mean of ``values`` over all batches, of ``values``' static
    shape: ``(mean, update_op)``.

    >>> import scopeflow as tf
    >>> m, update = tf.metrics.mean_tensor(tf.constant([1.0, 4.0]))
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> sess.run(update).tolist(), m.name
    ([1.0, 4.0], 'mean/value:0')
    """
    with variable_scope(name, "mean", (values, weights)):
        values = math_ops.cast(values, dtypes.float32)
        total = metric_variable(values.shape, dtypes.float32, name="total_tensor")
        count = metric_variable(values.shape, dtypes.float32, name="count_tensor")
        num_values = array_ops.ones_like(values)
        if weights is not None:
            values, _, weights = _remove_squeezable_dimensions(predictions=values, labels=None, weights=weights)
            weights = broadcast_weights(math_ops.cast(weights, dtypes.float32), values)
            values = math_ops.multiply(values, weights)
            num_values = math_ops.multiply(num_values, weights)
        return running_mean(total, count, values, num_values, values, metrics_collections, updates_collections)

"""``tf.confusion_matrix`` (``tf.math.confusion_matrix``), ``tf.metrics.mean_iou``, which
streams one, and ``tf.metrics.mean_per_class_accuracy``.

The matrix is a ``ScatterNd`` of ``[labels, predictions]`` index pairs, as TF builds it, with
TF's run-time checks that both are non-negative and (given ``num_classes``) in range.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import add_to_collections, name_scope
from scopeflow._src.metrics.metrics_impl import metric_variable, remove_squeezable_dimensions
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.control.control_flow_ops import with_dependencies
from scopeflow._src.ops.debugging.binary_asserts import assert_less, assert_non_negative
from scopeflow._src.ops.state import variable_ops
from scopeflow._src.ops.state.sparse_training_ops import scatter_add
from scopeflow._src.variables.variable_scope import variable_scope


def confusion_matrix_v2(labels, predictions, num_classes=None, weights=None, dtype=dtypes.int32, name=None):
    """TF2's argument order of ``confusion_matrix``: the ``[num_classes, num_classes]`` matrix
    counting (or summing ``weights`` of) each ``(label, prediction)`` pair; ``num_classes``
    defaults to one more than the largest value.

    >>> import scopeflow as tf
    >>> cm = tf.confusion_matrix([0, 1, 1], [0, 1, 0], num_classes=2)
    >>> tf.Session().run(cm).tolist(), cm.name
    ([[1, 0], [1, 1]], 'confusion_matrix/ScatterNd:0')
    """
    with name_scope(name, "confusion_matrix", (predictions, labels, num_classes, weights)):
        labels, predictions = remove_squeezable_dimensions(convert_to_tensor(labels, name="labels"),
                                                           convert_to_tensor(predictions, name="predictions"))
        predictions = math_ops.cast(predictions, dtypes.int64)
        labels = math_ops.cast(labels, dtypes.int64)
        labels = with_dependencies([assert_non_negative(labels, message="`labels` contains negative values")],
                                   labels)
        predictions = with_dependencies(
            [assert_non_negative(predictions, message="`predictions` contains negative values")], predictions)
        if num_classes is None:
            num_classes = math_ops.maximum(math_ops.reduce_max(predictions), math_ops.reduce_max(labels)) + 1
        else:
            num_classes_int64 = math_ops.cast(num_classes, dtypes.int64)
            labels = with_dependencies([assert_less(labels, num_classes_int64, message="`labels` out of bound")],
                                       labels)
            predictions = with_dependencies(
                [assert_less(predictions, num_classes_int64, message="`predictions` out of bound")], predictions)
        if weights is not None:
            weights = convert_to_tensor(weights, name="weights")
            predictions.shape.assert_is_compatible_with(weights.shape)
            weights = math_ops.cast(weights, dtype)
        shape = array_ops.stack([num_classes, num_classes])
        indices = array_ops.stack([labels, predictions], axis=1)
        values = array_ops.ones_like(predictions, dtype) if weights is None else weights
        return array_ops.scatter_nd(indices=indices, updates=values, shape=math_ops.cast(shape, dtypes.int64))


def confusion_matrix(labels, predictions, num_classes=None, dtype=dtypes.int32, name=None, weights=None):
    """TF1's ``tf.confusion_matrix`` and ``tf.math.confusion_matrix``: ``confusion_matrix_v2``
    with ``dtype`` before ``weights``.

    >>> import scopeflow as tf
    >>> tf.confusion_matrix([0, 1], [1, 1], dtype=tf.float32).dtype.name
    'float32'
    """
    return confusion_matrix_v2(labels, predictions, num_classes, weights, dtype, name)


def _streaming_confusion_matrix(labels, predictions, num_classes, weights=None):
    total_cm = metric_variable([num_classes, num_classes], dtypes.float64, name="total_confusion_matrix")
    predictions = math_ops.cast(predictions, dtypes.int64)
    labels = math_ops.cast(labels, dtypes.int64)
    num_classes = math_ops.cast(num_classes, dtypes.int64)
    if predictions.shape.ndims > 1:
        predictions = array_ops.reshape(predictions, [-1])
    if labels.shape.ndims > 1:
        labels = array_ops.reshape(labels, [-1])
    if weights is not None and weights.shape.ndims > 1:
        weights = array_ops.reshape(weights, [-1])
    current_cm = confusion_matrix_v2(labels, predictions, num_classes, weights=weights, dtype=dtypes.float64)
    return total_cm, variable_ops.assign_add(total_cm, current_cm)


def _mean_iou_of(total_cm):
    sum_over_row = math_ops.cast(math_ops.reduce_sum(total_cm, 0), dtypes.float32)
    sum_over_col = math_ops.cast(math_ops.reduce_sum(total_cm, 1), dtypes.float32)
    cm_diag = math_ops.cast(math_ops.diag_part(total_cm), dtypes.float32)
    denominator = sum_over_row + sum_over_col - cm_diag
    num_valid_entries = math_ops.reduce_sum(math_ops.cast(math_ops.not_equal(denominator, 0), dtype=dtypes.float32))
    denominator = array_ops.where(math_ops.greater(denominator, 0), denominator, array_ops.ones_like(denominator))
    iou = math_ops.divide(cm_diag, denominator)
    return array_ops.where(math_ops.greater(num_valid_entries, 0),
                           math_ops.reduce_sum(iou, name="mean_iou") / num_valid_entries, 0)


def mean_iou(labels, predictions, num_classes, weights=None, metrics_collections=None, updates_collections=None,
             name=None):
    """The mean over classes of intersection over union, from a streamed confusion matrix
    (``mean_iou/total_confusion_matrix``, float64): ``(mean_iou, update_op)``; the update op
    returns the updated matrix.

    >>> import scopeflow as tf
    >>> miou, update = tf.metrics.mean_iou(tf.constant([0, 1, 1]), tf.constant([0, 1, 0]), num_classes=2)
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> _ = sess.run(update)
    >>> round(float(sess.run(miou)), 4), miou.name
    (0.5, 'mean_iou/Select_1:0')
    """
    with variable_scope(name, "mean_iou", (predictions, labels, weights)):
        predictions.shape.assert_is_compatible_with(labels.shape)
        total_cm, update_op = _streaming_confusion_matrix(labels, predictions, num_classes, weights)
        mean_iou_v = _mean_iou_of(total_cm)
        if metrics_collections:
            add_to_collections(metrics_collections, mean_iou_v)
        if updates_collections:
            add_to_collections(updates_collections, update_op)
        return mean_iou_v, update_op


def mean_per_class_accuracy(labels, predictions, num_classes, weights=None, metrics_collections=None,
                            updates_collections=None, name=None):
    """The mean over classes of each class's accuracy (correct over labelled), streamed in
    ``[num_classes]`` variables ``mean_accuracy/total`` and ``count``: ``(mean_accuracy, update_op)``;
    the update op returns the per-class accuracies.

    >>> import scopeflow as tf
    >>> acc, update = tf.metrics.mean_per_class_accuracy(tf.constant([0, 1, 1]), tf.constant([0, 1, 0]), 2)
    >>> sess = tf.Session()
    >>> sess.run(tf.local_variables_initializer())
    >>> sess.run(update).tolist(), float(sess.run(acc)), acc.name
    ([1.0, 0.5], 0.75, 'mean_accuracy/mean_accuracy:0')
    """
    with variable_scope(name, "mean_accuracy", (predictions, labels, weights)):
        labels = math_ops.cast(labels, dtypes.int64)
        if labels.shape.ndims > 1:
            labels = array_ops.reshape(labels, [-1])
        if predictions.shape.ndims > 1:
            predictions = array_ops.reshape(predictions, [-1])
        predictions.shape.assert_is_compatible_with(labels.shape)
        total = metric_variable([num_classes], dtypes.float32, name="total")
        count = metric_variable([num_classes], dtypes.float32, name="count")
        ones = array_ops.ones([array_ops.size(labels)], dtypes.float32)
        if labels.dtype != predictions.dtype:
            predictions = math_ops.cast(predictions, labels.dtype)
        is_correct = math_ops.cast(math_ops.equal(predictions, labels), dtypes.float32)
        if weights is not None:
            if weights.shape.ndims > 1:
                weights = array_ops.reshape(weights, [-1])
            weights = math_ops.cast(weights, dtypes.float32)
            is_correct *= weights
            ones *= weights
        update_total_op = scatter_add(total, labels, ones)
        update_count_op = scatter_add(count, labels, is_correct)
        per_class_accuracy = math_ops.div_no_nan(count, math_ops.maximum(total, 0), name=None)
        mean_accuracy_v = math_ops.reduce_mean(per_class_accuracy, name="mean_accuracy")
        if metrics_collections:
            add_to_collections(metrics_collections, mean_accuracy_v)
        update_op = math_ops.div_no_nan(update_count_op, math_ops.maximum(update_total_op, 0), name="update_op")
        if updates_collections:
            add_to_collections(updates_collections, update_op)
        return mean_accuracy_v, update_op

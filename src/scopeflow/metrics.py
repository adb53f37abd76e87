"""``tf.metrics``: streaming metrics over local variables (``tf.compat.v1.metrics``).

Only re-exports; the code lives in ``scopeflow._src.metrics``. ``mean`` and ``accuracy`` load
with ``import scopeflow``; the others on first use (they build asserts and conds).
"""

import importlib as _importlib

from scopeflow._src.metrics.metrics_impl import accuracy, mean  # noqa: F401 - public names

# module of scopeflow._src.metrics -> the names it serves, loaded on first use (__getattr__)
_MODULES = {
    "auc": ("auc",),
    "confusion": ("mean_iou", "mean_per_class_accuracy"),
    "counts": ("false_negatives", "false_positives", "precision", "recall", "true_negatives", "true_positives"),
    "regression": ("mean_absolute_error", "mean_cosine_distance", "mean_relative_error", "mean_squared_error",
                   "mean_tensor", "percentage_below", "root_mean_squared_error"),
    "top_k": ("average_precision_at_k", "precision_at_k", "precision_at_top_k", "recall_at_k", "recall_at_top_k",
              "sparse_average_precision_at_k", "sparse_precision_at_k"),
    "thresholds": ("false_negatives_at_thresholds", "false_positives_at_thresholds", "precision_at_thresholds",
                   "recall_at_thresholds", "sensitivity_at_specificity", "specificity_at_sensitivity",
                   "true_negatives_at_thresholds", "true_positives_at_thresholds"),
}
_LAZY = {name: module for module, names in _MODULES.items() for name in names}

__all__ = sorted(["accuracy", "mean", *_LAZY], key=lambda n: (n.lower(), n))


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'scopeflow.metrics' has no attribute {name!r}")
    value = getattr(_importlib.import_module(f"scopeflow._src.metrics.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)

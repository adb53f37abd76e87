"""``tf.metrics``: streaming metrics over local variables (``tf.compat.v1.metrics``).

Only re-exports; the code lives in ``scopeflow._src.metrics``.
"""

__all__ = [
    "accuracy", "mean"]

from scopeflow._src.metrics.metrics_impl import accuracy, mean  # noqa: F401

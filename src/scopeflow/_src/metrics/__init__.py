"""``tf.metrics``: streaming metrics kept in local variables (``tf.compat.v1.metrics``)."""

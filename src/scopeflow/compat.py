"""``tf.compat``: ``tf.compat.v1`` is scopeflow itself, so code written against
``tensorflow.compat.v1`` (``tf.compat.v1.Session()``, ``tf.compat.v1.get_variable``) runs
unchanged. There is no ``v2``: scopeflow is TF1 graph mode only."""

__all__ = [
    "v1"]

import scopeflow as v1  # noqa: F401

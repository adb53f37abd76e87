"""``tf.app``: ``tf.app.run`` (absl's ``app.run``, as TensorFlow 1's) and ``tf.app.flags`` (``tf.flags``).

Only re-exports; the code lives in ``scopeflow._src.platform.app``. Loaded on first use of
``tf.app`` (absl costs import time).
"""

__all__ = ["flags", "run"]

from scopeflow import flags
from scopeflow._src.platform.app import run


def __dir__():
    return sorted(__all__)

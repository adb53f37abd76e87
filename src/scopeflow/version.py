"""``tf.version``: the TensorFlow release scopeflow follows and the GraphDef versions it writes.

Only re-exports; the values live in ``scopeflow._src.behaviour``.

>>> import scopeflow as tf
>>> tf.version.VERSION, tf.version.GRAPH_DEF_VERSION
('2.21.0', 2474)
"""

__all__ = ["COMPILER_VERSION", "GIT_VERSION", "GRAPH_DEF_VERSION", "GRAPH_DEF_VERSION_MIN_CONSUMER",
           "GRAPH_DEF_VERSION_MIN_PRODUCER", "VERSION"]

from scopeflow._src.behaviour import (
    COMPILER_VERSION,
    GIT_VERSION,
    GRAPH_DEF_VERSION,
    GRAPH_DEF_VERSION_MIN_CONSUMER,
    GRAPH_DEF_VERSION_MIN_PRODUCER,
    VERSION,
)

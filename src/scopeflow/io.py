"""``tf.io``: reading and writing TensorFlow's files.

Only re-exports; the code lives in ``scopeflow._src.graph_io``.
"""

__all__ = ["write_graph"]

from scopeflow._src.graph_io.write_graph import write_graph

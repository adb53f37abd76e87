"""``tf.sparse``: ``SparseTensor`` and the operations on it.

Only re-exports; the classes live in ``scopeflow._src.framework.sparse_tensor``. Loaded on
first use (``tf.sparse``).
"""

__all__ = ["SparseTensor"]

from scopeflow._src.framework.sparse_tensor import SparseTensor

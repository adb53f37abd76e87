"""``tf.sets``: set operations along the last dimension of tensors and ``SparseTensor``s.

Only re-exports; the code lives in ``scopeflow._src.ops.sets``. Loaded on first use
(``tf.sets``), with the set ops.
"""

__all__ = ["difference", "intersection", "set_difference", "set_intersection", "set_size", "set_union", "size",
           "union"]

from scopeflow._src.ops.sets.api import set_difference, set_intersection, set_size, set_union

difference = set_difference
intersection = set_intersection
size = set_size
union = set_union

"""``tf.nest``: functions on nested structures of lists, tuples, namedtuples and dicts.

Only re-exports; the code lives in ``scopeflow._src.framework.nest``.
"""

__all__ = ["assert_same_structure", "flatten", "is_nested", "map_structure", "pack_sequence_as"]

from scopeflow._src.framework.nest import assert_same_structure, flatten, is_nested, map_structure, pack_sequence_as

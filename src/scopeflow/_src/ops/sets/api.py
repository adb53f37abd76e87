"""The set ops, loaded on first use (``import scopeflow`` does not load them): importing this
module registers their op types with their wrappers, then their gradient rules (none)."""

from scopeflow._src.ops.sets import grads  # noqa: F401 - gradient rules
from scopeflow._src.ops.sets.set_ops import set_difference, set_intersection, set_size, set_union

__all__ = ["set_difference", "set_intersection", "set_size", "set_union"]

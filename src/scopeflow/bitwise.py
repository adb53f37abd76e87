"""``tf.bitwise``: elementwise bit operations on integers (re-exports)."""

from scopeflow._src.ops.comparison_ops import bitwise_and, bitwise_or, bitwise_xor, invert  # noqa: F401

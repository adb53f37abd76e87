"""``tf.bitwise``: elementwise bit operations on integers (re-exports)."""

__all__ = [
    "bitwise_and", "bitwise_or", "bitwise_xor", "invert"]

from scopeflow._src.ops.math_ops import bitwise_and, bitwise_or, bitwise_xor, invert

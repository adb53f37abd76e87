"""``tf.bitwise``: elementwise bit operations on integers (re-exports)."""

__all__ = [
    "bitwise_and", "bitwise_or", "bitwise_xor", "invert"]

import importlib as _importlib

from scopeflow._src.ops.math_ops import bitwise_and, bitwise_or, bitwise_xor, invert

# the shifts, loaded on first use with the math ops beyond the basic ones (ops/math/api.py)
_MORE = ("left_shift", "right_shift")
__all__ = sorted(__all__ + list(_MORE), key=lambda n: (n.lower(), n))


def __getattr__(name):
    if name in _MORE:
        value = getattr(_importlib.import_module("scopeflow._src.ops.math.api"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'scopeflow.bitwise' has no attribute {name!r}")

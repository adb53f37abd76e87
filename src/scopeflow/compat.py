"""``tf.compat``: ``tf.compat.v1`` is scopeflow itself, so code written against
``tensorflow.compat.v1`` (``tf.compat.v1.Session()``, ``tf.compat.v1.get_variable``) runs
unchanged. There is no ``v2``: scopeflow is TF1 graph mode only. Also TF's string and type
helpers (``as_bytes``, ``as_str``...), from ``scopeflow._src.platform.compat``, loaded on first use."""

# the string and type helpers load on first use (__getattr__)
__all__ = [
    "as_bytes", "as_str", "as_str_any", "as_text", "bytes_or_text_types", "complex_types",  # noqa: F822
    "dimension_at_index", "dimension_value", "integral_types", "path_to_str", "real_types", "v1"]  # noqa: F822

import scopeflow as v1  # noqa: F401
from scopeflow._src.framework.tensor_shape import dimension_at_index, dimension_value

_HELPERS = ("as_bytes", "as_str", "as_str_any", "as_text", "bytes_or_text_types", "complex_types", "integral_types",
            "path_to_str", "real_types")


def __getattr__(name):
    """The string and type helpers: ``import scopeflow`` does not load them."""
    if name in _HELPERS:
        from scopeflow._src.platform import compat  # loaded on first use

        globals().update((n, getattr(compat, n)) for n in _HELPERS)
        return globals()[name]
    raise AttributeError(f"module 'scopeflow.compat' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)

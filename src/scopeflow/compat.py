"""``tf.compat``: ``tf.compat.v1`` is scopeflow itself, so code written against
``tensorflow.compat.v1`` (``tf.compat.v1.Session()``, ``tf.compat.v1.get_variable``) runs
unchanged. There is no ``v2``: scopeflow is TF1 graph mode only. Also TF's string and type
helpers (``as_bytes``, ``as_str``...), from ``scopeflow._src.platform.compat``."""

__all__ = [
    "as_bytes", "as_str", "as_str_any", "as_text", "bytes_or_text_types", "complex_types", "dimension_at_index",
    "dimension_value", "integral_types", "path_to_str", "real_types", "v1"]

import scopeflow as v1  # noqa: F401
from scopeflow._src.framework.tensor_shape import dimension_at_index, dimension_value
from scopeflow._src.platform.compat import (
    as_bytes,
    as_str,
    as_str_any,
    as_text,
    bytes_or_text_types,
    complex_types,
    integral_types,
    path_to_str,
    real_types,
)

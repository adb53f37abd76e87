"""``tf.saved_model.utils``: ``build_tensor_info`` and ``get_tensor_from_tensor_info``."""

__all__ = ["build_tensor_info", "get_tensor_from_tensor_info"]

from scopeflow._src.saved_model.signatures import build_tensor_info, get_tensor_from_tensor_info

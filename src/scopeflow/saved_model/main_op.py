"""``tf.saved_model.main_op``: ``main_op`` and ``main_op_with_restore``."""

__all__ = ["main_op", "main_op_with_restore"]

from scopeflow._src.saved_model.main_op import main_op, main_op_with_restore

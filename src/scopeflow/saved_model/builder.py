"""``tf.saved_model.builder``: ``SavedModelBuilder``."""

__all__ = ["SavedModelBuilder"]

from scopeflow._src.saved_model.builder import SavedModelBuilder

"""``tf.saved_model.tag_constants``: the standard meta graph tags."""

__all__ = ["GPU", "SERVING", "TPU", "TRAINING"]

from scopeflow._src.saved_model.constants import GPU, SERVING, TPU, TRAINING

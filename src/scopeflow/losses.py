"""``tf.losses``: so far the regularization-loss helpers (the loss functions come with the runtime)."""

from scopeflow._src.variables.collections import get_regularization_loss, get_regularization_losses  # noqa: F401

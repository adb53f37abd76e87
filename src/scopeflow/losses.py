"""``tf.losses`` (TF1): loss functions with weights and ``Reduction``, and the ``LOSSES`` collection.

Only re-exports; the code lives in ``scopeflow._src.ops.nn.losses``.
"""

__all__ = [
    "absolute_difference", "add_loss", "compute_weighted_loss", "cosine_distance", "get_losses",
    "get_regularization_loss", "get_regularization_losses", "get_total_loss", "hinge_loss", "huber_loss",
    "log_loss", "mean_pairwise_squared_error", "mean_squared_error", "Reduction", "sigmoid_cross_entropy",
    "softmax_cross_entropy", "sparse_softmax_cross_entropy"]

from scopeflow._src.ops.nn.losses import (
    Reduction,
    absolute_difference,
    add_loss,
    compute_weighted_loss,
    cosine_distance,
    get_losses,
    get_regularization_loss,
    get_regularization_losses,
    get_total_loss,
    hinge_loss,
    huber_loss,
    log_loss,
    mean_pairwise_squared_error,
    mean_squared_error,
    sigmoid_cross_entropy,
    softmax_cross_entropy,
    sparse_softmax_cross_entropy,
)

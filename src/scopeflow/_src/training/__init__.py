"""Training: optimizers, learning-rate schedules, the global step, and checkpoints (``tf.train``)."""

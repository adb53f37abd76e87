"""Training: optimizers, learning-rate schedules and the global step (``tf.train``; the
checkpoint half of ``tf.train`` is ``scopeflow._src.checkpoint``)."""

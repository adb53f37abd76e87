"""``tf.distributions`` (TF1's, before TensorFlow Probability): ``Distribution`` and its
subclasses, built of graph ops as TF builds them, and ``kl_divergence``; loaded on first use."""

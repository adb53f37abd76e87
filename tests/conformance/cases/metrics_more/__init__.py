"""tf.metrics beyond mean and accuracy: counts, thresholds, AUC, regression metrics, classes, top-k."""

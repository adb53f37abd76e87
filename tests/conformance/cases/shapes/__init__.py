"""Conformance cases for tf.TensorShape and tf.Dimension (TF1 v1 shape behaviour)."""

"""Conformance cases for tf.DType, tf.as_dtype and the TF1 dtype constants."""

"""Conformance cases of ``tf.io``/``tf.python_io`` TFRecord files and ``tf.train.Example``."""

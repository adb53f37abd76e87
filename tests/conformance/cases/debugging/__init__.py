"""Conformance cases of ``tf.debugging``: assertions, numeric checks and printing."""

"""Conformance cases for op naming: tf.name_scope, uniquification and name validation."""

"""Conformance cases of ``tf.gfile`` (TF1 spellings) and ``tf.io.gfile`` (TF2 spellings) on local files."""

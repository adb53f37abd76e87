"""Conformance cases for a first tf.Session: running, feeding, fetch structures and variables."""

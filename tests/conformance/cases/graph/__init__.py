"""Conformance cases for tf.Graph: defaults, lookup, control dependencies, collections, finalize."""

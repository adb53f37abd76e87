"""Conformance cases for ``tf.linalg`` and its TF1 top-level aliases: op types, names, static
shapes, values, errors and gradients."""

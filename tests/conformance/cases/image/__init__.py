"""Conformance cases of ``tf.image`` (resizing, cropping, flips, colour)."""

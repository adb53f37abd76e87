"""Conformance area ``indexed_slices``: ``tf.IndexedSlices`` itself, its dense conversion,
sessions, and the gradients TensorFlow keeps sparse (names, types, aggregation)."""

"""Conformance area ``sparse_optimizers``: every optimizer applying ``IndexedSlices`` gradients
(``gather``/``embedding_lookup`` losses, repeated indices, float64, clipping): the update
graphs TensorFlow builds and the values after several steps."""

"""Conformance cases of ``tf.data`` iterators in TF1 graph mode: one-shot, initializable,
reinitializable (``Iterator.from_structure``) and feedable (``from_string_handle``), with the ops
they add to the graph, the names and static shapes of ``get_next()``, their run-time errors, and
a small model trained from an iterator."""

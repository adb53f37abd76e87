"""Helpers shared by the ``tensors`` conformance cases (no cases here)."""


def _g(tf):
    return tf.get_default_graph()

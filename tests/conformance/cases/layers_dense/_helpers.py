"""Helpers shared by the ``layers_dense`` conformance cases (no cases here)."""


def _x(tf, shape=(None, 4), name="x", dtype=None):
    return tf.placeholder(dtype or tf.float32, list(shape), name=name)

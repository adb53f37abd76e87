"""Helpers shared by the ``array_shapes`` conformance cases (no cases here)."""


def _x(tf, shape=(2, 3), dtype=None, name="x"):
    dtype = dtype or tf.float32
    return tf.placeholder(dtype, shape, name=name)

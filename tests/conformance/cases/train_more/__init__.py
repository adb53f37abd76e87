"""Conformance cases for the less common parts of ``tf.train``: the SGDR and noisy schedules,
the training loops, warm starting, and conditional accumulators."""

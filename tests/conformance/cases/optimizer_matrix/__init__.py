"""Conformance cases: every ``tf.train`` optimizer on 0-d, 1-d and 2-d variables of float16,
float32 and float64, values after each of several steps (one case per optimizer, rank and
dtype, so one failure names its cell of the matrix)."""

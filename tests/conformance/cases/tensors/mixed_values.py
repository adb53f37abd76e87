"""Constants of mixed Python values: lists mixing strings with numbers or ``None``, NumPy
object arrays (a tensor of strings to TF, whose elements must be str or bytes), Python bools
where an integer dtype is asked for."""

import numpy as np

from tests.conformance.harness import case, raises, values

_MIXED = [["a", 1], [1, "a"], [b"a", 1.5], ["a", None], [None, 1], [[1, 2], ["a", "b"]], [True, "x"]]


@case
def constant_mixed_lists(tf):
    return [raises(lambda v=v: tf.constant(v)) for v in _MIXED]


@case
def constant_mixed_object_arrays(tf):
    return [raises(lambda v=v: tf.constant(np.array(v, dtype=object))) for v in _MIXED]


@case
def constant_ragged_mixed_list(tf):
    return [raises(lambda: tf.constant(["a", [1]])), raises(lambda: tf.constant(np.array(["a", [1]], object)))]


@case
def constant_mixed_with_dtype(tf):
    return [raises(lambda v=v, d=d: tf.constant(v, dtype=d)) for v in _MIXED for d in (tf.string, tf.int32)]


@case
def constant_object_array_of_strings(tf):
    c = tf.constant(np.array([["a", b"b"], ["\u00e9", ""]], dtype=object))
    return [c.dtype.name, values(tf, c)]


@case
def constant_python_bools_as_integers(tf):
    consts = [tf.constant([True, 2], tf.int32), tf.constant(True, tf.int64), tf.constant(np.bool_(True), tf.uint8),
              tf.constant([False], tf.float32)]
    return values(tf, consts)


@case
def convert_mixed_object_array(tf):
    return [raises(lambda: tf.convert_to_tensor(np.array(["a", 1], dtype=object))),
            raises(lambda: tf.data.Dataset.from_tensors(np.array([b"x", 2.5], dtype=object)))]

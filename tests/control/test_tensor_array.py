"""``tf.TensorArray`` at run time: element shapes checked on every write, as TensorFlow's
kernels check them (names and messages of the rest are in the ``tensor_array`` goldens)."""

import numpy as np
import pytest

import scopeflow as tf


def test_writes_must_fit_the_element_shape_seen_so_far():
    ta = tf.TensorArray(tf.float32, size=3).split(tf.range(12.0), [2, 4, 6])
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=r"Could not write to TensorArray index 1 because the value shape is \[4\] which is "
                                 r"incompatible with the TensorArray's inferred element shape: \[2\]"):
            sess.run(ta.concat())


def test_a_declared_element_shape_holds_without_inference():
    p = tf.placeholder(tf.float32, [None])
    ta = tf.TensorArray(tf.float32, size=2, element_shape=[3], infer_shape=False).write(0, p)
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(ta.read(0), {p: [1.0, 2.0, 3.0]}), [1.0, 2.0, 3.0])
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"inferred element shape: \[3\]"):
            sess.run(ta.read(0), {p: [1.0, 2.0]})


def test_without_inference_elements_may_differ():
    ta = tf.TensorArray(tf.float32, size=2, infer_shape=False).split(tf.range(5.0), [2, 3])
    with tf.Session() as sess:
        np.testing.assert_array_equal(sess.run(ta.read(1)), [2.0, 3.0, 4.0])

"""Layout ops beyond the goldens: ``NCHW`` (TF's CPU has no kernel for it), block-size checks,
lazy loading."""

import subprocess
import sys

import numpy as np
import pytest

import scopeflow as tf


def test_nchw_space_to_depth_is_the_nhwc_result_transposed():
    x = np.arange(2 * 3 * 4 * 6, dtype=np.float32).reshape(2, 3, 4, 6)
    tf.reset_default_graph()
    nchw = tf.space_to_depth(tf.constant(x), 2, data_format="NCHW")
    nhwc = tf.space_to_depth(tf.constant(x.transpose(0, 2, 3, 1)), 2)
    back = tf.depth_to_space(nchw, 2, data_format="NCHW")
    with tf.Session() as sess:
        a, b, c = sess.run([nchw, nhwc, back])
    np.testing.assert_array_equal(a, b.transpose(0, 3, 1, 2))
    np.testing.assert_array_equal(c, x)


def test_block_size_must_be_an_int_of_at_least_two():
    tf.reset_default_graph()
    with pytest.raises(ValueError, match="less than minimum 2"):
        tf.space_to_depth(tf.ones([1, 2, 2, 1]), 1)
    with pytest.raises(TypeError, match="Expected int for argument 'block_size'"):
        tf.depth_to_space(tf.ones([1, 2, 2, 4]), 2.0)


def test_layout_ops_load_on_first_use():
    code = ("import sys, scopeflow as tf; assert 'scopeflow._src.ops.array.layout' not in sys.modules; "
            "tf.nn.space_to_depth; assert 'scopeflow._src.ops.array.layout_grads' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)

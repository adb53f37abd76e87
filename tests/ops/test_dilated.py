"""Dilated convolutions load SpaceToBatchND and BatchToSpaceND on first use: the gradient rules
must come with them whichever public function loads them first (a fresh process each)."""

import subprocess
import sys

import pytest

BUILDERS = {
    "depthwise_conv2d": "tf.nn.depthwise_conv2d(x, tf.ones([2, 2, 2, 1]), [1, 1, 1, 1], 'SAME', rate=[2, 2])",
    "separable_conv2d": "tf.nn.separable_conv2d(x, tf.ones([2, 2, 2, 1]), tf.ones([1, 1, 2, 3]), [1, 1, 1, 1], "
                        "'VALID', rate=[2, 2])",
    "layers.conv2d": "tf.layers.conv2d(x, 2, 3, dilation_rate=2)",
    "nn.convolution": "tf.nn.convolution(x, tf.ones([3, 3, 2, 2]), 'SAME', dilation_rate=[2, 2])",
    "nn.pool": "tf.nn.pool(x, [2, 2], 'MAX', 'VALID', dilation_rate=[2, 2])",
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_gradient_of_a_dilated_op_in_a_fresh_process(name):
    code = ("import numpy as np, scopeflow as tf\n"
            "x = tf.placeholder(tf.float32, [1, 7, 7, 2])\n"
            f"y = {BUILDERS[name]}\n"
            "assert any(op.type == 'SpaceToBatchND' for op in tf.get_default_graph().get_operations())\n"
            "g = tf.gradients(tf.reduce_sum(y * y), x)[0]\n"
            "with tf.Session() as s:\n"
            "    s.run(tf.global_variables_initializer())\n"
            "    print(s.run(g, {x: np.ones((1, 7, 7, 2), np.float32)}).shape)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["(1,", "7,", "7,", "2)"]

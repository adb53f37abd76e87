"""Sharing a variable with a different shape."""
from _common import error_of, tf

with tf.variable_scope("dense"):
    tf.get_variable("kernel", [8, 4])


def reuse_wider():
    with tf.variable_scope("dense", reuse=True):
        tf.get_variable("kernel", [8, 5])


error_of(reuse_wider)

"""Reusing a variable under a slightly wrong name: reuse=True finds nothing."""
from _common import error_of, tf

with tf.variable_scope("encoder"):
    tf.get_variable("weights", [4, 4])


def second_tower():
    with tf.variable_scope("encoder", reuse=True):
        tf.get_variable("weight", [4, 4])  # the typo


error_of(second_tower)

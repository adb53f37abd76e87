"""Expecting name_scope to name get_variable's variables: both towers ask for "w"."""
from _common import error_of, tf


def tower(name):
    with tf.name_scope(name):
        return tf.get_variable("w", [3])


tower("tower0")
error_of(lambda: tower("tower1"))

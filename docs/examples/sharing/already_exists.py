"""A second tower that forgot reuse=True."""
from _common import error_of, tf


def tower():
    with tf.variable_scope("tower"):
        return tf.get_variable("w", [3])


tower()
error_of(tower)

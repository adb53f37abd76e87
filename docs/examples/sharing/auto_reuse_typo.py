"""AUTO_REUSE and a typo: a second set of variables, silently; expect_shared() says so."""
from _common import error_of, tf

with tf.variable_scope("tower", reuse=tf.AUTO_REUSE):
    tf.get_variable("w", [3])


def share():
    with tf.variable_scope("towr", reuse=tf.AUTO_REUSE):  # the typo
        return tf.get_variable("w", [3])


if hasattr(tf, "expect_shared"):  # scopeflow only: say that this code means to share
    def share_checked():
        with tf.expect_shared():
            share()
    error_of(share_checked)
else:
    error_of(share)

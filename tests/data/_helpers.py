"""What the tf.data tests share."""

import scopeflow as tf


def drain(ds):
    """``(get_next tensors, every element)`` of ``ds`` through a one-shot iterator in a new session."""
    nxt = tf.data.make_one_shot_iterator(ds).get_next()
    out = []
    with tf.Session() as sess:
        while True:
            try:
                out.append(sess.run(nxt))
            except tf.errors.OutOfRangeError:
                return nxt, out

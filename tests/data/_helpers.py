"""What the tf.data tests share."""

import threading

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


def run_threads(target, n: int) -> None:
    """Run ``target`` on ``n`` threads at once and wait for them all."""
    threads = [threading.Thread(target=target) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

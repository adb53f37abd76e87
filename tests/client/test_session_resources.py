"""A session closes the resources its stateful kernels registered (queues, iterators)."""

import scopeflow as tf


class _Resource:
    def __init__(self, log, name):
        self.log, self.name = log, name

    def close(self):
        self.log.append(self.name)


def test_close_closes_resources_once_in_reverse_order():
    with tf.Graph().as_default():
        tf.constant(1.0)
        sess = tf.Session()
        log = []
        state = sess._state
        state.add_resource(_Resource(log, "a"))
        state.add_resource(_Resource(log, "b"))
        sess.close()
        sess.close()
        assert log == ["b", "a"]
        assert state.closed

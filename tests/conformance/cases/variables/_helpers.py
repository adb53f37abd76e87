"""Helpers shared by the ``variables`` conformance cases (no cases here)."""


def _run_init(tf, *fetches):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(list(fetches))

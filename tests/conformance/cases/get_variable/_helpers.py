"""Helpers shared by the ``get_variable`` conformance cases (no cases here)."""


def _init_and_run(tf, *tensors):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(list(tensors))

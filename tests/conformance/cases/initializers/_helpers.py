"""Helpers shared by the ``initializers`` conformance cases (no cases here)."""

from tests.conformance.harness import op_summary, shape_of


def _ops_for(tf, initializer, shape=(2, 3), dtype=None):
    kwargs = {} if dtype is None else {"dtype": dtype}
    v = tf.get_variable("w", list(shape), initializer=initializer, **kwargs)
    return [shape_of(v), v.dtype, op_summary(tf.get_default_graph())]


def _value(tf, initializer, shape=(2, 3), dtype=None):
    kwargs = {} if dtype is None else {"dtype": dtype}
    v = tf.get_variable("w", list(shape), initializer=initializer, **kwargs)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(v)


def _run_shape_dtype(tf, initializer, shape=(2, 3), dtype=None):
    kwargs = {} if dtype is None else {"dtype": dtype}
    v = tf.get_variable("w", list(shape), initializer=initializer, **kwargs)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = sess.run(v)
    return [list(out.shape), str(out.dtype)]

"""Helpers shared by the ``array_*`` conformance areas (no cases here)."""

from tests.conformance.harness import grads, op_summary, static  # noqa: F401 - used by cases
from tests.conformance.harness import raises_last_line as run_error  # noqa: F401


def describe(tf, outs, feed=None):
    """The graph's ops, each output's (name, dtype, static shape) and its computed value."""
    outs = list(outs) if isinstance(outs, (list, tuple)) else [outs]
    graph = tf.get_default_graph()
    with tf.Session() as sess:
        values = sess.run(outs, feed)
    return {"ops": op_summary(graph), "outs": static(outs), "values": values}






"""Helpers shared by the ``math_*`` conformance areas (no cases here)."""

import numpy as np

from tests.conformance.harness import grads, op_summary, run_error, static, values  # noqa: F401 - used by cases


def describe(tf, outs, feed=None):
    """The graph's ``[name, type]`` ops, each output's (name, dtype, static shape) and value."""
    outs = list(outs) if isinstance(outs, (list, tuple)) else [outs]
    graph = tf.get_default_graph()
    with tf.Session() as sess:
        got = sess.run(outs, feed)
    return {"ops": op_summary(graph), "outs": static(outs), "values": [plain(v) for v in got]}


def plain(value):
    """Complex values as ``{"real": ..., "imag": ...}`` (JSON has no complex numbers)."""
    if np.iscomplexobj(value):
        value = np.asarray(value)
        return {"real": value.real, "imag": value.imag}
    return value








"""Helpers shared by the ``math_*`` conformance areas (no cases here)."""

import numpy as np

from tests.conformance.harness import op_summary, raises, shape_of


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


def static(outs):
    """``[name, dtype, static shape]`` of each tensor."""
    outs = list(outs) if isinstance(outs, (list, tuple)) else [outs]
    return [[t.name, t.dtype.name, shape_of(t)] for t in outs]


def values(tf, outs, feed=None):
    with tf.Session() as sess:
        return sess.run(outs, feed)


def run_error(tf, fetch, feed=None):
    """Error class and the last line of the message of running ``fetch`` (TF puts traces
    of where the node was defined before it)."""
    def run():
        with tf.Session() as sess:
            return sess.run(fetch, feed)
    got = raises(run)
    if "error" in got:
        lines = [ln for ln in got["message"].splitlines() if ln.strip()]
        got["message"] = lines[-1] if lines else ""
    return got


def grads(tf, ys, xs, feed=None, grad_ys=None, prefix="gradients"):
    """Gradient names, the ops built under ``prefix``, static shapes and gradient values."""
    gs = tf.gradients(ys, xs, grad_ys=grad_ys)
    ops = [s for s in op_summary(tf.get_default_graph()) if s[0].startswith(prefix)]
    live = [g for g in gs if g is not None]
    with tf.Session() as sess:
        got = sess.run(live, feed)
    return {"names": [None if g is None else g.name for g in gs], "ops": ops,
            "shapes": [None if g is None else shape_of(g) for g in gs], "values": got}

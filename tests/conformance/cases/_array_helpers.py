"""Helpers shared by the ``array_*`` conformance areas (no cases here)."""

from tests.conformance.harness import op_summary, raises, shape_of


def describe(tf, outs, feed=None):
    """The graph's ops, each output's (name, dtype, static shape) and its computed value."""
    outs = list(outs) if isinstance(outs, (list, tuple)) else [outs]
    graph = tf.get_default_graph()
    with tf.Session() as sess:
        values = sess.run(outs, feed)
    return {"ops": op_summary(graph), "outs": static(outs), "values": values}


def static(outs):
    """``[name, dtype, static shape]`` of each tensor."""
    outs = list(outs) if isinstance(outs, (list, tuple)) else [outs]
    return [[t.name, t.dtype.name, shape_of(t)] for t in outs]


def run_error(fn, *args, **kwargs):
    """Error class and the last line of its message (TF puts node definition traces before it)."""
    got = raises(fn, *args, **kwargs)
    if "error" in got:
        lines = [ln for ln in got["message"].splitlines() if ln.strip()]
        got["message"] = lines[-1] if lines else ""
    return got


def grads(tf, ys, xs, feed=None, grad_ys=None, prefix="gradients"):
    """Gradient names, the ops built under ``prefix`` and the gradient values."""
    gs = tf.gradients(ys, xs, grad_ys=grad_ys)
    ops = [s for s in op_summary(tf.get_default_graph()) if s[0].startswith(prefix)]
    live = [g for g in gs if g is not None]
    with tf.Session() as sess:
        values = sess.run(live, feed)
    return {"names": [None if g is None else g.name for g in gs], "ops": ops,
            "shapes": [None if g is None else shape_of(g) for g in gs], "values": values}

"""Helpers shared by the ``functional_ops`` conformance cases (no cases here)."""

from tests.conformance.harness import raises, shape_of


def sig(t):
    """``[name, dtype, static shape]`` of one tensor."""
    return [t.name, t.dtype.name, shape_of(t)]


def sigs(ts):
    return [sig(t) for t in ts]


def run(tf, fetches, feed=None):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(fetches, feed)


def summary(tf):
    """``[name, type]`` of every op in the graph."""
    return [[op.name, op.type] for op in tf.get_default_graph().get_operations()]


def loop_names(tf, prefix):
    """Names of the ops whose name starts with ``prefix``, in creation order."""
    return [op.name for op in tf.get_default_graph().get_operations() if op.name.startswith(prefix)]


def names(tensors):
    if tensors is None:
        return None
    if isinstance(tensors, (list, tuple)):
        return [names(t) for t in tensors]
    return tensors.name


def grad_info(tf, ys, xs, feed=None, **kwargs):
    """Names, static shapes and values of ``tf.gradients(ys, xs)`` (``None`` where TF gives None)."""
    gs = tf.gradients(ys, xs, **kwargs)
    live = [g for g in gs if g is not None]
    it = iter(run(tf, live, feed))
    return {"names": names(gs), "shapes": [None if g is None else shape_of(g) for g in gs],
            "values": [None if g is None else next(it) for g in gs]}


def first_line(fn, *args, **kwargs):
    """``raises``, keeping only the first line of an error message."""
    got = raises(fn, *args, **kwargs)
    if "error" in got:
        got["message"] = got["message"].split("\n", 1)[0]
    return got

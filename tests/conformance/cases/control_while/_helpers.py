"""Helpers shared by the ``control_while`` conformance cases (no cases here)."""

from tests.conformance.harness import raises, shape_of


def detail(tf, start=0):
    """``[name, type, input names, control input names]`` of every op from the ``start``-th on."""
    return [[op.name, op.type, [t.name for t in op.inputs], [c.name for c in op.control_inputs]]
            for op in tf.get_default_graph().get_operations()[start:]]


def n_ops(tf):
    return len(tf.get_default_graph().get_operations())


def names(tensors):
    """Tensor names of a (possibly nested) structure; ``None`` stays ``None``."""
    if tensors is None:
        return None
    if isinstance(tensors, dict):
        return {k: names(v) for k, v in tensors.items()}
    if isinstance(tensors, (list, tuple)):
        return [names(t) for t in tensors]
    return tensors.name


def run(tf, fetches, feed=None):
    """``fetches`` run in a new session after initialising the global variables."""
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(fetches, feed)


def grad_info(tf, ys, xs, feed=None, **kwargs):
    """Names, static shapes and values of ``tf.gradients(ys, xs)`` (``None`` where TF gives None)."""
    gs = tf.gradients(ys, xs, **kwargs)
    live = [g for g in gs if g is not None]
    got = run(tf, live, feed)
    it = iter(got)
    return {"names": names(gs), "shapes": [None if g is None else shape_of(g) for g in gs],
            "values": [None if g is None else next(it) for g in gs]}


def first_line(fn, *args, **kwargs):
    """``raises``, keeping only the first line of an error message (TF appends the structures
    nest compares, printed with TensorFlow's own class names)."""
    got = raises(fn, *args, **kwargs)
    if "error" in got:
        got["message"] = got["message"].split("\n", 1)[0]
    return got


def loop_ops(tf, prefix="while"):
    """``[name, type]`` of the ops whose name starts with ``prefix/``."""
    return [[op.name, op.type] for op in tf.get_default_graph().get_operations()
            if op.name.startswith(prefix + "/")]

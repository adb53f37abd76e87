"""Helpers shared by the ``control_cond`` conformance cases (no cases here)."""

from tests.conformance.harness import raises


def pred(tf, name="p"):
    """A scalar bool placeholder: the usual run-time predicate."""
    return tf.placeholder(tf.bool, [], name=name)


def detail(tf, start=0):
    """``[name, type, input names, control input names]`` of every op from the ``start``-th on."""
    return [[op.name, op.type, [t.name for t in op.inputs], [c.name for c in op.control_inputs]]
            for op in tf.get_default_graph().get_operations()[start:]]


def n_ops(tf):
    return len(tf.get_default_graph().get_operations())


def run_both(tf, fetches, p, feed=None):
    """``fetches`` run with ``p`` fed True, then False (one session)."""
    feed = dict(feed or {})
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return [sess.run(fetches, {**feed, p: True}), sess.run(fetches, {**feed, p: False})]


def first_line(fn, *args, **kwargs):
    """``raises``, keeping only the first line of an error message (TF appends the structures
    nest compares, printed with TensorFlow's own class names)."""
    got = raises(fn, *args, **kwargs)
    if "error" in got:
        got["message"] = got["message"].split("\n", 1)[0]
    return got

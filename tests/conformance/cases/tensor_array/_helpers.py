"""Helpers shared by the ``tensor_array`` conformance cases (no cases here)."""

import re

from tests.conformance.harness import run_error, shape_of

# A TensorArray's run-time resource is named "<op name>_<N>", N from a process-wide counter that
# depends on how many TensorArrays ran before: dropped from messages on both sides.
_RESOURCE_COUNTER = re.compile(r"\b(TensorArray [\w/]+?)_\d+\b")


def ta_run_error(tf, fetches, feed=None):
    """``run_error`` with the TensorArray resource counter normalised to ``_N``."""
    got = run_error(tf, fetches, feed)
    if "message" in got:
        got["message"] = _RESOURCE_COUNTER.sub(r"\1_N", got["message"])
    return got


def detail(tf, start=0):
    """``[name, type, input names, control input names]`` of every op from the ``start``-th on."""
    return [[op.name, op.type, [t.name for t in op.inputs], [c.name for c in op.control_inputs]]
            for op in tf.get_default_graph().get_operations()[start:]]


def n_ops(tf):
    return len(tf.get_default_graph().get_operations())


def summary(tf, start=0):
    """``[name, type]`` of every op from the ``start``-th on."""
    return [[op.name, op.type] for op in tf.get_default_graph().get_operations()[start:]]


def sig(t):
    """``[name, dtype, static shape]`` of one tensor."""
    return [t.name, t.dtype.name, shape_of(t)]


def run(tf, fetches, feed=None):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(fetches, feed)


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

"""Helpers shared by the ``parsing`` conformance cases (no cases here)."""

import numpy as np

from tests.conformance.cases.runtime_errors._helpers import _kernel_error


def run(tf, fetch, feed=None):
    """``{"ok": values}`` for running ``fetch`` (arrays keep their dtypes), or the kernel's error
    as the ``runtime_errors`` cases record it (``{"error", "node", "kernel"}``)."""
    with tf.Session() as sess:
        try:
            value = sess.run(fetch, feed)
        except tf.errors.OpError:
            return _kernel_error(tf, fetch, feed)
    return {"ok": [np.asarray(v) for v in value] if isinstance(value, list) else np.asarray(value)}


def static(tensors):
    """``[name, dtype, shape]`` of each tensor (or of the one tensor)."""
    if not isinstance(tensors, (list, tuple)):
        return static([tensors])[0]
    return [[t.name, t.dtype.name, None if t.shape.ndims is None else t.shape.as_list()] for t in tensors]


def node(op):
    """An op's type, inputs and attributes (those of its node), as plain data."""
    attrs = {}
    for key in sorted(op.node_def.attr):
        value = op.get_attr(key)
        if isinstance(value, list):
            value = [getattr(v, "name", v) for v in value]
        attrs[key] = getattr(value, "name", value)
    return {"type": op.type, "inputs": [t.name for t in op.inputs], "attrs": attrs}

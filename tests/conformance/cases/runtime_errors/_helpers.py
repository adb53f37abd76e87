"""Helpers shared by the ``runtime_errors`` conformance cases (no cases here)."""

import numpy as np


def _kernel_error(tf, fetch, feed=None):
    """``{"error", "node", "kernel"}`` for running ``fetch``; ``{"ok": value}`` if it runs."""
    with tf.Session() as sess:
        try:
            value = sess.run(fetch, feed)
        except tf.errors.OpError as e:
            lines = e.message.split("\n")
            start = next((i + 1 for i, ln in enumerate(lines) if ln.startswith("Node: ")), 0)
            end = next((i for i, ln in enumerate(lines) if ln.startswith("\t [[")), len(lines))
            return {"error": type(e).__name__, "node": None if e.op is None else e.op.name,
                    "kernel": lines[start:end]}
    return {"ok": np.asarray(value).tolist()}


def _ph(tf, dtype=None, name="x", shape=None):
    return tf.placeholder(tf.float32 if dtype is None else dtype, shape, name=name)

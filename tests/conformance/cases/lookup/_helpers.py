"""Helpers shared by the ``lookup`` conformance cases (no cases here)."""

import os
import tempfile

import numpy as np

DIR = os.path.join(tempfile.gettempdir(), "scopeflow_lookup_cases")


def vocab(name, text):
    """A vocabulary file of ``text`` under ``DIR``; its path."""
    os.makedirs(DIR, exist_ok=True)
    path = os.path.join(DIR, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def plain(value):
    """``value`` with ``DIR`` written ``<dir>`` (paths differ between machines)."""
    if isinstance(value, str):
        return value.replace(DIR, "<dir>")
    if isinstance(value, bytes):
        return plain(value.decode("utf-8", "replace"))
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, np.generic):
        return value.item()
    return value


def runs(tf, fetches):
    """Run each fetch in turn in one session: its value, or its error's class and last line."""
    out = []
    with tf.Session() as sess:
        for fetch in fetches:
            try:
                out.append({"ok": sess.run(fetch)})
            except tf.errors.OpError as e:
                lines = [ln for ln in e.message.split("\n") if ln and not ln.startswith("\t [[")]
                out.append({"error": type(e).__name__, "last": lines[-1]})
    return plain(out)


def ops_of(tf):
    """Each op of the default graph: name, type, inputs (no attributes of random names)."""
    return [[op.name, op.type, [t.name for t in op.inputs]] for op in tf.get_default_graph().get_operations()]


def attrs(op, skip=("value",)):
    """An op's attributes as plain data."""
    out = {}
    for key in sorted(op.node_def.attr):
        if key not in skip:
            v = op.get_attr(key)
            out[key] = getattr(v, "name", v)
    return plain(out)

"""What the queue cases share: graph and attribute summaries, errors with the process-wide
resource numbering (``'_3_fifo_queue'``) and temporary paths made comparable, and the classic
run-until-OutOfRange loop."""

import os
import re
import tempfile

import numpy as np

from tests.conformance.harness import message, raises_last_line


def graph_ops(tf, start=0):
    """``[name, type, inputs]`` of the default graph's ops from index ``start``."""
    ops = tf.get_default_graph().get_operations()[start:]
    return [[op.name, op.type, [t.name for t in op.inputs]] for op in ops]


def _plain(value):
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "as_numpy_dtype"):
        return value.name
    if hasattr(value, "as_list") and hasattr(value, "dims"):  # a TensorShape
        return None if value.dims is None else [-1 if d is None else d for d in value.as_list()]
    if hasattr(value, "unknown_rank") and hasattr(value, "dim"):  # a TensorShapeProto
        return None if value.unknown_rank else [d.size for d in value.dim]
    return value


def attrs(op):
    """An op's TensorFlow attributes (private ``_`` ones left out) as plain data."""
    return {k: _plain(op.get_attr(k)) for k in sorted(op.node_def.attr) if not k.startswith("_")}


def normalise(text, tmp=None):
    """``text`` without the resource numbering and the temporary directory."""
    text = re.sub(r"'_\d+_", "'_N_", text)
    return text.replace(tmp, "TMP") if tmp else text


def error(fn, *args, tmp=None):
    """``raises_last_line`` with the message normalised."""
    got = raises_last_line(fn, *args)
    if "message" in got:
        got["message"] = normalise(got["message"], tmp)
    return got


def error_of(e, tmp=None):
    """An error caught by the case, recorded as ``error`` records it."""
    lines = [ln for ln in message(e).splitlines() if ln.strip()]
    return {"error": type(e).__name__, "message": normalise(lines[-1] if lines else "", tmp)}


def value(v, tmp=None):
    """A fetched value as plain data (bytes as text, temporary paths replaced)."""
    if isinstance(v, dict):
        return {k: value(x, tmp) for k, x in sorted(v.items())}
    if isinstance(v, (list, tuple)):
        return [value(x, tmp) for x in v]
    if isinstance(v, np.ndarray):
        return [value(x, tmp) for x in v.tolist()] if v.ndim else value(v.item(), tmp)
    if isinstance(v, bytes):
        text = v.decode("utf-8", "backslashreplace")
        return text.replace(tmp, "TMP") if tmp else text
    if isinstance(v, (np.integer, np.floating, np.bool_)):
        return v.item()
    return v


def run_to_end(tf, sess, fetch, tmp=None, limit=200):
    """The classic loop with a Coordinator: every value until ``OutOfRangeError``, the
    error's last line, and whether every runner thread ended."""
    coord = tf.train.Coordinator()
    threads = tf.train.start_queue_runners(sess, coord)
    out, end = [], None
    try:
        while not coord.should_stop() and len(out) < limit:
            out.append(value(sess.run(fetch), tmp))
    except tf.errors.OutOfRangeError as e:
        end = normalise(message(e).splitlines()[-1], tmp)
    finally:
        coord.request_stop()
    coord.join(threads)
    return {"values": out, "end": end, "threads_alive": any(t.is_alive() for t in threads)}


def temp_dir():
    return os.path.realpath(tempfile.mkdtemp(prefix="sfq"))

"""What the debugging cases share: the default graph's ops as plain data, a run's error, and
what a function writes to a file descriptor (TF's printing writes from C++ to fd 1 or 2, so
it is captured with ``os.dup2``, not through ``sys.stderr``)."""

import os
import sys
import tempfile

from tests.conformance.harness import raises_last_line


def graph_ops(tf, start=0):
    """``[name, type, inputs, control inputs]`` of the default graph's ops from index ``start``."""
    ops = tf.get_default_graph().get_operations()[start:]
    return [[op.name, op.type, [t.name for t in op.inputs], [c.name for c in op.control_inputs]] for op in ops]


def const_strings(tf):
    """The string constants of the default graph, by op name (the data of its asserts)."""
    out = {}
    for op in tf.get_default_graph().get_operations():
        if op.type == "Const" and op.get_attr("dtype") == tf.string:
            out[op.name] = tf.make_ndarray(op.get_attr("value")).tolist()
    return {k: v.decode() if isinstance(v, bytes) else v for k, v in out.items()}


def run_last_line(tf, fetches, feed=None):
    """Error class and last message line of running ``fetches``, or ``{"ok": ...}``."""
    def run():
        with tf.Session() as sess:
            sess.run(fetches, feed)
            return "ran"
    return raises_last_line(run)


def captured(fn, fd=2):
    """What ``fn()`` writes to file descriptor ``fd``."""
    sys.stdout.flush()
    sys.stderr.flush()
    handle, path = tempfile.mkstemp()
    saved = os.dup(fd)
    os.dup2(handle, fd)
    try:
        fn()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved, fd)
        os.close(saved)
        os.close(handle)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    os.remove(path)
    return text


def printed(tf, fetch, feed=None, fd=2, times=1):
    """What running ``fetch`` ``times`` times in one session writes to ``fd``."""
    def run():
        with tf.Session() as sess:
            for _ in range(times):
                sess.run(fetch, feed)
    return captured(run, fd)

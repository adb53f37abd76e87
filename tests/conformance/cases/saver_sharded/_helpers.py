"""Shared by the saver_sharded cases: a temporary directory that cleans paths out of results,
two-device models (the second device is a GPU, placed on the CPU by soft placement), graph
summaries and captured log lines."""

import contextlib
import hashlib
import logging
import os
import shutil
import tempfile

from tests.conformance.harness import raises

GPU = "/device:GPU:0"
_ATTRS = ("pattern", "separator", "N", "axis", "delete_old_dirs", "allow_missing_files", "validate_shape",
          "use_locking", "_class")


class Dir:
    def __init__(self):
        self.path = tempfile.mkdtemp(prefix="sf_sharded_")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)

    def join(self, *names):
        return os.path.join(self.path, *names)

    def clean(self, value):
        if isinstance(value, str):
            return value.replace(self.path, "<dir>")
        if isinstance(value, bytes):
            return value.replace(self.path.encode(), b"<dir>")
        if isinstance(value, (list, tuple)):
            return [self.clean(v) for v in value]
        if isinstance(value, dict):
            return {k: self.clean(v) for k, v in value.items()}
        return value

    def listing(self, hashes=True):
        """Every file and directory below the directory (``name: md5`` of data and index files)."""
        out = []
        for root, dirs, files in os.walk(self.path):
            rel = os.path.relpath(root, self.path)
            for d in sorted(dirs):
                out.append(os.path.normpath(os.path.join(rel, d)) + "/")
            for f in sorted(files):
                name = os.path.normpath(os.path.join(rel, f))
                if hashes and (".data-" in f or f.endswith(".index")):
                    name += " " + hashlib.md5(open(os.path.join(root, f), "rb").read()).hexdigest()
                out.append(name)
        return sorted(out)


def is_scopeflow(tf) -> bool:
    return tf.__name__.split(".")[0] == "scopeflow"


def session(tf):
    return tf.Session(config=tf.ConfigProto(allow_soft_placement=True))


def two_devices(tf):
    """``v`` and the partitioned ``p`` (part 1 on the GPU) on CPU:0, ``gpu/*`` on the GPU."""
    import numpy as np

    def device(op):
        return GPU if op.name.startswith(("gpu/", "p/part_1")) else "/device:CPU:0"

    with tf.device(device):
        v = tf.Variable([1.0, 2.0], name="v")
        p = tf.get_variable("p", initializer=tf.constant(np.arange(12, dtype=np.float32).reshape(6, 2)),
                            partitioner=tf.fixed_size_partitioner(2))
        with tf.variable_scope("gpu"):
            w = tf.get_variable("w", initializer=tf.constant([[3.0, -1.0]], tf.float64))
            s = tf.get_variable("s", initializer=tf.constant([b"ab", b"", b"xyz"]))
    return v, p, w, s


def one_device(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    with tf.variable_scope("layer"):
        w = tf.get_variable("w", initializer=tf.constant([[1, 2], [3, 4]]))
    return v, w


def attr_values(op):
    out = {}
    for key in _ATTRS:
        try:
            value = op.get_attr(key)
        except ValueError:
            continue
        out[key] = [x.decode() for x in value] if isinstance(value, list) else \
            value.decode() if isinstance(value, bytes) else value
    return out


def save_nodes(tf, graph=None, prefix="save/"):
    """``[name, type, inputs, control inputs, device, some attributes]`` of the saver's ops."""
    graph = graph or tf.get_default_graph()
    return [[op.name, op.type, [t.name for t in op.inputs], sorted(c.name for c in op.control_inputs), op.device,
             attr_values(op)] for op in graph.get_operations() if op.name.startswith(prefix)]


def values(sess, tensors):
    out = []
    for x in sess.run(list(tensors)):
        out.append([b.decode() for b in x.ravel().tolist()] if x.dtype == object else x.tolist())
    return out


def kernel_error(d, fn, *args, **kwargs):
    """Error class, the message's first line and the line TF's kernel wrote (after ``Node:``)."""
    got = raises(fn, *args, **kwargs)
    if "error" not in got:
        return d.clean(got)
    lines = [ln for ln in got["message"].splitlines() if ln.strip()]
    kernel = lines[-1] if lines else ""
    for i, ln in enumerate(lines[:-1]):
        if ln.startswith("Node: "):
            kernel = lines[i + 1]
    return {"error": got["error"], "first": d.clean(lines[0] if lines else ""), "kernel": d.clean(kernel)}


@contextlib.contextmanager
def captured_logs(tf):
    """The messages the library logs (TF's ``tensorflow`` logger, scopeflow's ``scopeflow``)."""
    records = []

    class Handler(logging.Handler):
        def emit(self, record):
            records.append([record.levelname, record.getMessage()])

    logger = logging.getLogger("scopeflow" if is_scopeflow(tf) else "tensorflow")
    handler, level = Handler(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)

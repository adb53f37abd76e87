"""Helpers shared by the ``sparse`` conformance cases (no cases here)."""

import numpy as np

from tests.conformance.cases.runtime_errors._helpers import _kernel_error


def plain(value):
    """A fetched value as plain data; a ``SparseTensorValue`` says so (its class is part of TF's behaviour)."""
    if type(value).__name__ == "SparseTensorValue":
        return {"SparseTensorValue": [plain(v) for v in value]}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None:
        return None
    value = np.asarray(value)
    if value.dtype.kind == "c":  # the goldens hold no complex numbers: [real, imag] pairs
        return {"complex": np.stack([value.real, value.imag], axis=-1)}
    return value


def run(tf, fetch, feed=None):
    """``{"ok": value}`` for running ``fetch`` (after initializing variables), or the kernel's error as
    the ``runtime_errors`` cases record it (``{"error", "node", "kernel"}``)."""
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        try:
            value = sess.run(fetch, feed)
        except tf.errors.OpError:
            return _kernel_error(tf, fetch, feed)
    return {"ok": plain(value)}


def static(t):
    """Name, dtype and static shape of a tensor, or of each part of a ``SparseTensor``."""
    if type(t).__name__ == "SparseTensor":
        return {"sparse": [static(t.indices), static(t.values), static(t.dense_shape)],
                "dtype": t.dtype.name, "shape": _shape(t.shape)}
    if isinstance(t, (list, tuple)):
        return [static(x) for x in t]
    return [t.name, t.dtype.name, _shape(t.shape)]


def _shape(shape):
    return None if shape.ndims is None else shape.as_list()


def ops(graph):
    """``[name, type, [input names]]`` of every op of ``graph``, in creation order."""
    return [[op.name, op.type, [t.name for t in op.inputs]] for op in graph.get_operations()]


def sparse(tf, indices, values, shape, dtype=None):
    """A ``SparseTensor`` of constants (values of ``dtype`` when given)."""
    return tf.SparseTensor(indices, values if dtype is None else tf.constant(values, dtype), shape)

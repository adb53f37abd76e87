"""Helpers shared by the ``image`` conformance cases (no cases here)."""

import numpy as np


def image(shape, seed=0, dtype=np.float32, scale=1.0):
    """A reproducible random image of ``shape`` (values in [0, scale))."""
    values = np.random.RandomState(seed).uniform(0, scale, shape)
    return values.astype(dtype)


def graph_of(tensor):
    """The name, dtype and static shape of ``tensor``, and the types of the ops of its graph, in order."""
    ops = tensor.graph.get_operations()
    return {"name": tensor.name, "dtype": tensor.dtype.name,
            "shape": None if tensor.shape.ndims is None else tensor.shape.as_list(),
            "ops": [[op.name, op.type] for op in ops]}


def run(tf, fetch, feed=None):
    """The value(s) of ``fetch`` as nested lists."""
    with tf.Session() as sess:
        value = sess.run(fetch, feed)
    if isinstance(value, list):
        return [np.asarray(v).tolist() for v in value]
    return np.asarray(value).tolist()

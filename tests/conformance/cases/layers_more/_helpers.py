"""Helpers shared by the ``layers_more`` conformance cases (no cases here)."""

import numpy as np


def ph(tf, shape, name="x", dtype=None):
    return tf.placeholder(dtype or tf.float32, list(shape), name=name)


def kernel(shape, scale=10.0):
    """A deterministic kernel of ``shape`` with small values of both signs."""
    return ((np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape) % 7 - 3) / scale).astype(np.float32)


def grad_model(tf, ys, xs, feed=None):
    """The gradient ops (``[name, type]`` under ``gradients/``), the gradients' names, static
    shapes and values (variables initialized first)."""
    gs = tf.gradients(ys, xs)
    ops = [[op.name, op.type] for op in tf.get_default_graph().get_operations() if op.name.startswith("gradients")]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run([g for g in gs if g is not None], feed)
    return {"ops": ops, "names": [None if g is None else g.name for g in gs],
            "shapes": [None if g is None else g.shape.as_list() for g in gs], "values": got}

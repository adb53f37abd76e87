"""Helpers shared by the ``nn_*``, ``losses`` and ``random_ops`` conformance areas (no cases here)."""

import numpy as np

from tests.conformance import harness
from tests.conformance.harness import op_summary, run_error, shape_of, static, values  # noqa: F401


def arr(*shape, seed=0, low=-2.0, high=2.0, dtype=np.float64):
    """A deterministic array of ``shape`` with values in ``[low, high)``."""
    return np.random.default_rng(seed).uniform(low, high, size=shape).astype(dtype)


def fed(tf, value, name=None):
    """``value`` through a ``placeholder_with_default``: TF then runs the op's real kernel
    (with constants, its graph optimiser folds them on a different code path)."""
    value = np.asarray(value)
    return tf.placeholder_with_default(value, value.shape, name=name)


def describe(tf, outs, feed=None):
    """The graph's ops, each output's ``[name, dtype, static shape]`` and its computed value."""
    outs = list(outs) if isinstance(outs, (list, tuple)) else [outs]
    with tf.Session() as sess:
        values = sess.run(outs, feed)
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(outs), "values": values}








def weighted_sum(tf, y, seed=7):
    """``sum(y * w)`` with fixed weights ``w`` of y's (static) shape, so gradients differ per element."""
    w = arr(*y.shape.as_list(), seed=seed, low=0.5, high=1.5, dtype=y.dtype.as_numpy_dtype)
    return tf.reduce_sum(y * tf.constant(w, name="w"))


def grads(tf, y, xs, feed=None, weighted=True, prefix="gradients"):
    """Gradient names, the ops built under ``prefix``, static shapes and values of ``d y / d xs``."""
    xs = list(xs) if isinstance(xs, (list, tuple)) else [xs]
    return harness.grads(tf, weighted_sum(tf, y) if weighted else y, xs, feed, prefix=prefix)


def grad_values(tf, y, xs, feed=None):
    """Only the gradient values (for cases whose forward graph differs from TF by design)."""
    xs = list(xs) if isinstance(xs, (list, tuple)) else [xs]
    gs = tf.gradients(weighted_sum(tf, y), xs)
    with tf.Session() as sess:
        return sess.run([g for g in gs if g is not None], feed)

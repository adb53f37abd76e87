"""Helpers shared by the ``layers_*`` and ``metrics`` conformance areas (no cases here)."""

import warnings

import numpy as np

from tests.conformance.harness import op_summary, shape_of, static  # noqa: F401

warnings.filterwarnings("ignore", message=r".*is deprecated and will be removed.*")


def arr(*shape, seed=0, low=-2.0, high=2.0, dtype=np.float32):
    """A deterministic array of ``shape`` with values in ``[low, high)``."""
    return np.random.default_rng(seed).uniform(low, high, size=shape).astype(dtype)


def var_names(variables):
    return [v.name for v in variables]


def collections(tf):
    """Names of the variables in the standard variable collections, and the update ops."""
    keys = tf.GraphKeys
    out = {}
    for name, key in (("global", keys.GLOBAL_VARIABLES), ("trainable", keys.TRAINABLE_VARIABLES),
                      ("local", keys.LOCAL_VARIABLES), ("model", keys.MODEL_VARIABLES),
                      ("moving_average", keys.MOVING_AVERAGE_VARIABLES), ("metric", keys.METRIC_VARIABLES)):
        out[name] = var_names(tf.get_collection(key))
    out["update_ops"] = [u.name for u in tf.get_collection(keys.UPDATE_OPS)]
    out["regularization_losses"] = [t.name for t in tf.get_collection(keys.REGULARIZATION_LOSSES)]
    return out




def model(tf, outs):
    """The whole graph (``[name, type]`` per op), the outputs and the variables."""
    return {"ops": op_summary(tf.get_default_graph()), "outs": static(outs),
            "variables": [[v.name, shape_of(v)] for v in tf.global_variables()]}


def run(tf, fetches, feed=None, init_local=False):
    """Initialize the variables and run ``fetches`` once."""
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if init_local:
            sess.run(tf.local_variables_initializer())
        return sess.run(fetches, feed)

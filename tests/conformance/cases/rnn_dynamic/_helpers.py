"""Helpers shared by the ``rnn_dynamic`` conformance cases (no cases here).

Inputs are placeholders ``[batch, time, depth]`` (``[time, batch, depth]`` when time-major) fed
with deterministic arrays; weights are set by assigning deterministic arrays after
initialization (``run_fixed``), so values compare across TensorFlow and scopeflow whatever the
initializers draw.
"""

import numpy as np

from tests.conformance.cases._layers_helpers import arr  # noqa: F401
from tests.conformance.cases.rnn_cells._helpers import fixed_assigns, run_fixed, variables  # noqa: F401
from tests.conformance.harness import names, shape_of  # noqa: F401 - the cases' helpers


def seq(tf, batch=2, time=3, depth=3, time_major=False, name="x", dtype=None):
    """A sequence placeholder, batch-major unless ``time_major`` (``None`` dims stay unknown)."""
    shape = [time, batch, depth] if time_major else [batch, time, depth]
    return tf.placeholder(dtype or tf.float32, shape, name=name)


def data(*shape, seed=0, dtype=np.float32):
    """Deterministic inputs in ``[-1, 1)``."""
    return arr(*shape, seed=seed, low=-1.0, high=1.0, dtype=dtype)




def shapes(tensors):
    """Static shapes of a nested structure (lists for tuples)."""
    if isinstance(tensors, (list, tuple)):
        return [shapes(t) for t in tensors]
    return shape_of(tensors)


def kinds(tensors):
    """Python type names of a nested state structure (``LSTMStateTuple``, ``tuple``...)."""
    if isinstance(tensors, (list, tuple)):
        return [type(tensors).__name__, [kinds(t) for t in tensors]]
    return type(tensors).__name__


def run_init(tf, fetches, feed_dict=None):
    """Run ``fetches`` with the variables as their initializers set them."""
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(fetches, feed_dict)


def detail(tf, prefix=""):
    """``[name, type, input names, control input names]`` of the ops whose names start with ``prefix``."""
    return [[op.name, op.type, [t.name for t in op.inputs], [c.name for c in op.control_inputs]]
            for op in tf.get_default_graph().get_operations() if op.name.startswith(prefix)]


def ops_with(tf, *prefixes, skip_initializers=True):
    """``[name, type]`` of the ops whose names start with one of ``prefixes``."""
    return [[op.name, op.type] for op in tf.get_default_graph().get_operations()
            if op.name.startswith(prefixes) and not (skip_initializers and "/Initializer/" in op.name)]


def outer_ops(tf, scope="rnn/"):
    """``[name, type]`` of the ops under ``scope`` outside its while loop, without initializers."""
    return [s for s in ops_with(tf, scope) if not s[0].startswith(scope + "while/")]


def has_ops(tf, *op_names):
    """Whether each op name exists in the default graph."""
    existing = {op.name for op in tf.get_default_graph().get_operations()}
    return [name in existing for name in op_names]

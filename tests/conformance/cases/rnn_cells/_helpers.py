"""Helpers shared by the ``rnn_cells`` conformance cases (no cases here).

Weights are set by assigning deterministic arrays after initialization (``run_fixed``), so
values compare across TensorFlow and scopeflow whatever the initializers draw.
"""

from tests.conformance.cases._layers_helpers import arr, model, static  # noqa: F401
from tests.conformance.harness import op_summary, shape_of  # noqa: F401


def xs(tf, steps=3, batch=2, depth=3, name="x"):
    """``steps`` placeholders ``[batch, depth]`` named ``x0``, ``x1``..."""
    return [tf.placeholder(tf.float32, [batch, depth], name=f"{name}{i}") for i in range(steps)]


def feed(inputs, seed=0, scale=1.0):
    """Deterministic values for each placeholder of ``inputs``."""
    return {x: scale * arr(*x.shape.as_list(), seed=seed + i) for i, x in enumerate(inputs)}


def variables(tf):
    """``[name, shape, trainable]`` of every global variable."""
    trainable = {v.name for v in tf.trainable_variables()}
    return [[v.name, shape_of(v), v.name in trainable] for v in tf.global_variables()]


def fixed_assigns(tf, var_list=None, low=-0.6, high=0.6):
    """Assign ops giving each variable a deterministic value (seeded by its position)."""
    var_list = tf.global_variables() if var_list is None else var_list
    return [v.assign(arr(*v.shape.as_list(), seed=100 + i, low=low, high=high)) for i, v in enumerate(var_list)]


def run_fixed(tf, fetches, feed_dict=None, low=-0.6, high=0.6):
    """Run ``fetches`` with every variable set to ``fixed_assigns``' values."""
    assigns = fixed_assigns(tf, low=low, high=high)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(assigns)
        return sess.run(fetches, feed_dict)


def names(tensors):
    """Names of the tensors of a nested structure (lists for tuples)."""
    if isinstance(tensors, (list, tuple)):
        return [names(t) for t in tensors]
    return tensors.name


def shapes(tensors):
    if isinstance(tensors, (list, tuple)):
        return [shapes(t) for t in tensors]
    return shape_of(tensors)


def graph_ops(tf, skip_initializers=True):
    """``[name, type]`` of the graph's ops, without the variables' initializer ops."""
    return [s for s in op_summary(tf.get_default_graph()) if not (skip_initializers and "/Initializer/" in s[0])]


def op_inputs(tf, prefix=""):
    """``[name, type, input names]`` of the ops whose names start with ``prefix``."""
    return [[op.name, op.type, [t.name for t in op.inputs]] for op in tf.get_default_graph().get_operations()
            if op.name.startswith(prefix) and "/Initializer/" not in op.name]

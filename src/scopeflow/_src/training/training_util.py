"""The global step: ``tf.train.get_or_create_global_step`` and friends.

The global step is an ``int64`` scalar variable named ``global_step`` (in the current
variable scope, outside any name scope), kept in the ``global_step`` and
``variables`` collections; optimizers increment it when ``minimize`` is given it.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.variables import initializers
from scopeflow._src.variables.variable import RefVariable, VariableAggregation
from scopeflow._src.variables.variable_scope import get_variable


def global_step(sess, global_step_tensor) -> int:
    """The value of ``global_step_tensor`` in ``sess``, as a Python int.

    >>> import scopeflow as tf
    >>> step = tf.train.get_or_create_global_step()
    >>> with tf.Session() as sess:
    ...     _ = sess.run(step.initializer)
    ...     tf.train.global_step(sess, step)
    0
    """
    return int(sess.run(global_step_tensor))


def get_global_step(graph=None):
    """The graph's global step: the one item of the ``global_step`` collection, else the
    tensor named ``global_step:0``, else ``None`` (also ``None``, with an error logged, when the
    collection holds several)."""
    graph = graph or default_graph()
    found = graph.get_collection(GraphKeys.GLOBAL_STEP)
    if len(found) == 1:
        step = found[0]
    elif not found:
        try:
            step = graph.get_tensor_by_name("global_step:0")
        except KeyError:
            return None
    else:
        from scopeflow._src import logging_module  # loaded on first use: Python's logging costs import time
        logging_module.error("Multiple tensors in global_step collection.")
        return None
    assert_global_step(step)
    return step


def create_global_step(graph=None):
    """Create the global step variable (``ValueError`` if the graph has one already)."""
    graph = graph or default_graph()
    if get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default() as g, g.name_scope(None):
        return get_variable(GraphKeys.GLOBAL_STEP, shape=[], dtype=dtypes.int64,
                            initializer=initializers.zeros_initializer(), trainable=False,
                            aggregation=VariableAggregation.ONLY_FIRST_REPLICA,
                            collections=[GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP])


def get_or_create_global_step(graph=None):
    """The graph's global step, created (``global_step:0``, int64, zero) if it has none.

    >>> import scopeflow as tf
    >>> step = tf.train.get_or_create_global_step()
    >>> step.name, step.dtype.name, tf.train.get_or_create_global_step() is step
    ('global_step:0', 'int64_ref', True)
    """
    graph = graph or default_graph()
    step = get_global_step(graph)
    if step is None:
        step = create_global_step(graph)
    return step


def assert_global_step(global_step_tensor) -> None:
    """``TypeError`` unless ``global_step_tensor`` is an integer scalar variable or tensor."""
    if not isinstance(global_step_tensor, (RefVariable, Tensor)):
        raise TypeError(f'Existing "global_step" must be a Variable or Tensor: {global_step_tensor}.')
    if not global_step_tensor.dtype.base_dtype.is_integer:
        raise TypeError(f'Existing "global_step" does not have integer type: {global_step_tensor.dtype}')
    shape = global_step_tensor.get_shape()
    if shape.ndims != 0 and shape.is_fully_defined():
        raise TypeError(f'Existing "global_step" is not scalar: {shape}')

"""The global step as the hooks read it: a copy of its value, safe to run before it is initialized.

TensorFlow's hooks do not fetch the ``global_step`` variable itself but ``global_step/add:0``,
``cond(is_variable_initialized(global_step), read_value, initial_value) + 0``, made once per graph
and kept in the collection ``global_step_read_op_cache``.
"""

from __future__ import annotations

from scopeflow._src.framework.context import default_graph
from scopeflow._src.ops.control.cond import cond
from scopeflow._src.training.training_util import get_global_step
from scopeflow._src.variables.collections import is_variable_initialized
from scopeflow._src.variables.variable import RefVariable

GLOBAL_STEP_READ_KEY = "global_step_read_op_cache"


def get_or_create_global_step_read(graph=None):
    """The tensor ``<global_step>/add:0`` (made on the first call), or None without a global step."""
    graph = graph or default_graph()
    cached = graph.get_collection(GLOBAL_STEP_READ_KEY)
    if cached:
        return cached[0]
    step = get_global_step(graph)
    if step is None:
        return None
    with graph.as_default(), graph.name_scope(None), graph.name_scope(step.op.name + "/"):
        if isinstance(step, RefVariable):
            value = cond(is_variable_initialized(step), step.read_value, lambda: step.initial_value)
        else:
            value = step
        read = value + 0
        graph.add_to_collection(GLOBAL_STEP_READ_KEY, read)
    return graph.get_collection(GLOBAL_STEP_READ_KEY)[0]

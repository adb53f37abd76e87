"""``tf.saved_model.main_op``: the ops a SavedModel runs after restoring its variables."""

from __future__ import annotations

from scopeflow._src.framework.default_graph import control_dependencies
from scopeflow._src.ops.control.control_flow_ops import group
from scopeflow._src.ops.lookup.api import tables_initializer
from scopeflow._src.variables.collections import global_variables_initializer, local_variables_initializer


def main_op():
    """A group of the global, local and table initializers (TF's ``main_op``)."""
    return group(global_variables_initializer(), local_variables_initializer(), tables_initializer())


def main_op_with_restore(restore_op_name):
    """``main_op()``, then the restore op ``restore_op_name`` (TF's order)."""
    with control_dependencies([main_op()]):
        return group(restore_op_name)

"""Variable collection helpers and initializer ops (``global_variables_initializer``...)."""

from __future__ import annotations

import os

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import device, get_collection, name_scope
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.control import control_flow_ops
from scopeflow._src.ops.state import variable_ops


def global_variables(scope=None):
    """The variables in ``GLOBAL_VARIABLES`` (those a ``Saver`` saves), filtered by ``scope``."""
    return get_collection(GraphKeys.GLOBAL_VARIABLES, scope)


def all_variables():
    """TF1's deprecated name for ``global_variables()``."""
    return global_variables()


def trainable_variables(scope=None):
    """The variables in ``TRAINABLE_VARIABLES`` (what optimizers train by default), filtered by ``scope``."""
    return get_collection(GraphKeys.TRAINABLE_VARIABLES, scope)


def local_variables(scope=None):
    """The variables in ``LOCAL_VARIABLES`` (e.g. metric accumulators), filtered by ``scope``."""
    return get_collection(GraphKeys.LOCAL_VARIABLES, scope)


def model_variables(scope=None):
    """The variables in ``MODEL_VARIABLES``, filtered by ``scope``."""
    return get_collection(GraphKeys.MODEL_VARIABLES, scope)


def moving_average_variables(scope=None):
    """The variables in ``MOVING_AVERAGE_VARIABLES``, filtered by ``scope``."""
    return get_collection(GraphKeys.MOVING_AVERAGE_VARIABLES, scope)


def variables_initializer(var_list, name="init"):
    """One op that runs the initializers of ``var_list`` (a ``NoOp`` named ``init``)."""
    if var_list:
        return control_flow_ops.group(*[v.initializer for v in var_list], name=name)
    return control_flow_ops.no_op(name=name)


def global_variables_initializer():
    """Initialize every variable in ``GLOBAL_VARIABLES``; the op is named ``init``."""
    return variables_initializer(global_variables())


def local_variables_initializer():
    """Initialize every variable in ``LOCAL_VARIABLES``; the op is named ``init``."""
    return variables_initializer(local_variables())


def initialize_variables(var_list, name="init"):
    """TF1's deprecated name for ``variables_initializer``."""
    return variables_initializer(var_list, name=name)


def initialize_all_variables():
    """TF1's deprecated name for ``global_variables_initializer()``."""
    return global_variables_initializer()


def initialize_local_variables():
    """TF1's deprecated name for ``local_variables_initializer()``."""
    return local_variables_initializer()


def is_variable_initialized(variable):
    """A bool tensor (an ``IsVariableInitialized`` op): whether ``variable`` has a value in the session."""
    return variable_ops.is_variable_initialized(variable)


def assert_variables_initialized(var_list=None):
    """TF1's deprecated check: ``None`` when there are no variables, else the ``Rank`` of each
    variable's value (colocated with the variable; stacked when there are several), which
    reads every variable. With no variables in the collections, the graph's ``VariableV2``
    ops are checked."""
    if var_list is None:
        var_list = global_variables() + local_variables()
    if not var_list:
        var_list = [op._outputs[0] for op in default_graph().get_operations() if op.type == "VariableV2"]
    if not var_list:
        return None
    graph = default_graph()
    ranks = []
    for v in var_list:
        with graph.colocate_with(v.op):
            ranks.append(array_ops.rank_internal(v, optimize=False))
    return ranks[0] if len(ranks) == 1 else array_ops.stack(ranks)


def report_uninitialized_variables(var_list=None, name="report_uninitialized_variables"):
    """A string tensor of the names of the variables not yet initialized in the session."""
    if var_list is None:
        var_list = global_variables() + local_variables()
        if not var_list:
            var_list = [op._outputs[0] for op in default_graph().get_operations() if op.type == "VariableV2"]
    with name_scope(name):
        if var_list:
            init_vars = [variable_ops.is_variable_initialized(v) for v in var_list]
        with device(os.environ.get("TF_DEVICE_FOR_UNINITIALIZED_VARIABLE_REPORTING", "/cpu:0")):  # as TF
            if not var_list:
                return constant([], dtype=dtypes.string)
            mask = math_ops.logical_not(array_ops.stack(init_vars))
            names = constant([v.op.name for v in var_list])
            return array_ops.boolean_mask(names, mask)



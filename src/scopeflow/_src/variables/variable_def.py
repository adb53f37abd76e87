"""A variable as TensorFlow's ``VariableDef`` proto (the items of a meta graph's variable
collections), and the graph elements a ``VariableDef`` names.

>>> import scopeflow as tf
>>> v = tf.Variable(1.0, name="v")
>>> proto = to_proto(v, export_scope=None)
>>> proto.variable_name, proto.snapshot_name
('v:0', 'v/read:0')
>>> [x.name for x in bound_elements(proto, import_scope=None)[:2]]
['v:0', 'v/Assign']
"""

from __future__ import annotations

from scopeflow._src import protos
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.scoped_names import prepend_name_scope, strip_name_scope


def to_proto(variable, export_scope=None):
    """``variable``'s ``VariableDef`` with ``export_scope`` taken off its names, or ``None``
    when the variable lies outside ``export_scope``."""
    if export_scope is not None and not variable._variable.name.startswith(export_scope):
        return None
    proto = protos.VariableDef()
    proto.variable_name = strip_name_scope(variable._variable.name, export_scope)
    if variable._initial_value is not None:
        proto.initial_value_name = strip_name_scope(variable._initial_value.name, export_scope)
    proto.trainable = variable._trainable
    proto.synchronization = variable._synchronization.value
    proto.aggregation = variable._aggregation.value
    proto.initializer_name = strip_name_scope(variable._initializer_op.name, export_scope)
    proto.snapshot_name = strip_name_scope(variable._snapshot.name, export_scope)
    if variable._save_slice_info is not None:
        proto.save_slice_info_def.CopyFrom(variable._save_slice_info)
        proto.save_slice_info_def.full_name = strip_name_scope(variable._save_slice_info.full_name, export_scope)
    return proto


def bound_elements(variable_def, import_scope=None):
    """``(variable tensor, initializer op, initial value or None, snapshot, slice info or
    None)``: what ``variable_def`` names in the default graph, under ``import_scope``. The
    slice info of a partitioned variable's part stays a ``SaveSliceInfoDef`` (scopeflow has no
    partitioned variables; a re-export writes it back)."""
    graph = default_graph()

    def element(name):
        return graph.as_graph_element(prepend_name_scope(name, import_scope))

    variable = element(variable_def.variable_name)
    initializer = element(variable_def.initializer_name)
    initial_value = element(variable_def.initial_value_name) if variable_def.initial_value_name else None
    snapshot = element(variable_def.snapshot_name)
    slice_info = None
    if variable_def.HasField("save_slice_info_def"):
        slice_info = protos.SaveSliceInfoDef()
        slice_info.CopyFrom(variable_def.save_slice_info_def)
        slice_info.full_name = prepend_name_scope(slice_info.full_name, import_scope)
    return variable, initializer, initial_value, snapshot, slice_info

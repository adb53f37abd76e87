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
    slice_info = variable._save_slice_info and variable._save_slice_info.to_proto(export_scope)
    if slice_info is not None:
        proto.save_slice_info_def.CopyFrom(slice_info)
    return proto


def bound_elements(variable_def, import_scope=None):
    """``(variable tensor, initializer op, initial value or None, snapshot, ``SaveSliceInfo``
    or None)``: what ``variable_def`` names in the default graph, under ``import_scope``."""
    graph = default_graph()

    def element(name):
        return graph.as_graph_element(prepend_name_scope(name, import_scope))

    variable = element(variable_def.variable_name)
    initializer = element(variable_def.initializer_name)
    initial_value = element(variable_def.initial_value_name) if variable_def.initial_value_name else None
    snapshot = element(variable_def.snapshot_name)
    slice_info = None
    if variable_def.HasField("save_slice_info_def"):
        slice_info = SaveSliceInfo(save_slice_info_def=variable_def.save_slice_info_def, import_scope=import_scope)
    return variable, initializer, initial_value, snapshot, slice_info


class SaveSliceInfo:
    """Where a shard of a partitioned variable lies in the whole variable
    (``tf.Variable.SaveSliceInfo``): ``full_name``, ``full_shape``, ``var_offset``,
    ``var_shape``; ``spec`` is the slice string the ``Saver`` writes.

    >>> SaveSliceInfo("w", [10, 4], [4, 0], [3, 4]).spec
    '10 4 4,3:0,4'
    """

    def __init__(self, full_name=None, full_shape=None, var_offset=None, var_shape=None, save_slice_info_def=None,
                 import_scope=None):
        if save_slice_info_def:
            self.full_name = prepend_name_scope(save_slice_info_def.full_name, import_scope)
            self.full_shape = list(save_slice_info_def.full_shape)
            self.var_offset = list(save_slice_info_def.var_offset)
            self.var_shape = list(save_slice_info_def.var_shape)
        else:
            self.full_name = full_name
            self.full_shape = full_shape
            self.var_offset = var_offset
            self.var_shape = var_shape

    @property
    def spec(self) -> str:
        """``"<full shape> <offset>,<length>:..."``, e.g. ``"10 4 0,5:0,4"``."""
        extents = ":".join(f"{o:d},{s:d}" for o, s in zip(self.var_offset, self.var_shape))
        return " ".join(f"{d:d}" for d in self.full_shape) + " " + extents

    @classmethod
    def from_spec(cls, spec: str) -> "SaveSliceInfo":
        """The ``SaveSliceInfo`` (no ``full_name``) a ``spec`` string describes."""
        if not spec:
            return cls()
        try:
            full_text, slice_text = spec.rsplit(" ", 1)
        except ValueError as e:
            raise ValueError("Spec string must contain space-separated full_shape info.") from e
        full_shape = []
        for dim in full_text.split():
            try:
                full_shape.append(int(dim))
            except ValueError as e:
                raise ValueError(f"Spec string full_shape must be a sequence of integers. Found '{dim}', which is "
                                 f"not an integer.") from e
        offsets, shapes = [], []
        for pair in slice_text.split(":"):
            try:
                offset, size = pair.split(",")
            except ValueError as e:
                raise ValueError("Spec string must contain comma-separated pairs of offsets and shapes.") from e
            for text, out, what in ((offset, offsets, "var_offset"), (size, shapes, "var_shape")):
                try:
                    out.append(int(text))
                except ValueError as e:
                    raise ValueError(f"Spec string {what} must be an integer. Found '{text}', which is not an "
                                     f"integer.") from e
        return cls(full_shape=full_shape, var_offset=offsets, var_shape=shapes)

    def to_proto(self, export_scope=None):
        """The ``SaveSliceInfoDef`` proto, or ``None`` when ``full_name`` lies outside
        ``export_scope``."""
        if export_scope is not None and not self.full_name.startswith(export_scope):
            return None
        proto = protos.SaveSliceInfoDef()
        proto.full_name = strip_name_scope(self.full_name, export_scope)
        proto.full_shape.extend(self.full_shape)
        proto.var_offset.extend(self.var_offset)
        proto.var_shape.extend(self.var_shape)
        return proto

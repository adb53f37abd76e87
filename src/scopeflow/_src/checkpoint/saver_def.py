"""``tf.train.SaverDef``: the names of a ``Saver``'s filename tensor, save tensor and restore op.

``SaverDef`` is TensorFlow's protocol buffer class itself (``saver.proto``), so a ``.meta``
file carries it unchanged and ``str()`` gives its text format.

>>> print(SaverDef(filename_tensor_name="save/Const:0", save_tensor_name="save/control_dependency:0",
...                restore_op_name="save/restore_all", max_to_keep=5, keep_checkpoint_every_n_hours=10000,
...                version=SaverDef.V2), end="")
filename_tensor_name: "save/Const:0"
save_tensor_name: "save/control_dependency:0"
restore_op_name: "save/restore_all"
max_to_keep: 5
keep_checkpoint_every_n_hours: 10000
version: V2
"""

from __future__ import annotations

from scopeflow._src import protos
from scopeflow._src.framework.scoped_names import prepend_name_scope, strip_name_scope

SaverDef = protos.SaverDef

_NAME_FIELDS = ("filename_tensor_name", "save_tensor_name", "restore_op_name")


def scope_saver_def(saver_def, import_scope: str) -> None:
    """Move the tensor and op names of ``saver_def`` under ``import_scope`` (in place)."""
    for field in _NAME_FIELDS:
        setattr(saver_def, field, prepend_name_scope(getattr(saver_def, field), import_scope))


def unscoped_saver_def(saver_def, export_scope: str):
    """A copy of ``saver_def`` with ``export_scope`` taken off its names, or ``None`` when one
    of them lies outside it (TensorFlow's ``Saver.to_proto``)."""
    if not all(getattr(saver_def, field).startswith(export_scope) for field in _NAME_FIELDS):
        return None
    unscoped = SaverDef()
    unscoped.CopyFrom(saver_def)
    for field in _NAME_FIELDS:
        setattr(unscoped, field, strip_name_scope(getattr(unscoped, field), export_scope))
    return unscoped

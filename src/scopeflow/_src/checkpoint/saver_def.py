"""``tf.train.SaverDef``: the names of a ``Saver``'s filename tensor, save tensor and restore op."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass
class SaverDef:
    """TensorFlow's ``SaverDef`` proto as a plain object; ``str()`` gives its text format.

    >>> print(SaverDef("save/Const:0", "save/control_dependency:0", "save/restore_all", 5), end="")
    filename_tensor_name: "save/Const:0"
    save_tensor_name: "save/control_dependency:0"
    restore_op_name: "save/restore_all"
    max_to_keep: 5
    keep_checkpoint_every_n_hours: 10000
    version: V2
    """

    LEGACY = 0
    V1 = 1
    V2 = 2

    filename_tensor_name: str = ""
    save_tensor_name: str = ""
    restore_op_name: str = ""
    max_to_keep: int = 0
    sharded: bool = False
    keep_checkpoint_every_n_hours: float = 10000.0
    version: int = 2

    def __str__(self) -> str:
        lines = [f'{name}: "{getattr(self, name)}"' for name in
                 ("filename_tensor_name", "save_tensor_name", "restore_op_name") if getattr(self, name)]
        if self.max_to_keep:
            lines.append(f"max_to_keep: {self.max_to_keep}")
        if self.sharded:
            lines.append("sharded: true")
        if self.keep_checkpoint_every_n_hours:
            hours = repr(float(self.keep_checkpoint_every_n_hours))
            lines.append(f"keep_checkpoint_every_n_hours: {hours[:-2] if hours.endswith('.0') else hours}")
        if self.version:
            lines.append(f"version: {('LEGACY', 'V1', 'V2')[self.version]}")
        return "".join(line + "\n" for line in lines)

"""What a ``Saver`` saves: checkpoint keys paired with variables, checked as TensorFlow does.

A list of variables is keyed by each variable's op name (``layer1/w``); a dict gives the
keys. Duplicates, non-variables and non-string keys are refused with TensorFlow's messages.
"""

from __future__ import annotations

import dataclasses

from scopeflow._src.framework import nest
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import get_collection
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.framework.operation import Tensor

_VARIABLE_OPS = frozenset(("Variable", "VariableV2", "AutoReloadVariable", "VarHandleOp", "ReadVariableOp"))


@dataclasses.dataclass
class Saveable:
    """One checkpoint key and the variable (its reference tensor) saved under it."""

    name: str
    tensor: Tensor

    @property
    def dtype(self):
        return self.tensor.dtype.base_dtype

    @property
    def shape(self):
        return self.tensor.shape


def all_saveable_objects(scope=None) -> list:
    """``GLOBAL_VARIABLES`` plus ``SAVEABLE_OBJECTS`` (what ``Saver()`` saves by default)."""
    return get_collection(GraphKeys.GLOBAL_VARIABLES, scope) + get_collection(GraphKeys.SAVEABLE_OBJECTS, scope)



def _ref_tensor(var, message):
    tensor = convert_to_tensor(var, as_ref=True)
    if tensor.op.type not in _VARIABLE_OPS:
        raise TypeError(f"{message}{tensor}")
    return tensor


def op_list_to_dict(op_list) -> dict:
    """``{op name: variable}`` for a list of variables, refusing duplicate names."""
    if not isinstance(op_list, (list, tuple, set)):
        raise TypeError(f"Variables to save should be passed in a dict or a list. Got {op_list}")
    out = {}
    for var in sorted(nest.flatten(list(op_list)), key=lambda x: x.name):
        tensor = _ref_tensor(var, "Variable to save is not a Variable: ")
        name = tensor.op.inputs[0].op.name if tensor.op.type == "ReadVariableOp" else tensor.op.name
        if name in out:
            raise ValueError(f"At least two variables have the same name: {name}")
        out[name] = tensor
    return out


def validate_and_slice_inputs(names_to_saveables: dict) -> list:
    """The ``Saveable`` list in key order; one variable may not be saved under two keys."""
    saveables, seen = [], set()
    for name, var in sorted(names_to_saveables.items(), key=lambda x: x[0]):
        if not isinstance(name, str):
            raise TypeError(f"names_to_saveables must be a dict mapping string names to trackable operations. "
                            f"Name is not a string: {name}")
        if isinstance(var, (list, tuple)):
            raise ValueError(f"Slices must all be slices: {var[0] if var else var}")
        tensor = _ref_tensor(var, "names_to_saveables must be a dict mapping string names to Tensors/Variables. "
                                  "Not a variable: ")
        if tensor in seen:
            raise ValueError(f"The same saveable will be restored with two names: {name}")
        seen.add(tensor)
        saveables.append(Saveable(name, tensor))
    return saveables


def build_saveables(var_list) -> list:
    """``Saveable`` objects for ``Saver(var_list)`` (a list or a dict of variables)."""
    if not isinstance(var_list, dict):
        var_list = op_list_to_dict(var_list)
    return validate_and_slice_inputs(var_list)

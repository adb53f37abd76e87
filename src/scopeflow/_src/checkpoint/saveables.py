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
from scopeflow._src.variables.partitioned import PartitionedVariable

_VARIABLE_OPS = frozenset(("Variable", "VariableV2", "AutoReloadVariable", "VarHandleOp", "ReadVariableOp"))


@dataclasses.dataclass
class Saveable:
    """One checkpoint key and the variable (its reference tensor) saved under it; for a
    shard of a partitioned variable, also its ``slice_spec`` (``"10 4 0,4:0,4"``): the key is
    then the whole variable's name, shared by all its shards."""

    name: str
    tensor: Tensor
    slice_spec: str = ""
    variable: object = None

    @property
    def dtype(self):
        return self.tensor.dtype.base_dtype

    @property
    def shape(self):
        return self.tensor.shape

    @property
    def save_tensor(self):
        """What ``SaveV2`` reads: the variable itself, or a shard's snapshot (as TensorFlow)."""
        return self.variable.value() if self.slice_spec else self.tensor

    @property
    def full_shape(self):
        """The shape stored in the checkpoint: the whole variable's for a shard (``None``
        when unknown)."""
        if self.slice_spec:
            return list(self.variable._get_save_slice_info().full_shape)
        return self.shape.as_list() if self.shape.ndims is not None else None

def all_saveable_objects(scope=None) -> list:
    """``GLOBAL_VARIABLES`` plus ``SAVEABLE_OBJECTS`` (what ``Saver()`` saves by default)."""
    return get_collection(GraphKeys.GLOBAL_VARIABLES, scope) + get_collection(GraphKeys.SAVEABLE_OBJECTS, scope)



def _ref_tensor(var, message):
    tensor = convert_to_tensor(var, as_ref=True)
    if tensor.op.type not in _VARIABLE_OPS:
        raise TypeError(f"{message}{tensor}")
    return tensor


def _is_partitioned(var) -> bool:
    return isinstance(var, PartitionedVariable)


def _slice_info(var):
    return getattr(var, "_save_slice_info", None) if hasattr(var, "_get_save_slice_info") else None


def op_list_to_dict(op_list) -> dict:
    """``{op name: variable}`` for a list of variables, refusing duplicate names; the shards
    of a partitioned variable are grouped in a list under the whole variable's name."""
    if not isinstance(op_list, (list, tuple, set)):
        raise TypeError(f"Variables to save should be passed in a dict or a list. Got {op_list}")
    out = {}
    for var in sorted(nest.flatten(list(op_list)), key=lambda x: x.name):
        if _is_partitioned(var):
            if var.name in out:
                raise ValueError(f"At least two variables have the same name: {var.name}")
            out[var.name] = var
            continue
        info = _slice_info(var)
        if info is not None:
            group = out.setdefault(info.full_name, [])
            if not isinstance(group, list):
                raise ValueError(f"Mixing slices and non-slices with the same name: {info.full_name}")
            group.append(var)
            continue
        tensor = _ref_tensor(var, "Variable to save is not a Variable: ")
        name = tensor.op.inputs[0].op.name if tensor.op.type == "ReadVariableOp" else tensor.op.name
        if name in out:
            raise ValueError(f"At least two variables have the same name: {name}")
        out[name] = tensor
    return out


def _slices_of(name, group) -> list:
    out, full_name = [], None
    for var in list(group):
        if not hasattr(var, "_get_save_slice_info"):
            raise ValueError(f"Slices must all be Variables: {var}")
        info = var._get_save_slice_info()
        if not info:
            raise ValueError(f"Slices must all be slices: {var}")
        if full_name is None:
            full_name = info.full_name
        elif full_name != info.full_name:
            raise ValueError(f"Slices must all be from the same tensor: {full_name} != {info.full_name}")
        out.append(Saveable(name, _ref_tensor(var, "Slices must all be Variables: "), info.spec, var))
    return out


def validate_and_slice_inputs(names_to_saveables: dict) -> list:
    """The ``Saveable`` list in key order; one variable may not be saved under two keys."""
    saveables, seen = [], set()
    for name, var in sorted(names_to_saveables.items(), key=lambda x: x[0]):
        if not isinstance(name, str):
            raise TypeError(f"names_to_saveables must be a dict mapping string names to trackable operations. "
                            f"Name is not a string: {name}")
        if isinstance(var, (list, tuple)) or _is_partitioned(var):
            found = _slices_of(name, var)
        else:
            found = [Saveable(name, _ref_tensor(var, "names_to_saveables must be a dict mapping string names to "
                                                     "Tensors/Variables. Not a variable: "))]
        for saveable in found:
            # as TF: a slice is known by its variable, a whole variable by its tensor (so a shard
            # may also be saved whole under another name)
            key = id(saveable.variable) if saveable.slice_spec else saveable.tensor
            if key in seen:
                raise ValueError(f"The same saveable will be restored with two names: {name}")
            seen.add(key)
            saveables.append(saveable)
    return saveables


def build_saveables(var_list) -> list:
    """``Saveable`` objects for ``Saver(var_list)`` (a list or a dict of variables)."""
    if not isinstance(var_list, dict):
        var_list = op_list_to_dict(var_list)
    return validate_and_slice_inputs(var_list)

"""``tf.train.init_from_checkpoint``: make variable initializers load from a checkpoint.

As in TensorFlow, nothing is read until the initializers run: each mapped variable gets
a ``checkpoint_initializer`` (``RestoreV2``) op and an ``Assign`` op that becomes its
``initializer``, so ``global_variables_initializer()`` loads the checkpoint values.
"""

from __future__ import annotations

from collections.abc import Mapping

from scopeflow._src.checkpoint import io_ops
from scopeflow._src.checkpoint.checkpoint_reader import checkpoint_filename, load_checkpoint
from scopeflow._src.framework.context import default_graph
from scopeflow._src.ops.state import variable_ops
from scopeflow._src.variables.store import store_for
from scopeflow._src.variables.variable import RefVariable


def init_from_checkpoint(ckpt_dir_or_file, assignment_map) -> None:
    """Override initializers of variables so that they load values from the checkpoint.

    ``assignment_map`` (a dict or a list of pairs) maps checkpoint names to current
    variables, with TensorFlow's rules:

    * ``'old_scope/': 'new_scope/'``: every variable under ``new_scope/`` (from
      ``get_variable``) loads the tensor of the same relative name under ``old_scope/``;
    * ``'/': 'new_scope/'``: the same from the checkpoint's root;
    * ``'old_scope/name': 'new_scope/name'`` or ``'name': variable``: one variable.

    Raises ``ValueError`` (TensorFlow's messages) for names missing from the checkpoint,
    shape mismatches, and a scope mapped to a single name.
    """
    ckpt_file = checkpoint_filename(ckpt_dir_or_file)
    reader = load_checkpoint(ckpt_dir_or_file)
    variable_map = reader.get_variable_to_shape_map()
    pairs = assignment_map.items() if isinstance(assignment_map, Mapping) else assignment_map
    store_vars = store_for(default_graph())._vars
    pending = []  # every variable is checked before any initializer changes: an error changes nothing
    for tensor_name, current in sorted(pairs, key=lambda pair: pair[0]):
        if isinstance(current, RefVariable) or (isinstance(current, list) and current and
                                                all(isinstance(v, RefVariable) for v in current)):
            var = current
        else:
            var = store_vars.get(current)
            if var is None:
                var = _collect_partitioned_variable(current, store_vars)
        if var is not None:
            if tensor_name not in variable_map:
                raise ValueError(f"Tensor {tensor_name} is not found in {ckpt_dir_or_file} checkpoint {variable_map}")
            if isinstance(var, RefVariable) and not var.get_shape().is_compatible_with(variable_map[tensor_name]):
                raise ValueError(f"Shape of variable {var.name} ({var.get_shape()}) doesn't match with shape of tensor "
                                 f"{tensor_name} ({variable_map[tensor_name]}) from checkpoint reader.")
            _set_variable_or_list_initializer(var, ckpt_file, tensor_name, pending)
            continue
        _init_scope(ckpt_dir_or_file, ckpt_file, variable_map, store_vars, tensor_name, current, pending)
    for args in pending:
        _set_checkpoint_initializer(*args)


def _collect_partitioned_variable(name, store_vars):
    """The shards ``name/part_0``, ``name/part_1``... of a partitioned variable, or ``None``."""
    if name + "/part_0" not in store_vars:  # (a TypeError for a non-name, as TensorFlow's)
        return None
    shards, i = [], 0
    while f"{name}/part_{i}" in store_vars:
        shards.append(store_vars[f"{name}/part_{i}"])
        i += 1
    return shards


def _set_variable_or_list_initializer(var, ckpt_file, tensor_name, pending):
    """One variable loads the whole tensor; a list of shards each load their slice of it (appended
    to ``pending`` as ``_set_checkpoint_initializer``'s arguments)."""
    if not isinstance(var, (list, tuple)):
        pending.append((var, ckpt_file, tensor_name))
        return
    full_name = None
    for shard in var:
        info = shard._save_slice_info
        if full_name is None:
            full_name = info.full_name
        elif full_name != info.full_name:
            raise ValueError(f"Slices must all be from the same tensor: {full_name} != {info.full_name}")
        pending.append((shard, ckpt_file, tensor_name, info.spec))


def _init_scope(ckpt_dir_or_file, ckpt_file, variable_map, store_vars, tensor_name, current, pending):
    scopes = current[:current.rindex("/")] if "/" in current else ""
    if not tensor_name.endswith("/"):
        raise ValueError(f"Assignment map with scope only name {scopes} should map to scope only {tensor_name}. "
                         f"Should be 'scope/': 'other_scope/'.")
    # a shard (w/part_1) stands for its whole partitioned variable (w), which loads once
    names = sorted({n[:n.index("/part_")] if "/part_" in n else n
                    for n in store_vars if not scopes or n.startswith(scopes + "/")})
    for var_name in names:
        full_name = var_name[len(scopes):]
        if current != "/":
            full_name = full_name[1:]
        if tensor_name != "/":
            full_name = tensor_name + full_name
        if full_name.endswith("/"):
            full_name = full_name[:-1]
        if full_name not in variable_map:
            raise ValueError(f"Tensor {full_name} ({var_name[len(scopes) + 1:]} in {tensor_name}) is not found in "
                             f"{ckpt_dir_or_file} checkpoint")
        var = store_vars.get(var_name)
        _set_variable_or_list_initializer(var if var is not None else _collect_partitioned_variable(
            var_name, store_vars), ckpt_file, full_name, pending)


def _set_checkpoint_initializer(variable, ckpt_file, tensor_name, slice_spec="", name="checkpoint_initializer"):
    """Replace ``variable``'s initializer by an assign from a ``RestoreV2`` of ``tensor_name``
    (of its slice ``slice_spec`` for a shard)."""
    restored = io_ops.restore_v2(ckpt_file, [tensor_name], [slice_spec], [variable.dtype.base_dtype], name=name)[0]
    shape = variable.get_shape()
    init = variable_ops.assign(variable._ref(), restored, validate_shape=shape.is_fully_defined())
    variable._initializer_op = init  # a Tensor, as in TensorFlow (its Assign output)
    restored.set_shape(shape)
    variable._initial_value = restored

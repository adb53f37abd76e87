"""Slot variables: the per-variable state of an optimizer (``w/Adam``, ``w/Momentum`` ...).

A slot of primary ``w`` is created with ``get_variable`` inside a fresh
``variable_scope(None, default_name="<w's op name>/<name>")``, so it is named
``w/Adam:0``, then ``w/Adam_1:0`` for the next slot under the same name, and inherits the
current variable scope as a prefix (inside ``variable_scope("outer")`` TF names it
``outer/outer/w/Adam:0``). Slots are never trainable; they go into ``variables``.
"""

from __future__ import annotations

import contextlib

from scopeflow._src.framework.default_graph import colocate_with
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.ops import array_ops
from scopeflow._src.variables import initializers
from scopeflow._src.variables.variable_scope import get_variable, get_variable_scope, variable_scope


def _prefix(primary) -> str:
    return primary.op.name


def _create_slot_var(primary, val, validate_shape, shape, dtype):
    scope = get_variable_scope()
    partitioner = scope.partitioner
    scope.set_partitioner(None)  # a slot is never partitioned, whatever the enclosing scope says
    try:
        slot = get_variable("", initializer=val, trainable=False, shape=shape if callable(val) else None,
                            dtype=dtype, validate_shape=validate_shape)
    finally:
        scope.set_partitioner(partitioner)
    _mark_slice(primary, slot)
    return slot


def _mark_slice(primary, slot):
    """A slot of a shard of a partitioned variable is a shard of the slot of the whole
    (``w/part_0/Adam`` saved as a slice of ``w/Adam``), cut on its leading dimensions, as TF."""
    info = getattr(primary, "_save_slice_info", None) if hasattr(primary, "_get_save_slice_info") else None
    if not info:
        return
    n = slot.shape.ndims
    if n is None or n > 0:
        slot_name = slot.name[len(primary.op.name + "/"):-2]
        slot._set_save_slice_info(slot.SaveSliceInfo(info.full_name + "/" + slot_name, info.full_shape[:n],
                                                     info.var_offset[:n], info.var_shape[:n]))


def create_slot(primary, val, name, colocate_with_primary=True):
    """A slot of ``primary`` initialised to the tensor ``val`` (whose dtype it takes), placed
    with ``primary`` unless ``colocate_with_primary`` is false."""
    validate_shape = val.get_shape().is_fully_defined()
    with variable_scope(None, _prefix(primary) + "/" + name), _placed_with(primary, colocate_with_primary):
        return _create_slot_var(primary, val, validate_shape, None, None)


def create_slot_with_initializer(primary, initializer, shape, dtype, name, colocate_with_primary=True):
    """A slot of ``primary`` of ``shape`` and ``dtype``, initialised by ``initializer``."""
    validate_shape = shape.is_fully_defined()
    with variable_scope(None, _prefix(primary) + "/" + name), _placed_with(primary, colocate_with_primary):
        return _create_slot_var(primary, initializer, validate_shape, shape, dtype)


def _placed_with(primary, colocate):
    """TF's ``colocate_vars_with(primary)`` of the default distribution strategy."""
    return colocate_with(primary) if colocate else contextlib.nullcontext()


def create_zeros_slot(primary, name, dtype=None, colocate_with_primary=True):
    """A slot of ``primary``'s shape filled with zeros (``w/<name>/Initializer/zeros``).

    Differs from TF for a variable of partly unknown shape: TF takes the shape through a
    ``cond`` on ``is_variable_initialized``; scopeflow takes it from the initial value.
    """
    if dtype is None:
        dtype = primary.dtype
    dtype = dtype.base_dtype
    slot_shape = primary.get_shape()
    if slot_shape.is_fully_defined():
        return create_slot_with_initializer(primary, initializers.zeros_initializer(), slot_shape, dtype, name,
                                            colocate_with_primary)
    source = primary if isinstance(primary, Tensor) else primary.initial_value
    val = array_ops.zeros(array_ops.shape(source), dtype=dtype)
    return create_slot(primary, val, name, colocate_with_primary)

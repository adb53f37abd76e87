"""The hash-table op types. ``HashTableV2`` outputs the session's table (created once per
shared name, kept until the session closes); the others take it as their first input. All
are stateful: never folded, cached or pruned."""

from __future__ import annotations

import itertools

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import shape_fns
from scopeflow._src.ops.common.shape_context import shape_fn
from scopeflow._src.ops.lookup import text_file
from scopeflow._src.ops.lookup.hash_table import HashTable

_HANDLE = "table_handle: resource"
_own_tables = itertools.count()


def _hash_table_factory(op, state):
    value_dtype = op._attrs["value_dtype"].as_numpy_dtype
    shared = op._attrs.get("shared_name", "") or (op.name if op._attrs.get("use_node_name_sharing") else "")
    if shared:
        table = state.named_resource((op._attrs.get("container", ""), shared), lambda: HashTable(shared, value_dtype))
    else:
        table = state.add_resource(HashTable(f"_{next(_own_tables)}_{op.name}", value_dtype))
    return lambda: table


def _keys_values(op, keys, values):
    if values.shape[:keys.ndim] != keys.shape:
        raise errors.InvalidArgumentError(None, op, "Expected shape " + shape_fns.dims_text(keys.shape)
                                          + " for value, got " + shape_fns.dims_text(values.shape))
    return keys.reshape(-1).tolist(), values.reshape(-1).tolist()


def _import_kernel(op):
    def import_(table, keys, values):
        table.insert(op, *_keys_values(op, keys, values))
    return import_


def _text_file_factory(op, state):
    a = op._attrs

    def initialize(table, filename):
        keys, values = text_file.read_entries(
            op, filename.item().decode("utf-8"), a["key_index"], a["value_index"], a.get("vocab_size", -1),
            a.get("delimiter", "\t"), a.get("offset", 0), _table_dtype(op, 0), table.value_dtype)
        table.insert(op, keys, values)
    return initialize


def _table_dtype(op, which):
    producer = op.inputs[0].op
    return np.dtype(producer._attrs["key_dtype" if which == 0 else "value_dtype"].as_numpy_dtype)


@shape_fn
def _import_shape(ctx, attrs):
    ctx.with_rank(0, 0)
    keys, values = ctx.dims(1), ctx.dims(2)
    if keys and values and None not in (keys[0], values[0]) and keys[0] != values[0]:
        raise ctx.error(f"Dimensions must be equal, but are {keys[0]} and {values[0]}")
    return []


def _find_shape(inputs, attrs):
    return inputs[1].shape


def _scalar(inputs, attrs):
    return TensorShape(())


_TABLE_DEFAULTS = {"container": "", "shared_name": "", "use_node_name_sharing": False}
registry.register(OpDef("HashTableV2", outputs=[_HANDLE], attrs={"key_dtype": None, "value_dtype": None},
                        defaults=_TABLE_DEFAULTS, shape=_scalar, factory=_hash_table_factory, stateful=True))
for _type, _tin, _tout in (("LookupTableImportV2", "Tin", "Tout"), ("InitializeTableV2", "Tkey", "Tval")):
    registry.register(OpDef(_type, inputs=[_HANDLE, f"keys: {_tin}", f"values: {_tout}"],
                            attrs={_tin: None, _tout: None}, shape=_import_shape,
                            factory=lambda op, state: _import_kernel(op), stateful=True))
registry.register(OpDef("InitializeTableFromTextFileV2", inputs=[_HANDLE, "filename: string"],
                        defaults={"vocab_size": -1, "delimiter": "\t", "offset": 0}, factory=_text_file_factory,
                        stateful=True))
registry.register(OpDef("LookupTableFindV2", inputs=[_HANDLE, "keys: Tin", "default_value: Tout"],
                        outputs=["values: Tout"], attrs={"Tin": None, "Tout": None}, shape=_find_shape,
                        factory=lambda op, state: lambda table, keys, default: table.find(op, keys, default),
                        stateful=True))
registry.register(OpDef("LookupTableSizeV2", inputs=[_HANDLE], outputs=["size: int64"], shape=_scalar,
                        kernel=lambda table: table.size(), stateful=True))


# -- building (as TF's generated gen_lookup_ops) ----------------------------------------------------
def hash_table(key_dtype, value_dtype, shared_name="", name=None):
    """A ``HashTableV2`` op's handle."""
    attrs = {"key_dtype": dtypes.as_dtype(key_dtype), "value_dtype": dtypes.as_dtype(value_dtype),
             "container": "", "shared_name": shared_name, "use_node_name_sharing": False}
    return create_output("HashTableV2", [], attrs, name=name)


def import_table(handle, keys, values, name=None):
    """A ``LookupTableImportV2`` op filling the table with ``keys`` -> ``values``."""
    return create("LookupTableImportV2", [handle, keys, values], name=name)


def initialize_from_text_file(handle, filename, key_index, value_index, vocab_size, delimiter, offset, name=None):
    """An ``InitializeTableFromTextFileV2`` op filling the table from a vocabulary file."""
    attrs = {"key_index": int(key_index), "value_index": int(value_index), "vocab_size": int(vocab_size),
             "delimiter": delimiter, "offset": int(offset)}
    return create("InitializeTableFromTextFileV2", [handle, filename], attrs, name=name)


def find(handle, keys, default_value, name=None):
    """A ``LookupTableFindV2`` op: each key's value, or ``default_value``."""
    return create_output("LookupTableFindV2", [handle, keys, default_value], name=name)


def size(handle, name=None):
    """A ``LookupTableSizeV2`` op: the number of entries."""
    return create_output("LookupTableSizeV2", [handle], name=name)

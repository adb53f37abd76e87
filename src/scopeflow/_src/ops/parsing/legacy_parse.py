"""TF1's ``ParseExample``, ``ParseSingleExample``, ``ParseSequenceExample`` and
``ParseSingleSequenceExample`` op types, which graphs written by older TensorFlow versions
hold (a serving graph's ``tf.Example`` input, say): no wrapper builds them (the wrappers build
the ``V2`` ops, as TensorFlow 2.21 does), but ``tf.import_graph_def`` can, and their kernels
parse as the ``V2`` ops' do.

``ParseExample`` takes each key as a scalar string input and a vector of records;
``ParseSingleExample`` takes one record and its keys as attributes. ``ParseSequenceExample``
takes its keys as attributes, ``ParseSingleSequenceExample`` as inputs (and has no lengths).
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import registry
from scopeflow._src.framework.registry import Arg, OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common.shape_context import shape_fn
from scopeflow._src.ops.parsing.features import PARSED_TYPES
from scopeflow._src.ops.parsing.parse_example import parse_records
from scopeflow._src.ops.parsing.parse_sequence_example import (
    CONTEXT_DEFAULTS,
    CONTEXT_OUTPUTS,
    LENGTHS,
    LIST_OUTPUTS,
    parse_sequences,
)

_DENSE, _SPARSE = "_num_dense", "_num_sparse_types"  # private lengths of the type lists (as ParseExampleV2's)


def _outputs(count):
    """The outputs of both ops, whose sparse count attributes have different names."""
    return [f"sparse_indices: {count} * int64", Arg("sparse_values", type_attr="sparse_types", number_attr=_SPARSE),
            f"sparse_shapes: {count} * int64", Arg("dense_values", type_attr="Tdense", number_attr=_DENSE)]


def _outputs_shapes(n, rank, dense_shapes, lead):
    """Static shapes: indices ``[?, rank]``, values ``[?]``, dense shapes ``[rank]``, each dense
    value ``lead + its shape``."""
    dense = [UNKNOWN if lead is None else TensorShape(lead + s.as_list()) for s in dense_shapes]
    return [TensorShape([None, rank])] * n + [TensorShape([None])] * n + [TensorShape([rank])] * n + dense


@shape_fn
def _example_shape(ctx, attrs):
    ctx.with_rank(0, 1)
    return _outputs_shapes(attrs["Nsparse"], 2, attrs["dense_shapes"], list(ctx.dims(0)))


@shape_fn
def _single_shape(ctx, attrs):
    ctx.with_rank(0, 0)
    return _outputs_shapes(attrs["num_sparse"], 1, attrs["dense_shapes"], [])


def _example_factory(op, state):
    specs, n_sparse, n_dense = {}, op._attrs["Nsparse"], op._attrs["Ndense"]

    def parse_example(serialized, names, *rest):
        keys = [k.item() for k in rest[:n_sparse + n_dense]]
        return parse_records(op, specs, serialized, names, keys[:n_sparse], keys[n_sparse:], rest[n_sparse + n_dense:],
                             kind="vector")
    return parse_example


def _single_factory(op, state):
    specs, attrs, no_names = {}, op._attrs, np.zeros(0, dtype=object)

    def parse_single_example(serialized, *defaults):
        return parse_records(op, specs, serialized, no_names, list(attrs["sparse_keys"]), list(attrs["dense_keys"]),
                             defaults, kind="scalar")
    return parse_single_example


registry.register(OpDef(
    "ParseExample",
    inputs=["serialized: string", "names: string", "sparse_keys: Nsparse * string", "dense_keys: Ndense * string",
            Arg("dense_defaults", type_attr="Tdense", number_attr=_DENSE)],
    outputs=_outputs("Nsparse"), attrs={"Tdense": PARSED_TYPES, "sparse_types": PARSED_TYPES},
    shape=_example_shape, factory=_example_factory))
registry.register(OpDef(
    "ParseSingleExample", inputs=["serialized: string", Arg("dense_defaults", type_attr="Tdense", number_attr=_DENSE)],
    outputs=_outputs("num_sparse"), attrs={"Tdense": PARSED_TYPES, "sparse_types": PARSED_TYPES},
    shape=_single_shape, factory=_single_factory))


# -- TF1's sequence parse ops -------------------------------------------------------------------
_SEQUENCE_OUTPUTS = CONTEXT_OUTPUTS + LIST_OUTPUTS
_SEQUENCE_TYPES = {"Tcontext_dense": PARSED_TYPES, "context_sparse_types": PARSED_TYPES,
                   "feature_list_dense_types": PARSED_TYPES, "feature_list_sparse_types": PARSED_TYPES}
_SEQUENCE_DEFAULTS = {"Ncontext_sparse": 0, "Ncontext_dense": 0, "Nfeature_list_sparse": 0, "Nfeature_list_dense": 0,
                      "context_sparse_types": [], "Tcontext_dense": [], "feature_list_dense_types": [],
                      "context_dense_shapes": [], "feature_list_sparse_types": [], "feature_list_dense_shapes": []}


def _sequence_shapes(attrs, batch):
    """Static shapes of the sequence ops' outputs for a batch of ``batch`` (``None``: one record)."""
    lead = [] if batch is None else [batch]

    def sparse(n, rank):
        return [TensorShape([None, rank])] * n + [TensorShape([None])] * n + [TensorShape([rank])] * n
    return (sparse(attrs["Ncontext_sparse"], len(lead) + 1)
            + [TensorShape(lead + s.as_list()) for s in attrs["context_dense_shapes"]]
            + sparse(attrs["Nfeature_list_sparse"], len(lead) + 2)
            + [TensorShape(lead + [None] + s.as_list()) for s in attrs["feature_list_dense_shapes"]]
            + ([TensorShape(lead)] * attrs["Nfeature_list_dense"] if batch is not None else []))


@shape_fn
def _sequence_shape(ctx, attrs):
    ctx.with_rank(0, 1)
    return _sequence_shapes(attrs, ctx.dims(0)[0])


@shape_fn
def _single_sequence_shape(ctx, attrs):
    ctx.with_rank(0, 0)
    return _sequence_shapes(attrs, None)


def _sequence_factory(op, state):
    attrs = op._attrs
    keys = [list(attrs.get(k, [])) for k in ("context_sparse_keys", "context_dense_keys", "feature_list_sparse_keys",
                                            "feature_list_dense_keys")]
    empty = {k if isinstance(k, bytes) else k.encode()
             for k in attrs.get("feature_list_dense_missing_assumed_empty", [])}

    def parse_sequence_example(serialized, debug_name, *defaults):
        missing_ok = [(k if isinstance(k, bytes) else k.encode()) in empty for k in keys[3]]
        return parse_sequences(op, serialized, debug_name, keys, missing_ok, defaults)
    return parse_sequence_example


def _single_sequence_factory(op, state):
    attrs = op._attrs
    counts = [attrs[k] for k in ("Ncontext_sparse", "Ncontext_dense", "Nfeature_list_sparse", "Nfeature_list_dense")]

    def parse_single_sequence_example(serialized, missing, *rest):
        flat, keys = [k.item() for k in rest[:sum(counts)]], []
        for n in counts:
            keys.append(flat[:n])
            flat = flat[n:]
        empty = set(missing.reshape(-1).tolist())
        out = parse_sequences(op, serialized, rest[-1], keys, [k in empty for k in keys[3]], rest[sum(counts):-1])
        return out[:len(out) - counts[3]]  # no lengths: this op has no such output
    return parse_single_sequence_example


registry.register(OpDef(
    "ParseSequenceExample",
    inputs=["serialized: string", "debug_name: string",
            CONTEXT_DEFAULTS],
    outputs=_SEQUENCE_OUTPUTS + [LENGTHS],
    attrs=_SEQUENCE_TYPES, defaults=_SEQUENCE_DEFAULTS, shape=_sequence_shape, factory=_sequence_factory))
registry.register(OpDef(
    "ParseSingleSequenceExample",
    inputs=["serialized: string", "feature_list_dense_missing_assumed_empty: string",
            "context_sparse_keys: Ncontext_sparse * string", "context_dense_keys: Ncontext_dense * string",
            "feature_list_sparse_keys: Nfeature_list_sparse * string",
            "feature_list_dense_keys: Nfeature_list_dense * string",
            CONTEXT_DEFAULTS, "debug_name: string"],
    outputs=_SEQUENCE_OUTPUTS, attrs=_SEQUENCE_TYPES, defaults=_SEQUENCE_DEFAULTS, shape=_single_sequence_shape,
    factory=_single_sequence_factory))

"""TF1's ``ParseExample`` and ``ParseSingleExample`` op types, which graphs written by older
TensorFlow versions hold (a serving graph's ``tf.Example`` input, say): no wrapper builds them
(``tf.io.parse_example`` builds ``ParseExampleV2``, as TensorFlow 2.21 does), but
``tf.import_graph_def`` can, and their kernels parse as ``ParseExampleV2``'s does.

``ParseExample`` takes each key as a scalar string input and a vector of records;
``ParseSingleExample`` takes one record and its keys as attributes.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import registry
from scopeflow._src.framework.registry import Arg, OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common.shape_context import shape_fn
from scopeflow._src.ops.parsing.features import PARSED_TYPES
from scopeflow._src.ops.parsing.parse_example import parse_records

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

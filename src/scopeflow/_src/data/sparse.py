"""``SparseTensor`` components of dataset elements.

As in TensorFlow, a sparse component travels through the dataset ops as one ``variant``
tensor: ``SerializeSparse`` (``from_tensors``, a function's sparse result) or
``SerializeManySparse`` (``from_tensor_slices``: one per row) makes it, and
``DeserializeSparse`` after ``IteratorGetNext`` (or at a function's argument) turns it back
into a ``SparseTensor`` whose dense shape is the static one where it is known. In a session
the variant is a 0-d object array holding ``SparseParts``; ``batch`` merges the parts of its
elements into one sparse value with a leading batch dimension.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.framework.tensor_util import constant_value_as_shape
from scopeflow._src.ops.array.joining import stack, unstack


class SparseParts(NamedTuple):
    """A sparse value: ``indices`` (int64 ``[n, rank]``), ``values`` (``[n]``), ``dense_shape``."""

    indices: np.ndarray
    values: np.ndarray
    dense_shape: np.ndarray


def boxed(parts) -> np.ndarray:
    """``parts`` as the 0-d object array a variant tensor holds (a plan's results come unboxed)."""
    box = np.empty((), dtype=object)
    box[()] = parts
    return box


def _rows(indices, values, dense_shape):
    """The sparse rows of a sparse value, as boxed parts (``SerializeManySparse``)."""
    indices, values, dense_shape = np.asarray(indices), np.asarray(values), np.asarray(dense_shape)
    out = np.empty(int(dense_shape[0]), dtype=object)
    for row in range(len(out)):
        keep = indices[:, 0] == row
        out[row] = SparseParts(indices[keep, 1:], values[keep], dense_shape[1:])
    return out


def merge(parts) -> SparseParts:
    """The sparse values ``parts`` stacked along a new leading dimension (``batch``)."""
    parts = list(parts)
    rank = max((len(p.dense_shape) for p in parts), default=0)
    shape = np.zeros(rank, np.int64)
    for p in parts:
        shape = np.maximum(shape, p.dense_shape)
    indices = [np.hstack([np.full((len(p.indices), 1), i, np.int64), p.indices]) for i, p in enumerate(parts)]
    values = [p.values for p in parts]
    return SparseParts(np.concatenate(indices) if indices else np.zeros((0, rank + 1), np.int64),
                       np.concatenate(values) if values else np.zeros(0),
                       np.concatenate([[len(parts)], shape]).astype(np.int64))


def finish_batch(components) -> tuple:
    """A batch's components with each column of sparse values merged into one."""
    out = list(components)
    for i, c in enumerate(out):
        if c.dtype == object and c.size and isinstance(c.flat[0], SparseParts):
            out[i] = boxed(merge(c.reshape(-1)))
    return tuple(out)


def _deserialize(serialized):
    if isinstance(serialized, SparseParts):
        parts = serialized
    else:
        box = np.asarray(serialized, dtype=object)
        parts = box.item() if box.ndim == 0 else merge(box.reshape(-1))
    return parts.indices.astype(np.int64), parts.values, parts.dense_shape.astype(np.int64)


_SERIALIZE = dict(inputs=["sparse_indices: int64", "sparse_values: T", "sparse_shape: int64"],
                  outputs=["serialized_sparse: out_type"],
                  attrs={"T": None, "out_type": [dtypes.string, dtypes.variant]})
registry.register(OpDef("SerializeSparse", **_SERIALIZE, shape=lambda inputs, attrs: TensorShape([3]),
                        kernel=lambda i, v, s: boxed(SparseParts(np.asarray(i), np.asarray(v), np.asarray(s))),
                        defaults={"out_type": dtypes.string}))
registry.register(OpDef("SerializeManySparse", **_SERIALIZE, shape=lambda inputs, attrs: TensorShape([None, 3]),
                        kernel=_rows, defaults={"out_type": dtypes.string}))
registry.register(OpDef("DeserializeSparse", inputs=["serialized_sparse: Tserialized"],
                        outputs=["sparse_indices: int64", "sparse_values: dtype", "sparse_shape: int64"],
                        attrs={"dtype": None, "Tserialized": [dtypes.string, dtypes.variant]},
                        shape=lambda inputs, attrs: [TensorShape([None, None]), TensorShape([None]),
                                                     TensorShape([None])],
                        kernel=_deserialize, defaults={"Tserialized": dtypes.string}))


def to_variant(st: SparseTensor, many: bool):
    """``st`` as the variant a dataset carries (one per row with ``many``)."""
    op_type = "SerializeManySparse" if many else "SerializeSparse"
    return create(op_type, [st.indices, st.values, st.dense_shape], {"out_type": dtypes.variant})._outputs[0]


def static_shape(st: SparseTensor) -> TensorShape:
    """The dense shape of ``st`` as far as it is known while building."""
    return constant_value_as_shape(st.dense_shape)


def from_variant(variant, dtype, shape: TensorShape) -> SparseTensor:
    """TF's ``SparseTensorSpec._from_compatible_tensor_list``: ``DeserializeSparse``, with the
    static dense shape restored where it is known."""
    op = create("DeserializeSparse", [variant], {"dtype": dtype, "Tserialized": dtypes.variant})
    indices, values, dense_shape = op._outputs
    rank = shape.ndims
    if shape.is_fully_defined():
        dense_shape = convert_to_tensor(shape.as_list(), dtype=dtypes.int64, name="shape")
    elif rank is not None and any(d is not None for d in shape.as_list()):
        pieces = unstack(dense_shape, num=rank)
        for i, dim in enumerate(shape.as_list()):
            if dim is not None:
                pieces[i] = constant(dim, dtypes.int64)
        dense_shape = stack(pieces)
    return SparseTensor(indices, values, dense_shape)

"""The values ``ParseExampleV2`` computes: serialized ``Example``s into one sparse triple
(indices, values, dense shape) per ``VarLenFeature`` key and one dense array per fixed or
sequence key, with the checks and messages of TensorFlow's kernel. A batch (a vector of
records) and a single record (a scalar) word their errors differently, as TF's two code paths
do; ``Spec`` holds what the op's attributes say of one key.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.parsing.example_wire import (
    Malformed,
    UnsupportedKind,
    feature_kind,
    feature_values,
    features_of,
)

KIND_OF = {dtypes.string: "bytes", dtypes.float32: "float", dtypes.int64: "int64"}
_TYPE_NAME = {"bytes": "string", "float": "float", "int64": "int64"}


class ParseError(Exception):
    """A record that TensorFlow's kernel refuses: the message is TF's."""


class Spec(NamedTuple):
    """One requested key: its kind (``"bytes"``, ``"float"``, ``"int64"``), NumPy dtype, and
    for a dense key its shape (``None`` for a sparse one; a leading ``None``: a sequence)."""

    key: bytes
    kind: str
    np_dtype: object
    shape: tuple | None

    @classmethod
    def of(cls, key, dtype, shape: TensorShape | None = None):
        dims = None if shape is None else tuple(shape.as_list())
        return cls(key, KIND_OF[dtype], object if dtype == dtypes.string else dtype.as_numpy_dtype, dims)


def shape_text(dims) -> str:
    return "[" + ",".join("?" if d is None else str(d) for d in dims) + "]"


def _where(single: bool, names, i: int, key: bytes) -> str:
    if single:
        return f"Key: {key.decode()}.  "
    return f"Name: {names[i] if names else '<unknown>'}, Key: {key.decode()}, Index: {i}.  "


def _required(single, names, i, spec) -> ParseError:
    where = "" if single else f"Name: {names[i] if names else '<unknown>'}, "
    return ParseError(f"{where}Feature: {spec.key.decode()} (data type: {_TYPE_NAME[spec.kind]}) is required but "
                      f"could not be found.")


def decode_records(records: list) -> list:
    """Each serialized record's features (``features_of``), or TF's error for the first that
    does not parse."""
    out = []
    for record in records:
        try:
            out.append(features_of(record))
        except Malformed:
            raise ParseError(f"Could not parse example input, value: '{record.decode('utf-8', 'replace')}'") from None
    return out


def _values(raw, spec, single, names, i, dense):
    """The values of example ``i``'s feature ``raw`` for ``spec``, type-checked (the error's
    place is worded only when there is an error)."""
    try:
        kind = feature_kind(raw)
        if kind is not None and kind != spec.kind:
            got, want, where = _TYPE_NAME[kind], _TYPE_NAME[spec.kind], _where(single, names, i, spec.key)
            if dense:
                raise ParseError(f"{where}Data types don't match. Data type: {got} but expected type: {want}")
            raise ParseError(f"{where}Data types don't match. Expected type: {want}, Actual type: {got}")
        return feature_values(raw if kind is not None else b"", spec.kind)
    except UnsupportedKind:
        raise ParseError("Unsupported datatype.") from None
    except Malformed:
        if single and dense:
            raise ParseError(f"{_where(True, names, i, spec.key)}Can't parse serialized Example: Parsing "
                             f"{spec.kind}_list failed.") from None
        raise ParseError(f"{_where(single, names, i, spec.key)}Can't parse serialized Example.") from None


def sparse_output(examples, spec, names, single):
    """(indices, values, dense_shape) of a ``VarLenFeature`` over ``examples``."""
    rows, counts = [], []
    for i, features in enumerate(examples):
        raw = features.get(spec.key)
        values = [] if raw is None else _values(raw, spec, single, names, i, False)
        rows.append(values)
        counts.append(len(values))
    values = _concat(rows, spec)
    total = len(values)
    starts = np.cumsum([0] + counts)[:-1]
    within = np.arange(total, dtype=np.int64) - np.repeat(starts, counts).astype(np.int64)
    longest = max(counts, default=0)
    if single:
        return within.reshape(total, 1), values, np.array([longest], np.int64)
    batch = np.repeat(np.arange(len(examples), dtype=np.int64), counts)
    return np.stack([batch, within], axis=1).reshape(total, 2), values, np.array([len(examples), longest], np.int64)


def _concat(rows, spec):
    if spec.kind == "bytes":
        out = np.empty(sum(len(r) for r in rows), dtype=object)
        out[:] = [v for r in rows for v in r]
        return out
    parts = [r for r in rows if len(r)]  # a missing feature's [] would make the concatenation float64
    if not parts:
        return np.zeros(0, spec.np_dtype)
    return np.concatenate(parts).astype(spec.np_dtype, copy=False)


def dense_output(examples, spec, default, names, single):
    """The dense array of a fixed-shape key (each example's values, or ``default``)."""
    size = math.prod(spec.shape)
    out = np.empty((len(examples), size), dtype=spec.np_dtype)
    for i, features in enumerate(examples):
        raw = features.get(spec.key)
        if not raw:  # an empty Feature counts as missing
            if default.size == 0:
                raise _required(single, names, i, spec)
            out[i] = default.reshape(-1)
            continue
        values = _values(raw, spec, single, names, i, True)
        if len(values) != size:
            where = _where(single, names, i, spec.key)
            if single:
                raise ParseError(f"{where}Can't parse serialized Example: Some {spec.kind}_list slice was not parsed.")
            raise ParseError(f"{where}Number of {spec.kind} values != expected.  Values size: {len(values)} but "
                             f"output shape: {shape_text(spec.shape)}")
        out[i] = values
    return out.reshape((len(examples),) + spec.shape)


def sequence_output(examples, spec, default, names, single):
    """The padded array of a sequence key (``FixedLenSequenceFeature``): each example's rows
    of ``spec.shape[1:]``, shorter examples padded with the scalar ``default``."""
    inner = spec.shape[1:]
    stride = math.prod(inner)
    rows = []
    for i, features in enumerate(examples):
        raw = features.get(spec.key)
        if not raw:
            rows.append(None)
            continue
        values = _values(raw, spec, single, names, i, True)
        if stride and len(values) % stride:
            where = _where(single, names, i, spec.key)
            if single:
                raise ParseError(f"Error while parsing feature with key {spec.key.decode()}: number of elements "
                                 f"should be divisible by {stride}, found {len(values)} instead")
            raise ParseError(f"{where}Number of {spec.kind} values is not a multiple of stride length. Saw "
                             f"{len(values)} values but output shape is: {shape_text(spec.shape)}")
        rows.append(values)
    lengths = [0 if r is None or not stride else len(r) // stride for r in rows]
    longest = max(lengths, default=0)
    out = np.empty((len(examples), longest * stride), dtype=spec.np_dtype)
    out[:] = default.reshape(-1)[0] if default.size else (b"" if spec.kind == "bytes" else 0)
    for i, r in enumerate(rows):
        if r is not None and len(r):
            out[i, :len(r)] = r
    return out.reshape((len(examples), longest) + inner)

"""The values ``ParseSequenceExampleV2`` computes from serialized ``SequenceExample``s: the
context features (as ``example_batch`` parses an ``Example``'s, with the sequence kernel's
own messages) and the feature lists: one padded dense array and its lengths per
``FixedLenSequenceFeature``, one sparse triple per ``VarLenFeature`` (indices ``[frame,
index]``, with the record's index first for a batch).
"""

from __future__ import annotations

import math

import numpy as np

from scopeflow._src.ops.parsing.example_batch import _TYPE_NAME, ParseError, _concat, shape_text
from scopeflow._src.ops.parsing.example_wire import Malformed, feature_kind, feature_values, sequence_of


def decode_records(records: list, names: list) -> list:
    """Each record's ``(context, feature lists)`` (``sequence_of``), or TF's error."""
    out = []
    for i, record in enumerate(records):
        try:
            out.append(sequence_of(record))
        except Malformed:
            raise ParseError(f"Invalid protocol message input, example id: {_name(names, i)}") from None
    return out


def _name(names, i):
    return names[i] if names else "<unknown>"


def _typed(raw, spec, where):
    """The values of the ``Feature`` ``raw`` (none for an empty one), type-checked."""
    try:
        kind = feature_kind(raw)
        if kind is not None and kind != spec.kind:
            raise ParseError(f"{where}Data types don't match. Expected type: {_TYPE_NAME[spec.kind]}")
        return feature_values(raw if kind is not None else b"", spec.kind)
    except Malformed:
        raise ParseError(f"{where}Can't parse serialized Example.") from None


def context_sparse(seqs, spec, names):
    """(indices, values, dense shape) of a context ``VarLenFeature``, batch-major."""
    rows = []
    for i, (context, _) in enumerate(seqs):
        raw = context.get(spec.key)
        where = f"Name: {_name(names, i)}, Context feature: {spec.key.decode()}.  "
        rows.append([] if raw is None else _typed(raw, spec, where))
    counts = [len(r) for r in rows]
    within = [j for c in counts for j in range(c)]
    batch = [i for i, c in enumerate(counts) for _ in range(c)]
    indices = np.array([batch, within], np.int64).T.reshape(-1, 2)
    return indices, _concat(rows, spec), np.array([len(seqs), max(counts, default=0)], np.int64)


def context_dense(seqs, spec, default, names):
    size = math.prod(spec.shape)
    out = np.empty((len(seqs), size), dtype=spec.np_dtype)
    for i, (context, _) in enumerate(seqs):
        raw = context.get(spec.key)
        where = f"Name: {_name(names, i)}, Context feature: {spec.key.decode()}.  "
        values = None if raw is None else _typed(raw, spec, where)
        if values is None and default.size:
            out[i] = default.reshape(-1)
            continue
        found = 0 if values is None else len(values)
        if found != size:
            raise ParseError(f"Inconsistent max number of elements for feature {spec.key.decode()}: expected {size}, "
                             f"but found {found}")
        out[i] = values
    return out.reshape((len(seqs),) + spec.shape)


def list_sparse(seqs, spec, names):
    """(indices ``[record, frame, index]``, values, dense shape) of a feature-list ``VarLenFeature``."""
    index, rows, frames = [], [], []
    for i, (_, lists) in enumerate(seqs):
        features = lists.get(spec.key, [])
        frames.append(len(features))
        where = f"Name: {_name(names, i)}, Feature list: {spec.key.decode()}, Index: {i}.  "
        for t, raw in enumerate(features):
            values = _typed(raw, spec, where)
            rows.append(values)
            index.extend((i, t, j) for j in range(len(values)))
    longest = max((len(r) for r in rows), default=0)
    indices = np.array(index, np.int64).reshape(-1, 3)
    return indices, _concat(rows, spec), np.array([len(seqs), max(frames, default=0), longest], np.int64)


def list_dense(seqs, spec, missing_ok, names):
    """(padded values ``[record, frame] + shape``, frame counts) of a ``FixedLenSequenceFeature``."""
    stride = math.prod(spec.shape)
    rows = []
    for i, (_, lists) in enumerate(seqs):
        features = lists.get(spec.key)
        if features is None:
            if not missing_ok:
                raise ParseError(f"Name: {_name(names, i)}, Feature list '{spec.key.decode()}' is required but could "
                                 "not be found.  Did you mean to include it in feature_list_dense_missing_assumed_empty"
                                 " or feature_list_dense_defaults?")
            features = []
        where = f"Name: {_name(names, i)}, Feature list: {spec.key.decode()}, Index: {i}.  "
        values = []
        for t, raw in enumerate(features):
            if not raw:
                raise ParseError(f"Name: {_name(names, i)}, Key: {spec.key.decode()}, Index: {t}.  Number of values != "
                                 f"expected.  values size: 0 but output shape: {shape_text(spec.shape)}")
            values.append(_typed(raw, spec, where))
        flat = _concat(values, spec)
        if len(flat) != len(features) * stride:
            shown = shape_text((None,) + spec.shape)
            raise ParseError(f"Feature list '{spec.key.decode()}' has an unexpected number of values.  Total values "
                             f"size: {len(flat)} is not consistent with output shape: {shown}")
        rows.append((len(features), flat))
    longest = max((n for n, _ in rows), default=0)
    out = np.empty((len(seqs), longest * stride), dtype=spec.np_dtype)
    out[:] = b"" if spec.kind == "bytes" else 0
    for i, (_, flat) in enumerate(rows):
        out[i, :len(flat)] = flat
    lengths = np.array([n for n, _ in rows], np.int64)
    return out.reshape((len(seqs), longest) + spec.shape), lengths

"""Reading serialized ``tf.train.Example`` protos as TensorFlow's fast example parser does.

``features_of(data)`` splits a record into its features (key -> the ``Feature``'s bytes) and
``feature_values(raw)`` reads one ``Feature``: its kind (``"bytes"``, ``"float"``,
``"int64"``, or ``None`` for an empty ``Feature``) and its values. Like TensorFlow's parser
(and unlike protobuf's), a record cut short between two features still parses, records
concatenated merge, a key seen twice keeps its last value, and both the packed and the
unpacked encodings of numbers are read. ``Malformed`` is raised for anything else.
"""

from __future__ import annotations

import numpy as np

_U64 = (1 << 64) - 1
KINDS = {0x0A: "bytes", 0x12: "float", 0x1A: "int64"}  # the Feature's oneof tag -> its kind


class Malformed(Exception):
    """A record or a feature that does not parse."""


class UnsupportedKind(Malformed):
    """A ``Feature`` whose value is none of the three lists (TF: "Unsupported datatype.")."""


def varint(buf, pos: int, limit: int):
    """The varint at ``buf[pos]`` (bytes) and the position after it."""
    if pos < limit and buf[pos] < 0x80:  # one byte: tags and most lengths
        return buf[pos], pos + 1
    result = shift = 0
    while pos < limit:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7
        if shift >= 70:
            break
    raise Malformed


def delimited(buf, pos: int, limit: int):
    """The (start, end) of the length-delimited field whose length is at ``pos``."""
    length, pos = varint(buf, pos, limit)
    end = pos + length
    if end > limit:
        raise Malformed
    return pos, end


def _skip(buf, tag: int, pos: int, limit: int) -> int:
    """The position after the value of a field of ``tag`` that the parser does not read."""
    wire = tag & 7
    if tag >> 3 == 0:
        raise Malformed
    if wire == 0:
        return varint(buf, pos, limit)[1]
    if wire == 2:
        return delimited(buf, pos, limit)[1]
    size = {1: 8, 5: 4}.get(wire)
    if size is None or pos + size > limit:
        raise Malformed
    return pos + size


def features_of(data: bytes) -> dict:
    """The features of the serialized ``Example`` ``data``: ``{key (bytes): Feature bytes}``."""
    return _maps(data, 1)[0]


def sequence_of(data: bytes):
    """The context features and the feature lists of the serialized ``SequenceExample``
    ``data``: ``({key: Feature bytes}, {key: [Feature bytes, ...]})``."""
    context, lists = _maps(data, 2)
    return context, {key: _feature_list(raw) for key, raw in lists.items()}


def _maps(data, fields: int):
    """The map of each of the first ``fields`` top-level fields (``Features``, ``FeatureLists``)."""
    maps = [{} for _ in range(fields)]
    pos, end = 0, len(data)
    while pos < end:
        tag, pos = varint(data, pos, end)
        number = tag >> 3
        if tag & 7 != 2 or not 1 <= number <= fields:
            pos = _skip(data, tag, pos, end)
            continue
        length, pos = varint(data, pos, end)
        limit = min(pos + length, end)  # a limit past the data ends where the data does
        out = maps[number - 1]
        while pos < limit:
            if data[pos] != 0x0A:
                raise Malformed
            start, stop = delimited(data, pos + 1, limit)
            key, value = _entry(data, start, stop)
            out[key] = value  # a key seen again: the last value counts, as in TF
            pos = stop
    return maps


def _feature_list(raw):
    return _repeated(raw, 0, len(raw))


def _entry(data, pos: int, limit: int):
    key = value = None
    for _ in range(2):
        if pos >= limit:
            raise Malformed
        tag = data[pos]
        start, stop = delimited(data, pos + 1, limit)
        if tag == 0x0A:
            key = data[start:stop]
        elif tag == 0x12:
            value = data[start:stop]
        else:
            raise Malformed
        pos = stop
    if pos != limit or key is None or value is None:
        raise Malformed
    return key, value


def feature_kind(raw: bytes):
    """The kind of the serialized ``Feature`` ``raw`` (``None``: no value set)."""
    if not raw:
        return None
    kind = KINDS.get(raw[0])
    if kind is None:
        raise UnsupportedKind
    return kind


def feature_values(raw: bytes, kind: str):
    """The values of the ``Feature`` ``raw`` of ``kind``: a list of bytes, or a NumPy vector."""
    if not raw:
        return [] if kind == "bytes" else np.zeros(0, np.float32 if kind == "float" else np.int64)
    start, end = delimited(raw, 1, len(raw))
    if kind == "bytes":
        return _repeated(raw, start, end)
    if kind == "float":
        return _float_list(raw, start, end)
    return _int64_list(raw, start, end)


def _repeated(raw, pos, end):
    """The payloads of the length-delimited fields 1 filling ``raw[pos:end]`` (a ``BytesList``'s
    values, a ``FeatureList``'s features)."""
    values = []
    while pos < end:
        if raw[pos] != 0x0A:
            raise Malformed
        start, pos = delimited(raw, pos + 1, end)
        values.append(raw[start:pos])
    return values


def _float_list(raw, pos, end):
    parts = []
    while pos < end:
        tag = raw[pos]
        if tag == 0x0A:  # packed
            start, pos = delimited(raw, pos + 1, end)
            if (pos - start) % 4:
                raise Malformed
            parts.append(raw[start:pos])
        elif tag == 0x0D:
            if pos + 5 > end:
                raise Malformed
            parts.append(raw[pos + 1:pos + 5])
            pos += 5
        else:
            raise Malformed
    return np.frombuffer(b"".join(parts), "<f4").astype(np.float32)


def _int64_list(raw, pos, end):
    values = []
    while pos < end:
        tag = raw[pos]
        if tag == 0x0A:  # packed
            start, pos = delimited(raw, pos + 1, end)
            while start < pos:
                value, start = varint(raw, start, pos)
                values.append(value & _U64)
        elif tag == 0x08:
            value, pos = varint(raw, pos + 1, end)
            values.append(value & _U64)
        else:
            raise Malformed
    return np.array(values, np.uint64).view(np.int64) if values else np.zeros(0, np.int64)


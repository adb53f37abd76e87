"""A batch of serialized ``Example``s parsed with NumPy, level by level, for every record at once.

The records are joined into one byte array. Each level of the message (records -> their
``Features`` -> map entries -> key and ``Feature`` -> value list -> values) is read by a few
array operations over all messages of that level together, so the Python work grows with
the number of features and of values per list, not with the number of records. Keys are
matched against the requested ones by comparing bytes in bulk, and numbers are decoded from
their packed encodings with array arithmetic. Records of one length that differ only inside
the requested values (one program's records, MNIST's say) skip the walk: the first record is
read in Python and the others are compared with it in one array operation.

This path reads the canonical encoding only (what protobuf serializers write: one
``Features`` per record, each entry key then value, packed numbers). ``parse`` and
``outputs`` return ``None`` for anything else (an unpacked list, a record cut short, a key seen twice, a
type mismatch, a missing required feature...), and the caller parses the batch again with
``example_batch.py``, which handles every case with TensorFlow's errors.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.ops.parsing.example_wire import Malformed, delimited, varint

_TAGS = {"bytes": 0x0A, "float": 0x12, "int64": 0x1A}
_PAD = 16  # zero bytes after the data: varint reads may look past a message's end


class _Fallback(Exception):
    """Something this path does not read; the exact path will."""


def _varints(buf, pos):
    """The varints (at most 5 bytes) at ``pos``: (values, sizes)."""
    b = buf[pos].astype(np.int64)
    value, size = b & 0x7F, np.ones(len(pos), np.int64)
    more = b >= 0x80
    for k in range(1, 5):
        if not more.any():
            return value, size
        b = buf[pos + k].astype(np.int64)
        value = np.where(more, value | ((b & 0x7F) << (7 * k)), value)
        size += more
        more &= b >= 0x80
    if more.any():
        raise _Fallback
    return value, size


def _fields(buf, starts, ends, tag):
    """Every length-delimited field ``tag`` filling the messages ``[starts, ends)``:
    (index of its message, payload start, payload end), in message order."""
    owners, pstarts, pends = [], [], []
    index, pos, end = np.arange(len(starts)), starts, ends
    while len(index):
        live = pos < end
        if not live.all():
            index, pos, end = index[live], pos[live], end[live]
            if not len(index):
                break
        if (buf[pos] != tag).any():
            raise _Fallback
        length, size = _varints(buf, pos + 1)
        start = pos + 1 + size
        stop = start + length
        if (stop > end).any():
            raise _Fallback
        owners.append(index)
        pstarts.append(start)
        pends.append(stop)
        pos = stop
    if not owners:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    if len(owners) == 1:
        return owners[0], pstarts[0], pends[0]
    owner = np.concatenate(owners)
    order = np.argsort(owner, kind="stable")
    return owner[order], np.concatenate(pstarts)[order], np.concatenate(pends)[order]


def _entries(buf, starts, ends):
    """The key and value ranges of map entries, each written key first, value second."""
    if (buf[starts] != 0x0A).any():
        raise _Fallback
    klen, ksize = _varints(buf, starts + 1)
    kstart = starts + 1 + ksize
    kend = kstart + klen
    if (kend >= ends).any() or (buf[kend] != 0x12).any():
        raise _Fallback
    vlen, vsize = _varints(buf, kend + 1)
    vstart = kend + 1 + vsize
    if (vstart + vlen != ends).any():
        raise _Fallback
    return kstart, kend, vstart, ends


def _match(buf, kstart, kend, key: bytes):
    """The entries whose key is ``key``."""
    same = np.flatnonzero(kend - kstart == len(key))
    if len(key) and len(same):
        window = buf[kstart[same, None] + np.arange(len(key))]
        same = same[(window == np.frombuffer(key, np.uint8)).all(axis=1)]
    return same


def _ranges(starts, ends):
    """The positions of all bytes of the ranges ``[starts, ends)``, one after another."""
    lengths = ends - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, np.int64)
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return offsets + np.arange(total)


def _value_ranges(buf, kind, vstart, vend):
    """The value lists of the features ``[vstart, vend)`` of ``kind``: (index of the feature,
    start, end) of each bytes value, or of each feature's packed numbers."""
    if (buf[vstart] != _TAGS[kind]).any():
        raise _Fallback
    llen, lsize = _varints(buf, vstart + 1)
    lstart = vstart + 1 + lsize
    if (lstart + llen != vend).any():
        raise _Fallback
    return _fields(buf, lstart, vend, 0x0A)


def _values(buf, data, kind, owner, start, stop, n):
    """(values, count per feature) of ``n`` features of ``kind`` whose values ``_value_ranges`` found."""
    counts = np.zeros(n, np.int64)
    if kind == "bytes":
        np.add.at(counts, owner, 1)
        values = np.empty(len(start), dtype=object)
        values[:] = [data[s:e] for s, e in zip(start.tolist(), stop.tolist())]
        return values, counts
    if len(owner) and (owner[1:] == owner[:-1]).any() or (stop == start).any():
        raise _Fallback  # numbers in several packed runs, or an empty run
    raw = buf[_ranges(start, stop)]
    if kind == "float":
        if ((stop - start) % 4).any():
            raise _Fallback
        counts[owner] = (stop - start) // 4
        return raw.view("<f4").astype(np.float32), counts
    values, counts[owner] = _int64s(raw, stop - start)
    return values, counts


def _int64s(raw, sizes):
    """The packed varints ``raw`` of runs of ``sizes`` bytes: (values, count per run)."""
    if not len(raw):
        return np.zeros(0, np.int64), np.zeros(len(sizes), np.int64)
    last = raw < 0x80
    run_end = np.cumsum(sizes) - 1
    if not last[run_end].all():
        raise _Fallback  # a run's last varint goes on past its end
    first = np.flatnonzero(np.concatenate(([True], last[:-1])))
    place = np.arange(len(raw)) - first[np.cumsum(last) - last]
    if place.max() > 9:
        raise _Fallback
    parts = (raw & 0x7F).astype(np.uint64) << (7 * place).astype(np.uint64)
    values = np.add.reduceat(parts, first)
    return values.view(np.int64), np.add.reduceat(last.astype(np.int64), run_end - sizes + 1)


def _locate(buf, starts, ends, specs) -> dict:
    """``{key: (record of each feature found, then _value_ranges of those features)}``."""
    record, fstart, fend = _fields(buf, starts, ends, 0x0A)
    if len(record) and (record[1:] == record[:-1]).any():
        raise _Fallback  # a record of several Features (merged records)
    owner, estart, eend = _fields(buf, fstart, fend, 0x0A)
    owner = record[owner]
    kstart, kend, vstart, vend = _entries(buf, estart, eend)
    out = {}
    for spec in specs:
        found = _match(buf, kstart, kend, spec.key)
        where = owner[found]
        if len(where) and (where[1:] == where[:-1]).any():
            raise _Fallback  # a key twice in one record
        if (vend[found] == vstart[found]).any():
            raise _Fallback  # an empty Feature
        out[spec.key] = (where,) + _value_ranges(buf, spec.kind, vstart[found], vend[found])
    return out


def _locate_first(record: bytes, specs) -> dict:
    """``_locate`` of one record, in Python (quicker than arrays for one): its single
    ``Features`` field of entries written key first, each key once."""
    try:
        tag, pos = varint(record, 0, len(record))
        start, end = delimited(record, pos, len(record))
        if tag != 0x0A or end != len(record):
            raise _Fallback
        entries = {}
        while start < end:
            if record[start] != 0x0A:
                raise _Fallback
            entry, start = delimited(record, start + 1, end)
            key_start, key_end = delimited(record, entry + 1, start)
            if record[entry] != 0x0A or key_end >= start or record[key_end] != 0x12 or \
                    delimited(record, key_end + 1, start)[1] != start or record[key_start:key_end] in entries:
                raise _Fallback
            entries[record[key_start:key_end]] = (delimited(record, key_end + 1, start)[0], start)
    except Malformed:
        raise _Fallback from None
    out = {}
    for spec in specs:
        found = entries.get(spec.key)
        if found is None:
            out[spec.key] = (np.zeros(0, np.int64),) + (np.zeros(0, np.int64),) * 3
        else:
            out[spec.key] = (np.zeros(1, np.int64),) + _value_ranges(np.frombuffer(record + bytes(_PAD), np.uint8),
                                                                    spec.kind, np.array([found[0]]),
                                                                    np.array([found[1]]))
    return out


def _uniform(buf, lengths, specs) -> dict | None:
    """``_locate`` for records of one length whose bytes differ only inside the requested
    values (records written by one program, like MNIST's): the first record is located,
    and the others are checked to have its bytes everywhere else; ``None`` otherwise."""
    n, size = len(lengths), int(lengths[0]) if len(lengths) else 0
    if n < 2 or not size or (lengths != size).any():
        return None
    first = _locate_first(bytes(buf[:size]), specs)
    keep = np.ones(size, bool)
    for _, _, start, stop in first.values():
        keep[_ranges(start, stop)] = False
    rows = buf[:n * size].reshape(n, size)
    if not (rows[:, keep] == rows[0, keep]).all():
        return None
    shift = (np.arange(n, dtype=np.int64) * size)[:, None]
    return {key: (np.arange(n, dtype=np.int64) if len(where) else where, np.repeat(np.arange(n), len(owner)),
                  (start + shift).reshape(-1), (stop + shift).reshape(-1))
            for key, (where, owner, start, stop) in first.items()}


def parse(records: list, specs: list) -> dict | None:
    """``{key: (record index of each feature found, values, count per feature found)}`` for
    the ``Spec``s of ``specs``, or ``None`` when the batch needs the exact path."""
    data = b"".join(records)
    buf = np.frombuffer(data + bytes(_PAD), np.uint8)
    lengths = np.fromiter(map(len, records), np.int64, len(records))
    ends = np.cumsum(lengths)
    try:
        located = _uniform(buf, lengths, specs) or _locate(buf, ends - lengths, ends, specs)
        out = {}
        for spec in specs:
            where, owner, start, stop = located[spec.key]
            out[spec.key] = (where,) + _values(buf, data, spec.kind, owner, start, stop, len(where))
        return out
    except _Fallback:
        return None


def outputs(records: list, sparse: list, dense: list, defaults) -> tuple | None:
    """``ParseExampleV2``'s outputs for a batch (sparse indices, values and shapes, then the
    dense arrays), or ``None`` when the batch needs the exact path."""
    found = parse(records, sparse + dense)
    if found is None:
        return None
    n = len(records)
    triples = [_sparse(n, spec, *found[spec.key]) for spec in sparse]
    arrays = []
    for spec, default in zip(dense, defaults):
        where, values, counts = found[spec.key]
        if len(where) < n and not default.size:
            return None  # a required feature is missing
        array = (_sequence if spec.shape and spec.shape[0] is None else _fixed)(n, spec, default, where, values, counts)
        if array is None:
            return None
        arrays.append(array)
    return tuple([t[0] for t in triples] + [t[1] for t in triples] + [t[2] for t in triples] + arrays)


def _sparse(n, spec, where, values, counts):
    total = len(values)
    within = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    indices = np.stack([np.repeat(where, counts), within], axis=1).reshape(total, 2)
    shape = np.array([n, counts.max() if len(counts) else 0], np.int64)
    return indices, values.astype(spec.np_dtype, copy=False), shape


def _fixed(n, spec, default, where, values, counts):
    size = int(np.prod(spec.shape))
    if (counts != size).any():
        return None  # TF's error for the wrong number of values
    out = np.empty((n, size), dtype=spec.np_dtype)
    if len(where) < n:
        out[:] = default.reshape(-1)
    out[where] = values.reshape(len(where), size)
    return out.reshape((n,) + spec.shape)


def _sequence(n, spec, default, where, values, counts):
    stride = int(np.prod(spec.shape[1:]))
    if stride == 0 or (counts % stride).any():
        return None  # TF's error for a number of values that is not a multiple of the row size
    width = int(counts.max()) if len(counts) else 0
    out = np.empty((n, width), dtype=spec.np_dtype)
    out[:] = default.reshape(-1)[0]
    flat = out.reshape(-1)
    flat[np.repeat(where * width - (np.cumsum(counts) - counts), counts) + np.arange(len(values))] = values
    return out.reshape((n, width // stride) + spec.shape[1:])

"""Cheap identity keys for ``Session.run`` calls, so a repeated call skips all validation.

``fetch_key(fetches)`` and ``feed_key(feed_dict)`` return a hashable key that is equal for
two calls exactly when they mean the same thing: graph objects (tensors, operations,
variables) by identity, names by value (graph names are never reused), containers by type
and contents. They return ``None`` for anything else (``None``, numbers, ``defaultdict``,
``attrs`` classes, tuple feed keys...), which then always takes the full, checking path.

A key made of ``id()`` values is only sound while those objects live: ``pins`` lists the
objects a cached entry must hold so that no other object can take their ids.
"""

from __future__ import annotations

from scopeflow._src.framework.operation import Operation, SymbolicTensor
from scopeflow._src.framework.sparse_tensor import SparseTensor


def fetch_key(fetch):
    """A key for the fetch structure ``fetch``, or ``None`` if it cannot have one."""
    kind = type(fetch)
    if kind is SymbolicTensor or kind is Operation:
        return id(fetch)
    if kind is str or kind is bytes:
        return fetch
    if kind is list or kind is tuple:
        parts = [fetch_key(f) for f in fetch]
        return None if None in parts else (kind, *parts)
    if kind is dict:
        parts = [(k, fetch_key(v)) for k, v in fetch.items()]
        return None if any(p[1] is None for p in parts) else (dict, *parts)
    if isinstance(fetch, tuple) and hasattr(kind, "_fields"):  # a namedtuple
        parts = [fetch_key(f) for f in fetch]
        return None if None in parts else (kind, *parts)
    if hasattr(fetch, "_as_graph_element") and not isinstance(fetch, (list, tuple, dict)):
        return ("element", id(fetch))  # a variable
    if kind is SparseTensor:
        return ("sparse", id(fetch))
    return None


def feed_key(feed_dict):
    """A key for the keys of ``feed_dict`` (in order), ``()`` for no feeds, or ``None``."""
    if not feed_dict:
        return ()
    if type(feed_dict) is not dict:
        return None
    parts = []
    for k in feed_dict:
        kind = type(k)
        if kind is SymbolicTensor:
            parts.append(id(k))
        elif kind is str or kind is bytes:
            parts.append(k)
        elif hasattr(k, "_as_graph_element") and kind is not tuple:
            parts.append(("element", id(k)))
        elif kind is SparseTensor:
            parts.append(("sparse", id(k)))
        else:
            return None
    return tuple(parts)


def pins(fetch, feed_dict) -> list:
    """The objects whose ids the keys of ``fetch`` and ``feed_dict`` contain."""
    held = []
    _collect(fetch, held)
    held.extend(k for k in (feed_dict or ()) if not isinstance(k, (str, bytes)))
    return held


def _collect(fetch, held):
    if isinstance(fetch, (str, bytes)):
        return
    if isinstance(fetch, (list, tuple)):
        for f in fetch:
            _collect(f, held)
    elif type(fetch) is dict:
        for f in fetch.values():
            _collect(f, held)
    else:
        held.append(fetch)

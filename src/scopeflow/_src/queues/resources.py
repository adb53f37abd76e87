"""Where a session keeps its queues and readers: TensorFlow's resource manager, reduced to
what these ops need.

A resource op (``FIFOQueueV2``, ``TextLineReaderV2``) with a ``shared_name`` finds the
session's resource of that name, creating it the first time, so two ops (or two graphs'
ops run in one session) with one ``shared_name`` share a queue. Without one, the resource
is the op's own, named as TensorFlow names it: ``_<n>_<node name>``, ``n`` counting every
unshared resource this process created (the name appears in errors:
``FIFOQueue '_0_fifo_queue' is closed``). Each resource is registered with the session's
``RunState``, which closes it when the session closes.
"""

from __future__ import annotations

import itertools
import threading

_ids = itertools.count()
_lock = threading.Lock()


def unique_name(op) -> str:
    """TensorFlow's name for ``op``'s own resource: ``_<n>_<node name>``."""
    with _lock:
        return f"_{next(_ids)}_{op.name}"


def lookup_or_create(state, op, make):
    """The session's resource for ``op``: ``make(name)`` creates it (once per shared name)."""
    shared = op._attrs.get("shared_name", "")
    if not shared:
        return state.add_resource(make(unique_name(op)))
    return state.named_resource((op._attrs.get("container", ""), shared), lambda: make(shared))

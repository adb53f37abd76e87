"""``sharing_report``: each variable, its shape, and every scope that reads it.

A variable read from two towers, or by a template called three times, lists each scope:
that is sharing made visible. A reader is an op that consumes the variable's value (through
its ``<name>/read`` snapshot or directly), written in the scope it was built in. The
variable's own ops, the ops that write it (initializers, optimizer updates) and the
``gradients`` and ``save`` scopes are left out: they read every variable and say nothing
about sharing.
"""

from __future__ import annotations

import json
import os

from scopeflow._src.framework import context, registry
from scopeflow._src.framework.graph_keys import GraphKeys

_NOT_READERS = ("gradients", "save")  # top-level scopes that read every variable


class SharingReport:
    """The rows of ``sharing_report``: ``rows`` (dicts), ``table()`` and ``to_json()``.

    ``str(report)`` is the table; ``shared()`` the rows read from more than one scope.
    """

    def __init__(self, rows):
        self.rows = rows

    def shared(self) -> list:
        return [row for row in self.rows if len(row["read_in"]) > 1]

    def to_json(self, indent=2) -> str:
        return json.dumps({"variables": self.rows}, indent=indent)

    def table(self) -> str:
        known = any(r["made_at"] for r in self.rows)  # a graph read from a file knows no call sites
        head = ["variable", "shape", "dtype"] + (["made at"] if known else []) + ["read in"]
        body = [[r["name"], _shape_text(r["shape"]), r["dtype"]] + ([r["made_at"] or "-"] if known else [])
                + [", ".join(r["read_in"]) or "-"] for r in self.rows]
        widths = [max(len(row[i]) for row in [head] + body) for i in range(len(head))]
        lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [head] + body]
        shared = len(self.shared())
        lines.append(f"{len(self.rows)} variable{'s' if len(self.rows) != 1 else ''}, {shared} read in more than "
                     f"one scope")
        return "\n".join(lines)

    __str__ = table

    def __repr__(self):
        return f"<SharingReport of {len(self.rows)} variables>"


def _shape_text(dims) -> str:
    if dims is None:
        return "<unknown>"
    return "(" + ", ".join("?" if d is None else str(d) for d in dims) + ("," if len(dims) == 1 else "") + ")"


def _is_variable(op) -> bool:
    outputs = op._outputs
    return not op._inputs and len(outputs) == 1 and outputs[0]._dtype._is_ref_dtype


def _writes(consumer, tensor) -> bool:
    """Whether ``consumer`` takes ``tensor`` as a ``Ref`` input (assigns or updates it)."""
    opdef = registry.find(consumer._type)
    if opdef is None:
        return False
    args = opdef.inputs
    return any(t is tensor and i < len(args) and args[i].is_ref for i, t in enumerate(consumer._inputs))


def _readers(var_op) -> list:
    """The ops that read ``var_op``'s value, seen through its own snapshot (``<name>/read``)."""
    own = var_op.name + "/"
    found, stack, seen = [], [var_op._outputs[0]], set()
    while stack:
        tensor = stack.pop()
        for consumer in tensor.consumers():
            if consumer in seen or _writes(consumer, tensor):
                continue
            seen.add(consumer)
            opdef = registry.find(consumer._type)
            if consumer.name.startswith(own) and opdef is not None and opdef.forwards_input and consumer._outputs:
                stack.append(consumer._outputs[0])
            else:
                found.append(consumer)
    return found


def _reading_scopes(var_op) -> list:
    own = var_op.name + "/"
    scopes = []
    for op in _readers(var_op):
        name = op.name
        if name.startswith(own) or name.split("/", 1)[0].split("_")[0] in _NOT_READERS:
            continue
        scope = name.rsplit("/", 1)[0] if "/" in name else ""
        if scope not in scopes:
            scopes.append(scope)
    return scopes


def _made_at(graph) -> dict:
    """Variable op -> ``file:line`` where it was made, for variables built in this process."""
    where = {}
    for v in graph.get_collection(GraphKeys.GLOBAL_VARIABLES) + graph.get_collection(GraphKeys.LOCAL_VARIABLES):
        frames = getattr(v, "_frames", None)
        op = getattr(v, "op", None)
        if frames and op is not None:
            path = frames[0][0]
            rel = os.path.relpath(path) if os.path.isabs(path) else path
            where[op] = f"{path if rel.startswith('..') else rel}:{frames[0][1]}"
    return where


def sharing_report(graph=None) -> SharingReport:
    """Each variable of ``graph`` (default: the default graph) with its shape, dtype, where it
    was made, and the scopes that read it (TensorFlow has no such report).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default() as g:
    ...     x = tf.placeholder(tf.float32, [None, 2])
    ...     for tower in ("tower0", "tower1"):
    ...         with tf.name_scope(tower), tf.variable_scope("net", reuse=tf.AUTO_REUSE):
    ...             y = tf.matmul(x, tf.get_variable("w", [2, 2]))
    >>> [(r["name"], r["read_in"]) for r in tf.sharing_report(g).rows]
    [('net/w', ['tower0/net', 'tower1/net'])]
    """
    graph = context.default_graph() if graph is None else graph
    made = _made_at(graph)
    rows = []
    for op in graph.get_operations():
        if not _is_variable(op):
            continue
        shape = op._outputs[0].get_shape()
        rows.append({"name": op.name, "shape": None if shape.ndims is None else shape.as_list(),
                     "dtype": op._outputs[0].dtype.base_dtype.name, "made_at": made.get(op),
                     "read_in": _reading_scopes(op)})
    return SharingReport(rows)

"""``scopeflow graph ls FILE``: a ``.pb``, ``.pbtxt`` or ``.meta`` graph as a tree of scopes
(a checkpoint prefix or directory: its ``.meta``).

Each scope (a box in TensorBoard's graph view) shows how many ops it holds; variables,
frozen variables (a ``Const`` read through ``<name>/read``, as freezing leaves them) and
placeholders show their op, dtype and shape. ``--ops`` lists every op, ``--depth N`` stops
the tree at N levels. The last lines count the ops by type and give the totals.

``--sharing`` prints ``scopeflow.sharing_report`` of the graph instead (each variable and the
scopes that read it; ``--json`` as JSON).
"""

from __future__ import annotations

import math
import os
import textwrap

from scopeflow._src.audit.report import sharing_report
from scopeflow._src.cli import fmt
from scopeflow._src.cli.graph_files import read_graph_file
from scopeflow._src.cli.paths import UsageError, resolve
from scopeflow._src.framework.graph import Graph
from scopeflow._src.framework.tensor_proto import shape_from_proto
from scopeflow._src.graph_io.importer import import_graph_def

_VARIABLES = ("VariableV2", "Variable", "VarHandleOp")
_PLACEHOLDERS = ("Placeholder", "PlaceholderWithDefault")


class _Box:
    """A name in the tree: the op of that name (if any), the names under it, and how many ops
    it holds, itself included."""

    def __init__(self):
        self.children: dict[str, _Box] = {}
        self.node = None
        self.ops = 0


def _tree(graph_def) -> _Box:
    root = _Box()
    for node in graph_def.node:
        box = root
        box.ops += 1
        for part in node.name.split("/"):
            box = box.children.setdefault(part, _Box())
            box.ops += 1
        box.node = node
    return root


def _frozen_variables(graph_def) -> set[str]:
    """The ``Const`` nodes read by an ``Identity`` named ``<name>/read``."""
    consts = {n.name for n in graph_def.node if n.op == "Const"}
    return {n.input[0] for n in graph_def.node
            if n.op == "Identity" and n.input and n.input[0] in consts and n.name == n.input[0] + "/read"}


def _shape(node):
    """The node's static shape (a ``TensorShape``), or None when it declares none."""
    if node.op == "Const":
        return shape_from_proto(node.attr["value"].tensor.tensor_shape)
    return shape_from_proto(node.attr["shape"].shape) if "shape" in node.attr else None


def _shape_text(shape) -> str:
    if shape is None or shape.ndims is None:
        return "<unknown>"
    return fmt.shape("?" if d is None else d for d in shape.as_list())


def _params(node) -> int:
    shape = _shape(node)
    return math.prod(shape.as_list()) if shape is not None and shape.is_fully_defined() else 0


class _Listing:
    """The rows of one listing, and what the rows need to know about the graph."""

    def __init__(self, graph_def, all_ops, depth):
        self.frozen = _frozen_variables(graph_def)
        self.all_ops, self.depth = all_ops, depth
        self.rows = [["name", "op", "dtype", "shape", "ops"]]

    def kind(self, node) -> str | None:
        if node.op in _VARIABLES:
            return "variable"
        if node.op in _PLACEHOLDERS:
            return "placeholder"
        if node.name in self.frozen:
            return "frozen variable"
        return None

    def row(self, label, node, ops) -> list[str]:
        key = "dtype" if "dtype" in node.attr else "T"  # a variable's or constant's type, else an op's
        dtype = fmt.dtype(node.attr[key].type) if node.attr[key].HasField("type") else ""
        shape = _shape_text(_shape(node)) if self.kind(node) else ""
        return [label, node.op, dtype, shape, "" if ops is None else fmt.count(ops)]

    def walk(self, box: _Box, indent: str, level: int) -> None:
        for part, child in box.children.items():
            node, inner = child.node, bool(child.children)
            shown = node is not None and (self.all_ops or self.kind(node) is not None)
            if shown:
                self.rows.append(self.row(indent + part, node, child.ops if inner else None))
            elif inner:
                self.rows.append([indent + part + "/", "", "", "", fmt.count(child.ops)])
            if inner and (self.all_ops or not shown) and (self.depth is None or level < self.depth):
                self.walk(child, indent + "  ", level + 1)


def _scopes(box: _Box) -> int:
    return sum(1 + _scopes(c) for c in box.children.values() if c.children)


def _collections(meta) -> str:
    counts = []
    for name in sorted(meta.collection_def):
        kind = meta.collection_def[name].WhichOneof("kind")
        counts.append(f"{name} ({len(getattr(meta.collection_def[name], kind).value) if kind else 0})")
    return ", ".join(counts) or "none"


def _totals(graph_def, listing: _Listing, root: _Box) -> list[str]:
    types: dict[str, int] = {}
    for node in graph_def.node:
        types[node.op] = types.get(node.op, 0) + 1
    by_kind: dict[str, list] = {"variable": [], "frozen variable": [], "placeholder": []}
    for node in graph_def.node:
        kind = listing.kind(node)
        if kind is not None:
            by_kind[kind].append(node)
    parts = [f"{fmt.count(len(graph_def.node))} ops in {_scopes(root)} scopes"]
    for kind in ("variable", "frozen variable"):
        if by_kind[kind]:
            n = len(by_kind[kind])
            parts.append(f"{n} {kind}{'s' if n != 1 else ''} ({fmt.count(sum(map(_params, by_kind[kind])))} "
                         f"parameters)")
    n = len(by_kind["placeholder"])
    parts.append(f"{n} placeholder{'s' if n != 1 else ''}")
    ranked = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))
    kinds = textwrap.wrap(", ".join(f"{op} {count}" for op, count in ranked) or "none", width=100,
                          initial_indent="op types: ", subsequent_indent="  ", break_on_hyphens=False)
    return kinds + ["total: " + ", ".join(parts)]


def _graph_path(path: str) -> str:
    """``path``, or for a checkpoint prefix or directory the ``.meta`` of its checkpoint."""
    if os.path.isdir(path):
        return resolve(path) + ".meta"
    if not os.path.exists(path) and os.path.isfile(path + ".meta"):
        return path + ".meta"
    return path


def run(args, out) -> int:
    if args.depth is not None and args.depth < 1:
        raise UsageError("--depth must be at least 1")
    graph = read_graph_file(_graph_path(args.file))
    graph_def, meta = graph.graph_def, graph.meta_graph_def
    if getattr(args, "sharing", False):
        return _sharing(graph_def, args.json, out)
    if getattr(args, "json", False):
        raise UsageError("--json goes with --sharing")
    about = [graph.kind]
    if meta is not None and meta.meta_info_def.tensorflow_version:
        about.append(f"TensorFlow {meta.meta_info_def.tensorflow_version}")
    about.append(f"producer {graph_def.versions.producer}")
    print(f"graph: {graph.path} ({', '.join(about)})", file=out)
    if meta is not None:
        print(f"collections: {_collections(meta)}", file=out)
    root = _tree(graph_def)
    listing = _Listing(graph_def, args.ops, args.depth)
    listing.walk(root, "", 1)
    for line in fmt.table(listing.rows, right=(4,)):
        print(line, file=out)
    for line in _totals(graph_def, listing, root):
        print(line, file=out)
    return 0



def _sharing(graph_def, as_json, out) -> int:
    imported = Graph()
    try:
        with imported.as_default():
            import_graph_def(graph_def, name="")
    except (ValueError, TypeError) as e:  # a graph exported from a scope, with unbound inputs; an unknown op
        raise UsageError(f"--sharing needs the graph imported, which failed: {e}") from None
    report = sharing_report(imported)
    print(report.to_json() if as_json else report.table(), file=out)
    return 0

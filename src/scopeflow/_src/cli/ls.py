"""``scopeflow ckpt ls PATH``: the tensors of a checkpoint as a tree of scopes.

Each scope line carries the parameter count and byte size of everything under it; the last
line gives the totals.
"""

from __future__ import annotations

from scopeflow._src.checkpoint import bundle_format
from scopeflow._src.checkpoint.bundle_reader import BundleReader
from scopeflow._src.cli import fmt
from scopeflow._src.cli.paths import resolve


def entry_bytes(entry) -> int:
    """Bytes a tensor takes in the data files (partitioned tensors: all their slices)."""
    if entry.dtype != bundle_format.STRING and bundle_format.is_supported(entry.dtype):
        return entry.num_elements * bundle_format.storage_dtype(entry.dtype).itemsize
    return entry.size


class _Node:
    def __init__(self):
        self.children: dict[str, _Node] = {}
        self.entry = None
        self.params = 0
        self.bytes = 0


def _tree(entries) -> _Node:
    root = _Node()
    for name, entry in entries.items():
        node = root
        params, nbytes = entry.num_elements, entry_bytes(entry)
        node.params += params
        node.bytes += nbytes
        for part in name.split("/"):
            node = node.children.setdefault(part, _Node())
            node.params += params
            node.bytes += nbytes
        node.entry = entry
    return root


def _row(label, entry, params, nbytes):
    if entry is None:
        return [label, "", "", fmt.count(params), fmt.size(nbytes)]
    return [label, fmt.dtype(entry.dtype), fmt.shape(entry.shape), fmt.count(params), fmt.size(nbytes)]


def _walk(node: _Node, indent: str, rows: list) -> None:
    for part in sorted(node.children):
        child = node.children[part]
        if child.entry is not None:
            rows.append(_row(indent + part, child.entry, child.entry.num_elements, entry_bytes(child.entry)))
        if child.children:
            if child.entry is None:
                rows.append(_row(indent + part + "/", None, child.params, child.bytes))
            _walk(child, indent + "  ", rows)


def run(args, out) -> int:
    prefix = resolve(args.path)
    with BundleReader(prefix) as reader:
        entries = reader.entries
    rows = [["name", "dtype", "shape", "params", "size"]]
    if args.flat:
        for name in sorted(entries):
            rows.append(_row(name, entries[name], entries[name].num_elements, entry_bytes(entries[name])))
    else:
        _walk(_tree(entries), "", rows)
    root = _tree(entries)
    print(f"checkpoint: {prefix}", file=out)
    for line in fmt.table(rows, right=(3, 4)):
        print(line, file=out)
    print(f"total: {fmt.count(root.params)} parameters in {len(entries)} tensors, {fmt.size(root.bytes)}", file=out)
    return 0

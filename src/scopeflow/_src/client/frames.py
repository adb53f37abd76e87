"""Loops in a plan: which ops run in which frame, and the nested blocks a plan writes.

A loop's ops form a frame, found as TensorFlow's executor finds it, from ``OpDef`` facts:
an op that ``enters_frame`` starts (or joins) the child frame named by its ``frame_name``
inside its input's frame; an op that ``exits_frame`` hands its value back to the parent
frame; any other op runs in the frame of its inputs (or, having none, of its control
inputs). A plan writes each frame as one block, run once per iteration: ``blocks`` orders
the ops of each frame, with every child frame as one item placed after everything it reads
and before everything that reads its exits.
"""

from __future__ import annotations

from scopeflow._src.framework import errors, registry


class Block:
    """A frame's ops and child frames (``Block``s), in the order a plan writes them."""

    __slots__ = ("name", "items")

    def __init__(self, name):
        self.name = name
        self.items = []

    def ops(self):
        """Every op of the block, those of nested blocks included."""
        for item in self.items:
            if isinstance(item, Block):
                yield from item.ops()
            else:
                yield item


def blocks(ops) -> Block:
    """The root ``Block`` of ``ops`` (in an order where each follows its inputs, but for
    back edges). Without loops it holds ``ops`` unchanged."""
    if not any(registry.get(op._type).enters_frame for op in ops):
        root = Block(None)
        root.items = list(ops)
        return root
    frame_of = _frames(ops)
    position = {op: i for i, op in enumerate(ops)}
    root = Block(None)
    children: dict = {}  # frame (a tuple of frame names) -> its Block
    members: dict = {(): []}
    for op in ops:
        path = frame_of[op]
        for depth in range(1, len(path) + 1):
            if path[:depth] not in children:
                children[path[:depth]] = Block(path[depth - 1])
                members.setdefault(path[:depth - 1], []).append(children[path[:depth]])
                members[path[:depth]] = []
        members[path].append(op)
    frames = {(): root, **children}
    for path in sorted(frames, key=len, reverse=True):  # inner frames first: an item's ops must be known
        frames[path].items = _ordered(members[path], position)
    return root


def _frames(ops) -> dict:
    """op -> its frame, a tuple of frame names from the outermost loop in (an ``Exit`` is in
    the frame it leaves: the plan writes it inside that loop's block)."""
    frame_of = {}

    def output_frame(op):
        path = frame_of.get(op, ())
        return path[:-1] if path and registry.get(op._type).exits_frame else path

    for op in ops:
        opdef = registry.get(op._type)
        sources = [s for s in [t._op for t in op._inputs] + list(op._control_inputs) if s in frame_of]
        sources.sort(key=lambda s: s._id)  # the first built is the one TF's message names first
        outer = output_frame(sources[0]) if sources else ()
        for s in sources[1:]:
            if output_frame(s) != outer:
                raise errors.InvalidArgumentError(
                    None, op, f"{{{{node {op.name}}}}} has inputs from different frames. The input "
                              f"{{{{node {sources[0].name}}}}} is in frame '{_frame_name(outer)}'. The input "
                              f"{{{{node {s.name}}}}} is in frame '{_frame_name(output_frame(s))}'.")
        if opdef.enters_frame:
            name = op._attrs["frame_name"]
            frame_of[op] = outer + (name.decode() if isinstance(name, bytes) else name,)
        else:
            frame_of[op] = outer
    return frame_of


def _ordered(items, position) -> list:
    """``items`` (a frame's ops and its child Blocks) in an order where each follows
    what it reads from the others; ties keep the plan's order."""
    import heapq  # only plans with loops get here: heapq stays out of ``import scopeflow``
    index = {}
    for i, item in enumerate(items):
        for op in _ops_of(item):
            index[op] = i
    deps = [set() for _ in items]
    for i, item in enumerate(items):
        for op in _ops_of(item):
            sources = [t._op for t in op._inputs if not back_edge(t._op, op)] + list(op._control_inputs)
            for s in sources:
                j = index.get(s)
                if j is not None and j != i:
                    deps[i].add(j)
    users = [[] for _ in items]
    for i, ds in enumerate(deps):
        for j in ds:
            users[j].append(i)
    first = [min(position[op] for op in _ops_of(item)) for item in items]
    waiting = [len(ds) for ds in deps]
    ready = [(first[i], i) for i in range(len(items)) if not waiting[i]]
    heapq.heapify(ready)
    out = []
    while ready:
        _, i = heapq.heappop(ready)
        out.append(items[i])
        for u in users[i]:
            waiting[u] -= 1
            if not waiting[u]:
                heapq.heappush(ready, (first[u], u))
    if len(out) < len(items):  # a loop that reads, through control edges, what needs its own exits
        stuck = [item for i, item in enumerate(items) if waiting[i]]
        names = ", ".join(sorted({op.name for item in stuck for op in _ops_of(item)})[:5])
        raise errors.InvalidArgumentError(
            None, None, f"Graph is invalid: a while loop depends on ops that need its own results ({names}, ...); "
                        f"scopeflow runs each loop as one block and cannot order them")
    return out


def _frame_name(path) -> str:
    return path[-1] if path else ""


def _ops_of(item):
    return item.ops() if isinstance(item, Block) else [item]


def back_edge(producer, consumer) -> bool:
    """Whether the edge feeds a loop's ``Merge`` from the previous iteration."""
    return registry.get(producer._type).next_iteration and registry.get(consumer._type).takes_dead_inputs

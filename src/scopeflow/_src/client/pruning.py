"""Which ops a plan runs, and in what order: the ops the fetches and targets need
(stopping at fed tensors), less the stateless ones nothing observes, in an order where
every op follows its inputs and control inputs."""

from __future__ import annotations

from scopeflow._src.client.frames import back_edge
from scopeflow._src.framework import errors, registry


def prune(fetch_tensors, target_ops, fed) -> set:
    """The ops needed for the fetches and targets; fed tensors cut the graph."""
    return _reachable(_roots(fetch_tensors, target_ops, fed), fed, control=True)


def observed(needed, fetch_tensors, target_ops, fed, dead_ops=frozenset()) -> set:
    """The ops of ``needed`` whose work somebody can observe.

    An op is kept if it is fetched or a target, if it changes state (variables, random
    streams, files) or must run for its errors (``OpDef.must_run``), if a kept op reads
    one of its outputs, or if it may be dead (``dead_ops``) and a kept op depends on it
    through a control edge (the op in a cond branch that only waits for the branch's
    pivot). What remains is stateless
    and reached only through control edges: gradient gating, for one, makes the unused
    input gradient of a network's first layer a control input of the update, and running
    it would only burn a matrix product. TensorFlow's graph optimizer removes such ops
    too; the order of every kept op is unchanged, so control dependencies still hold.
    """
    roots = _roots(fetch_tensors, target_ops, fed)
    for op in needed:
        opdef = registry.get(op._type)
        if opdef.stateful or opdef.must_run:
            roots.append(op)
    return _reachable(roots, fed, control=dead_ops)


def _roots(fetch_tensors, target_ops, fed) -> list:
    return [t._op for t in fetch_tensors if t not in fed] + list(target_ops)


def _reachable(roots, fed, control) -> set:
    """``roots`` and the ops they read from (through control edges too if ``control`` is
    ``True``, or to the ops in it if it is a set), stopping at fed tensors."""
    seen = set()
    stack = list(roots)
    while stack:
        op = stack.pop()
        if op in seen:
            continue
        seen.add(op)
        for t in op._inputs:
            if t._op not in seen and t not in fed:
                stack.append(t._op)
        if control is True:
            for c in op._control_inputs:
                # As in TensorFlow, feeding the only output of an op also stands in for its
                # control edges (a control dependency on a fed placeholder needs no value).
                if c not in seen and not (len(c._outputs) == 1 and c._outputs[0] in fed):
                    stack.append(c)
        elif control:
            stack.extend(c for c in op._control_inputs if c in control and c not in seen)
    return seen


def order(needed) -> list:
    """``needed`` in an order where every op follows its inputs and control inputs, but for
    a loop's back edges (the inputs a ``Merge`` takes from ``NextIteration`` ops)."""
    ops = sorted(needed, key=lambda o: o._id)
    position = {op: i for i, op in enumerate(ops)}
    if all(position.get(c, -1) < position[op] for op in ops for c in op._control_inputs) and all(
            position.get(t._op, -1) < position[op] for op in ops if op._control_flow_context is not None
            for t in op._inputs):
        return ops  # creation order is topological, as it is outside conds and loops
    done, order, visiting = set(), [], set()
    for root in ops:
        if root in done:
            continue
        stack = [(root, False)]
        while stack:
            op, expanded = stack.pop()
            if expanded:
                visiting.discard(op)
                done.add(op)
                order.append(op)
                continue
            if op in done:
                continue
            if op in visiting:
                raise errors.InvalidArgumentError(
                    None, None, f"Graph is invalid, contains a cycle with {len(visiting)} nodes, including: {op.name}")
            visiting.add(op)
            stack.append((op, True))
            deps = [t._op for t in op._inputs if t._op in position and not back_edge(t._op, op)] + [
                c for c in op._control_inputs if c in position]
            stack.extend((d, False) for d in sorted(deps, key=lambda o: -o._id) if d not in done)
    return order


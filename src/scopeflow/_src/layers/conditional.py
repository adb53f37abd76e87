"""Which updates and losses of a layer depend on its inputs (tf-keras's ``get_updates_for`` and
``get_losses_for``): an update is *conditional* when its op is reachable from the tensors the
layer was called on, a loss when it was added with ``inputs`` (activity regularizers)."""

from __future__ import annotations

from scopeflow._src.framework.operation import Operation


def _flatten(values):
    if isinstance(values, (list, tuple)):
        return [x for v in values for x in _flatten(v)]
    return [] if values is None else [values]


def reachable_from(inputs, targets) -> set:
    """The ops and tensors reachable from ``inputs`` through consumers (TF's
    ``get_reachable_from_inputs``), stopping once every target is reached."""
    queue = list(_flatten(inputs))
    targets = {id(t) for t in _flatten(targets)}
    seen: dict = {}
    while queue and not targets.issubset(seen):
        x = queue.pop()
        if id(x) in seen:
            continue
        seen[id(x)] = x
        if isinstance(x, Operation):
            queue.extend(x.outputs)
        elif hasattr(x, "consumers"):
            queue.extend(x.consumers())
        elif hasattr(x, "op"):  # a variable: what reads it
            queue.extend(getattr(x.op, "outputs", []))
    return set(seen)


def only_reachable(candidates, inputs) -> list:
    """The ``candidates`` (ops or tensors) reachable from ``inputs``, in order."""
    reachable = reachable_from(inputs, candidates)
    return [c for c in candidates if id(c) in reachable]

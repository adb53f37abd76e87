"""Which values of a plan may be dead: the ops of an untaken cond branch, or past a loop's
last iteration (``ops/common/dead.py``). Found from ``OpDef`` facts, once per plan, so that
a plan without control flow pays nothing and one with it checks deadness only where it can
occur.

A tensor may be dead if its op routes its input (``Switch``: one output is dead), passes a
value to the next iteration (``NextIteration``: dead before the first and after the last),
or enters a loop as a loop variable (``Enter``: its value exists in the first iteration
only), or if its op may be dead. An op may be dead if an input or a control input may be;
an op that ``takes_dead_inputs`` (``Merge``) only when all its inputs may be.
"""

from __future__ import annotations

from scopeflow._src.framework import registry


def maybe_dead(ops, fed) -> tuple[set, set]:
    """``(ops that may be dead, tensors that may be dead)`` among ``ops``, which are in an
    order where each follows its inputs (but for loops' back edges); fed tensors never are."""
    dead_ops = set()
    dead = {t for op in ops if registry.get(op._type).next_iteration for t in op._outputs}  # back edges
    for op in ops:
        opdef = registry.get(op._type)
        if opdef.takes_dead_inputs:  # dead when every input is (a ControlTrigger, with none, never is)
            op_dead = bool(op._inputs) and all(t in dead for t in op._inputs)
        else:
            op_dead = any(t in dead for t in op._inputs) or any(c in dead_ops for c in op._control_inputs)
        if op_dead:
            dead_ops.add(op)
        if op_dead or opdef.routes_input or opdef.next_iteration or (
                opdef.enters_frame and not op._attrs.get("is_constant")):
            dead.update(t for t in op._outputs if t not in fed)
    return dead_ops, dead

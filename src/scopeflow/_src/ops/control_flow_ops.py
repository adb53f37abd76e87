"""``no_op``, ``group`` and ``tuple``: ops that only order other ops."""

from __future__ import annotations

import builtins

from scopeflow._src.framework import registry
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.operation import Operation, Tensor
from scopeflow._src.framework.ops_scope import control_dependencies, name_scope
from scopeflow._src.framework.registry import OpDef, create

registry.register(OpDef("NoOp", kernel=lambda: None))


def no_op(name=None):
    """An op that does nothing; useful as a target with control inputs."""
    return create("NoOp", [], name=name, graph=default_graph())


def _as_op(x):
    if isinstance(x, Operation):
        return x
    if isinstance(x, Tensor):
        return x.op
    if hasattr(x, "_as_graph_element"):
        return x._as_graph_element().op if hasattr(x._as_graph_element(), "op") else x._as_graph_element()
    if hasattr(x, "op"):
        return x.op
    raise TypeError(f"Expected an Operation, Tensor or Variable, got {type(x).__name__}")


def group(*inputs, **kwargs):
    """A ``NoOp`` named ``name`` (default ``group_deps``) that runs after all ``inputs``."""
    name = kwargs.pop("name", None)
    if kwargs:
        raise TypeError(f"Unknown keyword arguments: {', '.join(kwargs)}")
    with name_scope(name, "group_deps", list(inputs)) as scope:
        if not inputs:
            return no_op(name=scope)
        ops = []
        for x in inputs:
            if isinstance(x, (list, builtins.tuple, set)) and not isinstance(x, Tensor):
                ops.extend(_as_op(y) for y in x)
            elif x is not None:
                ops.append(_as_op(x))
        devices = {}
        for op in ops:
            devices.setdefault(op.device, []).append(op)
        if len(devices) == 1:
            with control_dependencies(sorted(ops, key=lambda o: o._id)):
                return no_op(name=scope)
        deps = []
        for dev in sorted(devices):
            with control_dependencies(devices[dev]):
                deps.append(no_op())
        with control_dependencies(deps):
            return no_op(name=scope)


def tuple(tensors, name=None, control_inputs=None):  # noqa: A001 - TensorFlow's name
    """``Identity`` of each tensor, gated on all of them (and ``control_inputs``)."""
    from scopeflow._src.ops.array_ops import identity

    with name_scope(name, "tuple", tensors) as scope:
        gating = [_as_op(t) for t in tensors if t is not None]
        if control_inputs:
            gating.extend(_as_op(c) for c in control_inputs)
        gate = group(*gating)
        out = []
        for t in tensors:
            if t is None:
                out.append(None)
                continue
            with control_dependencies([gate]):
                out.append(identity(t))
        return out

"""``no_op``, ``group`` and ``tuple``: ops that only order other ops."""

from __future__ import annotations

import builtins

from scopeflow._src.framework import registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import colocate_with, control_dependencies, device, name_scope
from scopeflow._src.framework.indexed_slices import IndexedSlices
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.operation import Operation, Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.ops.array.identity import identity

registry.register(OpDef("NoOp", kernel=lambda: None, lower=lambda op, jx: lambda: None))


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
        raise ValueError(f"Unknown keyword arguments: {', '.join(kwargs)}")
    with name_scope(name, "group_deps", list(inputs)) as scope:
        if not inputs:
            return no_op(name=scope)
        ops = []
        for x in inputs:
            items = x if isinstance(x, (list, builtins.tuple, set)) and not isinstance(x, Tensor) else [x]
            for y in items:
                if y is None and items is not x:  # a None argument is skipped (a None in a list is not)
                    continue
                if not hasattr(y, "device"):
                    raise TypeError(f"'inputs' should be zero or more (nested) Tensors. Received '{y}' with type "
                                    f"'{type(y)}'.")
                ops.append(_as_op(y))
        devices = {}
        for op in ops:
            devices.setdefault(op.device, []).append(op)
        if len(devices) == 1:  # the NoOp goes where the ops are, as each group's NoOp below
            with control_dependencies(sorted(ops, key=lambda o: o._id)), device(ops[0].device):
                return no_op(name=scope)
        deps = []
        for dev in sorted(devices):
            with control_dependencies(devices[dev]), device(dev):
                deps.append(no_op())
        with control_dependencies(deps):
            return no_op(name=scope)


def with_dependencies(dependencies, output_tensor, name=None):
    """``output_tensor`` through an ``Identity`` (``control_dependency``) that runs after
    ``dependencies`` (an ``IndexedSlices``: its values, as in TF)."""
    with name_scope(name, "control_dependency", list(dependencies) + [output_tensor]) as scope:
        sparse = isinstance(output_tensor, IndexedSlices)
        with colocate_with(output_tensor.values if sparse else output_tensor), control_dependencies(dependencies):
            if sparse:
                return IndexedSlices(identity(output_tensor.values, name=scope), output_tensor.indices,
                                     output_tensor.dense_shape)
            return identity(convert_to_tensor(output_tensor), name=scope)


def tuple(tensors, name=None, control_inputs=None):  # noqa: A001 - TensorFlow's name
    """Each tensor through an ``Identity`` gated on all of them (and ``control_inputs``).

    >>> import scopeflow as tf
    >>> a, b = tf.tuple([tf.constant(1), tf.constant(2)])
    >>> a.name, a.op.control_inputs[0].name
    ('tuple/control_dependency:0', 'tuple/group_deps')
    """
    with name_scope(name, "tuple", tensors):
        tensors = [t if t is None or isinstance(t, (Operation, Tensor, IndexedSlices)) else convert_to_tensor(t)
                   for t in tensors]
        gating = [t if isinstance(t, Operation) else t.op for t in tensors if t is not None]
        for c in control_inputs or ():
            if isinstance(c, Tensor):
                c = c.op
            elif not isinstance(c, Operation):
                raise TypeError(f"'control_inputs' must only contain Operation or Tensor. Received: {type(c)}")
            gating.append(c)
        gating = sorted(set(gating), key=lambda op: op._id)
        if not gating:
            raise ValueError(f"'tensors' must have at least one Tensor. Received: {tensors}.")
        gate = group(*gating)
        out = []
        for t in tensors:
            if isinstance(t, (Tensor, IndexedSlices)):
                out.append(with_dependencies([gate], t))
            elif isinstance(t, Operation):
                with control_dependencies([gate]):
                    out.append(group(t))
            else:
                out.append(None)
        return out

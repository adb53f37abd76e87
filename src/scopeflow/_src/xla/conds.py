"""``tf.cond`` on the JAX target: both branches run, and each value that may be dead carries a
traced flag saying whether its branch was taken (the NumPy target's deadness, as booleans).

A ``Switch`` passes its value to both outputs, alive as the predicate says; an op is alive
when all its inputs and control inputs are (``alive``); a ``Merge`` selects its first live
input, the untaken branch computed on and thrown away. ``live`` maps the tensors and ops that
may be dead to their flags; a Python ``True`` (or no entry) is always alive.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import errors
from scopeflow._src.ops.common.lowering import TracedState


def both(a, b):
    """The logical and of two flags."""
    return b if a is True else a if b is True else a & b


def alive(op, live):
    """Whether ``op`` runs: all its inputs and control inputs are alive."""
    flag = True
    for x in (*op._inputs, *op._control_inputs):
        flag = both(flag, live.get(x, True))
    return flag


def switch(jnp, op, env, live) -> list:
    """A ``Switch``'s outputs: its value on both sides, each alive as the predicate says."""
    data, pred = env[op._inputs[0]], env[op._inputs[1]]
    if np.ndim(pred):
        raise errors.InvalidArgumentError(None, op, f"The second input must be a scalar, but it has shape "
                                                    f"{list(np.shape(pred))}")
    flag, pred = alive(op, live), jnp.asarray(pred, bool).reshape(())
    live[op._outputs[0]], live[op._outputs[1]], live[op] = both(flag, ~pred), both(flag, pred), flag
    return [data, data]


def merge(jnp, op, values, live, needs_host) -> list:
    """A ``Merge``'s outputs (the value and its index) from its inputs' ``values``: the first
    live one; ``needs_host(op, why)`` is raised where a compiled step cannot choose."""
    if not values:
        return []
    if any(isinstance(v, TracedState) for v in values):
        if any(v is not values[0] for v in values):
            raise needs_host(op, "a cond choosing between TensorArrays or stacks")
        return [values[0], np.int32(0)][:len(op._outputs)]
    if any(np.shape(v) != np.shape(values[0]) for v in values):
        raise needs_host(op, "cond branches of different shapes")
    flags = [live.get(t, True) for t in op._inputs]
    value, index = values[-1], np.int32(len(values) - 1)
    for i in range(len(values) - 2, -1, -1):
        if flags[i] is True:
            value, index = values[i], np.int32(i)
        else:
            value, index = jnp.where(flags[i], values[i], value), jnp.where(flags[i], np.int32(i), index)
    if all(f is not True for f in flags):
        any_alive = flags[0]
        for f in flags[1:]:
            any_alive = any_alive | f
        live[op] = any_alive
        live.update((t, any_alive) for t in op._outputs)
    return [value, index][:len(op._outputs)]

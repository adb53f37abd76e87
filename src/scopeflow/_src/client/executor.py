"""Compiled execution plans: what ``Session.run`` does for one (fetches, feeds) signature.

Compiling prunes the graph to the ops the fetches and targets need (stopping at fed
tensors), orders them by creation (a valid topological order: an op's inputs and control
inputs always exist before it), binds each op's kernel once, and numbers every tensor
with a slot. Running then walks a flat list of ``(kernel, input slots, output slots)``.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import errors, registry
from scopeflow._src.ops.state_ops import VariableRef


class RunState:
    """What a session keeps between runs: variable values and random streams."""

    def __init__(self):
        self.variables: dict[str, np.ndarray] = {}


def _deref_wrapper(fn, ref_positions):
    def run(*args):
        args = list(args)
        for i in ref_positions:
            if isinstance(args[i], VariableRef):
                args[i] = args[i].get()
        return fn(*args)
    return run


class Plan:
    """A compiled ``run``: ``steps`` in order, feeds and fetches by slot."""

    def __init__(self, fetch_tensors, feed_tensors, target_ops, state):
        fed = set(feed_tensors)
        needed = self._prune(fetch_tensors, target_ops, fed)
        slot = {}
        for t in feed_tensors:
            slot[t] = len(slot)
        steps = []
        carries_ref = set()  # tensors whose value is a VariableRef (TF's aliasing of ref buffers)
        for op in sorted(needed, key=lambda o: o._id):
            opdef = registry.get(op._type)
            fn = opdef.compile(op, state)
            if op._type == "Identity" and op._inputs[0] in carries_ref:
                carries_ref.add(op._outputs[0])  # v/read forwards the reference; readers deref late
            else:
                ref_positions = [i for i, (arg, t) in enumerate(zip(_flat_args(opdef, op), op._inputs))
                                 if t in carries_ref and not arg.is_ref]
                if ref_positions:
                    fn = _deref_wrapper(fn, ref_positions)
            for t in op._outputs:
                if t._dtype._is_ref_dtype:
                    carries_ref.add(t)
            ins = tuple(slot[t] for t in op._inputs)
            outs = []
            for t in op._outputs:
                if t not in slot:
                    slot[t] = len(slot)
                outs.append(slot[t] if t not in fed else -1)
            steps.append((fn, ins, tuple(outs), op))
        self.n_slots = len(slot)
        self.steps = steps
        self.feed_slots = [slot[t] for t in feed_tensors]
        self.fetch_slots = [slot[t] for t in fetch_tensors]
        self.fetch_refs = [t._dtype._is_ref_dtype for t in fetch_tensors]

    @staticmethod
    def _prune(fetch_tensors, target_ops, fed):
        needed = set()
        stack = [t.op for t in fetch_tensors if t not in fed] + list(target_ops)
        while stack:
            op = stack.pop()
            if op in needed:
                continue
            needed.add(op)
            for t in op._inputs:
                if t not in fed and t._op not in needed:
                    stack.append(t._op)
            stack.extend(c for c in op._control_inputs if c not in needed)
        return needed

    def run(self, feed_values):
        values = [None] * self.n_slots
        for s, v in zip(self.feed_slots, feed_values):
            values[s] = v
        for fn, ins, outs, op in self.steps:
            try:
                result = fn(*[values[i] for i in ins])
            except errors.OpError as e:
                raise type(e)(e.node_def, e.op, f"Graph execution error:\n\n{e.message}") from None
            except (ValueError, IndexError, TypeError, FloatingPointError, np.linalg.LinAlgError) as e:
                raise errors.InvalidArgumentError(None, op, f"{op.type} ({op.name}) failed: {e}") from None
            if len(outs) == 1:
                if outs[0] >= 0:
                    values[outs[0]] = result
            elif outs:
                for s, r in zip(outs, result):
                    if s >= 0:
                        values[s] = r
        out = []
        for s, is_ref in zip(self.fetch_slots, self.fetch_refs):
            v = values[s]
            if isinstance(v, VariableRef):
                try:
                    v = v.get().copy()
                except errors.OpError as e:
                    raise type(e)(e.node_def, e.op, f"Graph execution error:\n\n{e.message}") from None
            if isinstance(v, np.ndarray) and v.ndim == 0:
                v = v[()]  # TensorFlow returns NumPy scalars for scalar fetches
            out.append(v)
        return out


def _flat_args(opdef, op):
    args = []
    for arg in opdef.inputs:
        if arg.number_attr:
            args.extend([arg] * op._attrs[arg.number_attr])
        else:
            args.append(arg)
    return args

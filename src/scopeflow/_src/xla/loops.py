"""``while_loop`` frames on the JAX target: each loop of a step is one ``lax.while_loop``.

A TF1 loop is a frame of ops (``client/frames.py`` finds them from ``OpDef`` facts): each
loop variable ``Enter``s the frame, a ``Merge`` takes it or the previous iteration's
``NextIteration``, a ``Switch`` on the ``LoopCond`` sends it to the body (true) or to the
``Exit`` (false). Here the ``Merge`` outputs are the carry of ``lax.while_loop``: the
condition computes the ``LoopCond``'s input from them, the body computes every ``NextIteration``
from them (the ``Switch``'s true output is the carry itself), and the ``Exit``s are the final
carry. Constant ``Enter``s (loop invariants) keep their values, known ones stay known.

``TensorArray``s and stacks (a loop's gradient pushes the values it needs on stacks in the
forward loop, and pops them in the gradient loop) are handles holding a ``TracedState``; a
loop whose body uses a handle carries the state's arrays beside its loop variables. Their
shapes must be known before the loop: a first trace of the body (whose ops are thrown away)
shows what the body writes, pushes, and which gradient arrays it makes. A stack holds as
many values as the loop's ``maximum_iterations`` (``tf.nn.dynamic_rnn`` sets it), which must
be known when compiling.

The carry also counts the iterations: a random op in a loop folds the counts of the loops
around it into its key (``jx.iterations``), so each iteration draws other values.

A variable the body assigns (its reference enters by a ``RefEnter``) is carried as well: the
body's trace keeps the variables' values in its own dict (``_VARIABLES``), found by the same
first trace. A variable's snapshot entering the loop is read where the body uses it, after
the body's assignments, as the NumPy target's snapshot (sharing the variable's buffer) is.

What stays on the host (``host_reason``): loop variables that are references (``RefMerge``),
and loop variables whose shape changes from one iteration to the next (``shape_invariants``).
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.client.frames import Block
from scopeflow._src.framework import registry
from scopeflow._src.ops.common.lowering import TracedState
from scopeflow._src.xla import conds
from scopeflow._src.xla.lowering import Ref, draws_randomly, uses_handles


def host_reason(block: Block, fetches=()):
    """``(op, why)`` for the first op of loop ``block`` (nested loops included) that keeps the
    step on the host, or ``None``; ``fetches``: the tensors the step returns."""
    ops = set(block.ops())
    for op in block.ops():
        opdef = registry.get(op._type)
        if opdef.stateful and not (opdef._ref_inputs or uses_handles(op) or draws_randomly(op, opdef)):
            return op, "a stateful op in a while_loop"
        if opdef.takes_dead_inputs and len({t._dtype for t in op._inputs}) > 1:  # TF's error, when run
            return op, "a loop variable whose dtype changes"
    for t in fetches:
        if t._op in ops and not registry.get(t._op._type).exits_frame:
            return t._op, "a value inside a while_loop fetched"
    return None


class Loop:
    """One loop frame of a step, traced as ``lax.while_loop`` by ``run``."""

    def __init__(self, block: Block, steps: dict):
        self.items = [Loop(i, steps) if isinstance(i, Block) else i for i in block.items]
        self.steps = steps  # op -> the plan's bound step (op, opdef, fn, mode, flat)
        ops = [i for i in self.items if not isinstance(i, Loop)]
        facts = {op: registry.get(op._type) for op in ops}
        self.enters = [op for op in ops if facts[op].enters_frame]
        self.back = {}  # the loop's Merge -> (index of its Enter input, the NextIteration op)
        for m in ops:
            sources = [t._op for t in m._inputs]
            nexts = [i for i, s in enumerate(sources) if registry.get(s._type).next_iteration]
            if facts[m].takes_dead_inputs and nexts:  # else a cond's Merge, inside the body
                self.back[m] = (1 - nexts[0], sources[nexts[0]])
        self.merges = list(self.back)
        # the loop's Switches read its Merges (a cond's, in the body, read other values)
        self.switches = [op for op in ops if facts[op].routes_input and op._inputs[0]._op in self.back]
        self.exits = [op for op in ops if facts[op].exits_frame]
        skip = set(self.enters) | set(self.merges) | set(self.switches) | set(self.exits)
        self.body = [i for i in self.items if isinstance(i, Loop) or i not in skip]
        self.pred = self.switches[0]._inputs[1] if self.switches else None
        self.block_ops = list(block.ops())
        self.draws = any(draws_randomly(op, registry.get(op._type)) for op in self.block_ops)  # counts iterations

    def run(self, plan, env, current, live):
        """Trace the loop: its ``Exit`` values join ``env`` (the enclosing frame's values).
        ``live``: the enclosing frame's cond flags (``xla/plan.py``); a loop in an untaken
        branch stops at once, so the branch's values cannot keep it running."""
        jax, jx = plan._jax, plan._state.jx
        jnp = jax.numpy
        env = dict(env)
        alive = True
        for op in self.enters:
            value = env[op._inputs[0]]
            if isinstance(value, Ref) and not op._attrs.get("is_constant"):  # a loop variable: its first value
                value = plan._read_ref(value, op, current)
            env[op._outputs[0]] = value  # a variable's reference, or its snapshot, read where used: after the
            # body's assignments, as the NumPy target's snapshot (TF's, sharing the variable's buffer) sees them
            alive = conds.both(alive, conds.alive(op, live))
        init = tuple(_carry(jnp, env[m._inputs[self.back[m][0]]], m) for m in self.merges)
        roots = [env[op._outputs[0]] for op in self.enters if isinstance(env[op._outputs[0]], TracedState)]
        held = []  # the states of the handles the body uses, carried with the loop variables
        assigned = []  # the variables the body assigns, carried too
        last = [None]  # the variables' values of the last trace of the body

        def with_carry(carry):
            inner = dict(env)
            inner[_LIVE] = {}  # the body's own cond flags
            carry, states, iteration, values = carry
            if self.draws:
                jx.iterations.append(iteration)  # random ops fold it into their keys (taken off by ``traced``)
            for state, arrays in zip(held, states):
                state.arrays = list(arrays)
            inner[_VARIABLES] = last[0] = {**current, **dict(zip(assigned, values))}
            for m, value in zip(self.merges, carry):
                inner[m._outputs[0]] = value
                if len(m._outputs) > 1:
                    inner[m._outputs[1]] = np.int32(1)
            for s in self.switches:  # the body's side: the false side only feeds the Exits
                inner[s._outputs[0]] = inner[s._outputs[1]] = inner[s._inputs[0]]
            return inner

        def traced(fn):  # ``fn`` of the carry, with the iteration counter taken off ``jx`` after
            def run(carry):
                depth = len(jx.iterations)
                try:
                    return fn(carry)
                finally:
                    del jx.iterations[depth:]
            return run

        @traced
        def cond(carry):
            inner = with_carry(carry)
            self._eval(plan, inner, inner[_VARIABLES], until=self.pred)
            return conds.both(jnp.asarray(inner[self.pred], bool).reshape(()), alive)

        @traced
        def body(carry):
            inner = with_carry(carry)
            self._eval(plan, inner, inner[_VARIABLES])
            new = []
            for m, old in zip(self.merges, carry[0]):
                value = _carry(jnp, inner[self.back[m][1]._outputs[0]], m)
                if value.shape != old.shape:
                    raise plan.needs_host(m, "a loop variable that changes shape (shape_invariants)")
                new.append(value)
            values = tuple(_same_as(jnp, inner[_VARIABLES][k], old, self.enters[0], plan)
                           for k, old in zip(assigned, carry[3]))
            return tuple(new), tuple(tuple(s.arrays) for s in held), carry[2] + 1, values

        start = (init, (), np.int32(0), ())
        if roots or any(registry.get(op._type)._ref_inputs for op in self.block_ops):
            held.extend(self._first_trace(roots, env, body, start))
            assigned.extend(k for k, v in last[0].items() if v is not current.get(k))
            if any(current.get(k) is None for k in assigned):
                raise plan.needs_host(self.enters[0], "a variable first assigned in a while_loop")
        start = (init, tuple(tuple(s.arrays) for s in held), np.int32(0),
                 tuple(jnp.asarray(current[k]) for k in assigned))
        final, states, _, values = jax.lax.while_loop(cond, body, start)
        current.update(zip(assigned, values))
        if len(held) != len([s for s in _reachable(roots) if s.arrays]):  # the condition wrote to one
            raise plan.needs_host(self.enters[0], "a TensorArray or stack first used in a while_loop's condition")
        for state, arrays in zip(held, states):
            state.arrays = list(arrays)
        merged = {m._outputs[0]: value for m, value in zip(self.merges, final)}
        if alive is not True:
            live.update((op._outputs[0], alive) for op in self.exits)
        return {op._outputs[0]: merged[op._inputs[0]._op._inputs[0]] for op in self.exits}

    def _first_trace(self, roots, env, body, start):
        """Trace the body once (its ops thrown away) to see what the loop must carry beside
        its variables: the variables it assigns (their values, left in ``body``'s last trace)
        and the states of its handles, returned holding what they hold before the loop. The
        arrays the body first writes or pushes, and the gradient arrays it first makes, start
        the loop empty."""
        before = {id(s): s.arrays for s in _reachable(roots)}
        bound = self._bound(env)
        for state in _reachable(roots):
            state.enter_loop()
            if not state.arrays:
                state.bound = None if bound is None or state.bound is None else state.bound * bound
        body(start)
        held = [s for s in _reachable(roots) if s.arrays]
        for state in held:
            state.arrays = before.get(id(state)) or state.empty()
        return held

    def _bound(self, env):
        """The loop's ``maximum_iterations`` when known when compiling, else ``None``."""
        limit = getattr(self.enters[0]._control_flow_context, "maximum_iterations", None)
        value = env.get(limit) if limit is not None else None
        return int(value) if isinstance(value, np.ndarray | np.generic) else None

    def _eval(self, plan, env, current, until=None):
        """Run the body's items in order into ``env``; with ``until``, only until that tensor
        is computed (the condition)."""
        for item in self.body:
            if until is not None and until in env:
                return
            if isinstance(item, Loop):
                env.update(item.run(plan, env, current, env[_LIVE]))
                continue
            op, opdef, fn, mode, flat = self.steps[item]
            if opdef.next_iteration:
                env[op._outputs[0]] = env[op._inputs[0]]
                continue
            plan.run_traced(item, env, current, env[_LIVE])


_LIVE = object()  # the key of a trace's cond flags in its values
_VARIABLES = object()  # ... and of its variables' values (the enclosing ones, with those the loop carries)


def _same_as(jnp, value, old, op, plan):
    """A carried variable's new value, as the carry holds the old one (its dtype)."""
    value = jnp.asarray(value, old.dtype)
    if value.shape != old.shape:
        raise plan.needs_host(op, "a variable assigned a value of another shape in a while_loop")
    return value


def _reachable(roots) -> list:
    """The states of ``roots`` and those they own, each once, in a fixed order."""
    seen, found = set(), []
    pending = list(roots)
    while pending:
        state = pending.pop(0)
        if id(state) not in seen:
            seen.add(id(state))
            found.append(state)
            pending.extend(state.owned())
    return found


def _carry(jnp, value, merge):
    """A loop variable as the carry holds it: a JAX array of the ``Merge``'s dtype."""
    return jnp.asarray(value, merge._outputs[0]._dtype.base_dtype.as_numpy_dtype)

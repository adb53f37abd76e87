"""What an op's lowering is handed (``jx``), and the variable references of a traced step.

``Lowering`` gives ``OpDef.lower(op, jx)`` JAX's modules (``jx.jnp``, ``jx.lax``,
``jx.random``, ``jx.jax``) and, while the step is traced, the PRNG key of the random op
being traced (``jx.key()``). Keys come from the op's seeds as the NumPy target's streams
do: a seeded op repeats its values from session to session and continues its stream from
run to run (a counter per op, kept by the session with the variables); an op with neither
seed draws from a key the session picks at random. The values differ from the NumPy
target's (JAX's threefry generator, not NumPy's PCG64).
"""

from __future__ import annotations

import os

import numpy as np

from scopeflow._src.framework import dtypes


class Ref:
    """A variable reference in a traced step: the storage key, and the op a failed read
    of it is reported at (``None``: the op that reads it)."""

    __slots__ = ("key", "blame")

    def __init__(self, key, blame=None):
        self.key = key
        self.blame = blame


def draws_randomly(op, opdef) -> bool:
    """Whether ``op`` is a random op: stateful, lowered, and keeping its state in no variable
    and no handle but in its stream (its lowering calls ``jx.key()``)."""
    return opdef.stateful and opdef.lower is not None and not opdef._ref_inputs and not uses_handles(op)


def uses_handles(op) -> bool:
    """Whether ``op`` makes or takes a handle (a resource tensor). A lowered one keeps its
    state in the ``TracedState`` the handle holds (``TensorArray``s, stacks), not in a
    variable or a random stream: it may run in a loop, carried by it (``xla/loops.py``)."""
    return any(t._dtype._base == dtypes.resource for t in (*op._inputs, *op._outputs))


class Lowering:
    """The ``jx`` of ``OpDef.lower(op, jx)``: JAX's modules, and random keys while tracing."""

    def __init__(self, jax):
        self.jax = jax
        self.jnp = jax.numpy
        self.lax = jax.lax
        self.random = jax.random
        self.np = np
        self.session_seed = int.from_bytes(os.urandom(4), "little")  # unseeded ops: differ per session
        self.kernel = None  # op -> its NumPy kernel in the session (set by the session's state)
        self.op = None  # the op being traced
        self.counters = None  # op name -> draws so far (traced), set for each trace
        self.new_counters = None
        self.iterations = []  # the traced iteration counters of the loops around the op being traced
        self._calls = self._next = None

    def variable(self, key: str) -> Ref:
        """The reference a variable op yields: its storage slot in the session."""
        return Ref(key)

    def begin_trace(self, counters):
        self.counters, self.new_counters, self._calls = counters, {}, {}
        self._next = {name: count + 1 for name, count in counters.items()}  # outside any loop's trace

    def key(self):
        """A fresh PRNG key for the random op being traced (see the module's docstring)."""
        op, random = self.op, self.random
        seed, seed2 = op._attrs.get("seed", 0), op._attrs.get("seed2", 0)
        if seed == 0 and seed2 == 0:
            seed, seed2 = self.session_seed, op._id
        base = random.fold_in(random.PRNGKey(np.uint32(seed & 0xFFFFFFFF)), np.uint32(seed2 & 0xFFFFFFFF))
        count = self.counters[op._name]
        self.new_counters[op._name] = self._next[op._name]
        calls = self._calls[op] = self._calls.get(op, -1) + 1
        key = random.fold_in(random.fold_in(base, count), calls)
        for iteration in self.iterations:  # in a loop: other values in each iteration
            key = random.fold_in(key, iteration)
        return key

"""Helpers for op lowerings to the JAX/XLA target (``OpDef.lower``, ``docs/jax-target.md``).

A lowering is ``lower(op, jx) -> fn``: ``fn`` computes the op's outputs from ``jax.numpy``
arrays, and ``jx`` hands in JAX's modules (``jx.jnp``, ``jx.lax``, ``jx.random``), so that op
modules never import JAX. Most ops need one of these shapes::

    registry.register(OpDef("Tanh", ..., kernel=np.tanh, lower=jnp_fn("tanh")))
    registry.register(OpDef("Relu6", ..., lower=lambda op, jx: lambda x: jx.jnp.clip(x, 0, 6)))
"""

from __future__ import annotations

import types

import numpy as np


def jnp_fn(name: str):
    """The lowering that is ``jax.numpy``'s function ``name`` (``jnp_fn("tanh")``)."""
    return lambda op, jx: getattr(jx.jnp, name)


def in_dtype(name: str):
    """``jax.numpy``'s function ``name`` with its result cast to the op's first output dtype
    (for functions that promote, as ``jnp.true_divide`` does for integers)."""
    def lower(op, jx):
        fn, dtype = getattr(jx.jnp, name), out_dtype(op)
        return lambda *xs: fn(*xs).astype(dtype)
    return lower


def out_dtype(op, index: int = 0):
    """The NumPy dtype of ``op``'s output ``index`` (its static dtype)."""
    return op._outputs[index]._dtype.base_dtype.as_numpy_dtype


def static(value, what: str = "value"):
    """``value`` as a NumPy array: it must be known when the step is compiled (a constant, or
    computed from constants and static shapes), as XLA needs shapes, axes and sizes then."""
    if isinstance(value, np.ndarray | np.generic | int | float | list | tuple):
        return np.asarray(value)
    raise StaticValueError(f"the {what} must be known when the step is compiled, not computed in it")


def static_ints(value, what: str = "value") -> tuple:
    """``static(value)`` as a tuple of Python ints (a shape, axes, a permutation)."""
    return tuple(int(v) for v in static(value, what).reshape(-1))


class StaticValueError(TypeError):
    """An op's input must be known when the JAX step is compiled, and is computed in it: the
    plan then runs on the host (NumPy) instead."""


def moves_elements(data=lambda n: (0,)):
    """The lowering of an op whose outputs are elements of some of its inputs, placed as its
    other inputs (known when compiling) and attributes say: reshapes, transposes, slices,
    reversals, tilings, splits, joins. ``data(n)`` gives the positions of those inputs among
    the ``n`` inputs (default: the first).

    When the step is compiled, the op's NumPy kernel runs on the elements' positions instead
    of their values (so its checks and errors are the NumPy target's), and the step gathers
    the elements at the positions it returns: one lowering for a whole family of ops, exact
    by construction. Positions start at 1: a 0 the kernel returns is one of its own zeros
    (``np.pad``'s, ``np.zeros``'), so the step gives a zero there. A kernel that returns
    anything but positions leaves the step to the host.
    """
    def lower(op, jx):
        kernel = jx.kernel(op)

        def run(*values):
            chosen = tuple(data(len(values)))
            args, flats, offset = list(values), [], 1
            for i in chosen:
                shape = tuple(np.shape(values[i]))
                size = int(np.prod(shape, dtype=np.int64))
                args[i] = np.arange(offset, offset + size, dtype=np.int64).reshape(shape)
                offset += size
                flats.append(jx.jnp.ravel(values[i]))
            for i, v in enumerate(args):
                if i not in chosen:
                    args[i] = static(v, f"input {i} of {op.type}")
            with np.errstate(all="ignore"):
                result = kernel(*args)
            many = isinstance(result, (tuple, list))
            results = [np.asarray(positions) for positions in (result if many else (result,))]
            if any(positions.dtype.kind not in "iu" for positions in results):
                raise StaticValueError(f"{op.type}'s kernel computes values, not positions")
            dtype = flats[0].dtype
            padded = any((positions == 0).any() for positions in results)
            parts = ([jx.jnp.zeros(1, dtype)] if padded else []) + [f.astype(dtype) for f in flats]
            source = parts[0] if len(parts) == 1 else jx.jnp.concatenate(parts)
            first = 0 if padded else 1  # the position of source[0]
            outs = [source[positions - first] if positions.size else jx.jnp.zeros(positions.shape, dtype)
                    for positions in results]
            return tuple(outs) if many else outs[0]
        return run
    return lower


def checked(native, data=lambda n: (0,)):
    """The lowering ``native(op, jx)``, after the op's NumPy kernel has run when compiling on
    stand-ins of the ``data`` inputs (no memory: only their shapes) and the other inputs'
    known values, so that bad shapes and arguments raise the NumPy target's errors."""
    def lower(op, jx):
        kernel, fn = jx.kernel(op), native(op, jx)

        def run(*values):
            chosen = tuple(data(len(values)))
            args = [np.broadcast_to(np.zeros((), np.int8), np.shape(v)) if i in chosen else
                    static(v, f"input {i} of {op.type}") for i, v in enumerate(values)]
            with np.errstate(all="ignore"):
                kernel(*args)
            return fn(*values)
        return run
    return lower


def all_inputs(n):
    return range(n)


def all_but_last(n):
    return range(n - 1)


def known_values_only(op, jx):
    """The lowering of an op that computes from values known when compiling (shape
    arithmetic: ``BroadcastGradientArgs``, ``ConcatOffset``): the plan runs its NumPy kernel
    then, as for any op whose inputs are all known; an input computed in the step sends the
    step to the host."""
    def refuse(*values):
        raise StaticValueError(f"{op.type} computes from values known when compiling only")
    return refuse


def same_code(kernel=None, factory=None, helpers=()):
    """The lowering that runs the op's own NumPy kernel (``kernel``, or the function
    ``factory(op, None)`` returns) with ``jax.numpy`` in place of its module's ``np``: for
    kernels written in the functional part of NumPy's API (no ``out=``, no in-place
    updates), which ``jax.numpy`` mirrors, so that one body of code serves both targets.
    Helpers the kernel calls keep NumPy, and must only read shapes, except ``helpers``
    (functions of the kernel's module that compute on values: ``RGBToHSV``'s ``_to_hsv``)."""
    def lower(op, jx):
        return numpy_as_jax(kernel if factory is None else factory(op, None), jx, helpers)
    return lower


def jax_add_at(jx):
    """``add_at(out, index, values)``: ``np.add.at`` as XLA's scatter-add, returning the sum
    (for kernels that take their ``add_at``, as the resize gradients do)."""
    return lambda out, index, values: jx.jnp.asarray(out).at[index].add(values)


def numpy_as_jax(fn, jx, helpers=()):
    """``fn`` with ``jax.numpy`` as its module's ``np``, and the ``helpers`` it calls (functions
    of its module) likewise: ``same_code``'s rebinding, for a kernel function a lowering passes
    on (``ResizeArea``'s sampling)."""
    scope = {**fn.__globals__, "np": jx.jnp}

    def rebound(f):
        return types.FunctionType(f.__code__, scope, f.__name__, f.__defaults__, f.__closure__)
    scope.update({h.__name__: rebound(h) for h in helpers})
    return rebound(fn)


class TracedState:
    """What a handle holds while a JAX step is traced: a ``TensorArray``'s elements, a stack's
    values. The lowering of the op that creates the handle (``TensorArrayV3``, ``StackV2``)
    returns one; the lowerings of the ops on the handle read and replace its ``arrays`` in the
    order the step runs them, as the NumPy target's kernels change the run's resource. A
    ``while_loop`` whose body uses a handle carries its ``arrays`` (``xla/loops.py``).

    ``arrays`` is empty while the shapes of the values are not known (nothing written or
    pushed yet); ``empty()`` gives arrays of the current shapes holding no values (what the
    state holds before its first update); ``owned()`` the states that live as long as this
    one (a ``TensorArray``'s gradient arrays).
    """

    arrays: list
    bound = 1  # how many times its first update may run: the product of the maximum_iterations of
    # the loops it entered before (``None``: one is not known when compiling)

    def owned(self):
        return ()

    def enter_loop(self):
        """The state enters a loop: its ops there may run any number of times, so what one
        trace of them shows is no longer the whole story (a ``TensorArray`` stops checking
        its indices when compiling)."""

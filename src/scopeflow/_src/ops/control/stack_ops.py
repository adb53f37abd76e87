"""Stacks (``StackV2``, ``StackPushV2``, ``StackPopV2``) and ``ControlTrigger``: what the
gradient of a loop is built with. The forward loop pushes each value the gradient needs,
one per iteration; the gradient loop pops them in reverse. A stack lives for one run: its
``StackV2`` makes a new one each time it runs.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common.lowering import StaticValueError, TracedState


def _stack_factory(op, state):
    return lambda max_size: []


def _push_factory(op, state):
    def push(stack, value):
        stack.append(value)
        return value
    return push


def _pop_factory(op, state):
    def pop(stack):
        if not stack:
            raise errors.InvalidArgumentError(None, op, "Calling Pop() when the stack is empty.")
        return stack.pop()
    return pop


_VARIES = object()  # a stack's pushes were not all one value known when compiling


class _TracedStack(TracedState):
    """A stack while a JAX step is traced: ``arrays`` is ``[values, count]``, with room for
    ``bound`` values: the product of the ``maximum_iterations`` of the loops it entered
    before its first push (a loop's gradient pushes once per iteration)."""

    def __init__(self, jnp, dtype):
        self.jnp, self.dtype, self.arrays = jnp, dtype, []
        self.known = None  # the one value every push pushed, when known when compiling (a shape)

    def empty(self):
        values = self.arrays[0]
        return [self.jnp.zeros(values.shape, values.dtype), np.int32(0)]

    def push(self, value):
        if isinstance(value, TracedState):
            raise StaticValueError("a stack of handles")
        same = isinstance(value, np.ndarray | np.generic) and (self.known is None or (
            self.known is not _VARIES and np.array_equal(self.known, value) and self.known.shape == value.shape))
        self.known = np.asarray(value, self.dtype) if same else _VARIES
        value = self.jnp.asarray(value, self.dtype)
        if not self.arrays:
            if self.bound is None:
                raise StaticValueError("a while_loop differentiated on the jax target needs a maximum_iterations "
                                       "known when compiling: it sizes the values the gradient keeps")
            self.arrays = [self.jnp.zeros((self.bound,) + value.shape, self.dtype), np.int32(0)]
        values, count = self.arrays
        if isinstance(count, np.integer) and count >= len(values):  # pushes outside a loop, counted here
            raise StaticValueError("more pushes on a stack than its loops' maximum_iterations")
        self.arrays = [values.at[count].set(value), count + 1]
        return value

    def pop(self):
        if not self.arrays:
            raise StaticValueError("a pop from a stack nothing was pushed on")
        values, count = self.arrays
        self.arrays = [values, count - 1]
        if self.known is not _VARIES:  # so that what reads it (shape arithmetic) is computed when compiling
            return self.known
        if not values.shape[0]:  # a loop of no iterations pushed nothing: nor will its gradient pop
            return self.jnp.zeros(values.shape[1:], values.dtype)
        return values[count - 1]


def _lower_stack(op, jx):
    dtype = op._attrs["elem_type"].as_numpy_dtype
    return lambda max_size: _TracedStack(jx.jnp, dtype)  # sized by its loops (TF's are all unbounded)


_HANDLE_SHAPE = TensorShape([2])


# TF's shape of a stack handle is a 2-vector (``TwoElementOutput``, from when handles were
# string pairs); TF refuses a GraphDef whose ``_output_shapes`` say otherwise.
registry.register(OpDef("StackV2", inputs=["max_size: int32"], outputs=["handle: resource"],
                        shape=lambda inputs, attrs: _HANDLE_SHAPE, factory=_stack_factory, stateful=True,
                        defaults={"stack_name": ""}, lower=_lower_stack))
registry.register(OpDef("StackPushV2", inputs=["handle: resource", "elem: T"], outputs=["output: T"],
                        shape=lambda inputs, attrs: inputs[1].shape, factory=_push_factory, stateful=True,
                        defaults={"swap_memory": False}, lower=lambda op, jx: _TracedStack.push))
registry.register(OpDef("StackPopV2", inputs=["handle: resource"], outputs=["elem: elem_type"],
                        shape=lambda inputs, attrs: UNKNOWN, factory=_pop_factory, stateful=True,
                        lower=lambda op, jx: _TracedStack.pop))
registry.register(OpDef("ControlTrigger", kernel=lambda: None, takes_dead_inputs=True))


def stack_v2(max_size, elem_type, stack_name="", name=None):
    return create_output("StackV2", [max_size], {"elem_type": dtypes.as_dtype(elem_type), "stack_name": stack_name},
                         name=name)


def stack_push_v2(handle, elem, swap_memory=False, name=None):
    return create_output("StackPushV2", [handle, elem], {"swap_memory": swap_memory}, name=name)


def stack_pop_v2(handle, elem_type, name=None):
    return create_output("StackPopV2", [handle], {"elem_type": dtypes.as_dtype(elem_type)}, name=name)


def control_trigger(name=None):
    """An op that runs whenever its control inputs have run, dead or not."""
    return create("ControlTrigger", [], name=name)

"""Stacks (``StackV2``, ``StackPushV2``, ``StackPopV2``) and ``ControlTrigger``: what the
gradient of a loop is built with. The forward loop pushes each value the gradient needs,
one per iteration; the gradient loop pops them in reverse. A stack lives for one run: its
``StackV2`` makes a new one each time it runs.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape


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

_HANDLE_SHAPE = TensorShape([2])


# TF's shape of a stack handle is a 2-vector (``TwoElementOutput``, from when handles were
# string pairs); TF refuses a GraphDef whose ``_output_shapes`` say otherwise.
registry.register(OpDef("StackV2", inputs=["max_size: int32"], outputs=["handle: resource"],
                        shape=lambda inputs, attrs: _HANDLE_SHAPE, factory=_stack_factory, stateful=True,
                        defaults={"stack_name": ""}))
registry.register(OpDef("StackPushV2", inputs=["handle: resource", "elem: T"], outputs=["output: T"],
                        shape=lambda inputs, attrs: inputs[1].shape, factory=_push_factory, stateful=True,
                        defaults={"swap_memory": False}))
registry.register(OpDef("StackPopV2", inputs=["handle: resource"], outputs=["elem: elem_type"],
                        shape=lambda inputs, attrs: UNKNOWN, factory=_pop_factory, stateful=True))
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

"""Variable ops: ``VariableV2`` and the ops that assign to or inspect it.

A ``VariableV2`` op yields a reference (``float32_ref``): in a session its kernel returns a
``VariableRef`` into the session's variable storage. Ops declared with ``Ref(T)`` inputs
(``Assign``...) receive the reference; every other consumer receives the current value,
and reading a variable that holds none raises TensorFlow's ``FailedPreconditionError``.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.op_builder import create
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import merge_shapes
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.common import attr_defaults, blas
from scopeflow._src.ops.common.lowering import StaticValueError


class VariableRef:
    """A session's handle on one variable's storage slot."""

    __slots__ = ("store", "key", "op")

    def __init__(self, store, key, op):
        self.store = store
        self.key = key
        self.op = op

    def get(self):
        try:
            return self.store[self.key]
        except KeyError:
            raise errors.FailedPreconditionError(
                None, self.op, f"Attempting to use uninitialized value {self.key}") from None


def _variable_factory(op, state):
    shape = op._attrs.get("shape")
    if shape is not None and shape.ndims is not None and not shape.is_fully_defined():
        # TF's kernel: a shape of known rank must be whole (an unknown rank is allowed)
        dims = ",".join("?" if d is None else str(d) for d in shape.as_list())

        def refuse():
            raise errors.InvalidArgumentError(None, op, f"Shape [{dims}] is not fully defined")
        return refuse
    ref = VariableRef(state.variables, op._attrs.get("shared_name", "") or op.name, op)
    return lambda: ref


def _variable_lowering(op, jx):
    shape = op._attrs.get("shape")
    if shape is not None and shape.ndims is not None and not shape.is_fully_defined():
        raise StaticValueError("a variable whose shape is not fully defined")  # the host raises TF's error
    key = op._attrs.get("shared_name", "") or op.name
    return lambda: jx.variable(key)


registry.register(OpDef("VariableV2", outputs=["ref: Ref(dtype)"],
                        shape=lambda inputs, attrs: attrs["shape"], factory=_variable_factory, stateful=True,
                        defaults={"container": "", "shared_name": ""}, lower=_variable_lowering))


def _assign_shape(inputs, attrs):
    ref, value = inputs[0].shape, inputs[1].shape
    if not attrs.get("validate_shape", True):
        return value
    return merge_shapes(ref, value)


def _assign_factory(op, state):
    validate = op._attrs.get("validate_shape", True)

    def assign(ref, value):
        if validate:
            old = ref.store.get(ref.key)
            if old is None:  # TF checks an uninitialized variable against its declared shape
                declared = ref.op._attrs.get("shape")
                if declared is not None and declared.ndims is None:
                    old_shape = ()  # TF's kernel: a variable of unknown rank holds a scalar until assigned unvalidated
                else:
                    old_shape = tuple(declared.as_list()) if declared is not None and declared.is_fully_defined() \
                        else None
            else:
                old_shape = np.shape(old)
            if old_shape is not None and old_shape != np.shape(value):
                raise errors.InvalidArgumentError(
                    None, op, f"Assign requires shapes of both tensors to match. lhs shape= "
                              f"{list(old_shape)} rhs shape= {list(np.shape(value))}")
        ref.store[ref.key] = blas.aligned_copy(value)  # aligned: the variable is often a product's right operand
        return ref
    return assign


def _assign_lowering(op, jx):
    validate, dtype = op._attrs.get("validate_shape", True), op._inputs[0]._dtype.base_dtype.as_numpy_dtype
    declared = op._inputs[0]._op._attrs.get("shape")

    def assign(old, value):
        if validate:  # shapes are known when the step is compiled: TF's check, then
            old_shape = np.shape(old) if old is not None else (
                () if declared is not None and declared.ndims is None else
                tuple(declared.as_list()) if declared is not None and declared.is_fully_defined() else None)
            if old_shape is not None and tuple(old_shape) != np.shape(value):
                raise errors.InvalidArgumentError(
                    None, op, f"Assign requires shapes of both tensors to match. lhs shape= "
                              f"{list(old_shape)} rhs shape= {list(np.shape(value))}")
        return (jx.jnp.asarray(value, dtype),)
    return assign


def _update_lowering(name):
    def lower(op, jx):
        fn = getattr(jx.jnp, name)

        def update(old, value):
            if old is None:
                raise errors.FailedPreconditionError(
                    None, op, f"Attempting to use uninitialized value {op._inputs[0]._op.name}")
            new = fn(old, value)
            if new.shape != old.shape:
                raise errors.InvalidArgumentError(
                    None, op, f"Must have the same shape: {list(old.shape)} vs {list(np.shape(value))}")
            return (new.astype(old.dtype),)
        return update
    return lower


def _update_factory(fn):
    def factory(op, state):
        lock = state.lock  # a read-modify-write: threads running steps at once must not lose updates

        def update(ref, value):
            with lock:
                old = ref.get()
                new = fn(old, value)
                if new.shape != old.shape:
                    raise errors.InvalidArgumentError(
                        None, op, f"Must have the same shape: {list(old.shape)} vs {list(np.shape(value))}")
                ref.store[ref.key] = new.astype(old.dtype, copy=False)
            return ref
        return update
    return factory


def _count_up_to_factory(op, state):
    limit, lock = op._attrs["limit"], state.lock

    def count_up_to(ref):
        with lock:
            old = ref.get()
            if old >= limit:
                raise errors.OutOfRangeError(None, op, f"Reached limit of {limit}")
            ref.store[ref.key] = old + old.dtype.type(1)
        return old.copy()
    return count_up_to


registry.register(OpDef("Assign", inputs=["ref: Ref(T)", "value: T"], outputs=["output_ref: Ref(T)"],
                        shape=_assign_shape, factory=_assign_factory, stateful=True,
                        defaults={"validate_shape": True, "use_locking": True}, lower=_assign_lowering))
registry.register(OpDef("AssignAdd", inputs=["ref: Ref(T)", "value: T"], outputs=["output_ref: Ref(T)"],
                        shape=lambda inputs, attrs: inputs[0].shape, factory=_update_factory(np.add),
                        stateful=True, defaults=attr_defaults.USE_LOCKING, lower=_update_lowering("add")))
registry.register(OpDef("AssignSub", inputs=["ref: Ref(T)", "value: T"], outputs=["output_ref: Ref(T)"],
                        shape=lambda inputs, attrs: inputs[0].shape, factory=_update_factory(np.subtract),
                        stateful=True, defaults=attr_defaults.USE_LOCKING, lower=_update_lowering("subtract")))
registry.register(OpDef("CountUpTo", inputs=["ref: Ref(T)"], outputs=["output: T"],
                        attrs={"T": (dtypes.int32, dtypes.int64)}, shape=lambda inputs, attrs: inputs[0].shape,
                        factory=_count_up_to_factory, stateful=True))
registry.register(OpDef("IsVariableInitialized", inputs=["ref: Ref(dtype)"], outputs=["is_initialized: bool"],
                        shape=lambda inputs, attrs: TensorShape(()),
                        kernel=lambda ref: np.bool_(ref.key in ref.store), stateful=True,
                        lower=lambda op, jx: lambda old: (old, np.bool_(old is not None))))


def variable_op_v2(shape, dtype, name="Variable", container="", shared_name=""):
    """A raw ``VariableV2`` op (what ``tf.Variable`` builds its variable from)."""
    attrs = {"shape": TensorShape(shape), "dtype": dtypes.as_dtype(dtype), "container": container,
             "shared_name": shared_name}
    return create("VariableV2", [], attrs, name=name, direct=True)._outputs[0]


def assign(ref, value, validate_shape=None, use_locking=None, name=None):
    """Store ``value`` in the variable ``ref``; returns the updated reference."""
    ref_tensor = ref._ref() if hasattr(ref, "_ref") else ref
    attrs = {"validate_shape": True if validate_shape is None else validate_shape,
             "use_locking": True if use_locking is None else use_locking}
    return create("Assign", [ref_tensor, value], attrs, name=name)._outputs[0]


def _update(op_type, ref, value, use_locking, name):
    ref_tensor = ref._ref() if hasattr(ref, "_ref") else ref
    return create(op_type, [ref_tensor, value], {"use_locking": bool(use_locking)}, name=name)._outputs[0]


def assign_add(ref, value, use_locking=None, name=None):
    """Add ``value`` to the variable ``ref`` in place (an ``AssignAdd`` op); returns the updated reference."""
    return _update("AssignAdd", ref, value, use_locking, name)


def assign_sub(ref, value, use_locking=None, name=None):
    """Subtract ``value`` from the variable ``ref`` in place (an ``AssignSub`` op); returns the updated reference."""
    return _update("AssignSub", ref, value, use_locking, name)


def is_variable_initialized(variable):
    """A bool tensor: whether ``variable`` holds a value in the running session."""
    ref = variable._ref() if hasattr(variable, "_ref") else variable
    return create("IsVariableInitialized", [ref], {"dtype": ref.dtype.base_dtype})._outputs[0]


def count_up_to(ref, limit, name=None):
    """Increment the int32/int64 variable ``ref`` until it reaches ``limit`` (a ``CountUpTo``
    op); the output is the value before the increment, and a run that finds the variable
    at ``limit`` raises ``OutOfRangeError`` ("Reached limit of ...")."""
    ref_tensor = ref._ref() if hasattr(ref, "_ref") else ref
    return create("CountUpTo", [ref_tensor], {"limit": int(limit)}, name=name)._outputs[0]

"""The ops of TensorFlow's v1 control flow, and their low-level wrappers.

A cond routes each outside value into a branch through a ``Switch`` (its output for the
untaken branch is dead) and joins the branches' results with a ``Merge`` (which forwards the
live one). A loop passes values into its frame with ``Enter``, joins each loop variable's
first value with its value from the last iteration (``NextIteration``) in a ``Merge``, asks
``LoopCond`` whether to go on, and leaves through ``Exit``. The ``Ref`` variants do the same
for variable references. ``OpDef`` facts tell the executor which is which
(``routes_input``, ``takes_dead_inputs``, ``enters_frame``, ``exits_frame``,
``next_iteration``); the cond and loop builders are ``cond.py`` and ``while_loop.py``.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import colocate_with, name_scope
from scopeflow._src.framework.indexed_slices import IndexedSlices
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape, scalar
from scopeflow._src.ops.array import creation
from scopeflow._src.ops.array.shapes import shape_internal
from scopeflow._src.ops.common import attr_defaults, shape_fns
from scopeflow._src.ops.common.dead import DEAD
from scopeflow._src.ops.common.shape_context import shape_fn
from scopeflow._src.ops.math.cast import cast

_DEAD_PAIR = (DEAD, DEAD)


def _switch_factory(op, state):
    def switch(data, pred):
        if pred.ndim:
            raise errors.InvalidArgumentError(
                None, op, f"The second input must be a scalar, but it has shape {list(pred.shape)}")
        return (DEAD, data) if pred else (data, DEAD)
    return switch


@shape_fn
def _switch_shape(ctx, attrs):
    ctx.with_rank(1, 0)
    shape = ctx.shape(0)
    return [shape, shape]


def _merge(*inputs):
    for i, value in enumerate(inputs):
        if value is not DEAD:
            return value, np.int32(i)
    return _DEAD_PAIR


def _merge_shape(inputs, attrs):
    """TF's ``MergeShape``: the dims all inputs agree on, unknown where they differ."""
    dims = inputs[0].shape.as_tuple()
    for t in inputs[1:]:
        other = t.shape.as_tuple()
        if dims is None or other is None or len(other) != len(dims):
            dims = None
            break
        dims = tuple(a if a == b else None for a, b in zip(dims, other))
    return [UNKNOWN if dims is None else TensorShape(dims), scalar()]


def _enter_shape(inputs, attrs):
    return inputs[0].shape if attrs.get("is_constant") else UNKNOWN


@shape_fn
def _loop_cond_shape(ctx, attrs):
    ctx.with_rank(0, 0)
    return scalar()


def _forward(x):
    return x


for _prefix, _kind in (("", "T"), ("Ref", "Ref(T)")):
    registry.register(OpDef(f"{_prefix}Switch", inputs=[f"data: {_kind}", "pred: bool"],
                            outputs=[f"output_false: {_kind}", f"output_true: {_kind}"],
                            shape=_switch_shape, factory=_switch_factory, routes_input=True))
    registry.register(OpDef(f"{_prefix}Merge", inputs=[f"inputs: {_kind.replace('T', 'N * T')}"],
                            outputs=[f"output: {_kind}", "value_index: int32"],
                            shape=_merge_shape, kernel=_merge, takes_dead_inputs=True))
    registry.register(OpDef(f"{_prefix}Enter", inputs=[f"data: {_kind}"], outputs=[f"output: {_kind}"],
                            shape=_enter_shape, kernel=_forward, enters_frame=True, defaults=attr_defaults.ENTER))
    registry.register(OpDef(f"{_prefix}Exit", inputs=[f"data: {_kind}"], outputs=[f"output: {_kind}"],
                            shape=shape_fns.unchanged, kernel=_forward, exits_frame=True))
    registry.register(OpDef(f"{_prefix}NextIteration", inputs=[f"data: {_kind}"], outputs=[f"output: {_kind}"],
                            shape=shape_fns.unchanged, kernel=_forward, next_iteration=True))
registry.register(OpDef("LoopCond", inputs=["input: bool"], outputs=["output: bool"], shape=_loop_cond_shape,
                        kernel=_forward, forwards_input=True, lower=lambda op, jx: _forward))


def _is_ref(t) -> bool:
    return t.dtype._is_ref_dtype


def switch(data, pred, dtype=None, name=None):
    """``(output_false, output_true)``: ``data`` on the output ``pred`` selects, the other dead
    (an ``IndexedSlices``: one ``Switch`` per part, as TF)."""
    with name_scope(name, "Switch", [data, pred]) as scope:
        if isinstance(data, IndexedSlices):
            pred = convert_to_tensor(pred, name="pred")
            outs = [create("Switch", [t, pred])._outputs for t in _parts(data)]
            return _slices([o[0] for o in outs]), _slices([o[1] for o in outs])
        data = convert_to_tensor(data, dtype=dtype, name="data", as_ref=True)
        pred = convert_to_tensor(pred, name="pred")
        op = create("Switch", [data, pred], name=scope)  # a reference is read: only RefSwitch keeps it
        return op._outputs[0], op._outputs[1]


def ref_switch(data, pred, name=None):
    op = create("RefSwitch", [data, pred], name=name)
    return op._outputs[0], op._outputs[1]


def switch_ref_or_tensor(data, pred, name="Switch"):
    """TensorFlow's ``_SwitchRefOrTensor``: a ``RefSwitch`` for a reference, else a ``Switch``."""
    if isinstance(data, IndexedSlices):
        with colocate_with(data.values, ignore_existing=True):
            return switch(data, pred, name=name)
    data = convert_to_tensor(data, name="data", as_ref=True)
    with colocate_with(data, ignore_existing=True):
        if _is_ref(data):
            return ref_switch(data, pred, name=name)
        return switch(data, pred, name=name)


def merge(inputs, name=None):
    """``(output, value_index)``: the value of whichever of ``inputs`` is alive, and its index."""
    if any(t is None for t in inputs):
        raise ValueError(f"At least one of the merge inputs is None: {inputs}")
    with name_scope(name, "Merge", inputs) as scope:
        if any(isinstance(t, IndexedSlices) for t in inputs):
            return _merge_slices(inputs)
        inputs = [convert_to_tensor(t, as_ref=True) for t in inputs]
        op_type = "RefMerge" if all(_is_ref(t) for t in inputs) else "Merge"
        op = create(op_type, [inputs], name=scope)
        return op._outputs[0], op._outputs[1]


def _parts(s):
    return [s.values, s.indices] if s.dense_shape is None else [s.values, s.indices, s.dense_shape]


def _slices(parts):
    return IndexedSlices(parts[0], parts[1], parts[2] if len(parts) == 3 else None)


def _merge_slices(inputs):
    """TF's ``merge`` of ``IndexedSlices`` (a tensor among them becomes slices of all its rows):
    one ``Merge`` per part; the value index is the first one's."""
    slices = []
    for t in inputs:
        if not isinstance(t, IndexedSlices):
            t = convert_to_tensor(t)
            shape = shape_internal(t, optimize=False)
            t = IndexedSlices(t, creation.range(0, shape[0]), shape)
        slices.append(t)
    if any(s.indices.dtype.base_dtype == dtypes.int32 for s in slices) and \
            any(s.indices.dtype.base_dtype != dtypes.int32 for s in slices):
        slices = [s if s.indices.dtype.base_dtype != dtypes.int32 else
                  IndexedSlices(s.values, cast(s.indices, dtypes.int64), s.dense_shape) for s in slices]
    if len({s.dense_shape is None for s in slices}) > 1:
        raise ValueError(f"The two structures don't have the same nested structure: {slices}")
    merged = [create("Merge", [list(component)]) for component in zip(*[_parts(s) for s in slices])]
    return _slices([m._outputs[0] for m in merged]), merged[0]._outputs[1]


def enter(data, frame_name, is_constant=False, parallel_iterations=10, use_ref=True, use_input_shape=True,
          name=None):
    """``data`` made available in the loop frame ``frame_name`` (TensorFlow's ``_Enter``)."""
    data = convert_to_tensor(data, as_ref=True)
    attrs = {"frame_name": frame_name, "is_constant": bool(is_constant),
             "parallel_iterations": parallel_iterations}
    result = create_output("RefEnter" if _is_ref(data) and use_ref else "Enter", [data], attrs, name=name)
    if use_input_shape:
        result.set_shape(data.shape)
    return result


def exit(data, name=None):  # noqa: A001 - TensorFlow's name
    """``data`` made available in the parent frame once the loop ends."""
    return create_output("RefExit" if _is_ref(data) else "Exit", [data], name=name)


def next_iteration(data, name=None):
    """``data`` passed to the next iteration's ``Merge``."""
    data = convert_to_tensor(data, as_ref=True)
    return create_output("RefNextIteration" if _is_ref(data) else "NextIteration", [data], name=name)


def loop_cond(pred, name=None):
    """The loop's predicate: its ``Switch`` ops route by it."""
    return create_output("LoopCond", [pred], name=name)

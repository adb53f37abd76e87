"""Joining: stack/unstack (``Pack``/``Unpack``, list autopacking) and concat (``ConcatV2``),
with their static shapes. ``split`` is in ``splitting.py``, ``tile`` in ``tiling.py``."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.constant_op import constant, convert_to_tensor, register_tensor_conversion_function
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.array.identity import identity
from scopeflow._src.ops.common import attr_defaults, dtype_lists
from scopeflow._src.ops.common.lowering import all_but_last, all_inputs, checked, known_values_only, static
from scopeflow._src.ops.common.shape_context import merge_shapes, shape_fn, unknown_of_rank
from scopeflow._src.ops.common.shape_fns import dims_text
from scopeflow._src.ops.math.cast import raw_cast


# -- Pack, Unpack ----------------------------------------------------------------------------------
@shape_fn
def _pack_shape(ctx, attrs):
    inputs = ctx.inputs
    cur = inputs[-1].shape
    for i in range(len(inputs) - 2, -1, -1):
        try:
            cur = merge_shapes(inputs[i].shape, cur, ctx)
        except ShapeError as e:
            raise ShapeError(f"{e}\n\tFrom merging shape {i} with other shapes.", suffix=e.suffix) from None
    dims = cur.as_tuple()
    if dims is None:
        return UNKNOWN
    axis = attrs["axis"]
    n = len(dims) + 1
    if axis < -n or axis >= n:
        raise ctx.error(f"Invalid axis: {axis}; must be in [{-n},{n})")
    axis %= n
    return TensorShape(dims[:axis] + (len(inputs),) + dims[axis:])


def _pack_factory(op, state):
    axis = op._attrs["axis"]

    def pack(*xs):
        try:
            return np.stack(xs, axis=axis)
        except ValueError:  # words TF's message on the error path only
            raise errors.InvalidArgumentError(None, op, _pack_message(xs, axis)) from None
    return pack


def _pack_message(xs, axis):
    n = np.ndim(xs[0]) + 1
    if not -n <= axis < n:
        return f"axis = {axis} not in [{-n}, {n})"
    first = np.shape(xs[0])
    for i, x in enumerate(xs[1:], 1):
        if np.shape(x) != first:
            return (f"Shapes of all inputs must match: values[0].shape = {dims_text(first)} != "
                    f"values[{i}].shape = {dims_text(np.shape(x))}")
    return "Pack failed"


def _pack_fold(t):
    values = [tensor_util.constant_value(x) for x in t.op.inputs]
    if any(v is None for v in values) or t.op._attrs["axis"] != 0:
        return None
    return np.stack(values).astype(t.dtype.as_numpy_dtype, copy=False)


@shape_fn
def _unpack_shape(ctx, attrs):
    inputs = ctx.inputs
    dims = inputs[0].shape.as_tuple()
    if dims is None:
        return [UNKNOWN] * attrs["num"]
    n, axis = len(dims), attrs["axis"]
    if axis < -n or axis >= n:
        raise ctx.error(f"Invalid axis: {axis}; must be in [{-n},{n})")
    axis %= n
    if dims[axis] is not None and dims[axis] != attrs["num"]:
        raise ctx.error(f"Dimension must be {attrs['num']} but is {dims[axis]}")
    return [TensorShape(dims[:axis] + dims[axis + 1:])] * attrs["num"]


def _unpack_factory(op, state):
    axis, num = op._attrs["axis"], op._attrs["num"]

    def unpack(x):
        x = np.asarray(x)
        if not -x.ndim <= axis < x.ndim:
            raise errors.InvalidArgumentError(None, op, f"axis = {axis} not in [{-x.ndim}, {x.ndim})")
        if x.shape[axis] != num:
            raise errors.InvalidArgumentError(None, op, f"Input shape axis {axis % x.ndim} must equal {num}, got "
                                                        f"shape {dims_text(x.shape)}")
        return tuple(np.take(x, i, axis=axis) for i in range(num))
    return unpack


def _unpack_fold(t):
    if t.op._attrs["axis"] != 0:
        return None
    value = tensor_util.constant_value(t.op.inputs[0])
    return None if value is None else value[t.value_index]


registry.register(OpDef("Pack", inputs=["values: N*T"], outputs=["output: T"], shape=_pack_shape,
                        factory=_pack_factory, fold=_pack_fold, defaults={"axis": 0},
                        lower=checked(lambda op, jx: lambda *xs: jx.jnp.stack(xs, axis=op._attrs["axis"]),
                                      all_inputs)))
registry.register(OpDef("Unpack", inputs=["value: T"], outputs=["output: num*T"], shape=_unpack_shape,
                        factory=_unpack_factory, fold=_unpack_fold, defaults={"axis": 0},
                        lower=checked(lambda op, jx: lambda x: tuple(jx.jnp.unstack(x, axis=op._attrs["axis"])))))


def _is_tensor_like(v):
    return isinstance(v, Tensor) or hasattr(v, "_as_graph_element") and hasattr(v, "dtype")


def _dtype_in(values):
    for v in values:
        if _is_tensor_like(v):
            return v.dtype.base_dtype
        if isinstance(v, (list, tuple)):
            found = _dtype_in(v)
            if found is not None:
                return found
    return None


def _cast_tensors(values, dtype):
    out = []
    for v in values:
        if isinstance(v, (list, tuple)):
            out.append(type(v)(_cast_tensors(v, dtype)))
        elif _is_tensor_like(v) and v.dtype.base_dtype != dtype:
            out.append(raw_cast(convert_to_tensor(v), dtype))
        else:
            out.append(v)
    return out


def _autopacking_helper(values, dtype, name):
    must_pack = False
    converted = []
    with name_scope(name) as scope:
        for i, elem in enumerate(values):
            if _is_tensor_like(elem):
                if dtype is not None and elem.dtype.base_dtype != dtype:
                    raise TypeError(f"Cannot convert a list containing a tensor of dtype {elem.dtype} to {dtype} "
                                    f"(Tensor is: {elem!r})")
                converted.append(elem)
                must_pack = True
            elif isinstance(elem, (list, tuple)):
                packed = _autopacking_helper(elem, dtype, str(i))
                must_pack = must_pack or isinstance(packed, Tensor)
                converted.append(packed)
            else:
                converted.append(elem)
        if not must_pack:
            return converted
        elems = [e if isinstance(e, Tensor) else convert_to_tensor(e) if _is_tensor_like(e)
                 else constant(e, dtype=dtype, name=str(i)) for i, e in enumerate(converted)]
        return create_output("Pack", [elems], {"axis": 0}, name=scope)


def _autopack(values, dtype=None, name=None, as_ref=False):
    """TF's list/tuple conversion: a list holding tensors becomes a ``Pack`` named ``packed``."""
    if as_ref:
        return NotImplemented
    inferred = _dtype_in(values)
    if inferred is None:
        return NotImplemented
    if dtype is None:
        dtype = inferred
    elif dtype != inferred:
        values = _cast_tensors(values, dtype)
    return _autopacking_helper(values, dtype, name or "packed")


register_tensor_conversion_function((list, tuple), _autopack, priority=99)


def stack(values, axis=0, name="stack"):
    """Stack same-shaped tensors along a new ``axis`` (a ``Const`` when all are constants).

    >>> import scopeflow as tf
    >>> tf.stack([tf.zeros([2]), tf.ones([2])], axis=1).shape.as_list()
    [2, 2]
    """
    if axis == 0:
        try:
            return convert_to_tensor(values, name=name)
        except (TypeError, ValueError):
            pass
    value_shape = convert_to_tensor(values[0], name=name).shape.as_tuple()
    if value_shape is not None:
        n = len(value_shape) + 1
        if axis < -n or axis >= n:
            raise ValueError(f"Argument `axis` = {axis} not in range [{-n}, {n})")
    return create_output("Pack", [list(values)], {"axis": axis}, name=name)


def unstack(value, num=None, axis=0, name="unstack"):
    """The ``num`` slices of ``value`` along ``axis`` (an ``Unpack`` op with outputs ``:0 :1 ...``)."""
    if num is None:
        value = convert_to_tensor(value)
        dims = value.shape.as_tuple()
        if dims is not None:
            if axis < -len(dims) or axis >= len(dims):
                raise ValueError(f"Argument `axis` = {axis} not in range [{-len(dims)}, {len(dims)})")
            num = dims[axis]
        if num is None:
            raise ValueError(f"Cannot infer argument `num` from shape {value.shape}")
    return create("Unpack", [value], {"num": int(num), "axis": axis}, name=name).outputs


# -- ConcatV2, ConcatOffset ----------------------------------------------------------------------
def _concat_rank(ctx, values):
    ranks = [t.shape.ndims for t in values]
    n = next((r for r in ranks if r is not None), None)
    if n is None:
        return None
    for i in range(len(values)):
        ctx.with_rank(i, n)
    return n


@shape_fn
def _concat_shape(ctx, attrs):
    inputs = ctx.inputs
    values = inputs[:-1]
    n = _concat_rank(ctx, values)
    if n == 0:
        raise ctx.error("Can't concatenate scalars (use tf.stack instead)")
    axis = ctx.value(len(inputs) - 1)
    if axis is None or n is None:
        return unknown_of_rank(n)
    axis = int(axis)
    min_rank = -axis if axis < 0 else axis + 1
    if n < min_rank:
        raise ctx.error(f"Shape must be at least rank {min_rank} but is rank {n}")
    axis %= n
    known = [t.shape.as_list() for t in values if t.shape.ndims is not None]
    before, middle, after = TensorShape(known[-1][:axis]), known[-1][axis], TensorShape(known[-1][axis + 1:])
    if len(known) < len(values):
        middle = None
    for dims in reversed(known[:-1]):
        before = merge_shapes(TensorShape(dims[:axis]), before, ctx)
        middle = None if middle is None or dims[axis] is None else middle + dims[axis]
        after = merge_shapes(TensorShape(dims[axis + 1:]), after, ctx)
    return before.concatenate([middle]).concatenate(after)


def _concat_factory(op, state):
    def concat_kernel(*xs):
        try:
            return np.concatenate(xs[:-1], axis=int(xs[-1]))
        except ValueError:  # words TF's message on the error path only
            raise errors.InvalidArgumentError(None, op, "ConcatOp : " + _concat_message(xs[:-1], int(xs[-1]))) from None
    return concat_kernel


def _concat_message(xs, axis):
    """TF's ``ConcatOp`` check that fails first (every input is compared with input 0)."""
    shapes = [np.shape(x) for x in xs]
    if any(not s for s in shapes):
        return "Can't concatenate scalars (use tf.stack instead)"
    n, first = len(shapes[0]), shapes[0]
    if not -n <= axis < n:
        return f"Expected concatenating dimensions in the range [{-n}, {n}), but got {axis}"
    for i, s in enumerate(shapes[1:], 1):
        if len(s) != n:
            return (f"Ranks of all input tensors should match: shape[0] = {dims_text(first)} vs. "
                    f"shape[{i}] = {dims_text(s)}")
        for j in range(n):
            if j != axis % n and s[j] != first[j]:
                return (f"Dimension {j} in both shapes must be equal: shape[0] = {dims_text(first)} vs. "
                        f"shape[{i}] = {dims_text(s)}")
    return "inputs do not concatenate"


def _concat_fold(t):
    values = [tensor_util.constant_value(x) for x in t.op.inputs]
    if any(v is None for v in values):
        return None
    return np.concatenate(values[:-1], axis=int(values[-1]))


def _concat_offset_factory(op, state):
    """Each input's offset along the concat axis, with TF's checks that the shapes concatenate
    (a gradient given ``grad_ys`` never runs the concat that would have refused them)."""
    def fail(message):
        raise errors.InvalidArgumentError(None, op, message)

    def concat_offset(concat_dim, *shapes):
        first = shapes[0].tolist()
        dims, cdim = len(first), int(concat_dim)
        axis = cdim + dims if cdim < 0 else cdim
        if not 0 <= axis < dims:
            fail(f"Concat dim is out of range: {cdim} vs. {dims}")
        out, offset = [], 0
        for i, s in enumerate(shapes):
            sizes = s.tolist()
            if len(sizes) != dims:
                fail(f"input {i} should contain {dims} elements, but got {len(sizes)}")
            if sizes[:axis] != first[:axis] or sizes[axis + 1:] != first[axis + 1:]:
                fail(f"All dimensions except {axis} must match. Input {i} has shape [{_summary(sizes)}] and "
                     f"doesn't match input 0 with shape [{_summary(first)}].")
            o = np.zeros(s.shape, s.dtype)  # not zeros_like: it costs more than the rest (an RNN runs 100)
            o[axis] = offset
            offset += sizes[axis]
            out.append(o)
        return tuple(out)
    return concat_offset


def _summary(values, limit=10):
    """TF's ``Tensor::SummarizeValue``: the first ``limit`` values, ``...`` if there are more."""
    return " ".join(map(str, values[:limit])) + ("..." if len(values) > limit else "")


registry.register(OpDef("ConcatV2", inputs=["values: N*T", "axis: Tidx"], outputs=["output: T"],
                        attrs={"Tidx": dtype_lists.INDEX}, shape=_concat_shape, factory=_concat_factory,
                        fold=_concat_fold, defaults=attr_defaults.INT32_TIDX,
                        lower=checked(lambda op, jx: lambda *xs: jx.jnp.concatenate(xs[:-1], axis=int(static(xs[-1]))),
                                      all_but_last)))
registry.register(OpDef("ConcatOffset", inputs=["concat_dim: int32", "shape: N*shape_type"],
                        outputs=["offset: N*shape_type"], attrs={"shape_type": dtype_lists.INDEX},
                        shape=lambda inputs, attrs: [t.shape for t in inputs[1:]], factory=_concat_offset_factory,
                        defaults={"shape_type": dtypes.int32}, lower=known_values_only))


def concat(values, axis, name="concat"):
    """Join ``values`` along ``axis`` (an ``Identity`` when there is only one).

    >>> import scopeflow as tf
    >>> tf.concat([tf.zeros([2, 3]), tf.ones([1, 3])], 0).shape.as_list()
    [3, 3]
    """
    if not isinstance(values, (list, tuple)):
        values = [values]
    if not values:  # TF's check of the op's N >= 2 (was a KeyError from dtype inference)
        raise ValueError("List argument 'values' to 'ConcatV2' Op with length 0 shorter than minimum length 2.")
    if len(values) == 1:
        with name_scope(name):
            dim = convert_to_tensor(axis, name="concat_dim", dtype=dtypes.int32)
            dim.shape.assert_has_rank(0)
            return identity(values[0], name=name)
    return create_output("ConcatV2", [list(values), axis], name=name)

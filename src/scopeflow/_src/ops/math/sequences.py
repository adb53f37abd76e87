"""Sequences and pass-throughs: ``tf.linspace``/``tf.lin_space`` (TF's ``linspace_nd`` graph; the
``LinSpace`` op for graphs that hold one), ``tf.repeat`` (TF's ``repeat_with_axis`` graph),
``tf.identity_n`` (``IdentityN``) and ``tf.ensure_shape`` (``EnsureShape``, checked when run).

Example::

    tf.linspace(0.0, 1.0, 5)   # [0, 0.25, 0.5, 0.75, 1]: "linspace/Slice:0"
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.context import default_graph
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import Arg, OpDef
from scopeflow._src.framework.shape_inference import merge_shapes
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.common import dtype_lists
from scopeflow._src.ops.common.lowering import checked, out_dtype, static
from scopeflow._src.ops.common.shape_fns import dims_text
from scopeflow._src.ops.math.cast import raw_cast


# -- LinSpace --------------------------------------------------------------------------------------
def _lin_space_factory(op, state):
    def kernel(start, stop, num):
        for name, v in (("start", start), ("stop", stop), ("num", num)):
            if np.ndim(v) != 0:
                raise errors.InvalidArgumentError(None, op, f"{name} must be a scalar, not shape "
                                                            f"{dims_text(np.shape(v))}")
        num = int(num)
        if num <= 0:
            raise errors.InvalidArgumentError(None, op, f"Requires num > 0: {num}")
        if num == 1:
            return np.asarray([start], start.dtype)
        step = (stop - start) / (num - 1)
        return (start + np.arange(num, dtype=start.dtype) * step).astype(start.dtype)
    return kernel


def _lin_space_shape(inputs, attrs):
    num = tensor_util.constant_value(inputs[2])
    return TensorShape([int(num) if num is not None and np.ndim(num) == 0 else None])


def _lower_lin_space(op, jx):
    dtype = out_dtype(op)

    def run(start, stop, num):
        num = int(static(num, "num"))
        step = (stop - start) / max(num - 1, 1)
        return (start + jx.jnp.arange(num, dtype=dtype) * step).astype(dtype)
    return run


registry.register(OpDef("LinSpace", inputs=["start: T", "stop: T", "num: Tidx"], outputs=["output: T"],
                        attrs={"T": dtype_lists.FLOAT, "Tidx": dtype_lists.INDEX}, shape=_lin_space_shape,
                        factory=_lin_space_factory, defaults={"Tidx": dtypes.int32}, lower=_lower_lin_space))


# -- IdentityN, EnsureShape ----------------------------------------------------------------------------
# ``input`` and ``output`` are TF's type lists (attr ``T``); the private ``_N`` gives their length
_N = "_N"
registry.register(OpDef("IdentityN", inputs=[Arg("input", type_attr="T", number_attr=_N)],
                        outputs=[Arg("output", type_attr="T", number_attr=_N)], kernel=lambda *xs: tuple(xs),
                        lower=lambda op, jx: lambda *xs: tuple(xs)))


def _ensure_shape_factory(op, state):
    want = op._attrs["shape"]

    def kernel(x):
        if not want.is_compatible_with(TensorShape(np.shape(x))):
            raise errors.InvalidArgumentError(
                None, op, f"Shape of tensor {_input_name(op._inputs[0])} {dims_text(np.shape(x))} is not compatible "
                          f"with expected shape {_shape_text(want)}.")
        return x
    return kernel


def _input_name(t):
    """The input as a NodeDef names it: ``op`` for output 0, else ``op:k``."""
    return t.op.name if t.value_index == 0 else t.name


def _shape_text(shape):
    if shape.ndims is None:
        return "<unknown>"
    return "[" + ",".join("?" if d is None else str(d) for d in shape.as_list()) + "]"


def _ensure_shape_shape(inputs, attrs):
    return merge_shapes(attrs["shape"], inputs[0].shape)  # TF merges the expected shape with the input's


registry.register(OpDef("EnsureShape", inputs=["input: T"], outputs=["output: T"], shape=_ensure_shape_shape,
                        factory=_ensure_shape_factory, lower=checked(lambda op, jx: lambda x: x)))


def identity_n(input, name=None):  # noqa: A002 - TensorFlow's argument name
    """Each of a list of tensors, passed through one ``IdentityN`` op (its gradient passes each
    gradient through)."""
    tensors = [convert_to_tensor(t) for t in input]
    graph = tensors[0].graph if tensors else default_graph()
    with graph.as_default(), graph.name_scope(name or "IdentityN") as scope:
        attrs = {"T": [t.dtype.base_dtype for t in tensors], _N: len(tensors)}
        op = graph._add_op("IdentityN", scope[:-1], tensors, attrs, [(t.dtype.base_dtype, t.shape) for t in tensors])
    return list(op.outputs)


def ensure_shape(x, shape, name=None):
    """``x``, whose static shape becomes its merge with ``shape``; running it raises
    ``InvalidArgumentError`` when the value's shape is not compatible (``EnsureShape``)."""
    if not isinstance(shape, TensorShape):
        shape = TensorShape(shape)
    return create_output("EnsureShape", [x], {"shape": shape}, name=name)


# -- linspace (TF's linspace_nd) ----------------------------------------------------------------------
def _int_tensor(value, name):
    """TF's ``convert_to_int_tensor``: an int32 ``Cast`` of an integer tensor (always built)."""
    tensor = convert_to_tensor(value, name=name, preferred_dtype=dtypes.int32)
    if not tensor.dtype.is_integer:
        raise TypeError(f"Argument `tensor` (name: {name}) must be of type integer. Received `tensor` = {tensor} "
                        f"of dtype: {tensor.dtype.name}")
    return raw_cast(tensor, dtypes.int32)


def linspace(start, stop, num, name=None, axis=0):
    """``num`` evenly spaced values from ``start`` to ``stop`` (both included), along ``axis``
    of the broadcast of ``start`` and ``stop`` (TF's ``linspace_nd`` graph)."""
    with name_scope(name, "linspace", [start, stop]):
        start = convert_to_tensor(start, name="start")
        stop = convert_to_tensor(stop, name="stop", dtype=start.dtype)
        num_int = _int_tensor(num, "num")
        math_ops.cast(num_int, dtype=start.dtype)  # TF casts num too, and never uses the cast
        broadcast_shape = array_ops.broadcast_dynamic_shape(array_ops.shape(start), array_ops.shape(stop))
        start = array_ops.broadcast_to(start, broadcast_shape)
        stop = array_ops.broadcast_to(stop, broadcast_shape)
        expanded_start = array_ops.expand_dims(start, axis=axis)
        expanded_stop = array_ops.expand_dims(stop, axis=axis)
        shape = array_ops.shape(expanded_start)
        ndims = array_ops.shape(shape)[0]
        axis = array_ops.where_v2(axis >= 0, axis, ndims + axis)
        num_fill = math_ops.maximum(num_int - 2, 0)
        n_steps = math_ops.maximum(num_int - 1, 1)
        delta = (expanded_stop - expanded_start) / math_ops.cast(n_steps, expanded_stop.dtype)
        expanded_start = math_ops.cast(expanded_start, delta.dtype)
        expanded_stop = math_ops.cast(expanded_stop, delta.dtype)
        range_end = array_ops.where_v2(num_int >= 0, n_steps, -1)
        desired_range = math_ops.cast(array_ops.range(1, range_end, dtype=dtypes.int64), delta.dtype)
        mask = math_ops.equal(axis, array_ops.range(ndims))
        desired_range_shape = array_ops.where_v2(mask, num_fill, 1)
        desired_range = array_ops.reshape(desired_range, desired_range_shape)
        res = expanded_start + delta * desired_range
        concatenated = array_ops.concat((expanded_start, res, expanded_stop), axis=axis)
        begin = array_ops.zeros_like(shape)
        size = array_ops.concat((shape[0:axis], array_ops.reshape(num_int, [1]), shape[axis + 1:]), axis=0)
        return array_ops.slice(concatenated, begin, size)


# -- repeat (TF's repeat_with_axis) ----------------------------------------------------------------------
def _tile_one_dimension(data, axis, multiple):
    if data.shape.ndims is not None:
        multiples = [1] * data.shape.ndims
        multiples[axis] = multiple
    else:
        ones_value = array_ops.ones(array_ops.rank(data), dtypes.int32)
        multiples = array_ops.concat([ones_value[:axis], [multiple], ones_value[axis + 1:]], axis=0)
    return array_ops.tile(data, multiples)


def repeat(input, repeats, axis=None, name=None):  # noqa: A002 - TensorFlow's argument name
    """Each element (``axis=None``: of the flattened ``input``) or slice along ``axis`` repeated
    ``repeats`` times (a scalar, or one count per slice)."""
    if axis is None:
        input = array_ops.reshape(input, [-1])
        axis = 0
    if not isinstance(axis, int):
        raise TypeError(f"Argument `axis` must be an int. Received `axis` = {axis} of type {type(axis).__name__}")
    with name_scope(name, "Repeat", [input, repeats]):
        data = convert_to_tensor(input, name="data")
        repeats = _int_tensor(repeats, "repeats")
        if repeats.shape.ndims is not None and repeats.shape.ndims > 1:
            raise ValueError(f"Shape {repeats.shape} must have rank at most 1")
        if data.shape.ndims == 0:
            data = array_ops.reshape(data, [1])
        data_shape = array_ops.shape(data, out_type=repeats.dtype)
        rank = data.shape.ndims
        if rank is not None and not -rank <= axis < rank:
            raise ValueError(f"axis={axis} out of bounds: expected {-rank}<=axis<{rank}")
        axis = axis % rank if rank is not None else axis
        if repeats.shape.num_elements() == 1:
            repeats = array_ops.reshape(repeats, [])
            expanded = array_ops.expand_dims(data, axis + 1)
            tiled = _tile_one_dimension(expanded, axis + 1, repeats)
            result_shape = array_ops.concat([data_shape[:axis], [repeats * data_shape[axis]],
                                             data_shape[axis + 1:]], axis=0)
            return array_ops.reshape(tiled, result_shape)
        repeats = array_ops.broadcast_to(repeats, [data_shape[axis]])
        repeats_original = repeats
        if repeats.shape.ndims != axis + 1:
            repeats_shape = array_ops.shape(repeats)
            repeats_ndims = array_ops.rank(repeats)
            broadcast_shape = array_ops.concat([data_shape[:axis + 1 - repeats_ndims], repeats_shape], axis=0)
            repeats = array_ops.broadcast_to(repeats, broadcast_shape)
            repeats.set_shape([None] * (axis + 1))
        max_repeat = math_ops.reduce_max(repeats)
        max_repeat = math_ops.maximum(convert_to_tensor(0, name="zero", dtype=max_repeat.dtype), max_repeat)
        mask = array_ops.sequence_mask(repeats, max_repeat)
        expanded = array_ops.expand_dims(data, axis + 1)
        tiled = _tile_one_dimension(expanded, axis + 1, max_repeat)
        masked = array_ops.boolean_mask(tiled, mask)
        if axis == 0:
            result = masked
        else:
            repeated_dim_size = math_ops.reduce_sum(repeats_original, array_ops.range(0, array_ops.rank(
                repeats_original), 1))
            result_shape = array_ops.concat([data_shape[:axis], [repeated_dim_size], data_shape[axis + 1:]], axis=0)
            result = array_ops.reshape(masked, result_shape)
        if data.shape.ndims is not None:
            new_axis_size = 0 if repeats.shape.as_list()[0] == 0 else None
            result.set_shape(data.shape[:axis].concatenate([new_axis_size]).concatenate(data.shape[axis + 1:]))
        return result

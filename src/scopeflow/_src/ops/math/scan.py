"""Ops along one axis: cumulative ``Cumsum``/``Cumprod`` (``exclusive``, ``reverse``) and
``ArgMax``/``ArgMin`` (TF1's ``dimension=`` and ``output_type=``)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape
from scopeflow._src.ops.common import dtype_lists, shape_fns
from scopeflow._src.ops.common.lowering import checked, static
from scopeflow._src.ops.common.shape_fns import dims_text
from scopeflow._src.ops.math.cast import cast


def _axis(op, x, axis, what):
    rank = np.ndim(x)
    axis = int(axis)
    if axis < -rank or axis >= rank:
        raise errors.InvalidArgumentError(None, op, f"{what} in the range [{-rank}, {rank}), but got {axis}")
    return axis % rank


# -- Cumsum, Cumprod -----------------------------------------------------------------------------
def _scan_factory(fn, identity):
    def factory(op, state):
        exclusive, reverse = op._attrs["exclusive"], op._attrs["reverse"]

        def kernel(x, axis):
            x = np.asarray(x)
            axis = _axis(op, x, axis, "ScanOp: Expected scan axis")
            if reverse:
                x = np.flip(x, axis)
            out = fn(x, axis=axis, dtype=x.dtype)
            if exclusive:
                pad = np.full_like(np.take(out, [0], axis=axis), identity)
                out = np.concatenate([pad, np.delete(out, -1, axis=axis)], axis=axis)
            return np.flip(out, axis) if reverse else out
        return kernel
    return factory


def _lower_scan(name, identity):
    def lower(op, jx):
        exclusive, reverse, jnp = op._attrs["exclusive"], op._attrs["reverse"], jx.jnp

        def scan(x, axis):
            axis = _axis(op, x, static(axis, "axis"), "ScanOp: Expected scan axis")
            if reverse:
                x = jnp.flip(x, axis)
            out = getattr(jnp, name)(x, axis=axis, dtype=x.dtype)
            if exclusive:
                pad = jnp.full_like(jx.lax.slice_in_dim(out, 0, 1, axis=axis), identity)
                out = jnp.concatenate([pad, jx.lax.slice_in_dim(out, 0, out.shape[axis] - 1, axis=axis)], axis=axis)
            return jnp.flip(out, axis) if reverse else out
        return scan
    return lower


for _type, _fn, _identity in (("Cumsum", np.cumsum, 0), ("Cumprod", np.cumprod, 1)):
    registry.register(OpDef(_type, inputs=["x: T", "axis: Tidx"], outputs=["out: T"],
                            attrs={"T": dtype_lists.NUMBER, "Tidx": dtype_lists.INDEX}, shape=shape_fns.unchanged,
                            factory=_scan_factory(_fn, _identity),
                            defaults={"exclusive": False, "reverse": False, "Tidx": dtypes.int32},
                            lower=_lower_scan(_fn.__name__, _identity)))


def _scan(op_type, x, axis, exclusive, reverse, name):
    with name_scope(name, op_type, [x]) as scope:
        x = convert_to_tensor(x, name="x")
        attrs = {"exclusive": bool(exclusive), "reverse": bool(reverse)}
        if not hasattr(axis, "dtype"):
            attrs["Tidx"] = dtypes.int32
        return create_output(op_type, [x, axis], attrs, name=scope)


def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    """The cumulative sum along ``axis`` (a ``Cumsum`` op).

    >>> import scopeflow as tf
    >>> tf.Session().run(tf.cumsum([1, 2, 3], exclusive=True)).tolist()
    [0, 1, 3]
    """
    return _scan("Cumsum", x, axis, exclusive, reverse, name)


def cumprod(x, axis=0, exclusive=False, reverse=False, name=None):
    """The cumulative product along ``axis`` (a ``Cumprod`` op)."""
    return _scan("Cumprod", x, axis, exclusive, reverse, name)


# -- ArgMax, ArgMin ------------------------------------------------------------------------------
def _arg_shape(inputs, attrs):
    dim = inputs[1].shape
    if dim.ndims is not None and dim.ndims != 0:
        raise ShapeError(f"Shape must be rank 0 but is rank {dim.ndims}")
    dims = inputs[0].shape.as_tuple()
    if dims is None:
        return UNKNOWN
    rank = len(dims)
    if rank <= 1:
        return TensorShape([])
    value = shape_fns.evaluate_constant(inputs[1])
    if value is None:
        return TensorShape([None] * (rank - 1))
    axis = int(value)
    if axis < -rank or axis >= rank:
        raise ShapeError(f"Dimension ({axis}) must be in the range [{-rank}, {rank}), where {rank} is the number of "
                         f"dimensions in the input.", shape_fns.computed_suffix(1, value))
    axis %= rank
    return TensorShape(dims[:axis] + dims[axis + 1:])


def _arg_factory(fn):
    def factory(op, state):
        out_type = op._attrs["output_type"].as_numpy_dtype

        def kernel(x, dimension):
            x = np.asarray(x)
            axis = _axis(op, x, dimension, "Expected dimension")
            if x.shape[axis] == 0:
                raise errors.InvalidArgumentError(
                    None, op, f"Reduction axis {axis} is empty in shape {dims_text(x.shape)}")
            return fn(x, axis=axis).astype(out_type)
        return kernel
    return factory


def _lower_arg(name):
    def lower(op, jx):
        return lambda x, dimension: getattr(jx.jnp, name)(x, axis=_axis(op, x, static(dimension), "dimension"))
    return lower


for _type, _fn, _tidx, _out_types in (
        ("ArgMax", np.argmax, dtype_lists.types("int16,int32,int64"), dtype_lists.types("int16,uint16,int32,int64")),
        ("ArgMin", np.argmin, dtype_lists.INDEX, dtype_lists.INDEX)):
    registry.register(OpDef(_type, inputs=["input: T", "dimension: Tidx"], outputs=["output: output_type"],
                            attrs={"T": dtype_lists.ARG_MINMAX, "Tidx": _tidx, "output_type": _out_types},
                            shape=_arg_shape, factory=_arg_factory(_fn),
                            defaults={"Tidx": dtypes.int32, "output_type": dtypes.int64},
                            lower=checked(_lower_arg(_fn.__name__))))


def _arg(op_type, input, axis, dimension, output_type, name):  # noqa: A002
    if dimension is not None:
        if axis is not None:
            raise ValueError("Cannot specify both 'dimension' and 'axis'.")
        axis = dimension
    if axis is None:
        axis = 0
    attrs = {"output_type": dtypes.as_dtype(output_type)}
    if hasattr(axis, "dtype"):
        allowed = (dtypes.int8, dtypes.uint8, dtypes.int16, dtypes.uint16, dtypes.int32, dtypes.int64)
        if axis.dtype.base_dtype not in allowed:
            raise TypeError(f"axis tensor dtypes {axis.dtype} is not supported")
        if axis.dtype.base_dtype in (dtypes.int8, dtypes.int16, dtypes.uint8, dtypes.uint16):
            axis = cast(axis, dtypes.int32)
    elif not isinstance(axis, (int, np.integer)):
        raise TypeError("axis must be int or Tensor with integer datatype")
    else:
        attrs["Tidx"] = dtypes.int32
    return create_output(op_type, [input, axis], attrs, name=name)


def argmax(input, axis=None, name=None, dimension=None, output_type=dtypes.int64):  # noqa: A002
    """The index of the largest value along ``axis`` (default 0): an ``ArgMax`` op."""
    return _arg("ArgMax", input, axis, dimension, output_type, name)


def argmin(input, axis=None, name=None, dimension=None, output_type=dtypes.int64):  # noqa: A002
    """The index of the smallest value along ``axis`` (default 0): an ``ArgMin`` op."""
    return _arg("ArgMin", input, axis, dimension, output_type, name)


def arg_max(input, dimension, output_type=dtypes.int64, name=None):  # noqa: A002
    """TF1's raw ``arg_max(input, dimension, output_type, name)``: an ``ArgMax`` op."""
    return _arg("ArgMax", input, dimension, None, output_type, name)


def arg_min(input, dimension, output_type=dtypes.int64, name=None):  # noqa: A002
    """TF1's raw ``arg_min(input, dimension, output_type, name)``: an ``ArgMin`` op."""
    return _arg("ArgMin", input, dimension, None, output_type, name)

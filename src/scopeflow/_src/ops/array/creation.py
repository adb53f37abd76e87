"""Ops that create tensors: fill, zeros/ones and their ``_like``, range, one_hot,
sequence_mask and meshgrid, built with TensorFlow's helper ops and names."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN, TensorShape, as_shape
from scopeflow._src.framework.tensor_util import constant_value
from scopeflow._src.ops.array.joining import stack
from scopeflow._src.ops.array.shapes import as_tensor_input, expand_dims, rank, reshape, shape_internal, size
from scopeflow._src.ops.common import attr_defaults, dtype_lists, shape_fns
from scopeflow._src.ops.common.lowering import checked, jnp_fn, known_values_only, static, static_ints
from scopeflow._src.ops.common.shape_context import shape_fn
from scopeflow._src.ops.math.arithmetic import maximum
from scopeflow._src.ops.math.cast import cast, raw_cast
from scopeflow._src.ops.math.comparison import less


# -- Fill, ZerosLike, OnesLike -----------------------------------------------------------------
@shape_fn
def _fill_shape(ctx, attrs):
    ctx.with_rank(0, 1)
    ctx.with_rank(1, 0)
    out = ctx.shape_input(0)
    dims = ctx.value(0)
    if dims is not None and (np.asarray(dims) < 0).any():
        raise ctx.error("Fill dimensions must be >= 0")
    return out


def _fill_factory(op, state):
    def fill_kernel(dims, value):
        dims = shape_fns.output_dims(op, dims, np.asarray(value).dtype)
        try:
            return np.full(dims, value, dtype=np.asarray(value).dtype)
        except ValueError:  # a negative dimension: TF's words, on the error path only
            bad = next(d for d in dims if d < 0)
            raise errors.InvalidArgumentError(None, op, f"Dimension {bad} must be >= 0") from None

    def fill_checking_scalar(dims, value):  # np.full would broadcast a non-scalar value
        if np.ndim(value) != 0:
            raise errors.InvalidArgumentError(
                None, op, f"value must represent a scalar, got shape {shape_fns.dims_text(np.shape(value))}")
        return fill_kernel(dims, value)
    # A known rank of ``value`` was checked (to be 0) when the graph was built.
    return fill_kernel if op._inputs[1].shape.ndims is not None else fill_checking_scalar


def _fill_fold(t):
    value = constant_value(t.op.inputs[1])
    if t.shape.is_fully_defined() and value is not None:
        return np.full(t.shape.as_list(), value, dtype=value.dtype)
    return None


registry.register(OpDef("Fill", inputs=["dims: index_type", "value: T"], outputs=["output: T"],
                        attrs={"index_type": dtype_lists.INDEX}, shape=_fill_shape, factory=_fill_factory,
                        fold=_fill_fold, defaults={"index_type": dtypes.int32},
                        lower=checked(lambda op, jx: lambda dims, value: jx.jnp.full(static_ints(dims), value),
                                      data=lambda n: (1,))))
registry.register(OpDef("ZerosLike", inputs=["x: T"], outputs=["y: T"], shape=shape_fns.unchanged,
                        kernel=np.zeros_like, lower=jnp_fn("zeros_like")))
registry.register(OpDef("OnesLike", inputs=["x: T"], outputs=["y: T"], shape=shape_fns.unchanged,
                        kernel=np.ones_like, lower=jnp_fn("ones_like")))


def fill(dims, value, name=None):
    """A tensor of shape ``dims`` filled with ``value`` (a ``Fill`` op).

    >>> import scopeflow as tf
    >>> tf.Session().run(tf.fill([2], 7))
    array([7, 7], dtype=int32)
    """
    return create_output("Fill", [dims, value], name=name)


def _constant_if_small(value, shape, dtype, name):
    try:
        dims = as_shape(shape)
        if dims.is_fully_defined() and dims.num_elements() < 1000:
            return constant(value, shape=dims.as_list(), dtype=dtype, name=name)
    except (TypeError, ValueError):
        pass
    return None


def _shape_as_tensor(shape):
    """A shape given as Python values, as a tensor (TF's ``shape_as_tensor`` or a packed list)."""
    try:
        return convert_to_tensor(as_shape(shape))
    except (TypeError, ValueError):
        return convert_to_tensor(shape, dtype=dtypes.int32)


def _filled(value_for, default_name, shape, dtype, name):
    dtype = dtypes.as_dtype(dtype).base_dtype
    with name_scope(name, default_name, [shape]) as scope:
        value = value_for(dtype)
        if not isinstance(shape, Tensor):
            out = _constant_if_small(value, shape, dtype, scope)
            if out is not None:
                return out
            shape = _shape_as_tensor(shape)
        if not shape.shape.as_tuple():
            shape = reshape(shape, [-1])
        return fill(shape, constant(value, dtype=dtype), name=scope)


def _zero(dtype):
    return "" if dtype == dtypes.string else (False if dtype == dtypes.bool else 0)


def _one(dtype):
    return True if dtype == dtypes.bool else 1


def zeros(shape, dtype=dtypes.float32, name=None):
    """A tensor of zeros: a ``Const`` below 1000 elements, else a ``Fill``.

    >>> import scopeflow as tf
    >>> tf.zeros([2, 3]).op.type, tf.zeros([100, 100]).op.type
    ('Const', 'Fill')
    """
    return _filled(_zero, "zeros", shape, dtype, name)


def ones(shape, dtype=dtypes.float32, name=None):
    """A tensor of ones: a ``Const`` below 1000 elements, else a ``Fill``."""
    return _filled(_one, "ones", shape, dtype, name)


def zeros_like(tensor, dtype=None, name=None, optimize=True):
    """Zeros shaped like ``tensor``: a ``Const`` when its shape is known (and ``optimize``), a
    ``ZerosLike`` op otherwise, or ``Shape`` + ``Fill`` when ``dtype`` changes."""
    with name_scope(name, "zeros_like", [tensor]) as scope:
        if not isinstance(tensor, Tensor):
            tensor = convert_to_tensor(tensor, name="tensor") if not hasattr(tensor, "_as_graph_element") \
                else as_tensor_input(tensor)
        dtype = None if dtype is None else dtypes.as_dtype(dtype).base_dtype
        base = tensor.dtype.base_dtype
        if optimize and tensor.shape.is_fully_defined() and base != dtypes.variant:
            return zeros(tensor.shape, dtype=dtype or base, name=scope)
        if dtype is not None and dtype != base and dtype != dtypes.variant:
            return zeros(shape_internal(tensor, optimize=optimize), dtype=dtype, name=scope)
        return create_output("ZerosLike", [tensor], name=scope)


def ones_like(tensor, dtype=None, name=None, optimize=True):
    """Ones shaped like ``tensor``: ``Fill`` of its shape (a ``Const`` shape when known)."""
    with name_scope(name, "ones_like", [tensor]) as scope:
        tensor = convert_to_tensor(tensor, name="tensor") if not hasattr(tensor, "_as_graph_element") \
            or isinstance(tensor, Tensor) else as_tensor_input(tensor)
        ones_shape = shape_internal(tensor, optimize=optimize)
        dtype = tensor.dtype.base_dtype if dtype is None else dtypes.as_dtype(dtype).base_dtype
        out = ones(ones_shape, dtype=dtype, name=scope)
        out.set_shape(tensor.shape)
        return out


# -- Range -------------------------------------------------------------------------------------------
_RANGE_TYPES = frozenset(dtypes.as_dtype(n) for n in (
    "bfloat16", "float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint16", "uint32"))


def _range_size(start, limit, delta, is_int, fail, suffix=""):
    if delta == 0:
        fail("Requires delta != 0" + suffix)
    if delta > 0 and start > limit:
        fail(f"Requires start <= limit when delta > 0: {_num(start)}/{_num(limit)}")
    if delta < 0 and start < limit:
        fail(f"Requires start >= limit when delta < 0: {_num(start)}/{_num(limit)}")
    if is_int:
        return (abs(int(limit) - int(start)) + abs(int(delta)) - 1) // abs(int(delta))
    return int(np.ceil(abs((float(limit) - float(start)) / float(delta))))


def _num(x):
    x = np.asarray(x).item()
    return int(x) if isinstance(x, float) and x.is_integer() else x


@shape_fn
def _range_shape(ctx, attrs):
    for i in (0, 1, 2):
        ctx.with_rank(i, 0)
    start, limit, delta = ctx.value(0), ctx.value(1), ctx.value(2)
    if start is None or limit is None or delta is None:
        return TensorShape([None])

    def fail(msg):
        raise ctx.error(msg)
    return TensorShape([_range_size(start.item(), limit.item(), delta.item(), attrs["Tidx"].is_integer, fail)])


def _range_factory(op, state):
    np_type = op._attrs["Tidx"].as_numpy_dtype
    is_int = op._attrs["Tidx"].is_integer

    def fail(msg):
        raise errors.InvalidArgumentError(None, op, msg)

    def range_kernel(start, limit, delta):
        n = _range_size(start.item(), limit.item(), delta.item(), is_int, fail, f": {_num(delta)}")
        return (start + delta * np.arange(n)).astype(np_type)
    return range_kernel


def _range_fold(t):
    values = [constant_value(x) for x in t.op.inputs]
    if any(v is None for v in values):
        return None
    return np.arange(*values, dtype=t.dtype.as_numpy_dtype)


registry.register(OpDef("Range", inputs=["start: Tidx", "limit: Tidx", "delta: Tidx"], outputs=["output: Tidx"],
                        attrs={"Tidx": _RANGE_TYPES}, shape=_range_shape, factory=_range_factory, fold=_range_fold,
                        defaults=attr_defaults.INT32_TIDX, lower=known_values_only))

_RANGE_ORDER = [dtypes.int32, dtypes.int64, dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64]


def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001 - TensorFlow's name
    """``[start, start + delta, ...)`` below ``limit`` (a ``Range`` op, with ``Cast`` of the
    arguments to the widest of their dtypes).

    >>> import scopeflow as tf
    >>> tf.Session().run(tf.range(1, 7, 2))
    array([1, 3, 5], dtype=int32)
    """
    if limit is None:
        start, limit = 0, start
    with name_scope(name, "Range", [start, limit, delta]) as scope:
        args = []
        for value, arg_name in ((start, "start"), (limit, "limit"), (delta, "delta")):
            args.append(value if isinstance(value, Tensor) else convert_to_tensor(value, dtype=dtype, name=arg_name))
        if dtype is None:
            target = max((a.dtype.base_dtype for a in args), key=_RANGE_ORDER.index)
        else:
            target = dtypes.as_dtype(dtype).base_dtype
        args = [a if a.dtype.base_dtype == target else cast(a, target) for a in args]
        return create_output("Range", args, name=scope)


# -- OneHot, sequence_mask, meshgrid ----------------------------------------------------------------
@shape_fn
def _one_hot_shape(ctx, attrs):
    inputs = ctx.inputs
    axis = attrs["axis"]
    if axis < -1:
        raise ctx.error("axis must be >= -1")
    ctx.with_rank(1, 0)
    depth = ctx.value(1)
    if depth is not None and depth < 0:
        raise ctx.error(f"Dimension size, given by scalar input 1, must be non-negative but is {int(depth)}")
    dims = inputs[0].shape.as_tuple()
    if dims is None:
        return UNKNOWN
    new_rank = len(dims) + 1
    at = (axis + new_rank) % new_rank
    return TensorShape(dims[:at] + (None if depth is None else int(depth),) + dims[at:])


def _one_hot_factory(op, state):
    axis = op._attrs["axis"]

    def one_hot_kernel(indices, depth, on, off):
        indices, depth = np.asarray(indices), int(depth)
        if depth < 0:  # np.arange would give no columns
            raise errors.InvalidArgumentError(None, op, f"depth must be non-negative, got: {depth}")
        hot = indices[..., None] == np.arange(depth)
        out = np.where(hot, on, off).astype(np.asarray(on).dtype)
        if axis != -1:
            if axis >= out.ndim:
                raise errors.InvalidArgumentError(
                    None, op, f"Expected axis to be -1 or between [0, {out.ndim}).  But received: {axis}")
            out = np.moveaxis(out, -1, axis)
        return out
    return one_hot_kernel


def _lower_one_hot(op, jx):
    axis, jnp = op._attrs["axis"], jx.jnp

    def one_hot(indices, depth, on, off):
        depth = int(static(depth, "depth"))
        if depth < 0:
            raise errors.InvalidArgumentError(None, op, f"depth must be non-negative, got: {depth}")
        out = jnp.where(indices[..., None] == jnp.arange(depth), on, off)
        if axis != -1:
            if axis >= out.ndim:
                raise errors.InvalidArgumentError(
                    None, op, f"Expected axis to be -1 or between [0, {out.ndim}).  But received: {axis}")
            out = jnp.moveaxis(out, -1, axis)
        return out
    return one_hot


registry.register(OpDef("OneHot", inputs=["indices: TI", "depth: int32", "on_value: T", "off_value: T"],
                        outputs=["output: T"],
                        attrs={"TI": frozenset((dtypes.uint8, dtypes.int8, dtypes.int32, dtypes.int64))},
                        shape=_one_hot_shape, factory=_one_hot_factory, defaults={"axis": -1, "TI": dtypes.int64},
                        lower=_lower_one_hot))


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """One-hot vectors of length ``depth`` along ``axis`` (default last), a ``OneHot`` op."""
    dtype = None if dtype is None else dtypes.as_dtype(dtype)
    with name_scope(name, "one_hot", [indices, depth, on_value, off_value]) as scope:
        on = None if on_value is None else convert_to_tensor(on_value, dtype_hint=dtype)
        off = None if off_value is None else convert_to_tensor(off_value, dtype_hint=dtype)
        on_dtype = None if on is None else on.dtype.base_dtype
        off_dtype = None if off is None else off.dtype.base_dtype
        if on is not None or off is not None:
            if dtype is not None:
                for given, what in ((on_dtype, "on_value"), (off_dtype, "off_value")):
                    if given is not None and given != dtype:
                        raise TypeError(f"dtype {given} of {what} does not match dtype parameter {dtype}")
            else:
                dtype = on_dtype if on is not None else off_dtype
        elif dtype is None:
            dtype = dtypes.float32
        if on is None:
            on, on_dtype = convert_to_tensor(1, dtype, name="on_value"), dtype
        if off is None:
            off, off_dtype = convert_to_tensor(0, dtype, name="off_value"), dtype
        if on_dtype != off_dtype:
            raise TypeError(f"dtype {on_dtype} of on_value does not match dtype {off_dtype} of off_value")
        attrs = {"axis": -1 if axis is None else int(axis)}
        return create_output("OneHot", [indices, depth, on, off], attrs, name=scope)


def sequence_mask(lengths, maxlen=None, dtype=dtypes.bool, name=None):
    """``mask[i, j] = j < lengths[i]`` (``maxlen`` defaults to ``max(lengths)``), built as TF does."""
    with name_scope(name, "SequenceMask", [lengths, maxlen]):
        lengths = convert_to_tensor(lengths)
        if maxlen is None:
            ndims = lengths.shape.ndims
            axes = constant(np.arange(ndims), dtype=dtypes.int32) if ndims is not None else \
                create_output("Range", [0, rank(lengths), 1])
            maxlen = create_output("Max", [lengths, axes], {"keep_dims": False})
            maxlen = maximum(constant(0, maxlen.dtype), maxlen)
        else:
            maxlen = convert_to_tensor(maxlen)
        if maxlen.shape.ndims is not None and maxlen.shape.ndims != 0:
            raise ValueError(f"Argument `maxlen` must be scalar for sequence_mask, received `maxlen` = {maxlen} "
                             f"with shape '{maxlen.shape}' instead")
        row = create_output("Range", [constant(0, maxlen.dtype), maxlen, constant(1, maxlen.dtype)])
        matrix = raw_cast(expand_dims(lengths, -1), maxlen.dtype.base_dtype)
        result = less(row, matrix)
        if dtype is None or result.dtype.is_compatible_with(dtypes.as_dtype(dtype)):
            return result
        return raw_cast(result, dtypes.as_dtype(dtype).base_dtype)


def meshgrid(*args, **kwargs):
    """Coordinate grids from 1-D tensors (``indexing="xy"`` or ``"ij"``), as TF builds them."""
    indexing = kwargs.pop("indexing", "xy")
    name = kwargs.pop("name", "meshgrid")
    if kwargs:
        raise TypeError(f"'{list(kwargs)[0]}' is an invalid keyword argument for this function")
    if indexing not in ("xy", "ij"):
        raise ValueError(f"Argument `indexing` parameter must be either 'xy' or 'ij', got '{indexing}'")
    with name_scope(name, "meshgrid", args):
        ndim = len(args)
        if not ndim:
            return []
        ones_shape = (1,) * ndim
        output = [reshape(stack(x), ones_shape[:i] + (-1,) + ones_shape[i + 1:]) for i, x in enumerate(args)]
        shapes = [size(x) for x in args]
        output_dtype = convert_to_tensor(args[0]).dtype.base_dtype
        if indexing == "xy" and ndim > 1:
            output[0] = reshape(output[0], (1, -1) + (1,) * (ndim - 2))
            output[1] = reshape(output[1], (-1, 1) + (1,) * (ndim - 2))
            shapes[0], shapes[1] = shapes[1], shapes[0]
        mult = ones(shapes, output_dtype)
        return [x * mult for x in output]

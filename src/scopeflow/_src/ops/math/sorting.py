"""Ordering and counting: ``tf.sort``/``tf.argsort`` (TF's ``TopKV2`` graph), ``tf.searchsorted``
(``LowerBound``/``UpperBound``), ``tf.roll`` (``Roll``), ``tf.unique_with_counts``,
``tf.histogram_fixed_width`` and ``_bins``, ``tf.math.bincount`` (``DenseBincount``),
``tf.unravel_index``, and the bit shifts of ``tf.bitwise``; each with TF's ops, names and errors.

Example::

    tf.sort([3, 1, 2])                   # [1, 2, 3]: "sort/sub_1:0", TopKV2 of -x - 1
    tf.searchsorted([1.0, 2.0, 3.0], [2.5])  # [2]
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import control_dependencies, name_scope
from scopeflow._src.framework.op_builder import create, create_output
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.shape_inference import ShapeError
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.array.selection import _unique_factory
from scopeflow._src.ops.common import dtype_lists, shape_fns
from scopeflow._src.ops.common.lowering import out_dtype, static, static_ints
from scopeflow._src.ops.common.shape_fns import dims_text
from scopeflow._src.ops.control.assert_op import Assert
from scopeflow._src.ops.nn.topk import top_k

_INT32_OUT = {"out_type": dtypes.int32}


# -- LowerBound, UpperBound --------------------------------------------------------------------------
def _bound_shape(inputs, attrs):
    seq, values = inputs[0].shape, inputs[1].shape
    for s in (seq, values):
        if s.ndims is not None and s.ndims != 2:
            raise ShapeError(f"Shape must be rank 2 but is rank {s.ndims}")
    if seq.ndims and values.ndims:
        a, b = seq.as_list()[0], values.as_list()[0]
        if a is not None and b is not None and a != b:
            raise ShapeError(f"Dimensions must be equal, but are {a} and {b}")
    return values


def _bound_factory(side):
    def factory(op, state):
        np_type = op._attrs["out_type"].as_numpy_dtype

        def kernel(seq, values):
            if seq.shape[0] != values.shape[0]:
                raise errors.InvalidArgumentError(None, op, "Leading dim_size of both tensors must match.")
            out = np.empty(values.shape, np_type)
            for i in range(values.shape[0]):
                out[i] = np.searchsorted(seq[i], values[i], side=side)
            return out
        return kernel
    return factory


def _lower_bound(side):
    def lower(op, jx):
        dtype = out_dtype(op)
        search = jx.jax.vmap(lambda s, v: jx.jnp.searchsorted(s, v, side=side))
        return lambda seq, values: search(seq, values).astype(dtype)
    return lower


for _type, _side in (("LowerBound", "left"), ("UpperBound", "right")):
    registry.register(OpDef(_type, inputs=["sorted_inputs: T", "values: T"], outputs=["output: out_type"],
                            attrs={"out_type": dtype_lists.INDEX}, shape=_bound_shape, factory=_bound_factory(_side),
                            defaults=_INT32_OUT, lower=_lower_bound(_side)))


# -- Roll ------------------------------------------------------------------------------------------
def _roll_factory(op, state):
    def kernel(x, shift, axis):
        shift, axis = np.asarray(shift), np.asarray(axis)
        if shift.ndim > 1:
            raise errors.InvalidArgumentError(None, op, "shift must be a scalar or a 1-D vector. Found: "
                                                        f"{dims_text(shift.shape)}")
        if axis.ndim > 1:
            raise errors.InvalidArgumentError(None, op, "axis must be a scalar or a 1-D vector. Found: "
                                                        f"{dims_text(axis.shape)}")
        if shift.shape != axis.shape:
            raise errors.InvalidArgumentError(None, op, "shift and axis must have the same size")
        for a in axis.reshape(-1):
            if not -x.ndim <= a < x.ndim:
                raise errors.InvalidArgumentError(None, op, f"axis {a} is out of range")
        return np.roll(x, shift.reshape(-1).tolist(), axis.reshape(-1).tolist())
    return kernel


def _lower_roll(op, jx):
    return lambda x, shift, axis: jx.jnp.roll(x, static_ints(shift, "shift"), static_ints(axis, "axis"))


registry.register(OpDef("Roll", inputs=["input: T", "shift: Tshift", "axis: Taxis"], outputs=["output: T"],
                        attrs={"Tshift": dtype_lists.INDEX, "Taxis": dtype_lists.INDEX}, shape=shape_fns.unchanged,
                        factory=_roll_factory, lower=_lower_roll))


# -- UniqueWithCounts ----------------------------------------------------------------------------------
def _unique_with_counts_factory(op, state):
    unique = _unique_factory(op, state)
    np_type = op._attrs["out_idx"].as_numpy_dtype

    def kernel(x):
        if np.ndim(x) != 1:
            raise errors.InvalidArgumentError(None, op, "unique expects a 1D vector.")
        y, idx = unique(x)
        return y, idx, np.bincount(idx, minlength=len(y)).astype(np_type)
    return kernel


def _unique_with_counts_shape(inputs, attrs):
    """TF's: no rank check here (the kernel checks)."""
    return [TensorShape([None]), inputs[0].shape, TensorShape([None])]


registry.register(OpDef("UniqueWithCounts", inputs=["x: T"], outputs=["y: T", "idx: out_idx", "count: out_idx"],
                        attrs={"out_idx": dtype_lists.INDEX}, shape=_unique_with_counts_shape,
                        factory=_unique_with_counts_factory, defaults={"out_idx": dtypes.int32}))


# -- HistogramFixedWidth, DenseBincount ---------------------------------------------------------------
def _histogram_factory(op, state):
    np_type = op._attrs["dtype"].as_numpy_dtype

    def kernel(values, value_range, nbins):
        nbins = _checked_bins(op, value_range, nbins)
        index = _bins(np, values, value_range[0], value_range[1], nbins)
        return np.bincount(index.reshape(-1), minlength=nbins).astype(np_type)
    return kernel


def _checked_bins(op, value_range, nbins):
    """``nbins`` as an int, after TF's checks of it and (when known) of ``value_range``."""
    nbins = int(nbins)
    if nbins <= 0:
        raise errors.InvalidArgumentError(None, op, f"nbins should be a positive number, but got '{nbins}'")
    if not isinstance(value_range, np.ndarray):  # computed in a JAX step: its check would need the values
        return nbins
    low, high = value_range[0], value_range[1]
    if not low < high:
        raise errors.InvalidArgumentError(None, op, "value_range should satisfy value_range[0] < "
                                                    f"value_range[1], but got '[{low:g}, {high:g}]'")
    return nbins


def _bins(xp, values, low, high, nbins):
    """Each value's bin, as TF's kernel computes it (``xp``: NumPy or ``jax.numpy``): the shift
    above ``low`` in ``T``, as Eigen's, then its quotient by the bin width in float64."""
    step = (xp.asarray(high, np.float64) - xp.asarray(low, np.float64)) / nbins
    shifted = (xp.maximum(values, low) - low).astype(np.float64)
    return xp.minimum(shifted / step, nbins - 1).astype(np.int64)


def _lower_histogram(op, jx):
    jnp, dtype = jx.jnp, out_dtype(op)

    def histogram(values, value_range, nbins):
        nbins = _checked_bins(op, value_range, static(nbins, "nbins"))
        index = _bins(jnp, values, value_range[0], value_range[1], nbins)
        return jnp.zeros(nbins, dtype).at[index.reshape(-1)].add(1)
    return histogram


registry.register(OpDef("HistogramFixedWidth", inputs=["values: T", "value_range: T", "nbins: int32"],
                        outputs=["out: dtype"],
                        attrs={"T": dtype_lists.types("int32,int64,float32,float64"), "dtype": dtype_lists.INDEX},
                        shape=lambda inputs, attrs: TensorShape([tensor_util.constant_value(inputs[2])
                                                                 if tensor_util.constant_value(inputs[2]) is not None
                                                                 and np.ndim(tensor_util.constant_value(inputs[2])) == 0
                                                                 else None]),
                        factory=_histogram_factory, defaults={"dtype": dtypes.int32}, lower=_lower_histogram))


def _dense_bincount_factory(op, state):
    binary = op._attrs["binary_output"]

    def kernel(arr, size, weights):
        size = int(size)
        if size < 0:
            raise errors.InvalidArgumentError(None, op, f"size ({size}) must be non-negative")
        if arr.size and arr.min() < 0:
            raise errors.InvalidArgumentError(None, op, "Input arr must be non-negative!")
        keep = arr < size
        if weights.size and weights.shape != arr.shape:
            raise errors.InvalidArgumentError(None, op, "Input must have the same shape as the weights")
        w = weights[keep] if weights.size else None
        counts = np.bincount(arr[keep].astype(np.int64), weights=w, minlength=size)
        if binary:
            counts = (counts > 0)
        return counts.astype(weights.dtype)
    return kernel


registry.register(OpDef("DenseBincount", inputs=["input: Tidx", "size: Tidx", "weights: T"], outputs=["output: T"],
                        attrs={"Tidx": dtype_lists.INDEX, "T": dtype_lists.types("int32,int64,float32,float64")},
                        shape=lambda inputs, attrs: _bincount_shape(inputs), factory=_dense_bincount_factory,
                        defaults={"binary_output": False}))


def _bincount_shape(inputs):
    size = shape_fns.evaluate_constant(inputs[1])
    if inputs[0].shape.ndims not in (None, 1):
        return TensorShape(None)
    return TensorShape([int(size) if size is not None and np.ndim(size) == 0 else None])


# -- UnravelIndex, LeftShift, RightShift -------------------------------------------------------------
def _unravel_factory(op, state):
    def kernel(indices, dims):
        _check_unravel(op, indices, dims)
        total = int(np.prod(dims))
        if indices.size and ((indices < 0).any() or (indices >= total).any()):
            raise errors.InvalidArgumentError(None, op, "index is out of bound as with dims")
        return np.stack(np.unravel_index(indices, tuple(int(d) for d in dims))).astype(indices.dtype)
    return kernel


def _check_unravel(op, indices, dims):
    """TF's checks of ``UnravelIndex``'s arguments (of ``dims``' values when they are known)."""
    if np.ndim(indices) > 1:
        raise errors.InvalidArgumentError(None, op, f'The indices can only be scalar or vector, got '
                                                    f'"{dims_text(np.shape(indices))}"')
    if isinstance(dims, np.ndarray) and dims.size and (dims <= 0).any():
        raise errors.InvalidArgumentError(None, op, "Input dims must be greater than 0.")


def _lower_unravel(op, jx):
    """Each coordinate as ``index // stride % dim`` (the strides: products of the later dims), so
    that ``dims`` may be computed in the step; an index out of bounds is not an error there."""
    jnp = jx.jnp

    def unravel(indices, dims):
        _check_unravel(op, indices, dims)
        dims = jnp.asarray(dims)
        strides = jnp.concatenate([jnp.cumprod(dims[::-1])[::-1][1:], jnp.ones(1, dims.dtype)])
        column = (-1,) + (1,) * np.ndim(indices)
        return jnp.expand_dims(indices, 0) // strides.reshape(column) % dims.reshape(column)
    return unravel


def _unravel_shape(inputs, attrs):
    n = inputs[1].shape.as_list()[0] if inputs[1].shape.ndims == 1 else None
    if inputs[0].shape.ndims == 0:
        return TensorShape([n])
    if inputs[0].shape.ndims == 1:
        return TensorShape([n, inputs[0].shape.as_list()[0]])
    return TensorShape([n, None]) if inputs[0].shape.ndims is None else TensorShape([n, None])


registry.register(OpDef("UnravelIndex", inputs=["indices: Tidx", "dims: Tidx"], outputs=["output: Tidx"],
                        attrs={"Tidx": dtype_lists.INDEX}, shape=_unravel_shape, factory=_unravel_factory,
                        defaults={"Tidx": dtypes.int32}, lower=_lower_unravel))


def _shift(fn):
    def kernel(x, y):
        bits = np.asarray(x).dtype.itemsize * 8
        return fn(x, np.clip(y, 0, bits - 1).astype(np.asarray(x).dtype))
    return kernel


def _lower_shift(name):
    def lower(op, jx):
        fn = getattr(jx.jnp, name)
        return lambda x, y: fn(x, jx.jnp.clip(y, 0, x.dtype.itemsize * 8 - 1).astype(x.dtype))
    return lower


for _type, _fn in (("LeftShift", np.left_shift), ("RightShift", np.right_shift)):
    registry.register(OpDef(_type, inputs=["x: T", "y: T"], outputs=["z: T"], attrs={"T": dtype_lists.INTEGER},
                            shape=shape_fns.broadcast, factory=shape_fns.broadcasting(_shift(_fn)),
                            lower=_lower_shift(_fn.__name__)))


# -- wrappers ----------------------------------------------------------------------------------------
def _descending_sort(values, axis, return_argsort=False):
    k = array_ops.shape(values)[axis]
    array_ops.rank(values)  # TF takes the rank too (a Const when it is known)
    static_rank = values.shape.ndims
    if axis == -1 or axis + 1 == values.shape.ndims:
        top_k_input, transposition = values, None
    else:
        if axis < 0:
            axis += static_rank
        transposition = constant(np.r_[np.arange(axis), [static_rank - 1], np.arange(axis + 1, static_rank - 1),
                                       [axis]], name="transposition")
        top_k_input = array_ops.transpose(values, transposition)
    values, indices = top_k(top_k_input, k)
    values.set_shape(top_k_input.shape)  # k is the whole last axis: TF's shape inference folds shape(x)[axis]
    indices.set_shape(top_k_input.shape)
    out = indices if return_argsort else values
    return out if transposition is None else array_ops.transpose(out, transposition)


def _ascending_sort(values, axis, return_argsort=False):
    dtype = values.dtype
    if dtype.is_unsigned:
        offset = dtype.max
        out = _descending_sort(offset - values, axis, return_argsort)
        return out if return_argsort else offset - out
    if dtype.is_integer:
        out = _descending_sort(-values - 1, axis, return_argsort)
        return out if return_argsort else -out - 1
    out = _descending_sort(-values, axis, return_argsort)
    return out if return_argsort else -out


_SORT_IMPL = {"ASCENDING": _ascending_sort, "DESCENDING": _descending_sort}


def _sort_or_argsort(values, axis, direction, return_argsort):
    if direction not in _SORT_IMPL:
        raise ValueError(f"Argument `direction` should be one of {', '.join(sorted(_SORT_IMPL))}. "
                         f"Received: direction={direction}")
    axis = convert_to_tensor(axis, name="axis")
    axis_static = tensor_util.constant_value(axis)
    if axis.shape.ndims not in (None, 0) or axis_static is None:
        raise ValueError(f"Argument `axis` must be a constant scalar. Received: axis={axis}.")
    values = convert_to_tensor(values, name="values")
    out = _SORT_IMPL[direction](values, int(axis_static), return_argsort)
    out.set_shape(values.shape)  # TF infers k from the shape's StridedSlice, which our TopKV2 shape leaves unknown
    return out


def sort(values, axis=-1, direction="ASCENDING", name=None):
    """``values`` sorted along ``axis`` (TF's graph: ``TopKV2`` of the negated values)."""
    with name_scope(name, "sort"):
        return _sort_or_argsort(values, axis, direction, return_argsort=False)


def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    """The indices that sort ``values`` along ``axis`` (``TopKV2``'s indices; ``stable`` is
    accepted: TopKV2 keeps equal values in order)."""
    del stable
    with name_scope(name, "argsort"):
        return _sort_or_argsort(values, axis, direction, return_argsort=True)


def searchsorted(sorted_sequence, values, side="left", out_type=dtypes.int32, name=None):
    """Where ``values`` would go in each row of ``sorted_sequence`` (``LowerBound``/``UpperBound``
    on the rows reshaped to 2-D, then ``values``' shape)."""
    sequence_size = array_ops.shape_internal(sorted_sequence)[-1]
    values_size = array_ops.shape_internal(values)[-1]
    sorted_sequence_2d = array_ops.reshape(sorted_sequence, [-1, sequence_size])
    values_2d = array_ops.reshape(values, [-1, values_size])
    if side not in ("left", "right"):
        raise ValueError(f"Argument `side` must be either 'right' or 'left'. Received: `side` = '{side}'.")
    op_type = "UpperBound" if side == "right" else "LowerBound"
    output = create_output(op_type, [sorted_sequence_2d, values_2d], {"out_type": dtypes.as_dtype(out_type)},
                           name=name)
    return array_ops.reshape(output, array_ops.shape_internal(values))


def roll(input, shift, axis, name=None):  # noqa: A002 - TensorFlow's argument name
    """``input`` with its elements shifted by ``shift`` along ``axis``, wrapping around (``Roll``)."""
    return create_output("Roll", [input, shift, axis], name=name)


def unique_with_counts(x, out_idx=dtypes.int32, name=None):
    """``unique``'s values and indices, and how often each value occurs (``UniqueWithCounts``)."""
    op = create("UniqueWithCounts", [x], {"out_idx": dtypes.as_dtype(out_idx)}, name=name)
    return UniqueWithCountsOutput(*op.outputs)


class UniqueWithCountsOutput(tuple):
    """TF's named result ``(y, idx, count)``."""

    __slots__ = ()

    def __new__(cls, y, idx, count):
        return super().__new__(cls, (y, idx, count))

    y = property(lambda self: self[0])
    idx = property(lambda self: self[1])
    count = property(lambda self: self[2])


def histogram_fixed_width(values, value_range, nbins=100, dtype=dtypes.int32, name=None):
    """Counts of ``values`` in ``nbins`` equal bins over ``value_range`` (``HistogramFixedWidth``;
    values outside go to the end bins)."""
    with name_scope(name, "histogram_fixed_width", [values, value_range, nbins]) as scope:
        return create_output("HistogramFixedWidth", [values, value_range, nbins], {"dtype": dtypes.as_dtype(dtype)},
                             name=scope)


def histogram_fixed_width_bins(values, value_range, nbins=100, dtype=dtypes.int32, name=None):
    """The bin of each of ``values`` (TF's Python graph: scaled values, ``Floor``, clipped)."""
    with name_scope(name, "histogram_fixed_width_bins", [values, value_range, nbins]):
        values = convert_to_tensor(values, name="values")
        shape = array_ops.shape(values)
        values = array_ops.reshape(values, [-1])
        value_range = convert_to_tensor(value_range, name="value_range")
        nbins = convert_to_tensor(nbins, dtype=dtypes.int32, name="nbins")
        check = Assert(math_ops.greater(nbins, 0), [f"nbins {nbins} must > 0"])
        with control_dependencies([check]):
            nbins = array_ops.identity(nbins, name="control_dependency")
        nbins_float = math_ops.cast(nbins, values.dtype)
        scaled_values = math_ops.truediv(values - value_range[0], value_range[1] - value_range[0],
                                         name="scaled_values")
        indices = math_ops.floor(nbins_float * scaled_values, name="indices")
        indices = math_ops.cast(math_ops.clip_by_value(indices, 0, nbins_float - 1), dtypes.int32)
        return array_ops.reshape(indices, shape)


def bincount(arr, weights=None, minlength=None, maxlength=None, dtype=dtypes.int32, name=None):
    """How often each value ``0..max(arr)`` occurs in ``arr`` (weighted by ``weights``), at least
    ``minlength`` and at most ``maxlength`` bins (``DenseBincount``, TF's graph)."""
    with name_scope(name or "bincount"):
        arr = convert_to_tensor(arr, name="arr")
        if weights is not None:
            weights = convert_to_tensor(weights, name="weights")
        if not arr.dtype.is_integer:
            arr = math_ops.cast(arr, dtypes.int32)
        array_is_nonempty = array_ops.size(arr) > 0
        output_size = math_ops.cast(array_is_nonempty, arr.dtype) * (math_ops.reduce_max(arr) + 1)
        if minlength is not None:
            minlength = convert_to_tensor(minlength, name="minlength", dtype=arr.dtype)
            output_size = math_ops.maximum(minlength, output_size)
        if maxlength is not None:
            maxlength = convert_to_tensor(maxlength, name="maxlength", dtype=arr.dtype)
            output_size = math_ops.minimum(maxlength, output_size)
        if weights is not None:
            weights = array_ops.reshape(weights, [-1])
        arr = array_ops.reshape(arr, [-1])
        if weights is None:
            weights = constant([], dtypes.as_dtype(dtype))
        elif weights.dtype.base_dtype != dtypes.as_dtype(dtype) and dtype != dtypes.int32:
            raise ValueError(f"Argument `weights` must be of type {dtypes.as_dtype(dtype).name}. "
                             f"Received: `weights.dtype` = {weights.dtype.name}")
        return create_output("DenseBincount", [arr, output_size, weights], {"binary_output": False})


def unravel_index(indices, dims, name=None):
    """The coordinates of flat ``indices`` in an array of shape ``dims`` (``UnravelIndex``)."""
    return create_output("UnravelIndex", [indices, dims], name=name)


def left_shift(x, y, name=None):
    """``x << y`` elementwise on integers (``LeftShift``)."""
    return create_output("LeftShift", [x, y], name=name)


def right_shift(x, y, name=None):
    """``x >> y`` elementwise on integers, arithmetic for signed types (``RightShift``)."""
    return create_output("RightShift", [x, y], name=name)

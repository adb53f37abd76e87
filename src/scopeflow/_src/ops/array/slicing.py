"""Slicing: ``tensor[...]`` (``StridedSlice`` with its ``stack`` helper ops), ``tf.strided_slice``,
``tf.slice`` and ``tf.reverse``, with static shapes and TF's errors (and ``StridedSliceGrad``,
which the gradient of ``StridedSlice`` builds)."""

from __future__ import annotations

import builtins
import numbers

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.tensor_shape import UNKNOWN, Dimension, TensorShape
from scopeflow._src.ops.array import strided_slice_spec as ss
from scopeflow._src.ops.array.creation import ones_like
from scopeflow._src.ops.array.gather import boolean_mask
from scopeflow._src.ops.array.joining import stack
from scopeflow._src.ops.common import attr_defaults, dtype_lists
from scopeflow._src.ops.common.lowering import StaticValueError, checked, static, static_ints
from scopeflow._src.ops.common.shape_context import evaluate_constant, merge_shapes, shape_fn
from scopeflow._src.ops.common.shape_fns import dims_text
from scopeflow._src.ops.math.cast import raw_cast


# -- StridedSlice, StridedSliceGrad -------------------------------------------------------------------
def _spec_shapes(ctx, first):
    """Check begin/end/strides are vectors of one length; that length (or None)."""
    for i in range(first, first + 3):
        ctx.with_rank(i, 1)
    merged = merge_shapes(ctx.shape(first), ctx.shape(first + 1), ctx)
    merged = merge_shapes(merged, ctx.shape(first + 2), ctx)
    return None if merged.ndims is None else merged.as_list()[0]


def _check_scalar_slice(rank, n, attrs):
    """TF's refusal to index a scalar: only ``...`` and new axes apply to one."""
    if rank == 0 and any(not (attrs["ellipsis_mask"] | attrs["new_axis_mask"]) >> i & 1 for i in range(n)):
        raise ss.SliceError("Attempting to slice scalar input.")


def _static_slice(ctx, dims, first, attrs):
    """Output shape of slicing an input of ``dims`` by inputs ``first..first+2`` (begin/end/strides)."""
    n = _spec_shapes(ctx, first)
    strides = ctx.value(first + 2)
    if dims is None or n is None or strides is None:
        return UNKNOWN
    try:
        _check_scalar_slice(len(dims), n, attrs)
        spec = ss.dense_spec(len(dims), None, None, strides.tolist(), attrs)
        ss.check_strides(spec)
        begin, end = ctx.value(first), ctx.value(first + 1)
        known = begin is not None and end is not None
        if known:
            spec = ss.dense_spec(len(dims), begin.tolist(), end.tolist(), strides.tolist(), attrs)
        return TensorShape(ss.output_dims(spec, dims, known))
    except ss.SliceError as e:
        raise ctx.error(str(e)) from None


@shape_fn
def _strided_slice_shape(ctx, attrs):
    return _static_slice(ctx, ctx.dims(0), 1, attrs)


def _slice_error(op, x, begin, end, strides, attrs, err):
    try:
        _check_scalar_slice(np.ndim(x), len(strides), attrs)
        spec = ss.dense_spec(np.ndim(x), begin.tolist(), end.tolist(), strides.tolist(), attrs)
        ss.check_strides(spec)
        ss.output_dims(spec, list(np.shape(x)), True)
    except ss.SliceError as e:
        return errors.InvalidArgumentError(None, op, str(e))
    return errors.InvalidArgumentError(None, op, f"StridedSlice failed: {err}")


def _strided_slice_factory(op, state):
    attrs = op._attrs
    cache = {}

    def kernel(x, begin, end, strides):
        key = (begin.tobytes(), end.tobytes(), strides.tobytes())
        index = cache.get(key)
        if index is None:
            index = cache[key] = ss.index_tuple(begin, end, strides, attrs)
        try:
            return np.asarray(x)[index]
        except (IndexError, ValueError) as e:
            raise _slice_error(op, x, begin, end, strides, attrs, e) from None
    return kernel


@shape_fn
def _strided_slice_grad_shape(ctx, attrs):
    out = ctx.shape_input(0)
    _spec_shapes(ctx, 1)
    return out


def _strided_slice_grad_factory(op, state):
    attrs = op._attrs

    def kernel(shape_, begin, end, strides, dy):
        out = np.zeros(tuple(int(d) for d in shape_), dtype=np.asarray(dy).dtype)
        out[ss.index_tuple(begin, end, strides, attrs)] = dy
        return out
    return kernel


def _known(value) -> bool:
    return isinstance(value, np.ndarray | np.generic)


def _traced_index(begin, end, strides, attrs):
    """The index tuple of a slice (a traced array takes NumPy's basic indexing too). Where
    ``begin`` is computed in the step (``x[i]`` in a loop), each position must take one
    element (``shrink_axis_mask``: a dynamic index, wrapped when negative, clamped when out
    of range where TF raises) or a whole axis (both masks)."""
    if _known(begin) and _known(end):
        return ss.index_tuple(begin, end, static(strides), attrs)
    bm, em, elm, nm, sm = (attrs[m] for m in ss.MASKS)
    index = []
    for i, stride in enumerate(static(strides, "strides").tolist()):
        bit = 1 << i
        if elm & bit or nm & bit:
            index.append(Ellipsis if elm & bit else None)
        elif sm & bit:
            index.append(begin[i])
        elif bm & em & bit:
            index.append(builtins.slice(None, None, stride))
        else:
            raise StaticValueError("a slice whose size is computed in the step")
    return tuple(index)


def _lowered_slice(native, data=lambda n: (0,)):
    """The lowering ``native(op, jx)`` of a strided slice op (begin and end: inputs 1 and 2),
    checked by the NumPy kernel when compiling (``checked``: TF's errors) where they are known."""
    def lower(op, jx):
        traced, known = native(op, jx), checked(native, data)(op, jx)
        return lambda *args: known(*args) if _known(args[1]) and _known(args[2]) else traced(*args)
    return lower


def _lower_strided_slice(op, jx):
    return lambda x, begin, end, strides: x[_traced_index(begin, end, strides, op._attrs)]


def _lower_strided_slice_grad(op, jx):
    def strided_slice_grad(shape_, begin, end, strides, dy):
        return jx.jnp.zeros(static_ints(shape_), dy.dtype).at[_traced_index(begin, end, strides, op._attrs)].set(dy)
    return strided_slice_grad


_MASKS = {"begin_mask": 0, "end_mask": 0, "ellipsis_mask": 0, "new_axis_mask": 0, "shrink_axis_mask": 0}
registry.register(OpDef("StridedSlice", inputs=["input: T", "begin: Index", "end: Index", "strides: Index"],
                        outputs=["output: T"], attrs={"Index": dtype_lists.INDEX16}, shape=_strided_slice_shape,
                        factory=_strided_slice_factory, defaults=_MASKS, lower=_lowered_slice(_lower_strided_slice)))
registry.register(OpDef("StridedSliceGrad", inputs=["shape: Index", "begin: Index", "end: Index", "strides: Index",
                                                     "dy: T"],
                        outputs=["output: T"], attrs={"Index": dtype_lists.INDEX16}, shape=_strided_slice_grad_shape,
                        factory=_strided_slice_grad_factory, defaults=_MASKS,
                        lower=_lowered_slice(_lower_strided_slice_grad, data=lambda n: (4,))))


def _mask_attrs(begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask):
    return {"begin_mask": begin_mask, "end_mask": end_mask, "ellipsis_mask": ellipsis_mask,
            "new_axis_mask": new_axis_mask, "shrink_axis_mask": shrink_axis_mask}


def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
    """A ``StridedSlice`` of ``input_`` (``strides`` default to ``ones_like(begin)``, as in TF).

    ``var`` is accepted; sliced assignment (``v[0].assign(...)``) is not supported.
    """
    if strides is None:
        strides = ones_like(begin)
    attrs = _mask_attrs(begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask)
    return create_output("StridedSlice", [input_, begin, end, strides], attrs, name=name)


def strided_slice_grad(shape, begin, end, strides, dy, begin_mask=0, end_mask=0, ellipsis_mask=0,  # noqa: A002
                       new_axis_mask=0, shrink_axis_mask=0, name=None):
    """The gradient of a strided slice: ``dy`` placed into zeros of ``shape`` (``StridedSliceGrad``)."""
    attrs = _mask_attrs(begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask)
    return create_output("StridedSliceGrad", [shape, begin, end, strides, dy], attrs, name=name)


_SLICE_TYPE_ERROR = ("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 "
                     "tensors are valid indices")


def _check_index(idx):
    if isinstance(idx, (numbers.Integral, Dimension)) and not isinstance(idx, bool):
        return
    dtype = getattr(idx, "dtype", None)
    if dtype is None or dtypes.as_dtype(dtype).base_dtype not in dtype_lists.INDEX16 or (
            getattr(idx, "shape", None) is not None and len(idx.shape) == 1):
        raise TypeError(f"{_SLICE_TYPE_ERROR}, got {idx!r}")


def _tensor_dtype(parts):
    dtype = None
    for t in parts:
        if isinstance(t, Tensor):
            if t.dtype == dtypes.int64:
                dtype = dtypes.int64
            elif t.dtype == dtypes.int32 and dtype != dtypes.int64:
                dtype = dtypes.int32
            elif t.dtype == dtypes.int16 and dtype is None:
                dtype = dtypes.int16
    return dtype


def _undefined(d):
    return isinstance(d, Dimension) and d.value is None


def _spec_entries(slice_spec):
    """(begin, end, strides, masks) lists from a Python slice spec, checking each index."""
    begin, end, strides = [], [], []
    masks = dict.fromkeys(ss.MASKS, 0)
    for index, s in enumerate(slice_spec):
        bit = 1 << index
        if isinstance(s, builtins.slice):
            dtype = _tensor_dtype((s.start, s.stop, s.step))
            for part, default, out, mask in ((s.start, 0, begin, "begin_mask"), (s.stop, 0, end, "end_mask"),
                                             (s.step, 1, strides, None)):
                if part is not None and not _undefined(part):
                    _check_index(part)
                    out.append(part)
                else:
                    out.append(default if dtype is None else constant(default, dtype=dtype))
                    if mask:
                        masks[mask] |= bit
        elif s is Ellipsis or s is None:
            begin.append(0), end.append(0), strides.append(1)
            masks["ellipsis_mask" if s is Ellipsis else "new_axis_mask"] |= bit
        else:
            _check_index(s)
            begin.append(s)
            end.append(s + 1)
            wide = isinstance(s, Tensor) and s.dtype.base_dtype in (dtypes.int16, dtypes.int64)
            strides.append(constant(1, dtype=s.dtype.base_dtype) if wide else 1)
            masks["shrink_axis_mask"] |= bit
    return begin, end, strides, masks


def slice_helper(tensor, slice_spec, var=None):
    """``tensor[slice_spec]``: TensorFlow's ``strided_slice`` with its ``stack`` helper ops
    (a boolean mask index gives ``boolean_mask``)."""
    tensor = convert_to_tensor(tensor)
    if (isinstance(slice_spec, (bool, np.bool_)) or (isinstance(slice_spec, Tensor) and slice_spec.dtype == dtypes.bool)
            or (isinstance(slice_spec, np.ndarray) and slice_spec.dtype == bool)):
        return boolean_mask(tensor=tensor, mask=slice_spec)
    if not isinstance(slice_spec, (list, tuple)):
        slice_spec = [slice_spec]
    begin, end, strides, masks = _spec_entries(slice_spec)
    with name_scope(None, "strided_slice", [tensor]) as scope:
        if begin:
            packed = [stack(begin), stack(end), stack(strides)]
            kinds = {p.dtype.base_dtype for p in packed}
            if dtypes.int64 in kinds:
                packed = [p if p.dtype.base_dtype == dtypes.int64 else raw_cast(p, dtypes.int64)
                          for p in packed]
        else:
            empty = constant([], dtype=dtypes.int32)
            packed = [empty, empty, empty]
        return strided_slice(tensor, *packed, name=scope, var=var, **masks)


# -- Slice ---------------------------------------------------------------------------------------------
@shape_fn
def _slice_shape(ctx, attrs):
    inputs = ctx.inputs
    ctx.with_rank(1, 1)
    ctx.with_rank(2, 1)
    n = merge_shapes(ctx.shape(1), ctx.shape(2), ctx).as_tuple()
    n = None if n is None else n[0]
    if n is not None:
        ctx.with_rank(0, n)
    begin = ctx.shape_input(1)
    dims = inputs[0].shape.as_tuple()
    sizes = evaluate_constant(inputs[2])
    if sizes is not None:
        out = []
        b = begin.as_list() if begin.ndims is not None else [None] * sizes.size
        for i, s in enumerate(int(v) for v in sizes.tolist()):
            if s < -1:
                raise ValueError(f"Invalid value in tensor used for shape: {s}")
            if s == -1:
                d = None if dims is None else dims[i]
                out.append(None if d is None or b[i] is None else d - b[i])
            else:
                out.append(s)
        return TensorShape(out)
    size_shape = ctx.shape_input(2)
    if size_shape.ndims is not None:
        return size_shape
    return UNKNOWN if dims is None else TensorShape([None] * len(dims))


def _slice_factory(op, state):
    def slice_kernel(x, begin, size):
        x = np.asarray(x)
        if len(begin) != x.ndim or len(size) != x.ndim:
            raise errors.InvalidArgumentError(
                None, op, f"Expected begin and size arguments to be 1-D tensors of size {x.ndim}, but got shapes "
                          f"{dims_text(np.shape(begin))} and {dims_text(np.shape(size))} instead.")
        index = []
        for i, (b, s) in enumerate(zip(begin.tolist(), size.tolist())):
            dim = x.shape[i]
            if b < 0 or b > dim:
                raise errors.InvalidArgumentError(None, op, f"Expected begin[{i}] in [0, {dim}], but got {b}")
            e = dim if s == -1 else b + s
            if s < -1 or e > dim:
                raise errors.InvalidArgumentError(None, op, f"Expected size[{i}] in [0, {dim - b}], but got {s}")
            index.append(builtins.slice(b, e))
        return x[tuple(index)]
    return slice_kernel


def _lower_slice(op, jx):
    def slice_(x, begin, size):
        begin, size = static_ints(begin), static_ints(size)
        return jx.lax.slice(x, begin, tuple(d if s == -1 else b + s for b, s, d in zip(begin, size, x.shape)))
    return slice_


registry.register(OpDef("Slice", inputs=["input: T", "begin: Index", "size: Index"], outputs=["output: T"],
                        attrs={"Index": dtype_lists.INDEX}, shape=_slice_shape, factory=_slice_factory,
                        lower=checked(_lower_slice)))


def slice(input_, begin, size, name=None):  # noqa: A001 - TensorFlow's name
    """The ``size``-shaped block of ``input_`` starting at ``begin`` (``-1`` means "to the end")."""
    return create_output("Slice", [input_, begin, size], name=name)


# -- ReverseV2 -------------------------------------------------------------------------------------------
@shape_fn
def _reverse_shape(ctx, attrs):
    inputs = ctx.inputs
    ctx.with_rank(1, 1)
    dims = inputs[0].shape.as_tuple()
    if dims is not None and len(dims) > 8:
        raise ctx.error("reverse does not work on tensors with more than 8 dimensions")
    axes = ctx.value(1)
    if axes is not None and dims is not None:
        problem = _reverse_axes_problem(axes.tolist(), len(dims))
        if problem:
            raise ctx.error(problem)
    return inputs[0].shape


def _reverse_axes_problem(axes, n):
    """TF's complaint about ``ReverseV2`` axes for a rank-``n`` tensor (``None`` if they are fine)."""
    seen = set()
    for i, a in enumerate(int(v) for v in axes):
        c = a + n if a < 0 else a
        if c < 0 or c >= n:
            return f"'axis'[{i}] = {a} is out of valid range [0, {n - 1}"  # sic: TF leaves the range open
        if c in seen:
            return f"axis {c} specified more than once."
        seen.add(c)
    return None


def _reverse_kernel(x, axis):
    if not np.size(axis):
        return np.asarray(x)
    try:
        return np.flip(x, axis=tuple(int(a) for a in np.reshape(axis, -1)))
    except ValueError:  # words TF's message on the error path only
        raise errors.InvalidArgumentError(None, None, _reverse_axes_problem(np.reshape(axis, -1), np.ndim(x))) \
            from None


registry.register(OpDef("ReverseV2", inputs=["tensor: T", "axis: Tidx"], outputs=["output: T"],
                        attrs={"Tidx": frozenset((dtypes.int32, dtypes.int64))}, shape=_reverse_shape,
                        kernel=_reverse_kernel, defaults=attr_defaults.INT32_TIDX,
                        lower=checked(lambda op, jx: lambda x, axis: jx.jnp.flip(x, static_ints(axis)) if np.size(axis)
                                      else x)))


def reverse(tensor, axis, name=None):
    """``tensor`` reversed along each dimension in ``axis`` (``ReverseV2``; TF1's ``tf.reverse``)."""
    return create_output("ReverseV2", [tensor, axis], name=name)


reverse_v2 = reverse


# -- ReverseSequence --------------------------------------------------------------------------------
@shape_fn
def _reverse_sequence_shape(ctx, attrs):
    ctx.with_rank(1, 1)
    dims = ctx.dims(0)
    seq_dim, batch_dim = attrs["seq_dim"], attrs["batch_dim"]
    if dims is None:
        return UNKNOWN
    if batch_dim >= len(dims):
        raise ctx.error(f"batch_dim must be < input rank: {batch_dim} vs. {len(dims)}")
    if seq_dim >= len(dims):
        raise ctx.error(f"seq_dim must be < input rank: {seq_dim} vs. {len(dims)}")
    lengths = ctx.dims(1)
    batch = dims[batch_dim]
    if lengths is not None and lengths[0] is not None and batch is not None and lengths[0] != batch:
        raise ctx.error(f"Dimensions must be equal, but are {batch} and {lengths[0]}")
    return _shape_with_batch(dims, batch_dim, lengths)


def _shape_with_batch(dims, batch_dim, lengths):
    """The input's shape, its batch dimension known from the lengths' when it was not."""
    if dims[batch_dim] is None and lengths is not None and lengths[0] is not None:
        dims = dims[:batch_dim] + (lengths[0],) + dims[batch_dim + 1:]
    return TensorShape(dims)


def _reverse_sequence_factory(op, state):
    seq_dim, batch_dim = op._attrs["seq_dim"], op._attrs["batch_dim"]

    def reverse_sequence(x, lengths):
        x = np.asarray(x)
        out = x.copy()
        for b, n in enumerate(np.reshape(lengths, -1).tolist()):
            if n > x.shape[seq_dim] or n < 0:
                raise errors.InvalidArgumentError(
                    None, op, f"seq_lens({b}) > input.dims({seq_dim})" if n > 0 else f"seq_lens({b}) < 0")
            row = [builtins.slice(None)] * x.ndim
            row[batch_dim] = b
            row[seq_dim] = builtins.slice(0, n)
            taken = x[tuple(row)]
            out[tuple(row)] = np.flip(taken, axis=seq_dim - (1 if batch_dim < seq_dim else 0))
        return out
    return reverse_sequence


def _lower_reverse_sequence(op, jx):
    seq_dim, batch_dim, jnp = op._attrs["seq_dim"], op._attrs["batch_dim"], jx.jnp

    def reverse_sequence(x, lengths):  # position t of a row of length n reads n - 1 - t when t < n
        shape = [1] * x.ndim
        shape[seq_dim] = x.shape[seq_dim]
        t = jnp.arange(x.shape[seq_dim]).reshape(shape)
        shape = [1] * x.ndim
        shape[batch_dim] = x.shape[batch_dim]
        n = lengths.reshape(shape).astype(t.dtype)
        source = jnp.where(t < n, n - 1 - t, t)
        return jnp.take_along_axis(x, jnp.broadcast_to(source, x.shape), axis=seq_dim)
    return reverse_sequence


registry.register(OpDef("ReverseSequence", inputs=["input: T", "seq_lengths: Tlen"], outputs=["output: T"],
                        attrs={"Tlen": frozenset((dtypes.int32, dtypes.int64))}, shape=_reverse_sequence_shape,
                        factory=_reverse_sequence_factory, defaults={"batch_dim": 0, "Tlen": dtypes.int64},
                        lower=_lower_reverse_sequence))


def reverse_sequence(input, seq_lengths, seq_axis=None, batch_axis=None, name=None, seq_dim=None,  # noqa: A002
                     batch_dim=None):
    """Each row ``b`` of ``input`` (along ``batch_axis``) with its first ``seq_lengths[b]``
    elements along ``seq_axis`` reversed, the rest unchanged."""
    seq_axis = seq_dim if seq_axis is None else seq_axis
    batch_axis = batch_dim if batch_axis is None else batch_axis
    return create_output("ReverseSequence", [input, seq_lengths],
                         {"seq_dim": seq_axis, "batch_dim": 0 if batch_axis is None else batch_axis}, name=name)

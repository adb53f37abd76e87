"""Array ops: placeholders, identity, fill, shape, reshape, stack and strided slices."""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes, errors, registry, tensor_util
from scopeflow._src.framework.constant_op import constant, convert_to_tensor, register_tensor_conversion_function
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.ops_scope import name_scope
from scopeflow._src.framework.registry import OpDef, ShapeError, create
from scopeflow._src.framework.tensor_shape import TensorShape, UNKNOWN, as_shape
from scopeflow._src.ops import shape_fns


def _out(op):
    return op._outputs[0]


# -- Identity, placeholders ------------------------------------------------------------------
def _identity_fold(t):
    return tensor_util.constant_value(t.op.inputs[0])


registry.register(OpDef("Identity", inputs=["input: T"], outputs=["output: T"],
                        shape=shape_fns.unchanged, kernel=lambda x: x, fold=_identity_fold))


def _placeholder_factory(op, state):
    def unfed():
        shape = op._attrs["shape"]
        dims = "<unknown>" if shape.ndims is None else "[" + ",".join(
            "?" if d is None else str(d) for d in shape.as_list()) + "]"
        dtype = registry._attr_text(op._attrs["dtype"])[3:].lower()
        raise errors.InvalidArgumentError(
            None, op, f"You must feed a value for placeholder tensor '{op.name}' with dtype {dtype} "
                      f"and shape {dims}")
    return unfed


registry.register(OpDef("Placeholder", outputs=["output: dtype"],
                        shape=lambda inputs, attrs: attrs["shape"], factory=_placeholder_factory))
registry.register(OpDef("PlaceholderWithDefault", inputs=["input: dtype"], outputs=["output: dtype"],
                        shape=lambda inputs, attrs: attrs["shape"], kernel=lambda x: x))


def identity(input, name=None):  # noqa: A002 - TensorFlow's argument name
    """An ``Identity`` op forwarding ``input`` (a variable's current value for variables)."""
    return _out(create("Identity", [input], name=name))


def placeholder(dtype, shape=None, name=None):
    """A value that must be fed to ``Session.run`` (``feed_dict``)."""
    dtype = dtypes.as_dtype(dtype)
    return _out(create("Placeholder", [], {"dtype": dtype, "shape": as_shape(shape)}, name, direct=True))


def placeholder_with_default(input, shape, name=None):  # noqa: A002
    """A placeholder that yields ``input`` when it is not fed."""
    with name_scope(name, "PlaceholderWithDefault", []) as scope:
        value = convert_to_tensor(input, name="input")
        shape = as_shape(shape)
        if not value.shape.is_compatible_with(shape):
            raise ValueError(f"Shapes {value.shape} and {shape} are incompatible")
        return _out(create("PlaceholderWithDefault", [value], {"dtype": value.dtype.base_dtype, "shape": shape},
                           name=scope))


# -- Fill, Shape, Reshape ----------------------------------------------------------------------
def _fill_shape(inputs, attrs):
    return shape_fns.shape_from_tensor(inputs[0])


def _fill_kernel(dims, value):
    return np.full(tuple(int(d) for d in dims), value, dtype=np.asarray(value).dtype)


registry.register(OpDef("Fill", inputs=["dims: index_type", "value: T"], outputs=["output: T"],
                        shape=_fill_shape, kernel=_fill_kernel))


def _shape_fold(t):
    shape = t.op.inputs[0].shape
    if shape.is_fully_defined():
        return np.array(shape.as_list(), dtype=t.dtype.as_numpy_dtype)
    return None


def _shape_factory(op, state):
    np_type = op._attrs["out_type"].as_numpy_dtype
    return lambda x: np.array(np.shape(x), dtype=np_type)


registry.register(OpDef("Shape", inputs=["input: T"], outputs=["output: out_type"],
                        shape=lambda inputs, attrs: TensorShape([inputs[0].shape.ndims]),
                        factory=_shape_factory, fold=_shape_fold))


def _reshape_shape(inputs, attrs):
    target = shape_fns.shape_from_tensor(inputs[1])
    src = inputs[0].shape
    dims = target.as_tuple()
    if dims is None:
        return UNKNOWN
    known = [d for d in dims if d is not None]
    n_src = src.num_elements()
    if dims.count(None) == 1 and n_src is not None:
        prod = int(np.prod(known)) if known else 1
        if prod == 0 or n_src % prod:
            raise ShapeError(f"Cannot reshape a tensor with {n_src} elements to shape "
                             f"[{','.join('-1' if d is None else str(d) for d in dims)}]")
        return TensorShape([n_src // prod if d is None else d for d in dims])
    if None not in dims and n_src is not None and int(np.prod(dims)) != n_src:
        raise ShapeError(f"Cannot reshape a tensor with {n_src} elements to shape "
                         f"[{','.join(str(d) for d in dims)}] ({int(np.prod(dims))} elements)")
    return target


registry.register(OpDef("Reshape", inputs=["tensor: T", "shape: Tshape"], outputs=["output: T"],
                        shape=_reshape_shape, kernel=lambda x, s: np.reshape(x, tuple(int(d) for d in s))))


def fill(dims, value, name=None):
    """A tensor of shape ``dims`` filled with ``value`` (a ``Fill`` op)."""
    return _out(create("Fill", [dims, value], {"index_type": dtypes.int32}, name=name))


def reshape(tensor, shape, name=None):  # noqa: A002
    return _out(create("Reshape", [tensor, shape], {"Tshape": dtypes.int32}, name=name))


def _constant_if_small(value, shape, dtype, name):
    try:
        dims = as_shape(shape)
    except (TypeError, ValueError):
        return None
    if dims.is_fully_defined() and dims.num_elements() < 1000:
        return constant(value, shape=dims.as_list(), dtype=dtype, name=name)
    return None


def _filled(value_for, default_name, shape, dtype, name):
    dtype = dtypes.as_dtype(dtype).base_dtype
    with name_scope(name, default_name, [shape]) as scope:
        value = value_for(dtype)
        if not isinstance(shape, Tensor):
            out = _constant_if_small(value, shape, dtype, scope)
            if out is not None:
                return out
            try:
                shape = constant(as_shape(shape).as_list(), dtype=dtypes.int32, name="shape_as_tensor")
            except (TypeError, ValueError):
                shape = convert_to_tensor(shape, dtype=dtypes.int32)
        return _out(create("Fill", [shape, constant(value, dtype=dtype)], {"index_type": shape.dtype.base_dtype},
                           name=scope))


def _zero(dtype):
    return "" if dtype == dtypes.string else (False if dtype == dtypes.bool else 0)


def _one(dtype):
    return True if dtype == dtypes.bool else 1


def zeros(shape, dtype=dtypes.float32, name=None):
    """A tensor of zeros (a ``Const`` when small, else a ``Fill``)."""
    return _filled(_zero, "zeros", shape, dtype, name)


def ones(shape, dtype=dtypes.float32, name=None):
    """A tensor of ones (a ``Const`` when small, else a ``Fill``)."""
    return _filled(_one, "ones", shape, dtype, name)


# -- Pack (stack) and list autopacking -------------------------------------------------------
def _pack_shape(inputs, attrs):
    shape = inputs[0].shape
    for t in inputs[1:]:
        shape = shape_fns.merge(shape, t.shape)
    dims = shape.as_tuple()
    if dims is None:
        return UNKNOWN
    axis = attrs["axis"]
    if axis < 0:
        axis += len(dims) + 1
    return TensorShape(dims[:axis] + (len(inputs),) + dims[axis:])


def _pack_factory(op, state):
    axis = op._attrs["axis"]
    return lambda *xs: np.stack(xs, axis=axis)


def _pack_fold(t):
    values = [tensor_util.constant_value(x) for x in t.op.inputs]
    if any(v is None for v in values):
        return None
    return np.stack(values, axis=t.op._attrs["axis"])


registry.register(OpDef("Pack", inputs=["values: N*T"], outputs=["output: T"], shape=_pack_shape,
                        factory=_pack_factory, fold=_pack_fold))


def _contains_tensor(values):
    for v in values:
        if isinstance(v, Tensor) or hasattr(v, "_as_graph_element"):
            return True
        if isinstance(v, (list, tuple)) and _contains_tensor(v):
            return True
    return False


def _autopack(values, dtype=None, name=None, as_ref=False):
    if not _contains_tensor(values):
        return NotImplemented
    if dtype is None:
        for v in values:
            if isinstance(v, Tensor) or hasattr(v, "_as_graph_element"):
                dtype = v.dtype.base_dtype
                break
    with name_scope(name or "packed") as scope:
        elems = [v if isinstance(v, Tensor) else
                 convert_to_tensor(v, dtype=dtype, name=str(i)) if hasattr(v, "_as_graph_element") or isinstance(v, (list, tuple)) else
                 constant(v, dtype=dtype, name=str(i)) for i, v in enumerate(values)]
        return _out(create("Pack", [elems], {"axis": 0}, name=scope))


register_tensor_conversion_function((list, tuple), _autopack)


def stack(values, axis=0, name="stack"):
    """Stack same-shaped tensors along a new ``axis`` (a ``Const`` when all are constants)."""
    if axis == 0:
        try:
            return convert_to_tensor(values, name=name)
        except (TypeError, ValueError):
            pass
    return _out(create("Pack", [list(values)], {"axis": axis}, name=name))


# -- StridedSlice ---------------------------------------------------------------------------
_MASKS = ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask")


def _index_tuple(begin, end, strides, attrs):
    bm, em, elm, nm, sm = (attrs[m] for m in _MASKS)
    index = []
    for i, (b, e, s) in enumerate(zip(begin, end, strides)):
        bit = 1 << i
        if elm & bit:
            index.append(Ellipsis)
        elif nm & bit:
            index.append(None)
        elif sm & bit:
            index.append(int(b))
        else:
            index.append(slice(None if bm & bit else int(b), None if em & bit else int(e), int(s)))
    return tuple(index)


def _strided_slice_shape(inputs, attrs):
    spec = [tensor_util.constant_value(t) for t in inputs[1:]]
    dims = inputs[0].shape.as_tuple()
    if dims is None or any(v is None for v in spec):
        return UNKNOWN
    for s in spec[2]:
        if s == 0:
            raise ShapeError("strides[0] must be non-zero")
    index = _index_tuple(*spec, attrs)
    results = []
    for fake in (1000003, 1000033):
        dummy = np.broadcast_to(np.empty((), dtype=np.int8), tuple(fake if d is None else d for d in dims))
        try:
            results.append(dummy[index].shape)
        except IndexError:
            axis = next(i for i, x in enumerate(index) if isinstance(x, int))
            raise ShapeError(f"slice index {index[axis]} of dimension {axis} out of bounds.") from None
    return TensorShape([a if a == b else None for a, b in zip(*results)])


def _strided_slice_factory(op, state):
    attrs = op._attrs
    cache = {}

    def kernel(x, begin, end, strides):
        key = (begin.tobytes(), end.tobytes(), strides.tobytes())
        index = cache.get(key)
        if index is None:
            index = cache[key] = _index_tuple(begin, end, strides, attrs)
        try:
            return np.asarray(x)[index]
        except IndexError as e:
            raise errors.InvalidArgumentError(None, op, f"slice index out of bounds: {e}") from None
    return kernel


registry.register(OpDef("StridedSlice", inputs=["input: T", "begin: Index", "end: Index", "strides: Index"],
                        outputs=["output: T"], shape=_strided_slice_shape, factory=_strided_slice_factory))


def _check_index(idx):
    if isinstance(idx, (int, np.integer)) and not isinstance(idx, bool):
        return
    if isinstance(idx, Tensor) and idx.dtype.base_dtype in (dtypes.int32, dtypes.int64) and idx.shape.ndims in (0, None):
        return
    raise TypeError(
        "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 "
        f"tensors are valid indices, got {idx!r}")


def slice_helper(tensor, slice_spec, var=None):
    """``tensor[slice_spec]``: TensorFlow's ``strided_slice`` with its ``stack`` helper ops."""
    if not isinstance(slice_spec, (list, tuple)):
        slice_spec = [slice_spec]
    begin, end, strides = [], [], []
    masks = dict.fromkeys(_MASKS, 0)
    for index, s in enumerate(slice_spec):
        bit = 1 << index
        if isinstance(s, slice):
            for part in (s.start, s.stop, s.step):
                if part is not None:
                    _check_index(part)
            begin.append(0 if s.start is None else s.start)
            end.append(0 if s.stop is None else s.stop)
            strides.append(1 if s.step is None else s.step)
            if s.start is None:
                masks["begin_mask"] |= bit
            if s.stop is None:
                masks["end_mask"] |= bit
        elif s is Ellipsis:
            begin.append(0), end.append(0), strides.append(1)
            masks["ellipsis_mask"] |= bit
        elif s is None:
            begin.append(0), end.append(0), strides.append(1)
            masks["new_axis_mask"] |= bit
        else:
            _check_index(s)
            begin.append(s)
            end.append(s + 1)
            strides.append(1)
            masks["shrink_axis_mask"] |= bit
    with name_scope(None, "strided_slice", [tensor]) as scope:
        if begin:
            packed = [stack(begin), stack(end), stack(strides)]
        else:
            empty = np.zeros((0,), np.int32)
            packed = [constant(empty), constant(empty), constant(empty)]
        index_dtype = packed[0].dtype.base_dtype
        attrs = dict(masks, Index=index_dtype)
        return _out(create("StridedSlice", [tensor] + packed, attrs, name=scope))


def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
    if strides is None:
        strides = [1] * (len(begin) if isinstance(begin, (list, tuple)) else 1)
    attrs = {"begin_mask": begin_mask, "end_mask": end_mask, "ellipsis_mask": ellipsis_mask,
             "new_axis_mask": new_axis_mask, "shrink_axis_mask": shrink_axis_mask}
    return _out(create("StridedSlice", [input_, begin, end, strides], attrs, name=name))


# -- zeros_like / ones_like ------------------------------------------------------------------
registry.register(OpDef("ZerosLike", inputs=["x: T"], outputs=["y: T"], shape=shape_fns.unchanged,
                        kernel=np.zeros_like))
registry.register(OpDef("OnesLike", inputs=["x: T"], outputs=["y: T"], shape=shape_fns.unchanged,
                        kernel=np.ones_like))


def zeros_like(tensor, dtype=None, name=None, optimize=True):
    with name_scope(name, "zeros_like", [tensor]) as scope:
        tensor = convert_to_tensor(tensor, name="tensor")
        if dtype is not None and dtypes.as_dtype(dtype) != tensor.dtype.base_dtype:
            return zeros(shape(tensor), dtype=dtype, name=scope)
        if optimize and tensor.shape.is_fully_defined() and tensor.dtype.base_dtype != dtypes.variant:
            return constant(_zero(tensor.dtype.base_dtype), shape=tensor.shape.as_list(),
                            dtype=tensor.dtype.base_dtype, name=scope)
        return _out(create("ZerosLike", [tensor], name=scope))


def ones_like(tensor, dtype=None, name=None, optimize=True):
    with name_scope(name, "ones_like", [tensor]) as scope:
        tensor = convert_to_tensor(tensor, name="tensor")
        ones_shape = shape(tensor)
        if dtype is None:
            dtype = tensor.dtype.base_dtype
        return ones(ones_shape, dtype=dtype, name=scope) if not (optimize and tensor.shape.is_fully_defined()) \
            else constant(1, shape=tensor.shape.as_list(), dtype=dtype, name=scope)


# -- Rank, Prod, ConcatV2, Where, Squeeze, GatherV2 and boolean_mask ------------------------
def _rank_fold(t):
    ndims = t.op.inputs[0].shape.ndims
    return None if ndims is None else np.array(ndims, dtype=np.int32)


registry.register(OpDef("Rank", inputs=["input: T"], outputs=["output: int32"],
                        shape=lambda inputs, attrs: TensorShape(()), kernel=lambda x: np.int32(np.ndim(x)),
                        fold=_rank_fold))


def rank(input, name=None):  # noqa: A002
    """The number of dimensions of ``input`` (a ``Rank`` op)."""
    return _out(create("Rank", [input], name=name))


def _reduction_shape(inputs, attrs):
    axes = tensor_util.constant_value(inputs[1])
    dims = inputs[0].shape.as_tuple()
    if axes is None or dims is None:
        return UNKNOWN
    axes = {int(a) % len(dims) for a in np.atleast_1d(axes)} if dims else set()
    if attrs.get("keep_dims"):
        return TensorShape([1 if i in axes else d for i, d in enumerate(dims)])
    return TensorShape([d for i, d in enumerate(dims) if i not in axes])


def _reduction_factory(fn):
    def factory(op, state):
        keep = op._attrs.get("keep_dims", False)
        return lambda x, axes: fn(x, axis=tuple(int(a) for a in np.atleast_1d(axes)), keepdims=keep)
    return factory


registry.register(OpDef("Prod", inputs=["input: T", "reduction_indices: Tidx"], outputs=["output: T"],
                        shape=_reduction_shape, factory=_reduction_factory(np.prod)))


def _concat_shape(inputs, attrs):
    axis = tensor_util.constant_value(inputs[-1])
    values = inputs[:-1]
    ranks = {t.shape.ndims for t in values if t.shape.ndims is not None}
    if axis is None or not ranks:
        return UNKNOWN if not ranks else TensorShape([None] * ranks.pop())
    if len(ranks) > 1:
        raise ShapeError("Shape must be the same rank as the other inputs")
    n = ranks.pop()
    axis = int(axis) % n
    out = [None] * n
    total = 0
    for t in values:
        dims = t.shape.as_tuple() or (None,) * n
        for i, d in enumerate(dims):
            if i == axis:
                total = None if total is None or d is None else total + d
            elif d is not None:
                if out[i] is not None and out[i] != d:
                    raise ShapeError(f"Dimension {i} in both shapes must be equal, but are {out[i]} and {d}")
                out[i] = d
    out[axis] = total
    return TensorShape(out)


registry.register(OpDef("ConcatV2", inputs=["values: N*T", "axis: Tidx"], outputs=["output: T"],
                        shape=_concat_shape, kernel=lambda *xs: np.concatenate(xs[:-1], axis=int(xs[-1]))))


def concat(values, axis, name="concat"):
    """Join ``values`` along ``axis`` (an ``Identity`` when there is only one)."""
    if not isinstance(values, (list, tuple)):
        values = [values]
    if len(values) == 1:
        with name_scope(name) as scope:
            constant(axis, dtype=dtypes.int32, name="concat_dim")
            return identity(values[0], name=scope)
    with name_scope(name, "concat", []) as scope:
        tensors = [convert_to_tensor(v, name=f"values_{i}") if not isinstance(v, Tensor) else v
                   for i, v in enumerate(values)]
        axis_t = convert_to_tensor(axis, dtype=dtypes.int32, name="axis")
        return _out(create("ConcatV2", [tensors, axis_t], {"Tidx": dtypes.int32}, name=scope))


registry.register(OpDef("Where", inputs=["input: T"], outputs=["index: int64"],
                        shape=lambda inputs, attrs: TensorShape([None, inputs[0].shape.ndims]),
                        kernel=lambda x: np.argwhere(x).astype(np.int64)))


def _squeeze_shape(inputs, attrs):
    dims = inputs[0].shape.as_tuple()
    if dims is None:
        return UNKNOWN
    axes = attrs["squeeze_dims"]
    if axes:
        keep = [d for i, d in enumerate(dims) if i not in {a % len(dims) for a in axes}]
    else:
        keep = [d for d in dims if d != 1]
    return TensorShape(keep)


def _squeeze_factory(op, state):
    axes = tuple(op._attrs["squeeze_dims"]) or None
    return lambda x: np.squeeze(x, axis=axes)


registry.register(OpDef("Squeeze", inputs=["input: T"], outputs=["output: T"], shape=_squeeze_shape,
                        factory=_squeeze_factory))


def squeeze(input, axis=None, name=None, squeeze_dims=None):  # noqa: A002
    axis = squeeze_dims if axis is None else axis
    if isinstance(axis, int):
        axis = [axis]
    return _out(create("Squeeze", [input], {"squeeze_dims": list(axis or [])}, name=name))


def _gather_shape(inputs, attrs):
    params, indices = inputs[0].shape.as_tuple(), inputs[1].shape.as_tuple()
    axis = tensor_util.constant_value(inputs[2])
    if params is None or indices is None or axis is None:
        return UNKNOWN
    axis = int(axis) % len(params)
    return TensorShape(params[:axis] + indices + params[axis + 1:])


def _gather_factory(op, state):
    def gather(params, indices, axis):
        try:
            return np.take(params, indices, axis=int(axis))
        except IndexError as e:
            raise errors.InvalidArgumentError(None, op, f"indices out of range: {e}") from None
    return gather


registry.register(OpDef("GatherV2", inputs=["params: Tparams", "indices: Tindices", "axis: Taxis"],
                        outputs=["output: Tparams"], shape=_gather_shape, factory=_gather_factory))


def gather(params, indices, validate_indices=None, name=None, axis=None, batch_dims=0):
    with name_scope(name, "GatherV2", [params, indices]) as scope:
        axis_t = convert_to_tensor(0 if axis is None else axis, name="axis")
        return _out(create("GatherV2", [params, indices, axis_t], {"batch_dims": batch_dims}, name=scope))


def boolean_mask(tensor, mask, name="boolean_mask", axis=None):
    """The elements of ``tensor`` where ``mask`` is true, built as TensorFlow builds it."""
    with name_scope(name, values=[tensor, mask]):
        tensor = convert_to_tensor(tensor, name="tensor")
        mask = convert_to_tensor(mask, name="mask")
        ndims_mask = mask.shape.ndims
        if ndims_mask == 0:
            raise ValueError("mask cannot be scalar.")
        if ndims_mask is None:
            raise ValueError("Number of mask dimensions must be specified, even if some dimensions are None.  "
                             "E.g. shape=[None] is ok, but shape=None is not.")
        axis = 0 if axis is None else axis
        static = tensor.shape
        static[axis:axis + ndims_mask].assert_is_compatible_with(mask.shape)
        leading = _out(create("Prod", [shape(tensor)[axis:axis + ndims_mask], [0]],
                              {"keep_dims": False, "Tidx": dtypes.int32}))
        tensor = reshape(tensor, concat([shape(tensor)[:axis], [leading], shape(tensor)[axis + ndims_mask:]], 0))
        first = static[axis:axis + ndims_mask].num_elements()
        tensor.set_shape(TensorShape(static[:axis]).concatenate([first]).concatenate(static[axis + ndims_mask:]))
        mask = reshape(mask, [-1])
        indices = squeeze(_out(create("Where", [mask])), axis=[1])
        return gather(tensor, indices, axis=axis)


def shape(input, name=None, out_type=dtypes.int32):  # noqa: A002
    """``tf.shape`` in TF1: a ``Const`` when the shape is fully known, else a ``Shape`` op."""
    if hasattr(input, "_as_graph_element") and not isinstance(input, Tensor):
        input = input.value()
    if isinstance(input, Tensor) and input.shape.is_fully_defined():
        return constant(input.shape.as_list(), dtype=out_type, name=name or "Shape")
    return _out(create("Shape", [input], {"out_type": dtypes.as_dtype(out_type)}, name=name))

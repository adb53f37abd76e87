"""Python and NumPy values to arrays with TensorFlow's dtype rules, and constant folding.

``to_ndarray`` is TensorFlow's ``make_tensor_proto`` without the proto: Python floats
become float32 and Python ints int32 (int64 when they do not fit), NumPy values keep their
dtype, and a requested dtype is checked against the values with TF's ``TypeError`` text.
"""

from __future__ import annotations

import numbers

import numpy as np

from scopeflow._src.framework import dtypes, nest, registry
from scopeflow._src.framework.tensor_shape import UNKNOWN, Dimension, TensorShape


def _is_int(v):
    return isinstance(v, (numbers.Integral, Dimension)) and not isinstance(v, np.bool_) \
        or isinstance(v, np.ndarray) and issubclass(v.dtype.type, np.integer)


def _is_real(v):
    return isinstance(v, numbers.Real) or isinstance(v, np.ndarray) and issubclass(
        v.dtype.type, (np.floating, np.integer, np.bool_))


def _is_complex(v):
    return isinstance(v, numbers.Number) or isinstance(v, np.ndarray) and issubclass(v.dtype.type, np.number)


def _is_bool(v):
    return isinstance(v, (bool, np.bool_)) or isinstance(v, np.ndarray) and v.dtype == np.bool_


def _is_str(v):
    return isinstance(v, (str, bytes)) or isinstance(v, np.ndarray) and v.dtype.kind in "USO"


def _checker(dtype):
    if dtype.is_bool:
        return _is_bool
    if dtype.is_integer or dtype.is_quantized:
        return _is_int
    if dtype.is_floating:
        return _is_real
    if dtype.is_complex:
        return _is_complex
    if dtype == dtypes.string:
        return _is_str
    return None


def _assert_compatible(values, dtype):
    check = _checker(dtype) if dtype is not None else None
    for v in nest.flatten(values):
        if hasattr(v, "_as_graph_element") or type(v).__name__ in ("Tensor", "RefVariable"):
            if dtype is None:
                raise TypeError("Expected any non-tensor type, but got a tensor instead.")
            raise TypeError(f"Expected {dtype.name}, but got {v} of type '{type(v).__name__}'.")
        if check is not None and not check(v):
            raise TypeError(f"Expected {dtype.name}, but got {v} of type '{type(v).__name__}'.")


def _dense_dims(values):
    if not isinstance(values, (list, tuple)):
        return []
    if len(values) == 0:
        return [0]
    return [len(values)] + _dense_dims(values[0])


# Python scalar types and the dtype kinds they convert to without checks.
_SCALAR_KINDS = {float: ("f", "c"), int: ("f", "c", "i", "u"), bool: ("b",)}


_INT32 = (-2**31, 2**31 - 1)
_DEFAULT_NP = {float: np.float32, bool: np.bool_}


def _plain_python(values, dtype):
    """The array for the commonest constants (a Python scalar, a flat list of ints: shapes,
    axes), or ``None`` to take the general path, which also words every error."""
    kind = type(values)
    if kind is list or kind is tuple:
        if not values or dtype is not None and dtype is not dtypes.int32 and dtype is not dtypes.int64:
            return None
        for v in values:
            if type(v) is not int or not _INT32[0] <= v <= _INT32[1]:
                return None
        return np.array(values, dtype=np.int64 if dtype is dtypes.int64 else np.int32)
    if kind not in _SCALAR_KINDS:
        return None
    if dtype is None:
        if kind is int:
            if not _INT32[0] <= values <= _INT32[1]:
                return None
            return np.array(values, dtype=np.int32)
        return np.array(values, dtype=_DEFAULT_NP[kind])
    dtype = dtypes.as_dtype(dtype).base_dtype
    if dtype._kind not in _SCALAR_KINDS[kind]:
        return None
    try:
        return np.array(values, dtype=dtype.as_numpy_dtype)
    except (OverflowError, ValueError):
        return None  # out of range: the general path words the error


def _positive_dims(shape):
    """``shape`` as a tuple when it is a list or tuple of positive ints, else ``None`` (an
    empty shape takes the general path: TF gives it float32 whatever the value)."""
    if type(shape) is not list and type(shape) is not tuple:
        return None
    for d in shape:
        if type(d) is not int or d <= 0:
            return None
    return tuple(shape)


def to_ndarray(values, dtype=None, shape=None, verify_shape=False) -> np.ndarray:
    """``values`` as a NumPy array with TensorFlow's inferred or requested dtype and shape."""
    fast = _plain_python(values, dtype)
    if fast is not None:
        if shape is None:
            return fast
        if fast.ndim == 0 and not verify_shape:  # a scalar filling a shape: tf.zeros([64])
            dims = _positive_dims(shape)
            if dims is not None:  # one value repeated: a Const's TensorProto holds it once, as TF's
                return np.broadcast_to(fast, dims)
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype).base_dtype
    np_dt = dtype.as_numpy_dtype if dtype is not None and dtype.is_numpy_compatible else None
    if isinstance(values, (np.ndarray, np.generic)):
        if np_dt is not None and values.dtype != np_dt:
            if dtype == dtypes.string and values.dtype.kind in "US":
                nparray = np.array([_as_bytes(v) for v in values.ravel().tolist()], dtype=object).reshape(values.shape)
            else:
                nparray = np.asarray(values).astype(np_dt)
        else:
            nparray = np.asarray(values)
    else:
        if values is None:
            raise ValueError("None values not supported.")
        if shape is not None and np.prod(shape, dtype=np.int64) == 0:
            nparray = np.empty(shape, dtype=np_dt)
        elif dtype is not None and dtype.is_quantized:
            nparray = _quantized_array(values, dtype)
        else:
            _assert_compatible(values, dtype)
            nparray = _python_to_array(values, np_dt)
            if list(nparray.shape) != _dense_dims(values):
                raise ValueError(
                    f"Expected values {values} to be a dense tensor with shape "
                    f"{_dense_dims(values)}, but got shape {list(nparray.shape)}.")
        if nparray.dtype == np.float64 and dtype is None:
            nparray = nparray.astype(np.float32)
        elif nparray.dtype == np.int64 and dtype is None:
            down = nparray.astype(np.int32)
            if np.array_equal(down, nparray):
                nparray = down
    if nparray.dtype == object and isinstance(values, np.ndarray):
        nparray = _object_strings(nparray)
    if nparray.dtype == object and not all(isinstance(v, bytes) for v in nparray.ravel().tolist()):
        raise TypeError(f"Failed to convert elements of {values} to Tensor. Consider casting elements to a supported "
                        f"type. See https://www.tensorflow.org/api_docs/python/tf/dtypes for supported TF dtypes.")
    if nparray.dtype.kind in "US":
        nparray = np.array([_as_bytes(v) for v in nparray.ravel().tolist()], dtype=object).reshape(nparray.shape)
    found = dtypes.as_dtype(nparray.dtype)
    if dtype is not None and dtype != found and not dtype.is_quantized:
        raise TypeError(f"`dtype` {dtype} is not compatible with {values} of dtype {nparray.dtype}.")
    if shape is None:
        return nparray
    shape = tuple(int(d) for d in shape)
    size = int(np.prod(shape, dtype=np.int64))
    if verify_shape and nparray.shape != shape:
        raise TypeError(f"Expected Tensor's shape: {shape}, but got {nparray.shape}.")
    if nparray.size > size:
        raise ValueError(f"Too many elements provided. Takes at most {size:d}, but got {nparray.size:d}.")
    if nparray.size == size:
        return nparray.reshape(shape)
    if nparray.size == 0:
        return np.zeros(shape, dtype=nparray.dtype)
    flat = nparray.ravel()
    out = np.empty(size, dtype=nparray.dtype)
    out[:flat.size] = flat
    out[flat.size:] = flat[-1]  # TF1 repeats the last value to fill the shape
    return out.reshape(shape)


def _object_strings(array: np.ndarray) -> np.ndarray:
    """An object array (NumPy's ``dtype=object``, a tensor of strings to TF) with each str as
    UTF-8 bytes; anything else is TF's ``compat.as_bytes`` error, for the first such element."""
    flat = array.ravel().tolist()
    for v in flat:
        if not isinstance(v, (bytes, str)):
            raise TypeError(f"Expected binary or unicode string, got {v!r}")
    out = np.empty(len(flat), dtype=object)
    out[:] = [_as_bytes(v) for v in flat]
    return out.reshape(array.shape)


def _as_bytes(v):
    return v.encode("utf-8") if isinstance(v, str) else v


def _quantized_array(values, dtype):
    """Python values of a quantized dtype, as TF reads them: nested lists of one-field records
    (tuples of ints), so that ``[(1,), (2,)]`` converts and ``[1, 2]`` does not."""
    def check(v):
        if isinstance(v, list):
            for item in v:
                check(item)
        elif isinstance(v, tuple):
            for item in v:
                if not _is_int(item):
                    raise TypeError(f"Expected {dtype.name}, but got {item} of type '{type(item).__name__}'.")
        else:
            raise TypeError(f"Expected {dtype.name}, but got {v} of type '{type(v).__name__}'.")
    check(values)
    return np.array(values, dtype=dtype.as_numpy_dtype)


def _python_to_array(values, np_dt):
    flat = list(nest.flatten(values))
    n_str = sum(isinstance(v, (str, bytes)) for v in flat)
    if 0 < n_str < len(flat):
        np.array(values)  # a ragged list: NumPy's ValueError first, as in TF
        raise TypeError(
            f"Failed to convert elements of {values} to Tensor. Consider casting elements to a supported type. "
            f"See https://www.tensorflow.org/api_docs/python/tf/dtypes for supported TF dtypes.")
    if np_dt is object or (np_dt is None and n_str):
        arr = np.array(values, dtype=object)
        flat = [_as_bytes(v) for v in arr.ravel().tolist()]
        out = np.empty(len(flat), dtype=object)
        out[:] = flat
        return out.reshape(arr.shape)
    try:
        return np.array(values, dtype=np_dt)
    except OverflowError:
        raise TypeError(f"Failed to convert elements of {values} to Tensor: a value is out of range of "
                        f"every integer type.") from None


def constant_value(tensor, partial=False):
    """The value of ``tensor`` when it is known while building the graph, else ``None``.

    Folds what TensorFlow's ``constant_value`` folds: constants, shapes of fully known
    tensors, and identities, casts and packs of those (each op type's ``fold``). With
    ``partial=True`` a ``Pack`` of partly known scalars gives an object array holding
    ``None`` for the unknown ones, as in TensorFlow. A value that is not a tensor is its
    own value.
    """
    op = getattr(tensor, "op", None)
    if op is None:
        return tensor
    if partial and op.type == "Pack" and op._attrs.get("axis") == 0 and op.inputs:
        values = [constant_value(x, partial=True) for x in op.inputs]
        if any(v is None for v in values):
            out = np.empty(len(values), dtype=object)
            out[:] = values
            return out
    fold = registry.get(op.type).fold
    return None if fold is None else fold(tensor)


def constant_value_as_shape(tensor):
    """The partial shape a 1-D integer tensor describes (TensorFlow's function of that name).

    Reads through ``Shape``, ``Pack``, ``ConcatV2``, ``Cast`` and simple ``StridedSlice``
    ops, so ``tf.stack([2, n])`` gives ``[2, ?]``; ``-1`` means an unknown dimension.
    """
    shape = tensor.shape
    if shape.ndims == 0:
        value = constant_value(tensor)
        if value is None:
            raise ValueError("Received a scalar with unknown value as shape; require a statically known scalar "
                             "with value '-1' to describe an unknown shape.")
        if value != -1:
            raise ValueError(f"Received a scalar value '{value}' as shape; require a statically known scalar "
                             f"with value '-1' to describe an unknown shape.")
        return UNKNOWN
    shape = shape.with_rank(1)
    if shape.as_list() == [0]:
        return TensorShape([])
    op = tensor.op
    found = _shape_through_op(op, tensor)
    if found is not None:
        return found
    ret = TensorShape([None] * shape.as_list()[0]) if shape.as_list()[0] is not None else UNKNOWN
    value = constant_value(tensor)
    if value is not None:
        ret = ret.merge_with(TensorShape([int(d) if d >= 0 else None for d in value.tolist()]))
    return ret


def _shape_through_op(op, tensor):
    if op.type == "Shape":
        return op.inputs[0].shape
    if op.type == "Pack" and op._attrs.get("axis") == 0:
        dims = []
        for x in op.inputs:
            v = constant_value(x)
            dims.append(None if v is None or v < 0 else int(v))
        return TensorShape(dims)
    if op.type == "ConcatV2":
        ret = TensorShape([])
        for x in op.inputs[:-1]:
            ret = ret.concatenate(constant_value_as_shape(x))
        return ret
    if op.type == "Cast" and op._attrs["DstT"].base_dtype in (dtypes.int32, dtypes.int64):
        return constant_value_as_shape(op.inputs[0])
    if op.type == "StridedSlice":
        return _strided_slice_as_shape(op)
    return None


def _strided_slice_as_shape(op):
    begin, end, strides = (constant_value(t) for t in op.inputs[1:])
    attrs = op._attrs
    if begin is None or end is None or strides is None or begin.size != 1:
        return None
    if attrs["ellipsis_mask"] or attrs["new_axis_mask"] or attrs["shrink_axis_mask"]:
        return None
    if attrs["begin_mask"] not in (0, 1) or attrs["end_mask"] not in (0, 1):
        return None
    prev = constant_value_as_shape(op.inputs[0])
    if prev.ndims is None:
        return None
    b = None if attrs["begin_mask"] else int(begin[0])
    e = None if attrs["end_mask"] else int(end[0])
    return TensorShape(prev.as_list()[b:e:int(strides[0])])


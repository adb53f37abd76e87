"""Python and NumPy values to arrays with TensorFlow's dtype rules, and constant folding.

``to_ndarray`` is TensorFlow's ``make_tensor_proto`` without the proto: Python floats
become float32 and Python ints int32 (int64 when they do not fit), NumPy values keep their
dtype, and a requested dtype is checked against the values with TF's ``TypeError`` text.
"""

from __future__ import annotations

import numbers

import numpy as np

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.tensor_shape import Dimension


def _flatten(values):
    if isinstance(values, (list, tuple)):
        for v in values:
            yield from _flatten(v)
    else:
        yield values


def _is_int(v):
    return isinstance(v, (numbers.Integral, Dimension)) and not isinstance(v, (bool, np.bool_)) \
        or isinstance(v, np.ndarray) and issubclass(v.dtype.type, np.integer)


def _is_real(v):
    return isinstance(v, numbers.Real) or isinstance(v, np.ndarray) and issubclass(v.dtype.type, (np.floating, np.integer, np.bool_))


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
    for v in _flatten(values):
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


def to_ndarray(values, dtype=None, shape=None, verify_shape=False) -> np.ndarray:
    """``values`` as a NumPy array with TensorFlow's inferred or requested dtype and shape."""
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype).base_dtype
        if shape is None and type(values) in _SCALAR_KINDS and dtype._kind in _SCALAR_KINDS[type(values)]:
            try:
                return np.array(values, dtype=dtype.as_numpy_dtype)  # the common case: a Python scalar
            except (OverflowError, ValueError):
                pass  # out of range: the general path below words the error
    np_dt = dtype.as_numpy_dtype if dtype is not None and dtype.is_numpy_compatible else None
    if isinstance(values, (np.ndarray, np.generic)):
        if np_dt is not None and values.dtype != np_dt:
            if dtype == dtypes.string and values.dtype.kind in "US":
                nparray = np.array([_as_bytes(v) for v in values.ravel().tolist()], dtype=object).reshape(values.shape)
            else:
                nparray = values.astype(np_dt)
        else:
            nparray = np.asarray(values)
    else:
        if values is None:
            raise ValueError("None values not supported.")
        if shape is not None and np.prod(shape, dtype=np.int64) == 0:
            nparray = np.empty(shape, dtype=np_dt)
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
    if nparray.dtype == object and not all(isinstance(v, bytes) for v in nparray.ravel().tolist()):
        raise TypeError(f"Failed to convert elements of {values} to Tensor: no TensorFlow dtype holds them.")
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


def _as_bytes(v):
    return v.encode("utf-8") if isinstance(v, str) else v


def _python_to_array(values, np_dt):
    flat = list(_flatten(values))
    n_str = sum(isinstance(v, (str, bytes)) for v in flat)
    if 0 < n_str < len(flat):
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


def constant_value(tensor):
    """The value of ``tensor`` when it is known while building the graph, else ``None``.

    Folds what TensorFlow's ``constant_value`` folds: constants, shapes of fully known
    tensors, and identities, casts and packs of those.
    """
    from scopeflow._src.framework import registry

    fold = registry.get(tensor.op.type).fold
    return None if fold is None else fold(tensor)

"""What a ``PyFunc`` kernel hands the Python callable, what it accepts back, and how a failure
is reported, with TensorFlow's rules and words.

Arguments are NumPy values: a scalar as a NumPy scalar, strings as ``bytes`` (in ``object``
arrays). ``tf.py_function``'s callable gets them as ``EagerTensor``s: NumPy arrays that also
have TensorFlow's ``.numpy()``.

Results of ``PyFunc``/``PyFuncStateless`` are taken as TensorFlow's ``FuncRegistry`` takes them
(a list or tuple is several values, ``None`` none, anything else one; Python strings become
bytes) and must have exactly ``Tout``'s dtypes (``0-th value returned by pyfunc_3 is double,
but expects float``). ``EagerPyFunc`` converts each result to its dtype as
``tf.convert_to_tensor`` does in eager mode (NumPy values are cast, Python values must fit).

An exception raised by the callable becomes TensorFlow's error class for it (``ValueError``
and ``TypeError``: ``InvalidArgumentError``, ``StopIteration``: ``OutOfRangeError``,
``MemoryError``: ``ResourceExhaustedError``, ``NotImplementedError``: ``UnimplementedError``,
anything else ``UnknownError``), its message the exception and its traceback, its
``__cause__`` the exception itself.
"""

from __future__ import annotations

import traceback

import numpy as np

from scopeflow._src.framework import dtypes, errors, tensor_util
from scopeflow._src.framework.op_builder import type_string

_ERROR_CLASSES = ((ValueError, errors.InvalidArgumentError), (TypeError, errors.InvalidArgumentError),
                  (StopIteration, errors.OutOfRangeError), (MemoryError, errors.ResourceExhaustedError),
                  (NotImplementedError, errors.UnimplementedError))


class EagerTensor(np.ndarray):
    """A ``tf.py_function`` argument: a NumPy array with TensorFlow's ``.numpy()``.

    >>> t = np.asarray([1.0, 2.0], np.float32).view(EagerTensor)
    >>> t.numpy()
    array([1., 2.], dtype=float32)
    """

    def numpy(self):
        """The value as a plain NumPy array (a NumPy scalar or ``bytes`` when 0-d)."""
        value = self.view(np.ndarray)
        return value[()] if value.ndim == 0 else value


def argument(value, eager: bool):
    """The callable's view of one input value."""
    array = np.asarray(value)
    if eager:
        return array.view(EagerTensor)
    return array[()] if array.ndim == 0 else array


def error_for(exc: BaseException, op) -> errors.OpError:
    """TensorFlow's error for ``exc``, raised by the callable of ``op``."""
    cls = next((c for kind, c in _ERROR_CLASSES if isinstance(exc, kind)), errors.UnknownError)
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return cls(None, op, f"{type(exc).__name__}: {exc}\n{trace}")


def numpy_results(ret, token: str, want, op) -> tuple:
    """``PyFunc``'s outputs from the callable's result ``ret``, checked against ``want``."""
    if isinstance(ret, bytes):
        ret = [ret]
    values = [] if ret is None else [_as_array(v) for v in ret] if isinstance(ret, (list, tuple)) \
        else [_as_array(ret)]
    if len(values) != len(want):
        raise errors.InvalidArgumentError(
            None, op, f"{token} returns {len(values)} values, but expects to see {len(want)} values.")
    for i, (value, dtype) in enumerate(zip(values, want)):
        got = _dtype_of(value, op)
        if got != dtype:
            raise errors.InvalidArgumentError(
                None, op, f"{i}-th value returned by {token} is {type_string(got)}, but expects {type_string(dtype)}")
    return tuple(values)


def eager_results(ret, want) -> tuple:
    """``EagerPyFunc``'s outputs: each result converted to its dtype (``zip``: extra results are dropped)."""
    if ret is None:
        return ()
    if not isinstance(ret, (list, tuple)):
        ret = [ret]
    return tuple(_converted(v, dtype) for v, dtype in zip(ret, want))


def _as_array(value):
    """TF's ``FuncRegistry._convert``: text as ``object`` arrays of bytes, never padded NumPy strings."""
    array = np.asarray(value, order="C")
    if array.dtype.kind in "SU" or (array.dtype == object and array.size):
        return _bytes_array(array)
    return array


def _bytes_array(array):
    out = np.empty(array.shape, dtype=object)
    out.ravel()[:] = [s.encode() if isinstance(s, str) else s for s in array.ravel().tolist()]
    return out


def _dtype_of(array, op):
    if array.dtype == object:
        for item in array.ravel():
            if not isinstance(item, bytes):
                raise errors.InternalError(None, op, f"Unsupported object type {type(item).__name__}")
        return dtypes.string
    try:
        return dtypes.as_dtype(array.dtype)
    except TypeError:
        raise errors.UnimplementedError(None, op, f"Unsupported numpy type {array.dtype.num}") from None


def _converted(value, dtype):
    if isinstance(value, (np.ndarray, np.generic)):
        array = np.asarray(value)
        if dtype == dtypes.string:
            return _bytes_array(array)
        return array.astype(dtype.as_numpy_dtype, copy=False) if array.dtype.kind not in "SUO" \
            else _cannot_convert(value, dtype)
    try:
        array = tensor_util.to_ndarray(value, dtype, None, False)
    except (TypeError, ValueError):
        _cannot_convert(value, dtype)
    return _bytes_array(array) if dtype == dtypes.string else array


def _cannot_convert(value, dtype):
    raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype {type_string(dtype)}")

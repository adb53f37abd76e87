"""The checks TensorFlow makes while building only: ``tf.assert_type``, ``tf.assert_integer``
(a ``no_op`` when they hold, ``TypeError`` otherwise), ``tf.assert_scalar`` (``ValueError``),
``tf.assert_proper_iterable``, ``tf.assert_same_float_dtype`` and ``tf.is_numeric_tensor``.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.ops.control.control_flow_ops import no_op

_NUMERIC = frozenset(dtypes.as_dtype(n) for n in (
    "float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "qint8", "qint16", "qint32", "quint8", "quint16", "complex64", "complex128", "bfloat16"))


def message_prefix(message) -> str:
    """TF's prefix of a default message: ``'<message>.  '``, or nothing."""
    return f"{message}.  " if message else ""


def assert_type(tensor, tf_type, message=None, name=None):
    """A ``no_op`` when ``tensor`` has dtype ``tf_type``; ``TypeError`` otherwise.

    >>> import scopeflow as tf
    >>> tf.assert_type(tf.constant(1), tf.int32).name
    'assert_type/statically_determined_correct_type'
    """
    tf_type = dtypes.as_dtype(tf_type)
    with name_scope(name, "assert_type", [tensor]):
        if not isinstance(tensor, SparseTensor):
            tensor = convert_to_tensor(tensor, name="tensor")
        if tensor.dtype != tf_type:
            raise TypeError(f"{message_prefix(message)}{getattr(tensor, 'name', 'tensor')} must be of type "
                            f"{tf_type!r}; got {tensor.dtype!r}")
        return no_op("statically_determined_correct_type")


def assert_integer(x, message=None, name=None):
    """A ``no_op`` when ``x`` has an integer dtype; ``TypeError`` otherwise.

    >>> import scopeflow as tf
    >>> tf.assert_integer(tf.constant(1)).name
    'assert_integer/statically_determined_was_integer'
    """
    with name_scope(name, "assert_integer", [x]):
        x = convert_to_tensor(x, name="x")
        if not x.dtype.is_integer:
            raise TypeError(f'{message_prefix(message)}Expected "x" to be integer type.  Found: {x.name} of dtype '
                            f'{x.dtype}')
        return no_op("statically_determined_was_integer")


def assert_scalar(tensor, name=None, message=None):
    """``tensor`` (as a tensor) when its shape is known to be a scalar's; ``ValueError`` otherwise.

    >>> import scopeflow as tf
    >>> tf.assert_scalar(tf.constant(1.0)).name
    'Const:0'
    """
    with name_scope(name, "assert_scalar", [tensor]) as scope:
        tensor = convert_to_tensor(tensor, name=scope)
        if tensor.get_shape().ndims != 0:
            raise ValueError(f"{message_prefix(message)}Expected scalar shape for {tensor.name}, saw shape: "
                             f"{tensor.get_shape()}.")
        return tensor


def assert_proper_iterable(values):
    """``TypeError`` unless ``values`` is an iterable other than a tensor, an array or a string.

    >>> import scopeflow as tf
    >>> tf.assert_proper_iterable([1, 2])
    >>> tf.assert_proper_iterable("ab")
    Traceback (most recent call last):
    TypeError: Expected argument "values" to be a "proper" iterable.  Found: <class 'str'>
    """
    if isinstance(values, (Tensor, SparseTensor, np.ndarray, bytes, str)):
        raise TypeError(f'Expected argument "values" to be a "proper" iterable.  Found: {type(values)}')
    if not hasattr(values, "__iter__"):
        raise TypeError(f'Expected argument "values" to be iterable.  Found: {type(values)}')


def _same_base_type(items, expected):
    first_name = None
    for item in items:
        if item is None:
            continue
        item_type = item.dtype.base_dtype
        if not expected:
            expected = item_type
            first_name = item.name if hasattr(item, "name") else str(item)
        elif expected != item_type:
            label = item.name if hasattr(item, "name") else str(item)
            raise ValueError(f"{label}, type={item_type}, must be of the same type ({expected})"
                             f"{f' as {first_name}' if first_name else ''}.")
    return expected


def assert_same_float_dtype(tensors=None, dtype=None):
    """The floating dtype shared by ``tensors`` (and equal to ``dtype`` when given);
    ``float32`` when neither is given; ``ValueError`` otherwise.

    >>> import scopeflow as tf
    >>> tf.assert_same_float_dtype([tf.constant(1.0)])
    tf.float32
    """
    if tensors:
        dtype = _same_base_type(tensors, dtype)
    if not dtype:
        dtype = dtypes.float32
    elif not dtype.is_floating:
        raise ValueError(f"Expected floating point type, got {dtype}.")
    return dtype


def is_numeric_tensor(tensor) -> bool:
    """Whether ``tensor`` is a ``Tensor`` of a numeric dtype.

    >>> import scopeflow as tf
    >>> tf.is_numeric_tensor(tf.constant(1)), tf.is_numeric_tensor(tf.constant("a"))
    (True, False)
    """
    return isinstance(tensor, Tensor) and tensor.dtype in _NUMERIC

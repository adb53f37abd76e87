"""``Const`` ops, ``tf.constant`` and ``convert_to_tensor``.

``convert_to_tensor`` turns anything tensor-like into a ``Tensor``: tensors pass through
(with TF's dtype check), objects with a registered conversion function (variables, lists
of tensors) convert themselves, and Python or NumPy values become ``Const`` ops.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import context, dtypes, registry, tensor_util
from scopeflow._src.framework.operation import SymbolicTensor, Tensor
from scopeflow._src.framework.tensor_shape import Dimension, TensorShape, interned

_CONVERSIONS: list[tuple[type, object]] = []


def register_tensor_conversion_function(base_type, conversion_func, priority=100) -> None:
    """Let ``convert_to_tensor`` turn instances of ``base_type`` into tensors.

    ``conversion_func(value, dtype=None, name=None, as_ref=False)`` returns a ``Tensor``.
    """
    _CONVERSIONS.append((base_type, conversion_func))


def _const_factory(op, state):
    value = op._attrs["value"]
    return lambda: value


registry.register(registry.OpDef(
    "Const", outputs=["output: dtype"],
    shape=lambda inputs, attrs: TensorShape(attrs["value"].shape),
    factory=_const_factory,
    fold=lambda t: t.op._attrs["value"],
    constant=True,
    lower=_const_factory,  # the value, known when the JAX step is compiled
))


def constant(value, dtype=None, shape=None, name="Const", verify_shape=False) -> Tensor:
    """A ``Const`` op holding ``value`` (TF1's ``tf.constant``).

    Python floats become float32 and ints int32; ``shape`` reshapes the value, or repeats
    its last element to fill the shape (TF1 behaviour).

    >>> import scopeflow as tf
    >>> c = tf.constant([1.0, 2.0], name="c")
    >>> c.name, c.dtype.name, c.shape.as_list()
    ('c:0', 'float32', [2])
    """
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype)
    array = tensor_util.to_ndarray(value, dtype, shape, verify_shape)
    if isinstance(value, np.ndarray) and np.may_share_memory(array, value):
        array = array.copy()  # TF copies the value into the graph: the caller's array stays theirs
    array.flags.writeable = False
    out_dtype = dtype.base_dtype if dtype is not None and dtype.is_quantized else dtypes.as_dtype(array.dtype)
    graph = context.default_graph()  # a Const has no inputs to convert: TF adds it to the graph directly
    op = graph._add_op("Const", graph._op_name(name, "Const"), [], {"value": array, "dtype": out_dtype},
                       [(out_dtype, interned(TensorShape(array.shape)))])
    return op._outputs[0]


def convert_to_tensor(value, dtype=None, name=None, as_ref=False, preferred_dtype=None,
                      dtype_hint=None) -> Tensor:
    """``value`` as a ``Tensor`` of ``dtype`` (see the module docstring)."""
    if dtype is None and type(value) is SymbolicTensor:
        return value
    preferred_dtype = preferred_dtype or dtype_hint
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype)
    if isinstance(value, Tensor):
        if dtype is not None and not dtype.is_compatible_with(value.dtype):
            prefix = f"{name}: " if name else ""
            raise ValueError(f"{prefix}Tensor conversion requested dtype {dtype.name} for Tensor with dtype "
                             f"{value.dtype.name}: {value!r}")
        return value
    for base_type, fn in _CONVERSIONS:
        if isinstance(value, base_type):
            result = fn(value, dtype=dtype, name=name, as_ref=as_ref)
            if result is NotImplemented:
                continue
            if dtype is not None and not dtype.is_compatible_with(result.dtype):
                raise ValueError(f"Tensor conversion requested dtype {dtype.name} for Tensor with dtype "
                                 f"{result.dtype.name}: {result!r}")
            return result
    if dtype is None and preferred_dtype is not None:
        try:
            return constant(value, dtypes.as_dtype(preferred_dtype), name=name or "Const")
        except (TypeError, ValueError):
            pass
    if isinstance(value, type) or callable(value) and not isinstance(value, np.ndarray):
        raise TypeError(
            f"Failed to convert elements of {value} to Tensor. Consider casting elements to a "
            f"supported type. See https://www.tensorflow.org/api_docs/python/tf/dtypes for supported TF dtypes.")
    return constant(value, dtype, name=name or "Const")


def _tensor_shape_to_tensor(s, dtype=None, name=None, as_ref=False):
    """A fully known ``TensorShape`` as an int32 (int64 for huge dims) ``Const``."""
    if not s.is_fully_defined():
        raise ValueError(f"Cannot convert a partially known TensorShape {s} to a Tensor.")
    dims = s.as_list()
    big = next((d for d in dims if d >= 2 ** 31), 0)
    if dtype is not None:
        if dtype not in (dtypes.int32, dtypes.int64):
            raise TypeError(f"Cannot convert TensorShape {s} to dtype {dtype}. Allowed dtypes are tf.int32 and "
                            f"tf.int64.")
        if dtype == dtypes.int32 and big:
            raise ValueError(f"Cannot convert TensorShape {s} to dtype int32; a dimension is too large. Consider "
                             f"using tf.int64.")
    else:
        dtype = dtypes.int64 if big else dtypes.int32
    return constant(dims, dtype=dtype, name="shape_as_tensor" if name is None else name)


def _dimension_to_tensor(d, dtype=None, name=None, as_ref=False):
    """A known ``Dimension`` as an int32 ``Const``."""
    if d.value is None:
        raise ValueError(f"Cannot convert unknown Dimension {d} to a Tensor.")
    if dtype is not None and dtype not in (dtypes.int32, dtypes.int64):
        raise TypeError(f"Cannot convert Dimension {d} to dtype {dtype}. Allowed dtypes are tf.int32 and tf.int64.")
    return constant(d.value, dtype=dtype or dtypes.int32, name="shape_as_tensor" if name is None else name)


register_tensor_conversion_function(TensorShape, _tensor_shape_to_tensor)
register_tensor_conversion_function(Dimension, _dimension_to_tensor)


def convert_n_to_tensor(values, dtype=None, name=None, preferred_dtype=None) -> list:
    return [convert_to_tensor(v, dtype, None if name is None else f"{name}_{i}", preferred_dtype=preferred_dtype)
            for i, v in enumerate(values)]


def is_tensor(x) -> bool:
    """Whether ``x`` is a graph tensor (a ``Tensor`` or a tensor-like object such as a variable)."""
    return isinstance(x, Tensor) or hasattr(x, "_as_graph_element") and hasattr(x, "dtype")

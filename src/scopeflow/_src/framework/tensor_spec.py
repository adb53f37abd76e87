"""``tf.TensorSpec`` and ``tf.SparseTensorSpec``: descriptions of a tensor (static shape, dtype,
and for a ``TensorSpec`` an optional name) that ``Dataset.element_spec`` hands out and
``Dataset.from_generator(output_signature=...)`` takes. Immutable values: equal when their
type, shape, dtype (and name) are equal; ``is_compatible_with`` asks whether a tensor (or a
NumPy array, or another spec) could be described by this one.

>>> import scopeflow as tf
>>> spec = tf.TensorSpec([None, 3], tf.float32, name="x")
>>> spec, spec.is_compatible_with(tf.TensorSpec([2, 3], tf.float32))
(TensorSpec(shape=(?, 3), dtype=tf.float32, name='x'), True)
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.sparse_tensor import SparseTensor, SparseTensorValue
from scopeflow._src.framework.tensor_shape import TensorShape, as_shape


class TypeSpec:
    """The base of the specs (TF's ``tf.TypeSpec``): what ``output_signature`` accepts."""

    __slots__ = ()


class _ShapedSpec(TypeSpec):
    """A static shape and a dtype: what the specs here share (equal when of one type and all
    their fields are equal; hashed on shape and dtype, as TF's)."""

    __slots__ = ("_shape", "_dtype")

    @property
    def shape(self) -> TensorShape:
        """The static shape described."""
        return self._shape

    @property
    def dtype(self) -> dtypes.DType:
        """The dtype described."""
        return self._dtype

    def _fields(self) -> tuple:
        return self._shape, self._dtype

    def __eq__(self, other):
        return type(self) is type(other) and self._fields() == other._fields()

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash((None if self._shape.ndims is None else tuple(self._shape.as_list()), self._dtype))

    def __reduce__(self):
        return type(self), self._fields()


class _DenseSpec(_ShapedSpec):
    """A shape, a dtype and a name, shared by ``TensorSpec`` (TF's ``DenseSpec``)."""

    __slots__ = ("_name",)

    def __init__(self, shape, dtype=dtypes.float32, name=None):
        self._shape = as_shape(shape)
        self._dtype = dtypes.as_dtype(dtype)
        self._name = name

    @property
    def name(self):
        """The name given (``None`` if none)."""
        return self._name

    def _fields(self) -> tuple:
        return self._shape, self._dtype, self._name

    def is_compatible_with(self, spec_or_value) -> bool:
        """Whether ``spec_or_value`` (a spec of this kind or a ``Tensor``) has a compatible dtype
        and shape; names do not count. NumPy arrays, Python lists and numbers are compatible with
        nothing, as in TensorFlow."""
        if not isinstance(spec_or_value, (_DenseSpec, Tensor)):
            return False
        return self._dtype.is_compatible_with(spec_or_value.dtype) and self._shape.is_compatible_with(
            spec_or_value.shape)

    def __repr__(self):
        return f"{type(self).__name__}(shape={self._shape}, dtype={self._dtype!r}, name={self._name!r})"


class TensorSpec(_DenseSpec):
    """``tf.TensorSpec(shape, dtype=tf.float32, name=None)``: describes a ``tf.Tensor``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     tf.TensorSpec.from_tensor(tf.placeholder(tf.int64, [None], name="ids"))
    TensorSpec(shape=(?,), dtype=tf.int64, name='ids')
    """

    __slots__ = ()

    @property
    def value_type(self):
        """The class of the values described: ``tf.Tensor``."""
        return Tensor

    @classmethod
    def from_spec(cls, spec, name=None) -> "TensorSpec":
        """A ``TensorSpec`` of ``spec``'s shape and dtype, named ``name`` (else ``spec``'s name)."""
        return cls(spec.shape, spec.dtype, name if name is not None else getattr(spec, "name", None))

    @classmethod
    def from_tensor(cls, tensor, name=None) -> "TensorSpec":
        """The spec of ``tensor`` (a graph tensor: named after its op, unless ``name`` is given)."""
        if isinstance(tensor, Tensor):
            return cls(tensor.shape, tensor.dtype, name if name is not None else tensor.op.name)
        raise ValueError(f"`tensor` should be a tf.Tensor, but got type {type(tensor)}.")

    def most_specific_compatible_type(self, other) -> "TensorSpec":
        """The most specific spec compatible with both (TF's deprecated name, still there)."""
        if type(other) is not type(self) or self._dtype != other._dtype:
            raise ValueError(f"No TypeSpec is compatible with both {self!r} and {other!r}")
        return type(self)(self._shape.most_specific_compatible_shape(other._shape), self._dtype)


class SparseTensorSpec(_ShapedSpec):
    """``tf.SparseTensorSpec(shape=None, dtype=tf.float32)``: describes a ``tf.SparseTensor``.

    >>> import scopeflow as tf
    >>> tf.SparseTensorSpec([None, 3], tf.int64)
    SparseTensorSpec(TensorShape([Dimension(None), Dimension(3)]), tf.int64)
    """

    __slots__ = ()

    def __init__(self, shape=None, dtype=dtypes.float32):
        self._shape = as_shape(shape)
        self._dtype = dtypes.as_dtype(dtype)

    @property
    def value_type(self):
        """The class of the values described: ``tf.SparseTensor``."""
        return SparseTensor

    @classmethod
    def from_value(cls, value) -> "SparseTensorSpec":
        """The spec of a ``SparseTensor`` (its static dense shape) or a ``SparseTensorValue``."""
        if isinstance(value, SparseTensor):
            return cls(value.shape, value.dtype)
        if isinstance(value, SparseTensorValue):
            return cls(np.asarray(value.dense_shape).tolist(), dtypes.as_dtype(np.asarray(value.values).dtype))
        raise TypeError(f"Expected SparseTensor or SparseTensorValue, got {value!r}")

    def is_compatible_with(self, spec_or_value) -> bool:
        """Whether ``spec_or_value`` (a ``SparseTensorSpec`` or ``SparseTensor``) has a compatible
        dtype and shape."""
        if isinstance(spec_or_value, (SparseTensor, SparseTensorValue)):
            spec_or_value = SparseTensorSpec.from_value(spec_or_value)
        return (isinstance(spec_or_value, SparseTensorSpec) and self._dtype.is_compatible_with(spec_or_value._dtype)
                and self._shape.is_compatible_with(spec_or_value._shape))

    def __repr__(self):
        return f"SparseTensorSpec({self._shape!r}, {self._dtype!r})"


TypeSpec.__module__ = TensorSpec.__module__ = SparseTensorSpec.__module__ = "scopeflow"

"""``tf.SparseTensor`` and ``tf.SparseTensorValue``: a tensor given by its nonzero entries.

A ``SparseTensor`` is no op and no new kind of edge: it is three ordinary tensors held
together, ``indices`` (int64, ``[N, rank]``), ``values`` (``[N]``) and ``dense_shape``
(int64, ``[rank]``). The sparse ops take and give those three; a session fetches the three
and hands back a ``SparseTensorValue`` (the namedtuple of their values), and a feed of a
``SparseTensor`` feeds each of them (``client/fetches.py``, ``client/feeds.py``).

As in TensorFlow, the constructor converts its arguments under a ``SparseTensor`` name
scope (``SparseTensor/indices``, ``SparseTensor/values``, ``SparseTensor/dense_shape`` for
Python values), and the static dense shape is what a constant ``dense_shape`` says.
"""

from __future__ import annotations

import collections

from scopeflow._src.framework import dtypes, tensor_shape, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.operation import _session_for

SparseTensorValue = collections.namedtuple("SparseTensorValue", ["indices", "values", "dense_shape"])
SparseTensorValue.__doc__ = """The value of a ``SparseTensor``: NumPy ``indices``, ``values`` and ``dense_shape``.

What ``Session.run`` returns for a fetched ``SparseTensor``, and one way to feed one.

>>> import scopeflow as tf
>>> tf.SparseTensorValue(indices=[[0, 1]], values=[5], dense_shape=[2, 3])
SparseTensorValue(indices=[[0, 1]], values=[5], dense_shape=[2, 3])
"""
SparseTensorValue.__module__ = "scopeflow"


class SparseTensor:
    """A sparse tensor: ``values[i]`` sits at ``indices[i]`` of a dense tensor of ``dense_shape``.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     st = tf.SparseTensor(indices=[[0, 0], [1, 2]], values=[1.0, 2.0], dense_shape=[3, 4])
    ...     print(st.indices.name, st.dtype.name, st.shape)
    ...     with tf.Session() as sess:
    ...         print(sess.run(st).values)
    SparseTensor/indices:0 float32 (3, 4)
    [1. 2.]
    """

    @classmethod
    def from_value(cls, sparse_tensor_value) -> SparseTensor:
        """A new ``SparseTensor`` built from a ``SparseTensorValue`` (or another ``SparseTensor``)."""
        if not is_sparse(sparse_tensor_value):
            raise TypeError(f"Argument sparse_tensor_value={sparse_tensor_value} is neither a SparseTensor nor "
                            f"SparseTensorValue.")
        return SparseTensor(indices=sparse_tensor_value.indices, values=sparse_tensor_value.values,
                            dense_shape=sparse_tensor_value.dense_shape)

    def __init__(self, indices, values, dense_shape):
        with name_scope(None, "SparseTensor", [indices, values, dense_shape]):
            indices = convert_to_tensor(indices, name="indices", dtype=dtypes.int64)
            values = convert_to_tensor(values, name="values")
            dense_shape = convert_to_tensor(dense_shape, name="dense_shape", dtype=dtypes.int64)
            default_shape = tensor_util.constant_value_as_shape(dense_shape)
        self._indices, self._values, self._dense_shape = indices, values, dense_shape
        self._dense_shape_default = default_shape
        indices_shape = indices.shape.with_rank(2)
        values_shape = values.shape.with_rank(1)
        dense_shape_shape = dense_shape.shape.with_rank(1)
        indices_shape.dims[0].assert_is_compatible_with(values_shape.dims[0])
        indices_shape.dims[1].assert_is_compatible_with(dense_shape_shape.dims[0])

    @property
    def indices(self):
        """The int64 ``[N, rank]`` tensor of the positions of the values."""
        return self._indices

    @property
    def values(self):
        """The ``[N]`` tensor of the values."""
        return self._values

    @property
    def dense_shape(self):
        """The int64 ``[rank]`` tensor of the dense tensor's shape."""
        return self._dense_shape

    @property
    def dtype(self):
        """The dtype of the values."""
        return self._values.dtype

    @property
    def op(self):
        """The operation that produces ``values``."""
        return self._values.op

    @property
    def graph(self):
        """The graph of the three tensors."""
        return self._indices.graph

    @property
    def shape(self) -> tensor_shape.TensorShape:
        """The static shape of the dense tensor (what is known of ``dense_shape``)."""
        return self._dense_shape_default

    def get_shape(self) -> tensor_shape.TensorShape:
        """The static shape of the dense tensor (``shape``)."""
        return self._dense_shape_default

    def set_shape(self, shape) -> None:
        """Refine the static dense shape; ``ValueError`` if ``shape`` is incompatible."""
        if not isinstance(shape, tensor_shape.TensorShape):
            shape = tensor_shape.TensorShape(shape)
        self._dense_shape_default = self._dense_shape_default.merge_with(shape)

    def with_values(self, new_values) -> SparseTensor:
        """A ``SparseTensor`` with these indices and dense shape and ``new_values``."""
        return SparseTensor(self._indices, new_values, self._dense_shape)

    def consumers(self) -> list:
        """The operations that take any of the three tensors as an input, in creation order."""
        seen = {}
        for t in (self._indices, self._values, self._dense_shape):
            for op in t.consumers():
                seen.setdefault(id(op), op)
        return sorted(seen.values(), key=lambda op: op._id)

    def eval(self, feed_dict=None, session=None) -> SparseTensorValue:
        """Run the default (or given) session and return this tensor's ``SparseTensorValue``."""
        session = _session_for(self.graph, session, "evaluate tensor")
        return SparseTensorValue(*session.run([self._indices, self._values, self._dense_shape], feed_dict))

    def _composite_components(self) -> list:
        """The component tensors ``nest`` sees with ``expand_composites=True``."""
        return [self._indices, self._values, self._dense_shape]

    def _from_composite_components(self, components) -> SparseTensor:
        """A ``SparseTensor`` of new components that keeps what is known of this one's shape
        (TF's ``SparseTensorSpec._from_components``)."""
        result = SparseTensor(*components)
        result._dense_shape_default = result._dense_shape_default.merge_with(self._dense_shape_default)
        return result

    def __repr__(self):
        return f"SparseTensor(indices={self._indices}, values={self._values}, dense_shape={self._dense_shape})"


SparseTensor.__module__ = "scopeflow"


def is_sparse(x) -> bool:
    """Whether ``x`` is a ``SparseTensor`` or a ``SparseTensorValue``.

    >>> import scopeflow as tf
    >>> from scopeflow._src.framework.sparse_tensor import is_sparse
    >>> is_sparse(tf.SparseTensorValue([[0]], [1], [2])), is_sparse([1])
    (True, False)
    """
    return isinstance(x, (SparseTensor, SparseTensorValue))


def convert_to_tensor_or_sparse_tensor(value, dtype=None, name=None):
    """``value`` as a ``SparseTensor`` (from a ``SparseTensorValue``) or a ``Tensor``.

    >>> import scopeflow as tf
    >>> from scopeflow._src.framework.sparse_tensor import convert_to_tensor_or_sparse_tensor
    >>> with tf.Graph().as_default():
    ...     type(convert_to_tensor_or_sparse_tensor(tf.SparseTensorValue([[0]], [1], [2]))).__name__
    'SparseTensor'
    """
    if dtype is not None:
        dtype = dtypes.as_dtype(dtype)
    if isinstance(value, SparseTensorValue):
        value = SparseTensor.from_value(value)
    if isinstance(value, SparseTensor):
        if dtype and not dtype.is_compatible_with(value.dtype):
            raise RuntimeError(f"Sparse dtype mismatch. Requested: {dtype.name},  Actual: {value.dtype.name}")
        return value
    return convert_to_tensor(value, dtype=dtype, name=name)

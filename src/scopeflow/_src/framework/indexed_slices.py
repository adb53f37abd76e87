"""``tf.IndexedSlices``: rows ``values[i]`` of a larger dense tensor at row ``indices[i]``.

The gradient of an axis-0 ``gather`` (and of ``embedding_lookup``, ``SparseSegment*`` with
``sparse_gradient``) is an ``IndexedSlices``: only the gathered rows, not a table-sized
tensor. Like ``SparseTensor`` it is no op and no new kind of edge, just two or three
ordinary tensors held together; ``tf.gradients`` passes it on through the ops whose gradient
functions keep it (``Identity``), sums several with a ``concat`` of their values and
indices, and an op that needs a dense tensor converts it with ``convert_to_tensor``: an
``UnsortedSegmentSum`` of the values by the indices into ``dense_shape[0]`` rows, with
TensorFlow's warning when the dense tensor is known to be huge.

A session fetches the parts and hands back an ``IndexedSlicesValue``; a feed of an
``IndexedSlices`` feeds each part (``client/fetches.py``, ``client/feeds.py``).
"""

from __future__ import annotations

import collections
import warnings

import numpy as np

from scopeflow._src.framework import constant_op, dtypes, tensor_shape, tensor_util
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.sparse_tensor import SparseTensor

IndexedSlicesValue = collections.namedtuple("IndexedSlicesValue", ["values", "indices", "dense_shape"])
IndexedSlicesValue.__doc__ = """The value of an ``IndexedSlices``: NumPy ``values``, ``indices`` and ``dense_shape``.

What ``Session.run`` returns for a fetched ``IndexedSlices`` (``dense_shape`` is ``None``
when the ``IndexedSlices`` has none).

>>> from scopeflow._src.framework.indexed_slices import IndexedSlicesValue
>>> IndexedSlicesValue(values=[[1.0]], indices=[3], dense_shape=[5, 1])
IndexedSlicesValue(values=[[1.0]], indices=[3], dense_shape=[5, 1])

As in TensorFlow, ``tf.compat.v1`` has no public name for it.
"""
IndexedSlicesValue.__module__ = "scopeflow"

# TF warns when it converts to a dense tensor of at least this many elements.
_LARGE_SPARSE_NUM_ELEMENTS = 100000000


class IndexedSlices:
    """A sparse representation of a set of tensor slices at given indices.

    ``dense[indices[i], ...] = values[i, ...]``; the other rows of the dense tensor of shape
    ``dense_shape`` are zeros (repeated indices add up).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     w = tf.Variable(tf.ones([4, 2]), name="w")
    ...     g, = tf.gradients(tf.reduce_sum(tf.gather(w, [1, 3])), [w])
    ...     print(type(g).__name__, g.values.shape, g.indices.name)
    ...     with tf.Session() as sess:
    ...         sess.run(tf.global_variables_initializer())
    ...         print(sess.run(g).indices)
    IndexedSlices (2, 2) gradients/GatherV2_grad/Reshape_1:0
    [1 3]
    """

    def __init__(self, values, indices, dense_shape=None):
        self._values = values
        self._indices = indices
        self._dense_shape = dense_shape

    @property
    def values(self):
        """A ``Tensor`` holding the slices."""
        return self._values

    @property
    def indices(self):
        """A 1-D ``Tensor``: the row of the dense tensor each slice stands for."""
        return self._indices

    @property
    def dense_shape(self):
        """A 1-D ``Tensor``: the shape of the dense tensor (or ``None``)."""
        return self._dense_shape

    @property
    def shape(self) -> tensor_shape.TensorShape:
        """The static shape of the dense tensor (what is known of ``dense_shape``)."""
        if self._dense_shape is None:
            return tensor_shape.TensorShape(None)
        return tensor_util.constant_value_as_shape(self._dense_shape)

    @property
    def name(self) -> str:
        """The name of ``values``."""
        return self._values.name

    @property
    def device(self):
        """The device of ``values``."""
        return self._values.device

    @property
    def op(self):
        """The operation that produces ``values``."""
        return self._values.op

    @property
    def dtype(self):
        """The dtype of ``values``."""
        return self._values.dtype

    @property
    def graph(self):
        """The graph of ``values``."""
        return self._values.graph

    def consumers(self) -> list:
        """The operations that take any of the parts as an input, in creation order."""
        seen = {}
        for t in (self._values, self._indices, self._dense_shape):
            if isinstance(t, Tensor):
                for op in t.consumers():
                    seen.setdefault(id(op), op)
        return sorted(seen.values(), key=lambda op: op._id)

    def __str__(self) -> str:
        shape = f", dense_shape={self._dense_shape}" if self._dense_shape is not None else ""
        return f"IndexedSlices(indices={self._indices}, values={self._values}{shape})"

    def __neg__(self) -> IndexedSlices:
        return IndexedSlices(-self._values, self._indices, self._dense_shape)


IndexedSlices.__module__ = "scopeflow"


def convert_to_tensor_or_indexed_slices(value, dtype=None, name=None):
    """``value`` itself if it is an ``IndexedSlices`` or ``SparseTensor``, else ``convert_to_tensor(value)``.

    >>> import scopeflow as tf
    >>> tf.convert_to_tensor_or_indexed_slices([1, 2]).dtype.name
    'int32'
    """
    return internal_convert_to_tensor_or_indexed_slices(value, dtype=dtype, name=name)


def internal_convert_to_tensor_or_indexed_slices(value, dtype=None, name=None, as_ref=False):
    if isinstance(value, (IndexedSlices, SparseTensor)):
        if dtype and not dtypes.as_dtype(dtype).is_compatible_with(value.dtype):
            raise ValueError(f"Incompatible tensor conversion requested to `dtype` {dtypes.as_dtype(dtype).name} "
                             f"for `value` ({value}) with dtype {value.dtype.name}.")
        return value
    return constant_op.convert_to_tensor(value, dtype=dtype, name=name, as_ref=as_ref)


def convert_n_to_tensor_or_indexed_slices(values, dtype=None, name=None) -> list:
    """Each of ``values`` through ``convert_to_tensor_or_indexed_slices`` (``None`` stays ``None``)."""
    try:
        values = list(values)
    except TypeError:
        raise TypeError("Argument `values` must be iterable.") from None
    return [None if v is None else internal_convert_to_tensor_or_indexed_slices(
        v, dtype=dtype, name=None if name is None else f"{name}_{i}") for i, v in enumerate(values)]


def to_dense_quietly(value):
    """TF's ``_IndexedSlicesToTensorNoWarning``: a gradient function's dense form of an
    ``IndexedSlices`` ``value`` (other values pass through), without the size warning."""
    if not isinstance(value, IndexedSlices):
        return value
    if value.dense_shape is None:
        raise ValueError(f"Tensor conversion requested for IndexedSlices without dense_shape: {value!s}")
    return create_output("UnsortedSegmentSum", [value.values, value.indices, value.dense_shape[0]])


def _indexed_slices_to_tensor(value, dtype=None, name=None, as_ref=False):
    """TF's conversion: ``unsorted_segment_sum(values, indices, dense_shape[0])``."""
    if dtype and not dtype.is_compatible_with(value.dtype):
        raise ValueError(f"Incompatible tensor conversion requested to `dtype` {dtype.name} for IndexedSlices "
                         f"({value}) with dtype {value.dtype.name}")
    if value.dense_shape is None:
        raise ValueError(f"Tensor conversion requested for IndexedSlices for argument `value` without dense_shape: "
                         f"{value!s}")
    shape = tensor_util.constant_value(value.dense_shape)
    if shape is not None:
        num_elements = np.prod(shape)
        if num_elements >= _LARGE_SPARSE_NUM_ELEMENTS:
            warnings.warn(f"Converting sparse IndexedSlices to a dense Tensor with {num_elements} elements. This "
                          f"may consume a large amount of memory.", stacklevel=2)
    return create_output("UnsortedSegmentSum", [value.values, value.indices, value.dense_shape[0]], name=name)


constant_op.register_tensor_conversion_function(IndexedSlices, _indexed_slices_to_tensor)

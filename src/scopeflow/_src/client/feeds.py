"""``feed_dict`` handling for ``Session.run``: keys to tensors, values to checked arrays.

TensorFlow's rules, in its order, for each ``(key, value)`` of the flattened feed dict:

1. the key must name a tensor of the session's graph ("Cannot interpret feed_dict key as
   Tensor: ...");
2. the value must not be a ``tf.Tensor``;
3. a Python ``int`` must survive conversion to the tensor's dtype unchanged (TensorFlow's
   "Type of feed value ... is not compatible with Tensor type ..." ``TypeError``);
4. the value becomes ``np.asarray(value).astype(dtype)`` for numeric dtypes (NumPy's
   casting: ``2.7`` fed to an ``int32`` placeholder is ``2``), ``np.asarray(value, dtype)``
   otherwise (``bool``, and strings as ``object`` arrays);
5. the array's shape must be compatible with the tensor's static shape ("Cannot feed
   value of shape (1, 3) for Tensor x:0, which has shape (?, 2)").

A ``FeedSpec`` holds everything about one fed tensor that does not depend on the value, so
that a cached plan converts a feed with a few attribute reads and one NumPy call.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from scopeflow._src.framework import nest
from scopeflow._src.framework.indexed_slices import IndexedSlices
from scopeflow._src.framework.operation import SymbolicTensor, Tensor
from scopeflow._src.framework.sparse_tensor import SparseTensor

_ndarray = np.ndarray


class FeedSpec:
    """The conversion and checks for values fed to one tensor.

    ``spec(value)`` returns the array to feed or raises TensorFlow's error.
    """

    __slots__ = ("tensor", "_np_dtype", "_numeric", "_shape", "_dims", "_exact")

    def __init__(self, tensor: Tensor):
        self.tensor = tensor
        np_dtype = tensor._dtype.base_dtype.as_numpy_dtype
        self._np_dtype = np.dtype(np_dtype)
        self._numeric = np.issubdtype(self._np_dtype, np.number)
        self._shape = None
        self._refresh_shape()

    def _refresh_shape(self):
        # ``set_shape`` may refine a tensor's shape after a plan was compiled.
        shape = self.tensor._shape
        self._shape = shape
        self._dims = shape._dims
        self._exact = self._dims if self._dims is not None and None not in self._dims else None

    def __call__(self, value):
        np_dtype = self._np_dtype
        if type(value) is _ndarray and value.dtype == np_dtype:
            array = value
        else:
            array = self._convert(value)
        if self.tensor._shape is not self._shape:
            self._refresh_shape()
        shape = array.shape
        if shape != self._exact and self._dims is not None and not self._compatible(shape):
            raise ValueError(f"Cannot feed value of shape {shape} for Tensor {self.tensor.name}, which has "
                             f"shape {self.tensor._shape}")
        return array

    def _compatible(self, shape) -> bool:
        dims = self._dims
        if len(shape) != len(dims):
            return False
        for want, got in zip(dims, shape):
            if want is not None and want != got:
                return False
        return True

    def _convert(self, value):
        if isinstance(value, Tensor):
            raise TypeError(
                "The value of a feed cannot be a tf.Tensor object. Acceptable feed values include Python "
                "scalars, strings, lists, numpy ndarrays, or TensorHandles. For reference, the tensor object "
                f"was {value} which was passed to the argument `feed_dict` with key {self.tensor}.")
        np_dtype = self._np_dtype
        if type(value) is float and np_dtype.kind == "f":
            return np.array(value, dtype=np_dtype)  # the common case, same result as below
        if isinstance(value, int) and _as_dtype_scalar(np_dtype, value) != value:
            raise TypeError(
                f"Type of feed value {value} with type {type(value)} is not compatible with Tensor type "
                f"{object if np_dtype.hasobject else np_dtype.type}. Try explicitly setting the type of the "
                "feed tensor to a larger type (e.g. int64).")
        if self._numeric:
            return np.asarray(value).astype(np_dtype, copy=None)
        return np.asarray(value, dtype=np_dtype)


def _as_dtype_scalar(np_dtype, value):
    """``value`` converted to ``np_dtype`` as TensorFlow checks Python ints (strings: ``str``)."""
    if np_dtype.hasobject:
        return str(value)
    return np_dtype.type(np.array(value).astype(np_dtype))


def flatten_feed_dict(feed_dict) -> dict:
    """TensorFlow's ``nest.flatten_dict_items``: tuple keys feed several tensors at once.

    ``{(a, b): (1, 2)}`` becomes ``{a: 1, b: 2}``; the flattened keys must be unique. Then,
    as TensorFlow's session does, a ``SparseTensor`` key feeds its ``indices``, ``values``
    and ``dense_shape`` from the value's parts (a ``SparseTensorValue`` or a tuple), and an
    ``IndexedSlices`` key its ``values``, ``indices`` (and ``dense_shape`` if it has one).
    """
    if not isinstance(feed_dict, Mapping):
        raise TypeError(f"FlattenDictItems: 'dict' must be a dictionary or collection.Mapping type object, "
                        f"instead of '{type(feed_dict).__name__}'.")
    if not any(isinstance(k, (tuple, list, SparseTensor, IndexedSlices)) for k in feed_dict):
        return feed_dict
    flat = _flatten_tuple_keys(feed_dict)
    if not any(isinstance(k, (SparseTensor, IndexedSlices)) for k in flat):
        return flat
    expanded = {}
    for key, value in flat.items():
        if isinstance(key, SparseTensor):
            expanded.update(sparse_feed_parts(key, value))
        elif isinstance(key, IndexedSlices):
            parts = [key.values, key.indices] if key.dense_shape is None else \
                [key.values, key.indices, key.dense_shape]
            expanded.update(zip(parts, value))
        else:
            expanded[key] = value
    return expanded


def sparse_feed_parts(key: SparseTensor, value) -> list:
    """The ``(tensor, value)`` pairs a ``SparseTensor`` feed stands for (TF zips them)."""
    return list(zip([key.indices, key.values, key.dense_shape], value))


def _flatten_tuple_keys(feed_dict) -> dict:
    flat = {}
    for key, value in feed_dict.items():
        if isinstance(key, (tuple, list)):
            keys, values = nest.flatten(key), nest.flatten(value)
            if len(keys) != len(values):
                raise ValueError(f"Could not flatten dictionary. Key had {len(keys)} elements, but value had "
                                 f"{len(values)} elements. Key: {keys}, value: {values}.")
            pairs = zip(keys, values)
        else:
            pairs = ((key, value),)
        for k, v in pairs:
            if k in flat:
                raise ValueError(f"Cannot flatten dict because this key is not unique: {k}")
            flat[k] = v
    return flat



def resolve_key(graph, key) -> Tensor:
    """The tensor a feed_dict key stands for (a Tensor, a name ``"x:0"``, a variable)."""
    if type(key) is SymbolicTensor and key._op._graph is graph:
        return key
    try:
        return graph.as_graph_element(key, allow_tensor=True, allow_operation=False)
    except Exception as e:  # noqa: BLE001 - TensorFlow wraps every failure the same way
        raise TypeError(f"Cannot interpret feed_dict key as Tensor: {e.args[0] if e.args else e}") from None

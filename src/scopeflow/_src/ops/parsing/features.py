"""What to parse out of a ``tf.train.Example``: the feature configurations
(``tf.io.FixedLenFeature``, ``VarLenFeature``, ``FixedLenSequenceFeature``) and
``ParseParams``, the keys, types, shapes and default tensors they turn into for the parse ops,
checked with TensorFlow's messages.

Keys are taken in sorted order (as TF does, so graphs are deterministic); sparse (``VarLen``)
keys come first in the results, then dense ones.
"""

from __future__ import annotations

import collections
import re

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.tensor_shape import TensorShape, as_shape
from scopeflow._src.ops.array.shapes import reshape
from scopeflow._src.ops.parsing.sparse_features import SparseFeature, add_sparse_feature

PARSED_TYPES = (dtypes.float32, dtypes.int64, dtypes.string)  # what Example protos hold


class VarLenFeature(collections.namedtuple("VarLenFeature", ["dtype"])):
    """A feature of any number of values, parsed into a ``SparseTensor`` (``dtype``: ``int64``,
    ``float32`` or ``string``).

    >>> import scopeflow as tf
    >>> tf.io.VarLenFeature(tf.int64)
    VarLenFeature(dtype=tf.int64)
    """


class FixedLenFeature(collections.namedtuple("FixedLenFeature", ["shape", "dtype", "default_value"])):
    """A feature of a fixed ``shape`` parsed into a dense tensor; without a ``default_value``
    every example must have it.

    >>> import scopeflow as tf
    >>> tf.io.FixedLenFeature([2], tf.float32)
    FixedLenFeature(shape=[2], dtype=tf.float32, default_value=None)
    """

    def __new__(cls, shape, dtype, default_value=None):
        return super().__new__(cls, shape, dtype, default_value)


class FixedLenSequenceFeature(collections.namedtuple(
        "FixedLenSequenceFeature", ["shape", "dtype", "allow_missing", "default_value"])):
    """A feature of any number of items of ``shape``, parsed into a dense tensor of shape
    ``[None] + shape`` (``[batch, None] + shape`` for a batch, shorter examples padded with
    ``default_value``: ``0``, or ``""`` for strings).

    >>> import scopeflow as tf
    >>> tf.io.FixedLenSequenceFeature([], tf.int64, allow_missing=True)
    FixedLenSequenceFeature(shape=[], dtype=tf.int64, allow_missing=True, default_value=None)
    """

    def __new__(cls, shape, dtype, allow_missing=False, default_value=None):
        return super().__new__(cls, shape, dtype, allow_missing, default_value)


class ParseParams:
    """The parse op's view of a features dict: ``sparse_keys``/``sparse_types``,
    ``dense_keys``/``dense_types``/``dense_shapes`` and the dense ``defaults`` given (a key
    mapped to ``None`` is a sequence feature that may be missing)."""

    def __init__(self):
        self.sparse_keys, self.sparse_types = [], []
        self.dense_keys, self.dense_types, self.dense_shapes = [], [], []
        self.defaults = {}

    @classmethod
    def from_features(cls, features, types) -> "ParseParams":
        """The params of ``features`` (``None`` or a dict), whose values must be of ``types``."""
        params = cls()
        for key in sorted(features or ()):
            feature = features[key]
            if not isinstance(feature, tuple(types)):
                raise ValueError(f"Unsupported {type(feature).__name__} {feature} for key '{key}'")
            params._add(key, feature)
        params._check_disjoint()
        return params

    @property
    def num_features(self) -> int:
        return len(self.sparse_keys) + len(self.dense_keys)

    def check_types(self, dense_param: str, sparse_param: str) -> None:
        """TF's ``TypeError`` for a dense or sparse dtype the parse ops do not take (those are
        float32, int64 and string), naming the op's parameter as TF's op builder does."""
        for param, types in ((dense_param, self.dense_types), (sparse_param, self.sparse_types)):
            for dtype in types:
                if dtype not in PARSED_TYPES:
                    raise TypeError(f"Value passed to parameter '{param}' has DataType {dtype.name} not in list of "
                                    f"allowed values: float32, int64, string")

    def _add(self, key, feature):
        if isinstance(feature, SparseFeature):
            add_sparse_feature(self, key, feature)
            return
        if not feature.dtype:
            raise ValueError(f"Missing type for feature {key}. Received feature={feature}"
                             + ("" if isinstance(feature, VarLenFeature) else "."))
        dtype = dtypes.as_dtype(feature.dtype)
        if isinstance(feature, VarLenFeature):
            self.add_sparse(key, dtype)
            return
        if feature.shape is None:
            raise ValueError(f"Missing shape for feature {key}. Received feature={feature}.")
        shape = as_shape(feature.shape)
        if isinstance(feature, FixedLenFeature):
            if feature.shape and shape.ndims and shape.dims[0].value is None:
                raise ValueError(f"First dimension of shape for feature {key} unknown. Consider using "
                                 f"FixedLenSequenceFeature. Received feature={feature}.")
            if not shape.is_fully_defined():
                raise ValueError(f"All dimensions of shape for feature {key} need to be known but received "
                                 f"{feature.shape!s}.")
        elif feature.allow_missing:
            self.defaults[key] = None
        self.dense_keys.append(key)
        self.dense_shapes.append(shape)
        self.dense_types.append(dtype)
        if feature.default_value is not None:
            self.defaults[key] = feature.default_value

    def add_sparse(self, key, dtype):
        """Add a sparse key of ``dtype`` (again: it must have the same dtype)."""
        if key in self.sparse_keys:
            original = self.sparse_types[self.sparse_keys.index(key)]
            if original != dtype:
                raise ValueError(f"Conflicting type {original} vs {dtype} for feature {key}.")
            return
        self.sparse_keys.append(key)
        self.sparse_types.append(dtype)

    def _check_disjoint(self):
        dense, sparse = set(self.dense_keys), set(self.sparse_keys)
        if not dense.isdisjoint(sparse):
            raise ValueError(f"Dense and sparse keys must not intersect; dense_keys: {self.dense_keys}, sparse_keys: "
                             f"{self.sparse_keys}, intersection: {dense & sparse}")

    def dense_defaults(self) -> list:
        """One default tensor per dense key, built in the current name scope as TF builds them:
        ``Const`` (``[]``: required), ``key_<k>`` reshaped to the feature's shape, or for a
        sequence feature a scalar padding value (``padding_<k>``)."""
        return [self._default(k, s, t) for k, s, t in zip(self.dense_keys, self.dense_shapes, self.dense_types)]

    def _default(self, key, shape: TensorShape, dtype):
        value = self.defaults.get(key)
        safe = re.sub("[^A-Za-z0-9_.\\-/]", "_", key)
        if shape.ndims and shape.dims[0].value is None:
            if value is None:
                return convert_to_tensor("" if dtype == dtypes.string else 0, dtype=dtype)
            return reshape(convert_to_tensor(value, dtype=dtype, name="padding_" + safe), [])
        if value is None:
            return constant([], dtype=dtype)
        if isinstance(value, Tensor):
            return value
        return reshape(convert_to_tensor(value, dtype=dtype, name="key_" + safe), shape)


def prepend_none_dimension(features):
    """``features`` with each ``FixedLenSequenceFeature``'s shape given its leading unknown
    dimension, as ``parse_example`` sees them (where they must allow missing)."""
    if not features:
        return features
    out = dict(features)
    for key, feature in features.items():
        if isinstance(feature, FixedLenSequenceFeature):
            if not feature.allow_missing:
                raise ValueError("Unsupported: FixedLenSequenceFeature requires allow_missing to be True.")
            out[key] = FixedLenSequenceFeature([None] + list(feature.shape), feature.dtype, feature.allow_missing,
                                               feature.default_value)
    return out

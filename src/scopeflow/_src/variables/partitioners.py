"""TF1's partitioners: functions ``(shape, dtype) -> partitions per axis`` for ``get_variable``.

A partitioner is called with the fully defined ``TensorShape`` and the ``DType`` of a
variable about to be created and returns one count per axis, at most one of them above 1;
``get_variable`` then creates that many shards (``w/part_0``, ``w/part_1``, ...) along that
axis. The arithmetic is TensorFlow's, so the same variables shard the same way.

>>> import scopeflow as tf
>>> tf.fixed_size_partitioner(3)(shape=tf.TensorShape([10, 4]), dtype=tf.float32)
[3, 1]
>>> tf.min_max_variable_partitioner(max_partitions=8, min_slice_size=64)(tf.TensorShape([10, 4]), tf.float32)
[3, 1]
>>> tf.variable_axis_size_partitioner(48)(tf.TensorShape([10, 4]), tf.float32)
[4, 1]
"""

from __future__ import annotations

import math

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.tensor_shape import TensorShape


def _element_size(dtype, bytes_per_string_element) -> int:
    dtype = dtypes.as_dtype(dtype)
    return bytes_per_string_element if dtype.base_dtype == dtypes.string else dtype.size


def fixed_size_partitioner(num_shards: int, axis: int = 0):
    """A partitioner that makes ``num_shards`` shards along ``axis`` (fewer when the axis is
    shorter: one row per shard at most)."""
    def _partitioner(shape, **unused_args):
        partitions = [1] * len(shape)
        partitions[axis] = min(num_shards, shape.dims[axis].value)
        return partitions
    return _partitioner


def min_max_variable_partitioner(max_partitions: int = 1, axis: int = 0, min_slice_size: int = 256 << 10,
                                 bytes_per_string_element: int = 16):
    """A partitioner giving each shard at least ``min_slice_size`` bytes, with at most
    ``max_partitions`` shards (and at most one row of ``axis`` per shard)."""
    def _partitioner(shape, dtype):
        if axis >= len(shape):
            raise ValueError(f"Cannot partition variable along axis {axis} when shape is only {shape}")
        total_bytes = shape.num_elements() * _element_size(dtype, bytes_per_string_element)
        partitions = [1] * len(shape)
        partitions[axis] = max(1, min(shape.dims[axis].value, max_partitions,
                                      int(math.ceil(total_bytes / min_slice_size))))
        return partitions
    return _partitioner


def variable_axis_size_partitioner(max_shard_bytes: int, axis: int = 0, bytes_per_string_element: int = 16,
                                   max_shards: int | None = None):
    """A partitioner keeping shards (cut along ``axis``) under ``max_shard_bytes`` where one
    row allows it, with at most ``max_shards`` shards when given."""
    if max_shard_bytes < 1 or bytes_per_string_element < 1:
        raise ValueError(f"Both max_shard_bytes and bytes_per_string_element must be positive. Currently, "
                         f"max_shard_bytes is {max_shard_bytes} andbytes_per_string_element is "
                         f"{bytes_per_string_element}")
    if max_shards and max_shards < 1:
        raise ValueError("max_shards must be positive.")

    def _partitioner(shape, dtype):
        if not isinstance(shape, TensorShape):
            raise ValueError(f"shape is not a TensorShape: {shape}")
        if not shape.is_fully_defined():
            raise ValueError(f"shape is not fully defined: {shape}")
        element_size = _element_size(dtype, bytes_per_string_element)
        partitions = [1] * shape.ndims
        rows = shape.dims[axis].value
        bytes_per_slice = 1.0 * (shape.num_elements() / rows) * element_size
        slices_per_shard = max(1, math.floor(max_shard_bytes / bytes_per_slice))
        axis_shards = int(math.ceil(1.0 * rows / slices_per_shard))
        if max_shards:
            axis_shards = min(max_shards, axis_shards)
        partitions[axis] = axis_shards
        return partitions
    return _partitioner

"""Partitioned variables: one logical variable stored as shards ``w/part_0``, ``w/part_1``...

``get_variable(..., partitioner=p)`` asks ``p`` how many shards to cut along one axis,
creates one variable per shard (the first ``rows % shards`` shards get one extra row, as in
TensorFlow) and marks each with a ``SaveSliceInfo`` saying where it lies in the whole. A
``Saver`` writes the shards as one full tensor with slice specs; a ``PartitionedVariable``
gathers the shards and converts to their concatenation (``w/ConcatPartitions/concat``).

>>> import scopeflow as tf
>>> w = tf.get_variable("w", [10, 4], partitioner=tf.fixed_size_partitioner(3))
>>> [v.name for v in w], [v.shape.as_list() for v in w]
(['w/part_0:0', 'w/part_1:0', 'w/part_2:0'], [[4, 4], [3, 4], [3, 4]])
>>> [v._save_slice_info.spec for v in w]
['10 4 0,4:0,4', '10 4 4,3:0,4', '10 4 7,3:0,4']
"""

from __future__ import annotations

from collections.abc import Sequence

from scopeflow._src.framework import context, dtypes
from scopeflow._src.framework.constant_op import register_tensor_conversion_function
from scopeflow._src.framework.default_graph import control_dependencies, name_scope
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops import array_ops
from scopeflow._src.variables.store import store_for
from scopeflow._src.variables.variable_scope import get_variable_scope, variable_scope


class PartitionInfo:
    """What an initializer learns about the shard it fills (TF's ``_PartitionInfo``): the
    whole variable's shape and the shard's offset in it. ``VarianceScaling`` initializers
    take their fans from ``full_shape``."""

    __slots__ = ("_full_shape", "_var_offset")

    def __init__(self, full_shape, var_offset):
        if not isinstance(full_shape, (list, tuple)):
            raise TypeError("`full_shape` must be a sequence (like tuple or list) instead of " +
                            type(full_shape).__name__)
        if not isinstance(var_offset, (list, tuple)):
            raise TypeError("`var_offset` must be a sequence (like tuple or list) instead of " +
                            type(var_offset).__name__)
        if len(var_offset) != len(full_shape):
            raise ValueError(f"Expected equal length, but `var_offset` is of length {len(var_offset)} while "
                             f"full_shape is of length {len(full_shape)}.")
        for offset, dim in zip(var_offset, full_shape):
            if offset < 0 or offset >= dim:
                raise ValueError(f"Expected 0 <= offset < shape but found offset={offset}, shape={dim} for "
                                 f"var_offset={var_offset}, full_shape={full_shape}")
        self._full_shape = full_shape
        self._var_offset = var_offset

    @property
    def full_shape(self):
        return self._full_shape

    @property
    def var_offset(self):
        return self._var_offset

    def single_offset(self, shape) -> int:
        """The shard's offset along the partitioned axis (0 when nothing is partitioned)."""
        dim = self.single_slice_dim(shape)
        return 0 if dim is None else self._var_offset[dim]

    def single_slice_dim(self, shape):
        """The axis a shard of ``shape`` is cut along, or ``None`` when it is the whole."""
        if not isinstance(shape, (tuple, list)):
            raise TypeError("`shape` must be a sequence (like tuple or list) instead of " + type(shape).__name__)
        if len(shape) != len(self._full_shape):
            raise ValueError(f"Expected equal length, but received shape={shape} of length {len(shape)} while "
                             f"self.full_shape={self._full_shape} is of length {len(self._full_shape)}.")
        for i, dim in enumerate(shape):
            if self._var_offset[i] + dim > self._full_shape[i]:
                raise ValueError(f"With self.var_offset={self._var_offset}, a partition of shape={shape} would "
                                 f"exceed self.full_shape={self._full_shape} in dimension {i}.")
        slice_dim = None
        for i, dim in enumerate(shape):
            if dim == self._full_shape[i]:
                continue
            if slice_dim is not None:
                raise ValueError(f"Cannot use single_slice_dim() with shape={shape} and "
                                 f"self.full_shape={self._full_shape} since slice dim could be either dimension "
                                 f"{i} or {slice_dim}.")
            slice_dim = i
        return slice_dim


def call_partitioner(partitioner, shape: TensorShape, dtype) -> list:
    """``partitioner``'s partitions for a new variable, checked as TensorFlow checks them."""
    if not shape.is_fully_defined():
        raise ValueError(f"Shape of a new partitioned variable must be fully defined, but instead was {shape}.")
    if shape.ndims < 1:
        raise ValueError(f"A partitioned Variable must have rank at least 1, shape: {shape}")
    slicing = partitioner(shape=shape, dtype=dtype)
    if not isinstance(slicing, Sequence):
        raise ValueError(f"Partitioner must return a sequence, but saw: {slicing}")
    if len(slicing) != shape.ndims:
        raise ValueError(f"Partitioner returned a partition list that does not match the Variable's rank: "
                         f"{slicing} vs. {shape}")
    if any(p < 1 for p in slicing):
        raise ValueError(f"Partitioner returned zero partitions for some axes: {slicing}")
    if sum(p > 1 for p in slicing) > 1:
        raise ValueError(f"Can only slice a variable along one dimension: shape: {shape}, partitioning: {slicing}")
    return slicing


def slice_dim_and_count(partitions) -> tuple[int, int]:
    """The partitioned axis and its number of shards (axis 0 and one shard when none is cut)."""
    for dim, count in enumerate(partitions):
        if count > 1:
            return dim, count
    return 0, 1


def iter_slices(full_shape: list, count: int, dim: int):
    """``(offset, shape)`` of each shard: the first ``full_shape[dim] % count`` get one more row."""
    extra = full_shape[dim] % count
    base = full_shape[dim] // count
    offset = [0] * len(full_shape)
    for i in range(count):
        shape = list(full_shape)
        shape[dim] = base + (i < extra)
        yield list(offset), shape
        offset[dim] += shape[dim]


class PartitionedVariable:
    """The shards of one partitioned variable (what ``get_variable`` returns when given a
    partitioner). Iterating gives the shard variables in offset order; converting to a
    tensor (``matmul(x, w)``, ``w.as_tensor()``) concatenates them.
    """

    def __init__(self, name, shape, dtype, variable_list, partitions):
        if not isinstance(variable_list, (list, tuple)):
            raise TypeError(f"variable_list is not a list or tuple: {variable_list}")
        if not isinstance(partitions, (list, tuple)):
            raise TypeError(f"partitions is not a list or tuple: {partitions}")
        if not all(p >= 1 for p in partitions):
            raise ValueError(f"partition values must be positive: {partitions}")
        if not variable_list:
            raise ValueError("variable_list may not be empty")
        for v in variable_list:
            if not all(v._get_save_slice_info() is not None for v in variable_list):
                raise ValueError(f"All variables must have a save_slice_info available: "
                                 f"{[v.name for v in variable_list]}")
            if len(shape) != len(partitions):
                raise ValueError(f"len(shape) != len(partitions): {shape} vs. {partitions}")
            if v._get_save_slice_info().full_shape != shape:
                raise ValueError(f"All variables' full shapes must match shape: {shape}; but full shapes were: "
                                 f"{[v._get_save_slice_info().full_shape]}")
        self._variable_list = sorted(variable_list, key=lambda v: v._get_save_slice_info().var_offset)
        self._name = name
        self._shape = shape
        self._dtype = dtype
        self._partitions = partitions
        self._as_tensor = None

    def __iter__(self):
        return iter(self._variable_list)

    def __len__(self) -> int:
        axes = self._partition_axes()
        if len(axes) > 1:
            raise ValueError(f"Cannot get a length for {len(axes)} > 1 partition axes")
        return len(self._variable_list)

    def __repr__(self):
        return f"<PartitionedVariable '{self._name}' shape={self.get_shape()} dtype={self._dtype.name} " \
               f"partitions={list(self._partitions)}>"

    def _partition_axes(self) -> list:
        if all(p == 1 for p in self._partitions):
            return [0]
        return [i for i, p in enumerate(self._partitions) if p > 1]

    def _concat(self):
        """The shards concatenated, inside the caller's control dependencies."""
        if len(self._variable_list) == 1:
            with name_scope(None):
                return array_ops.identity(self._variable_list[0], name=self._name)
        axes = self._partition_axes()
        if len(axes) > 1:
            raise NotImplementedError(f"Cannot concatenate along more than one dimension: {axes}.  Multi-axis "
                                      f"partition concat is not supported")
        with name_scope(self._name + "/ConcatPartitions/"):
            concatenated = array_ops.concat(self._variable_list, axes[0])
        with name_scope(None):
            return array_ops.identity(concatenated, name=self._name)

    def as_tensor(self):
        """The whole value: the shards concatenated (``w/ConcatPartitions/concat``, then an
        ``Identity`` named ``w``), outside any control dependencies, like a variable's read."""
        with control_dependencies(None):
            return self._concat()

    @property
    def name(self) -> str:
        return self._name

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self) -> TensorShape:
        return self.get_shape()

    def get_shape(self) -> TensorShape:
        return self._shape

    @property
    def graph(self):
        return self._variable_list[0].graph

    def _get_variable_list(self) -> list:
        return self._variable_list

    def _get_partitions(self):
        return self._partitions

    def _apply_assign_fn(self, assign_fn, value):
        axes = self._partition_axes()
        if len(axes) > 1:
            raise NotImplementedError(f"Cannot do assign action along more than one dimension: {axes}.  Multi-axis "
                                      f"partition assign action is not supported ")
        if isinstance(value, list):
            if len(value) != len(self._variable_list):
                raise ValueError(f"Expected {len(self._variable_list)} values, one per shard of {self._name}; got "
                                 f"{len(value)}")
            values = value
        elif isinstance(value, PartitionedVariable):
            values = list(value)
        else:
            sizes = [v.shape.dims[axes[0]].value for v in self._variable_list]
            values = array_ops.split(value, sizes, axis=axes[0])
        return [assign_fn(var, values[i]) for i, var in enumerate(self._variable_list)]

    def assign(self, value, use_locking=False, name=None, read_value=True):
        """Assign each shard its part of ``value`` (a whole tensor, a list, or another
        ``PartitionedVariable``); a list of the assignments (ops when ``read_value=False``)."""
        out = self._apply_assign_fn(lambda var, v: var.assign(v, use_locking=use_locking, name=name,
                                                              read_value=read_value), value)
        return out if read_value else [a.op for a in out]

    def assign_add(self, value, use_locking=False, name=None, read_value=True):
        out = self._apply_assign_fn(lambda var, v: var.assign_add(v, use_locking=use_locking, name=name,
                                                                  read_value=read_value), value)
        return out if read_value else [a.op for a in out]

    def assign_sub(self, value, use_locking=False, name=None, read_value=True):
        out = self._apply_assign_fn(lambda var, v: var.assign_sub(v, use_locking=use_locking, name=name,
                                                                  read_value=read_value), value)
        return out if read_value else [a.op for a in out]


def _to_tensor(v, dtype=None, name=None, as_ref=False):
    if dtype is not None and not dtype.is_compatible_with(v.dtype):
        raise ValueError(f"Incompatible type conversion requested to type '{dtype.name}' for variable of type "
                         f"'{v.dtype.name}'")
    if as_ref:
        raise NotImplementedError("PartitionedVariable doesn't support being used as a reference.")
    return v.as_tensor()


register_tensor_conversion_function(PartitionedVariable, _to_tensor)


def create_partitioned_variables(shape, slicing, initializer, dtype=dtypes.float32, trainable=True, collections=None,
                                 name=None, reuse=None) -> list:
    """The shard variables of a new partitioned variable cut by ``slicing`` (one count per
    axis), named ``<name or "PartitionedVariable">/part_N`` (TF1's deprecated form of
    ``get_variable(..., partitioner=...)``).

    >>> import scopeflow as tf
    >>> [v.name for v in tf.create_partitioned_variables([5, 2], [2, 1], tf.zeros_initializer())]
    ['PartitionedVariable/part_0:0', 'PartitionedVariable/part_1:0']
    """
    if len(shape) != len(slicing):
        raise ValueError(f"The 'shape' and 'slicing' of a partitioned Variable must have the length: shape: "
                         f"{shape}, slicing: {slicing}")
    if len(shape) < 1:
        raise ValueError(f"A partitioned Variable must have rank at least 1: shape: {shape}")
    with variable_scope(name, "PartitionedVariable", reuse=reuse):
        return list(_scope_partitioned_variable(shape, dtype, initializer, trainable, collections,
                                                lambda **unused_args: slicing))


def _scope_partitioned_variable(shape, dtype, initializer, trainable, collections, partitioner):
    """The partitioned variable named after the current variable scope itself, with the
    scope's defaults (TF's private ``VariableScope._get_partitioned_variable``)."""
    scope = get_variable_scope()
    if scope.custom_getter is not None:
        raise ValueError(f"Private access to _get_partitioned_variable is not allowed when a custom getter is set.  "
                         f"Current custom getter: {scope.custom_getter}.  It is likely that you're using "
                         f"create_partitioned_variables.  If so, consider instead using get_variable with a "
                         f"non-empty partitioner parameter instead.")
    partitioner = partitioner or scope.partitioner
    if partitioner is None:
        raise ValueError("No partitioner was specified")
    store = store_for(context.default_graph())
    with name_scope(None), store._lock:
        return store._get_partitioned_variable(
            partitioner, scope.name, shape, dtypes.as_dtype(dtype or scope.dtype),
            scope.initializer if initializer is None else initializer,
            scope.regularizer, scope.reuse, trainable, collections, scope.caching_device, True, scope.constraint,
            None, None)

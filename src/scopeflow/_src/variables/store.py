"""The per-graph variable store behind ``get_variable``: create-or-fetch with reuse checks.

The store is a plain attribute of the graph (``graph._var_store``), guarded by the graph's
lock. Its messages are TensorFlow's, word for word.
"""

from __future__ import annotations

import enum
import inspect
import linecache
import threading
from collections.abc import Sequence

from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor, register_tensor_conversion_function
from scopeflow._src.framework.default_graph import colocate_with, name_scope
from scopeflow._src.framework.function_utils import accepts_argument
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.tensor_shape import as_shape
from scopeflow._src.ops import array_ops, operators
from scopeflow._src.variables import expectations, explain, initializers, variable


class _ReuseMode(enum.Enum):
    """``AUTO_REUSE``: create a variable when missing, else return the existing one."""

    AUTO_REUSE = 1


AUTO_REUSE = _ReuseMode.AUTO_REUSE


def store_for(graph) -> "VariableStore":
    """The graph's variable store, created on first use."""
    store = graph._var_store
    if store is None:
        with graph._lock:
            if graph._var_store is None:
                graph._var_store = VariableStore()
            store = graph._var_store
    return store


def _format_frames(frames) -> str:
    lines = []
    for filename, lineno, func in frames:
        lines.append(f'  File "{filename}", line {lineno}, in {func}\n')
        text = linecache.getline(filename, lineno).strip()
        if text:
            lines.append(f"    {text}\n")
    return "".join(lines)


def _same_shape(var, shape) -> bool:
    dims = var._variable._shape.as_tuple()
    try:
        return dims is not None and len(dims) == len(shape) and all(a == b for a, b in zip(dims, shape))
    except TypeError:
        return False


def _needs_no_arguments(fn) -> bool:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return False
    return all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params)



class VariableStore:
    """Variables created by ``get_variable`` in one graph, by full name."""

    def __init__(self):
        self._vars: dict[str, object] = {}
        self._partitioned_vars: dict[str, object] = {}
        # Held across each look-up-then-create, so threads asking for one name under reuse=AUTO_REUSE
        # share one variable (a reentrant lock: an initializer may call get_variable itself).
        self._lock = threading.RLock()
        # default_name variable scopes taken, by the builder state (thread) that took each: another
        # thread then takes the next free name (see variable_scope._get_unique_variable_scope)
        self.scope_claims: dict[str, object] = {}

    def reusable(self, name, shape, dtype, reuse):
        """The fast path of a reuse (``get_variable``'s common case, checked by the public
        entry point before anything else): the variable ``name`` when ``reuse`` allows sharing
        it and ``shape`` and ``dtype`` (``None``: any) agree with it exactly, else ``None``, and
        ``_get_single_variable`` decides and words TensorFlow's errors. Whenever it answers, the
        full path answers the same (tests/variables/test_reuse_paths.py)."""
        if reuse is not True and reuse is not AUTO_REUSE:
            return None
        found = self._vars.get(name)
        if found is None or shape is not None and not _same_shape(found, shape):
            return None
        if dtype is not None and found.dtype.base_dtype != dtype:
            return None
        return found

    def get_variable(self, name, shape=None, dtype=dtypes.float32, initializer=None, regularizer=None,
                     reuse=None, trainable=None, collections=None, caching_device=None, partitioner=None,
                     validate_shape=True, use_resource=None, custom_getter=None, constraint=None,
                     synchronization=None, aggregation=None):
        if custom_getter is not None and not callable(custom_getter):
            raise ValueError(f"Passed a custom_getter which is not callable: {custom_getter}")
        dtype = getattr(dtype, "base_dtype", dtype)
        synchronization = synchronization or variable.VariableSynchronization.AUTO
        aggregation = aggregation or variable.VariableAggregation.NONE
        if trainable is None:
            trainable = synchronization != variable.VariableSynchronization.ON_READ

        def true_getter(name, shape=None, dtype=dtypes.float32, initializer=None, regularizer=None,
                        reuse=None, trainable=None, collections=None, caching_device=None, partitioner=None,
                        validate_shape=True, use_resource=None, constraint=None, synchronization=None,
                        aggregation=None):
            with self._lock:
                return create_or_fetch(name, shape, dtype, initializer, regularizer, reuse, trainable, collections,
                                       caching_device, partitioner, validate_shape, constraint, synchronization,
                                       aggregation)

        def create_or_fetch(name, shape, dtype, initializer, regularizer, reuse, trainable, collections,
                            caching_device, partitioner, validate_shape, constraint, synchronization, aggregation):
            single = (name, shape, dtype, initializer, regularizer, reuse, trainable, collections, caching_device,
                      validate_shape, constraint, synchronization, aggregation)
            is_scalar = shape is not None and isinstance(shape, Sequence) and not shape
            if partitioner is not None and not is_scalar:
                if not callable(partitioner):
                    raise ValueError(f"Partitioner must be callable, but received: {partitioner}")
                with name_scope(None):
                    return self._get_partitioned_variable(partitioner, *single)
            if reuse is True and partitioner is None and name in self._partitioned_vars:
                return self._get_partitioned_variable(None, *single)  # reuse needs no partitioner
            if f"{name}/part_0" in self._vars:
                raise ValueError(f"No partitioner was provided, but a partitioned version of the variable was "
                                 f"found: {name}/part_0. Perhaps a variable of the same name was already created "
                                 f"with partitioning?")
            return self._get_single_variable(*single)

        if custom_getter is None:
            return true_getter(name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                               reuse=reuse, trainable=trainable, collections=collections,
                               caching_device=caching_device, partitioner=partitioner,
                               validate_shape=validate_shape, use_resource=use_resource, constraint=constraint,
                               synchronization=synchronization, aggregation=aggregation)
        kwargs = {"getter": true_getter, "name": name, "shape": shape, "dtype": dtype,
                  "initializer": initializer, "regularizer": regularizer, "reuse": reuse,
                  "trainable": trainable, "collections": collections, "caching_device": caching_device,
                  "partitioner": partitioner, "validate_shape": validate_shape, "use_resource": use_resource,
                  "synchronization": synchronization, "aggregation": aggregation}
        if accepts_argument(custom_getter, "constraint"):
            kwargs["constraint"] = constraint
        return custom_getter(**kwargs)

    def _get_partitioned_variable(self, partitioner, name, shape, dtype, initializer, regularizer, reuse, trainable,
                                  collections, caching_device, validate_shape, constraint, synchronization,
                                  aggregation):
        """Create or fetch the ``PartitionedVariable`` ``name`` (TensorFlow's checks and words)."""
        from scopeflow._src.variables import partitioned  # loaded on first use: only partitioned variables need it

        from_value = isinstance(initializer, Tensor)
        dtype = dtypes.as_dtype(dtype)
        if name in self._vars:
            raise ValueError(f"A partitioner was provided, but an unpartitioned version of the variable was found: "
                             f"{name}.  Perhaps a variable of the same name was already created without "
                             f"partitioning?")
        shape = as_shape(shape)
        if from_value:
            shape = shape.merge_with(initializer.get_shape())
        partitions = None
        if not reuse or partitioner:
            partitions = partitioned.call_partitioner(partitioner, shape, dtype)
        found = self._partitioned_vars.get(name)
        if found is not None:
            return _check_partitioned_reuse(found, name, shape, dtype, partitions, reuse)
        if reuse is True:
            raise ValueError(f"PartitionedVariable {name} does not exist, or was not created with tf.get_variable(). "
                             f"Did you mean to set reuse=False or reuse=tf.AUTO_REUSE in VarScope?")
        dim, count = partitioned.slice_dim_and_count(partitions)
        self._check_existing_shards(name, count)
        shards = []
        for i, (offset, part_shape) in enumerate(partitioned.iter_slices(shape.as_list(), count, dim)):
            info = partitioned.PartitionInfo(full_shape=shape.as_list(), var_offset=offset)
            shard_name = f"{name}/part_{i}"
            with name_scope(shard_name + "/PartitionedInitializer"):
                if initializer is None:
                    init, init_shape = self._default_initializer(name, dtype), part_shape
                elif callable(initializer):
                    init, init_shape = initializer, part_shape
                elif from_value:
                    init, init_shape = array_ops.slice(initializer, offset, part_shape), None
                    dtype = init.dtype.base_dtype
                else:
                    init = array_ops.slice(convert_to_tensor(initializer, dtype=dtype), offset, part_shape)
                    init_shape = None
            with name_scope(None):
                var = self._get_single_variable(shard_name, init_shape, dtype, init, regularizer, reuse, trainable,
                                                collections, caching_device, validate_shape, constraint,
                                                synchronization, aggregation, partition_info=info)
            var._set_save_slice_info(var.SaveSliceInfo(name, shape.as_list(), offset, part_shape))
            shards.append(var)
        result = partitioned.PartitionedVariable(name=name, shape=shape, dtype=dtype, variable_list=shards,
                                                 partitions=partitions)
        self._partitioned_vars[name] = result
        return result

    def _check_existing_shards(self, name, count):
        if f"{name}/part_0" not in self._vars:
            return
        if f"{name}/part_{count - 1}" not in self._vars:
            raise ValueError(f"Partitioner returned a different partitioning than what was already found.  "
                             f"Partitioner returned {count} shards, and shard {name}/part_0 was found, but "
                             f"{name}/part_{count - 1} was not.")
        if f"{name}/part_{count}" in self._vars:
            raise ValueError(f"Partitioner returned a different partitioning than what was already found.  "
                             f"Partitioner returned {count} shards, and shard {name}/part_0 was found, but so was "
                             f"the extra shard {name}/part_{count}.")

    def _get_single_variable(self, name, shape, dtype, initializer, regularizer, reuse, trainable,
                             collections, caching_device, validate_shape, constraint, synchronization=None,
                             aggregation=None, partition_info=None):
        from_value = initializer is not None and not callable(initializer)
        if shape is not None and from_value:
            raise ValueError("If initializer is a constant, do not specify shape.")
        dtype = dtypes.as_dtype(dtype)
        if shape is not None:
            shape = as_shape(shape)

        found = self._vars.get(name)
        if found is not None:
            if reuse is False:
                raise explain.sharing_error(
                    "exists", f"Variable {name} already exists, disallowed. Did you mean to set reuse=True or "
                    f"reuse=tf.AUTO_REUSE in VarScope? Originally defined at:\n\n"
                    f"{_format_frames(getattr(found, '_frames', []))}", name, found)
            if shape is not None and not shape.is_compatible_with(found.get_shape()):
                raise explain.sharing_error(
                    "shape", f"Trying to share variable {name}, but specified shape {shape} and found shape "
                    f"{found.get_shape()}.", name, found, shape=shape)
            if not dtype.is_compatible_with(found.dtype):
                raise explain.sharing_error(
                    "dtype", f"Trying to share variable {name}, but specified dtype {dtype.name} and found "
                    f"dtype {found.dtype.name}.", name, found, dtype=dtype)
            if expectations.active():
                expectations.check_reuse(found)
            return found
        if reuse is True:
            raise explain.sharing_error(
                "missing", f"Variable {name} does not exist, or was not created with tf.get_variable(). Did you "
                f"mean to set reuse=tf.AUTO_REUSE in VarScope?", name)

        if initializer is None:
            if shape is None:
                raise ValueError(f"Variable {name} did not get an initializer, so its `shape` argument must be "
                                 f"specified.")
            initializer, from_value = self._default_initializer(name, dtype), False
        if from_value:
            init_val, var_dtype = initializer, None
        else:
            if inspect.isclass(initializer):
                initializer = initializer()
            if shape is not None and shape.is_fully_defined():
                init_val = _bind(initializer, shape.as_list(), dtype, partition_info)
                var_dtype = dtype.base_dtype
            elif _needs_no_arguments(initializer):
                init_val, var_dtype = initializer, None
            else:
                raise ValueError(
                    "The initializer passed is not valid. It should be a callable with no arguments and the "
                    "shape should not be provided or an instance of `tf.keras.initializers.*' and `shape` "
                    "should be fully defined.")
        if expectations.active():
            expectations.check_create(name, self._vars)
        v = variable.RefVariable(initial_value=init_val, name=name, trainable=trainable, collections=collections,
                        caching_device=caching_device, dtype=var_dtype, validate_shape=validate_shape,
                        constraint=constraint, synchronization=synchronization, aggregation=aggregation)
        self._vars[name] = v
        if reuse is AUTO_REUSE:
            v._made_under_auto_reuse = True  # the lints look for optimizer slots made in a reused scope
        if regularizer:
            _add_regularizer(v, name, regularizer)
        return v

    @staticmethod
    def _default_initializer(name, dtype):
        if dtype.is_floating:
            return initializers.glorot_uniform_initializer()
        if dtype.is_integer or dtype.is_unsigned or dtype.is_bool or dtype == dtypes.string:
            return initializers.zeros_initializer()
        raise ValueError(f"An initializer for variable {name} of {dtype.base_dtype} is required")


def _bind(initializer, shape, dtype, partition_info=None):
    if accepts_argument(initializer, "partition_info"):
        return lambda: initializer(shape, dtype=dtype, partition_info=partition_info)
    return lambda: initializer(shape, dtype=dtype)


def _check_partitioned_reuse(found, name, shape, dtype, partitions, reuse):
    """``found`` when a ``get_variable`` may share it, else TensorFlow's error."""
    if reuse is False:
        raise ValueError(f"Partitioned variable with name {name} already exists. Did you mean to set reuse=True or "
                         f"reuse=tf.AUTO_REUSE in VarScope?")
    if not shape.is_compatible_with(found.get_shape()):
        raise ValueError(f"Trying to reuse partitioned variable {name}, but specified shape {shape} and found shape "
                         f"{found.get_shape()}.")
    if not dtype.is_compatible_with(found.dtype):
        raise ValueError(f"Trying to reuse partitioned variable {name}, but specified dtype {dtype.name} and found "
                         f"dtype {found.dtype.name}.")
    if partitions is not None and found._get_partitions() != partitions:
        raise ValueError(f"Trying to reuse partitioned variable {name}, but specified partitions {partitions} and "
                         f"found partitions {found._get_partitions()}.")
    return found


class LazyEvalTensor:
    """A regularization loss that rebuilds its ops each time it is used (TensorFlow's behaviour).

    The first build happens at creation (``w/Regularizer/...``); every later conversion to a
    tensor builds a fresh copy (``w/Regularizer/mul_1``...), as TensorFlow's does.
    """

    def __init__(self, thunk):
        self._thunk = thunk
        self._master_tensor = thunk()

    def _as_tensor(self, dtype=None, name=None, as_ref=False):
        return self._thunk()

    def __getattr__(self, attr):
        if attr in ("device", "dtype", "graph", "name", "op", "shape", "value_index", "get_shape"):
            return getattr(self._master_tensor, attr)
        raise AttributeError(attr)

    def _as_graph_element(self):
        return self._master_tensor

    def __str__(self):
        return str(self._master_tensor)


register_tensor_conversion_function(LazyEvalTensor, lambda v, dtype=None, name=None, as_ref=False: v._as_tensor())


def _install_lazy_operators():
    for key, fn in operators.operator_table().items():
        setattr(LazyEvalTensor, key, lambda self, *args, _fn=fn: _fn(self._as_tensor(), *args))


_install_lazy_operators()


def _add_regularizer(v, name, regularizer):
    def make():
        with colocate_with(v), name_scope(name + "/Regularizer/"):
            return regularizer(v)

    if regularizer(v) is not None:
        v.graph.add_to_collection(GraphKeys.REGULARIZATION_LOSSES, LazyEvalTensor(make))

"""Graph builders of the datasets that run a function (``mapping.py`` holds their op types
and values): trace the function once, then add the dataset node with its ``f`` (or
``predicate``) attribute and the captured tensors as ``other_arguments``."""

from __future__ import annotations

from scopeflow._src.data import mapping  # noqa: F401 - registers the op types built here
from scopeflow._src.data import structure as structure_lib
from scopeflow._src.data.functions import DataFunction
from scopeflow._src.data.graph_build import ARGUMENTS, add_dataset_op, bool_input, int64_input
from scopeflow._src.framework import dtypes
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.tensor_shape import TensorShape

AUTOTUNE = -1


def _function_inputs(dataset, func, fn_attr="f") -> tuple[list, dict]:
    captured = func.captured
    attrs = {fn_attr: func, "Targuments": [t.dtype.base_dtype for t in captured], ARGUMENTS: len(captured)}
    return [dataset._variant_tensor] + captured, attrs


def map_dataset(dataset, map_func, num_parallel_calls=None, deterministic=None, name=None):
    """``MapDataset`` (or ``ParallelMapDatasetV2`` with ``num_parallel_calls``)."""
    func = DataFunction(map_func, dataset._structure, "Dataset.map()")
    structure = func.output_structure
    inputs, attrs = _function_inputs(dataset, func)
    attrs.update(structure.attrs(), use_inter_op_parallelism=True, preserve_cardinality=False)
    if num_parallel_calls is None:
        attrs["force_synchronous"] = False
        return add_dataset_op("MapDataset", inputs, attrs, name), structure
    parallel = int64_input(num_parallel_calls, "num_parallel_calls")
    attrs.update(deterministic="default" if deterministic is None else str(bool(deterministic)).lower(),
                 use_unbounded_threadpool=False)
    return add_dataset_op("ParallelMapDatasetV2", inputs + [parallel], attrs, name), structure


def map_and_batch(dataset, map_func, batch_size, num_parallel_batches=None, drop_remainder=False,
                  num_parallel_calls=None):
    """``tf.data.experimental.map_and_batch``'s ``MapAndBatchDataset``."""
    func = DataFunction(map_func, dataset._structure, "tf.data.experimental.map_and_batch()")
    inputs, attrs = _function_inputs(dataset, func)
    size = int64_input(batch_size, "batch_size")
    if num_parallel_calls is None:
        num_parallel_calls = batch_size * (1 if num_parallel_batches is None else num_parallel_batches)
    parallel = int64_input(num_parallel_calls, "num_parallel_calls")
    drop = bool_input(drop_remainder, "drop_remainder")
    out = func.output_structure
    dim = batch_size if isinstance(drop_remainder, bool) and drop_remainder and isinstance(batch_size, int) else None
    structure = out.with_shapes([TensorShape([dim]).concatenate(s) for s in out.shapes])
    attrs.update(structure.attrs(), preserve_cardinality=False)
    return add_dataset_op("MapAndBatchDataset", inputs + [size, parallel, drop], attrs), structure


def filter_dataset(dataset, predicate, name=None):
    func = DataFunction(predicate, dataset._structure, "Dataset.filter()")
    out = func.output_structure
    if len(out) != 1 or structure_lib.is_structure(out.template) or out.types[0] != dtypes.bool \
            or not out.shapes[0].is_compatible_with(TensorShape([])):
        raise ValueError(f"Invalid `predicate`. `predicate` must return a `tf.bool` scalar tensor, but its return "
                         f"type is {structure_lib.spec_text(out)}.")
    inputs, attrs = _function_inputs(dataset, func, "predicate")
    attrs.update(dataset._structure.attrs())
    return add_dataset_op("FilterDataset", inputs, attrs, name)


def _dataset_function(dataset, map_func, transformation, is_dataset):
    if not callable(map_func):
        raise ValueError(f"Argument `func` must be a callable. Received func={map_func} (of type {type(map_func)})")
    def checked(*args):
        ret = map_func(*args)
        if not is_dataset(ret):
            raise TypeError(f"The `map_func` argument must return a `Dataset` object. Got {_type_of(ret)!r}.")
        return ret
    checked.__name__ = getattr(map_func, "__name__", type(map_func).__name__)  # the function's name in the graph
    return DataFunction(checked, dataset._structure, transformation, returns_dataset=True)


def _type_of(value):
    return Tensor if not isinstance(value, tuple) else tuple(_type_of(v) for v in value)


def flat_map(dataset, map_func, is_dataset, name=None):
    func = _dataset_function(dataset, map_func, "Dataset.flat_map()", is_dataset)
    structure = func.dataset._structure
    inputs, attrs = _function_inputs(dataset, func)
    attrs.update(structure.attrs())
    return add_dataset_op("FlatMapDataset", inputs, attrs, name), structure


def parallel_interleave(dataset, map_func, cycle_length, block_length, sloppy, buffer_output_elements,
                        prefetch_input_elements, is_dataset):
    """``tf.data.experimental.parallel_interleave``'s ``LegacyParallelInterleaveDatasetV2`` (its
    elements in ``interleave``'s order: scopeflow is never sloppy)."""
    func = _dataset_function(dataset, map_func, "tf.data.experimental.parallel_interleave()", is_dataset)
    structure = func.dataset._structure
    inputs, attrs = _function_inputs(dataset, func)
    extra = [int64_input(cycle_length, "cycle_length"), int64_input(block_length, "block_length"),
             int64_input(2 * block_length if buffer_output_elements is None else buffer_output_elements,
                         "buffer_output_elements"),
             int64_input(2 * cycle_length if prefetch_input_elements is None else prefetch_input_elements,
                         "prefetch_input_elements")]
    attrs.update(structure.attrs(), deterministic="default" if sloppy is None else ("false" if sloppy else "true"))
    return add_dataset_op("LegacyParallelInterleaveDatasetV2", inputs + extra, attrs), structure


def interleave(dataset, map_func, cycle_length, block_length, is_dataset, num_parallel_calls=None,
               deterministic=None, name=None):
    """``InterleaveDataset``, or ``ParallelInterleaveDatasetV4`` with ``num_parallel_calls``
    (scopeflow's elements come in ``InterleaveDataset``'s order either way)."""
    func = _dataset_function(dataset, map_func, "Dataset.interleave()", is_dataset)
    structure = func.dataset._structure
    inputs, attrs = _function_inputs(dataset, func)
    inputs += [int64_input(AUTOTUNE if cycle_length is None else cycle_length, "cycle_length"),
               int64_input(1 if block_length is None else block_length, "block_length")]
    attrs.update(structure.attrs())
    if num_parallel_calls is None:
        return add_dataset_op("InterleaveDataset", inputs, attrs, name), structure
    inputs += [int64_input(AUTOTUNE, "buffer_output_elements"), int64_input(AUTOTUNE, "prefetch_input_elements"),
               int64_input(num_parallel_calls, "num_parallel_calls")]
    attrs["deterministic"] = "default" if deterministic is None else str(bool(deterministic)).lower()
    return add_dataset_op("ParallelInterleaveDatasetV4", inputs, attrs, name), structure

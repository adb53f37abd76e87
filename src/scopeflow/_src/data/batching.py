"""``batch`` (``BatchDatasetV2``), ``padded_batch`` (``PaddedBatchDatasetV2``) and ``unbatch``
(``UnbatchDataset``): the op types, their values in a session, and their graph builders with
TensorFlow's static shapes (the batch dimension is known only with ``drop_remainder=True``
and a constant batch size)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.data import runtime, sparse
from scopeflow._src.data import structure as structure_lib
from scopeflow._src.data.graph_build import (
    COMPONENTS,
    add_dataset_op,
    bool_input,
    components_arg,
    int64_input,
    register_dataset_op,
)
from scopeflow._src.framework import dtypes, errors
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.registry import Arg
from scopeflow._src.framework.tensor_shape import TensorShape, as_shape
from scopeflow._src.framework.tensor_util import constant_value, constant_value_as_shape


# -- batch ----------------------------------------------------------------------------------------
class BatchValue(runtime.DatasetValue):
    def __init__(self, inner, size, drop_remainder):
        if size <= 0:
            raise errors.InvalidArgumentError(None, None, "Batch size must be greater than zero.")
        self.inner, self.size_, self.drop = inner, size, drop_remainder

    def make(self):
        return BatchIterator(self.inner.make(), self.size_, self.drop)


class BatchIterator(runtime.ElementIterator):
    """Whole batches asked of the input (``next_batch``): a source slices them, a map runs once."""

    def __init__(self, inner, size, drop):
        self.inner, self.size, self.drop = inner, size, drop

    def next(self):
        got = self.inner.next_batch(self.size)
        if got is None or (self.drop and got[1] < self.size):
            return None
        return sparse.finish_batch(got[0])

    def close(self):
        self.inner.close()


# -- padded_batch ---------------------------------------------------------------------------------
class PaddedBatchValue(runtime.DatasetValue):
    def __init__(self, inner, size, shapes, values, drop):
        if size <= 0:
            raise errors.InvalidArgumentError(None, None, "Batch size must be greater than zero.")
        self.inner, self.size_, self.shapes, self.values, self.drop = inner, size, shapes, values, drop

    def make(self):
        return PaddedBatchIterator(self)


class PaddedBatchIterator(runtime.ElementIterator):
    def __init__(self, value):
        self.value, self.inner = value, value.inner.make()

    def next(self):
        v = self.value
        items = []
        while len(items) < v.size_:
            item = self.inner.next()
            if item is None:
                break
            items.append(item)
        if not items or (v.drop and len(items) < v.size_):
            return None
        return tuple(_pad(c, [item[c] for item in items], shape, fill)
                     for c, (shape, fill) in enumerate(zip(v.shapes, v.values)))

    def close(self):
        self.inner.close()


def _pad(c, parts, padded_shape, fill):
    parts = [np.asarray(p) for p in parts]
    rank = parts[0].ndim
    if len(padded_shape) != rank:
        raise errors.InvalidArgumentError(
            None, None, f"All elements in a batch must have the same rank as the padded shape for component{c}: "
                        f"expected rank {len(padded_shape)} but got element with rank {rank}")
    target = [int(d) if d >= 0 else max(p.shape[i] for p in parts) for i, d in enumerate(padded_shape)]
    out = np.full([len(parts)] + target, fill, dtype=parts[0].dtype)
    for i, p in enumerate(parts):
        if any(s > t for s, t in zip(p.shape, target)):
            raise errors.DataLossError(None, None, "Attempted to pad to a smaller size than the input element.")
        out[(i,) + tuple(slice(0, s) for s in p.shape)] = p
    return out


# -- unbatch --------------------------------------------------------------------------------------
class UnbatchValue(runtime.DatasetValue):
    def __init__(self, inner):
        self.inner = inner

    def make(self):
        return UnbatchIterator(self.inner.make())


class UnbatchIterator(runtime.ElementIterator):
    def __init__(self, inner):
        self.inner, self.rows, self.pos = inner, None, 0

    def next(self):
        while self.rows is None or self.pos >= self.count:
            item = self.inner.next()
            if item is None:
                return None
            sizes = {np.shape(c)[0] for c in item}
            if len(sizes) != 1:
                raise errors.InvalidArgumentError(
                    None, None, "Input element must have the same batch size in each component.")
            self.rows, self.pos, self.count = item, 0, sizes.pop()
        self.pos += 1
        return tuple(c[self.pos - 1, ...] for c in self.rows)

    def close(self):
        self.inner.close()


def _batch_factory(op, state):
    return lambda inner, size, drop: BatchValue(inner, runtime.scalar(size), bool(drop))


def _parallel_batch_factory(op, state):
    return lambda inner, size, parallel, drop: BatchValue(inner, runtime.scalar(size), bool(drop))


def _padded_factory(op, state):
    def padded_batch(inner, size, *rest):
        n = op._attrs["N"]
        shapes, values, drop = rest[:n], rest[n:2 * n], rest[2 * n]
        return PaddedBatchValue(inner, runtime.scalar(size), [list(np.asarray(s)) for s in shapes],
                                [np.asarray(v).item() if np.asarray(v).dtype != object else np.asarray(v).item()
                                 for v in values], bool(drop))
    return padded_batch


register_dataset_op("BatchDatasetV2", ["input_dataset: variant", "batch_size: int64", "drop_remainder: bool"],
                    _batch_factory, {"parallel_copy": False})
register_dataset_op("ParallelBatchDataset", ["input_dataset: variant", "batch_size: int64", "num_parallel_calls: int64",
                                             "drop_remainder: bool"], _parallel_batch_factory,
                    {"parallel_copy": False, "deterministic": "default"})
register_dataset_op("PaddedBatchDatasetV2",
                    ["input_dataset: variant", "batch_size: int64", Arg("padded_shapes", dtype=dtypes.int64,
                                                                          number_attr="N"),
                     components_arg("padding_values"), "drop_remainder: bool"],
                    _padded_factory, {"parallel_copy": False})
register_dataset_op("UnbatchDataset", ["input_dataset: variant"], lambda op, state: UnbatchValue)


# -- graph builders ----------------------------------------------------------------------------
def _batch_dim(size, drop):
    known = constant_value(drop)
    return constant_value(size) if known is not None and bool(known) else None


def batch(dataset, batch_size, drop_remainder, num_parallel_calls=None, deterministic=None, name=None):
    """``BatchDatasetV2``, or ``ParallelBatchDataset`` with ``num_parallel_calls`` (the same
    batches: scopeflow's batch is one NumPy call already)."""
    size = int64_input(batch_size, "batch_size")
    drop = bool_input(drop_remainder, "drop_remainder")
    dim = _batch_dim(size, drop)
    dim = None if dim is None else int(dim)
    structure = dataset._structure.with_shapes([TensorShape([dim]).concatenate(s) for s in dataset._structure.shapes])
    attrs = {**structure.attrs(), "parallel_copy": False}
    if num_parallel_calls is None:
        return add_dataset_op("BatchDatasetV2", [dataset._variant_tensor, size, drop], attrs, name), structure
    parallel = int64_input(num_parallel_calls, "num_parallel_calls")
    attrs["deterministic"] = "default" if deterministic is None else str(bool(deterministic)).lower()
    return add_dataset_op("ParallelBatchDataset", [dataset._variant_tensor, size, parallel, drop], attrs,
                          name), structure


def padded_batch(dataset, batch_size, padded_shapes, padding_values, drop_remainder, name=None):
    source = dataset._structure
    size = int64_input(batch_size, "batch_size")
    if padded_shapes is None:
        padded_shapes = source.output_shapes
        if any(s.ndims is None for s in source.shapes):
            raise ValueError("You must provide `padded_shapes` argument because component 0 has unknown rank.")
    flat_shapes = structure_lib.flatten_up_to(source.output_types, padded_shapes)
    shape_tensors, static = [], []
    for given, component in zip(flat_shapes, source.shapes):
        shape_tensor, shape = _padded_shape(given)
        if not _paddable(shape, component):
            raise ValueError(f"The padded shape {shape} is not compatible with the shape {component} of the "
                             f"corresponding input component.")
        shape_tensors.append(shape_tensor)
        static.append(shape)
    fills = _padding_values(padding_values, source)
    drop = bool_input(drop_remainder, "drop_remainder")
    dim = _batch_dim(size, drop)
    structure = source.with_shapes([TensorShape([None if dim is None else int(dim)]).concatenate(s) for s in static])
    attrs = {"Toutput_types": list(structure.types), "output_shapes": list(structure.shapes), "N": len(static),
             COMPONENTS: len(static), "parallel_copy": False}
    inputs = [dataset._variant_tensor, size] + shape_tensors + fills + [drop]
    return add_dataset_op("PaddedBatchDatasetV2", inputs, attrs, name), structure


def _padded_shape(given):
    """TF's ``_padded_shape_to_tensor``: ``(int64 vector tensor, static shape)`` of a padded
    shape given as a shape, or as a tensor (or a list holding tensors: a bucket's boundary)."""
    try:
        shape = as_shape(given)
    except (TypeError, ValueError):
        tensor = convert_to_tensor(given, preferred_dtype=dtypes.int64)  # which words TF's error
        if tensor.shape.ndims not in (None, 1):
            raise ValueError(f"Padded shape {given} must be a `tf.int64` vector tensor, but its shape was "
                             f"{tensor.shape}.") from None
        if tensor.dtype.base_dtype != dtypes.int64:
            raise TypeError(f"Padded shape {given} must be a `tf.int64` vector tensor, but its element type was "
                            f"{tensor.dtype.name}.") from None
        return tensor, constant_value_as_shape(tensor)
    return convert_to_tensor([d if d is not None else -1 for d in shape.as_list()], dtype=dtypes.int64), shape


def _paddable(padded, component) -> bool:
    if padded.ndims is None or component.ndims is None:
        return True
    if padded.ndims != component.ndims:
        return False
    return all(p is None or c is None or p >= c for p, c in zip(padded.as_list(), component.as_list()))


def _padding_values(padding_values, source):
    types = source.types
    if padding_values is None:
        flat = [None] * len(types)
    elif structure_lib.is_structure(source.template) and not structure_lib.is_structure(padding_values):
        flat = [padding_values] * len(types)
    else:
        flat = structure_lib.flatten_up_to(source.output_types, padding_values)
    out = []
    for value, dtype in zip(flat, types):
        if value is None:
            value = "" if dtype == dtypes.string else np.zeros((), dtype.as_numpy_dtype)
        t = convert_to_tensor(value, name="padding_value")
        if t.dtype.base_dtype != dtype:
            raise TypeError(f"Invalid `padding_values`. `padding_values` values type {t.dtype} does not match "
                            f"type {dtype} of the corresponding input component.")
        if t.shape.ndims not in (None, 0):
            raise ValueError(f"Invalid `padding_values`. `padding_values` values should be scalars, but got "
                             f"{t.shape}.")
        out.append(t)
    return out


def unbatch(dataset, name=None):
    known = None
    for s in dataset._structure.shapes:
        if s.ndims == 0:
            raise ValueError("Cannot unbatch an input with scalar components.")
        first = s[0].value if s.ndims else None
        if first is not None and known is not None and first != known:
            raise ValueError(f"`unbatch()` is only supported for datasets of elements whose components have a "
                             f"matching leading dimension. Encountered both {known} and {first}.")
        known = first if known is None else known
    structure = dataset._structure.with_shapes([s[1:] if s.ndims is not None else s for s in dataset._structure.shapes])
    return add_dataset_op("UnbatchDataset", [dataset._variant_tensor], structure.attrs(), name), structure

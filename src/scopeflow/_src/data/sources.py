"""Datasets made from tensors: ``from_tensor_slices`` (``TensorSliceDataset``),
``from_tensors`` (``TensorDataset``) and ``range`` (``RangeDataset``).

Their values hold every element, so they give random access (``gather``): a shuffle of them
shuffles indices, and a batch is one NumPy slice.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.data import runtime
from scopeflow._src.data import structure as structure_lib
from scopeflow._src.data.graph_build import COMPONENTS, add_dataset_op, components_arg, int64_input, register_dataset_op
from scopeflow._src.framework import dtypes, errors
from scopeflow._src.framework.tensor_shape import TensorShape


class SlicesValue(runtime.DatasetValue):
    """The rows of ``components`` (arrays with one leading dimension)."""

    def __init__(self, components):
        self.components = tuple(np.asarray(c) for c in components)
        self.size = len(self.components[0])

    def make(self):
        return IndexedIterator(self)

    def gather(self, indices):
        return tuple(c[indices] for c in self.components)

    def row(self, i):
        return tuple(c[i, ...] for c in self.components)  # arrays, also of 0-d rows


class TensorValue(runtime.DatasetValue):
    """One element."""

    size = 1

    def __init__(self, components):
        self.components = tuple(components)

    def make(self):
        return IndexedIterator(self)

    def gather(self, indices):
        return tuple(np.stack([c] * len(indices)) if len(indices) else np.zeros((0,) + np.shape(c), np.asarray(c).dtype)
                     for c in self.components)

    def row(self, i):
        return self.components


class RangeValue(runtime.DatasetValue):
    """``start, start + step, ...`` before ``stop``, as int64 scalars."""

    def __init__(self, start, stop, step, dtype=np.int64):
        if step == 0:
            raise errors.InvalidArgumentError(None, None, "step must be a non-zero integer.")
        self.start, self.step, self.dtype = start, step, dtype
        self.size = len(range(start, stop, step))

    def make(self):
        return IndexedIterator(self)

    def gather(self, indices):
        return ((self.start + np.asarray(indices, np.int64) * self.step).astype(self.dtype, copy=False),)

    def row(self, i):
        return (np.array(self.start + i * self.step, self.dtype),)


class IndexedIterator(runtime.ElementIterator):
    """In order over a dataset with random access."""

    def __init__(self, value):
        self.value = value
        self.pos = 0

    def next(self):
        pos = self.pos
        if pos >= self.value.size:
            return None
        self.pos = pos + 1
        return self.value.row(pos)

    def next_batch(self, n):
        pos, size = self.pos, self.value.size
        if pos >= size:
            return None
        end = min(pos + n, size)
        self.pos = end
        if isinstance(self.value, SlicesValue):
            return tuple(c[pos:end] for c in self.value.components), end - pos
        return self.value.gather(np.arange(pos, end)), end - pos


def _slices_factory(op, state):
    def tensor_slice_dataset(*components):
        n = {len(c) for c in components}
        if len(n) > 1:
            raise errors.InvalidArgumentError(None, op, "All components must have the same size in the 0th dimension")
        return SlicesValue(components)
    return tensor_slice_dataset


def _tensor_factory(op, state):
    return lambda *components: TensorValue(components)


def _range_factory(op, state):
    dtype = np.dtype(op._attrs["output_types"][0].as_numpy_dtype)
    return lambda start, stop, step: RangeValue(int(start), int(stop), int(step), dtype)


register_dataset_op("TensorSliceDataset", [components_arg()], _slices_factory,
                    {"is_files": False, "replicate_on_split": False})
register_dataset_op("TensorDataset", [components_arg()], _tensor_factory)
register_dataset_op("RangeDataset", ["start: int64", "stop: int64", "step: int64"], _range_factory,
                    {"replicate_on_split": False})


def tensor_slices(element, is_files: bool = False, name=None):
    """A ``TensorSliceDataset`` of ``element``'s rows: (variant tensor, element structure)."""
    structure, tensors = structure_lib.normalize_element(element, batched=True)
    first = None
    for shape in structure.shapes:
        if shape.ndims == 0:
            raise ValueError("Unbatching a tensor is only supported for rank >= 1")
        dim = shape[0].value if shape.ndims else None
        if dim is not None and first is not None and dim != first:
            raise ValueError(f"Dimensions {first} and {dim} are not compatible")
        first = dim if first is None else first
    shapes = [s[1:] if s.ndims is not None else TensorShape(None) for s in structure.shapes]
    structure = structure.with_shapes(shapes)
    attrs = {**structure.attrs("Toutput_types"), COMPONENTS: len(tensors), "is_files": is_files}
    return add_dataset_op("TensorSliceDataset", tensors, attrs, name), structure


def tensors(element, name=None):
    """A ``TensorDataset`` of one element: (variant tensor, element structure)."""
    structure, flat = structure_lib.normalize_element(element)
    attrs = {**structure.attrs("Toutput_types"), COMPONENTS: len(flat)}
    return add_dataset_op("TensorDataset", flat, attrs, name), structure


def range_dataset(args, output_type=dtypes.int64, name=None):
    """A ``RangeDataset`` (``Dataset.range(stop)``, ``(start, stop[, step])``)."""
    if len(args) == 1:
        start, stop, step = 0, args[0], 1
    elif len(args) == 2:
        (start, stop), step = args, 1
    elif len(args) == 3:
        start, stop, step = args
    else:
        raise ValueError(f"Invalid `args`. The length of `args` should be between 1 and 3 but was {len(args)}.")
    inputs = [int64_input(start, "start"), int64_input(stop, "stop"), int64_input(step, "step")]
    structure = structure_lib.Structure(None, [dtypes.as_dtype(output_type)], [TensorShape([])])
    attrs = structure.attrs()
    return add_dataset_op("RangeDataset", inputs, attrs, name), structure

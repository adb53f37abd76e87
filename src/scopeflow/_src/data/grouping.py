"""``tf.data.experimental.group_by_window`` (``GroupByWindowDataset``) and
``bucket_by_sequence_length``, which TF1 sequence models batch with.

Each element goes to the group of its key (``key_func``); when a group holds
``window_size_func(key)`` elements, ``reduce_func(key, window)`` turns that window (a dataset
of the group's elements) into a dataset whose elements come out next. At the end of the
input, the groups left are reduced in increasing key order, as TensorFlow's kernel does.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.data import functions, runtime
from scopeflow._src.data import structure as structure_lib
from scopeflow._src.data.dataset import Dataset
from scopeflow._src.data.functions import DataFunction
from scopeflow._src.data.graph_build import add_dataset_op, register_dataset_op
from scopeflow._src.data.mapping import Runner
from scopeflow._src.data.sources import IndexedIterator
from scopeflow._src.framework import dtypes, errors
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import control_dependencies
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import Arg
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops import array_ops, math_ops

_NAME = "Dataset.group_by_window()"
_SCALAR = TensorShape([])
_COUNTS = ("_num_key_args", "_num_reduce_args", "_num_window_args")


class WindowValue(runtime.DatasetValue):
    """A group's elements, as the dataset ``reduce_func`` gets."""

    def __init__(self, items):
        self.items, self.size = items, len(items)

    def make(self):
        return IndexedIterator(self)

    def row(self, i):
        return self.items[i]

    def gather(self, indices):
        return runtime.stack([self.items[int(i)] for i in indices])


class GroupByWindowValue(runtime.DatasetValue):
    def __init__(self, inner, key, reduce, window_size):
        self.inner, self.key, self.reduce, self.window_size = inner, key, reduce, window_size

    def make(self):
        return GroupByWindowIterator(self)


class GroupByWindowIterator(runtime.ElementIterator):
    def __init__(self, value):
        self.value, self.inner = value, value.inner.make()
        self.groups, self.sizes, self.current, self.input_done = {}, {}, None, False

    def _reduce(self, key):
        window = WindowValue(self.groups.pop(key))
        dataset = self.value.reduce((np.array(key, np.int64), window))[0]
        self.current = dataset.make()

    def next(self):
        while True:
            if self.current is not None:
                item = self.current.next()
                if item is not None:
                    return item
                self.current.close()
                self.current = None
            if self.input_done:
                if not self.groups:
                    return None
                self._reduce(min(self.groups))
                continue
            item = self.inner.next()
            if item is None:
                self.input_done = True
                continue
            key = int(self.value.key(item)[0])
            group = self.groups.setdefault(key, [])
            if not group:
                size = int(self.value.window_size((np.array(key, np.int64),))[0])
                if size <= 0:
                    raise errors.InvalidArgumentError(None, None,
                                                      f"Window size must be greater than zero, but got {size}.")
                self.sizes[key] = size
            group.append(item)
            if len(group) == self.sizes[key]:
                self._reduce(key)

    def close(self):
        if self.current is not None:
            self.current.close()
        self.inner.close()


def _group_factory(op, state):
    plans = {name: functions.traced(op, name).compile(state)
             for name in ("key_func", "reduce_func", "window_size_func")}
    counts = [op._attrs[c] for c in _COUNTS]

    def group_by_window(inner, *captured):
        k, r = counts[0], counts[0] + counts[1]
        return GroupByWindowValue(inner, Runner(plans["key_func"], captured[:k], op._type),
                                  Runner(plans["reduce_func"], captured[k:r], op._type),
                                  Runner(plans["window_size_func"], captured[r:], op._type))
    return group_by_window


register_dataset_op("GroupByWindowDataset", [
    "input_dataset: variant",
    Arg("key_func_other_arguments", type_attr="Tkey_func_other_arguments", number_attr=_COUNTS[0]),
    Arg("reduce_func_other_arguments", type_attr="Treduce_func_other_arguments", number_attr=_COUNTS[1]),
    Arg("window_size_func_other_arguments", type_attr="Twindow_size_func_other_arguments", number_attr=_COUNTS[2])],
    _group_factory)


def _check_int64_scalar(func, what):
    out = func.output_structure
    if len(out) != 1 or structure_lib.is_structure(out.template) or out.types[0] != dtypes.int64 \
            or not out.shapes[0].is_compatible_with(_SCALAR):
        raise ValueError(f"Invalid `{what}`. `{what}` must return a single `tf.int64` scalar tensor but its return "
                         f"type is {structure_lib.spec_text(out)}.")


def group_by_window(dataset, key_func, reduce_func, window_size=None, window_size_func=None):
    """The ``GroupByWindowDataset`` of ``dataset``: (variant tensor, element structure)."""
    if (window_size is not None and window_size_func) or not (window_size is not None or window_size_func):
        raise ValueError("Either the `window_size` argument or the `window_size_func` argument must be specified.")
    if window_size is not None:
        def window_size_func(unused_key):
            return convert_to_tensor(window_size, dtype=dtypes.int64)

    def key_func_wrapper(*args):
        return convert_to_tensor(key_func(*args), dtype=dtypes.int64)

    key = DataFunction(key_func_wrapper, dataset._structure, _NAME)
    _check_int64_scalar(key, "key_func")
    window_arg = structure_lib.DatasetArg(dataset._structure, lambda t: Dataset(t, dataset._structure))
    reduce_in = structure_lib.Structure((0, 0), [dtypes.int64, dtypes.variant], [_SCALAR, _SCALAR],
                                        [Tensor, window_arg])

    def checked(*args):
        ret = reduce_func(*args)
        if not hasattr(ret, "_variant_tensor"):
            raise TypeError(f"Invalid `reduce_func`. `reduce_func` must return a single `tf.data.Dataset` object but "
                            f"its return type is {ret}.")
        return ret
    checked.__name__ = getattr(reduce_func, "__name__", "reduce_func")  # the function's name in the graph
    reduce = DataFunction(checked, reduce_in, _NAME, returns_dataset=True)

    def window_size_func_wrapper(key):
        return convert_to_tensor(window_size_func(key), dtype=dtypes.int64)

    size = DataFunction(window_size_func_wrapper, structure_lib.Structure(None, [dtypes.int64], [_SCALAR]), _NAME)
    _check_int64_scalar(size, "window_size_func")
    structure = reduce.dataset._structure
    attrs = {"key_func": key, "reduce_func": reduce, "window_size_func": size, **structure.attrs()}
    for (name, func), count in zip((("Tkey_func_other_arguments", key), ("Treduce_func_other_arguments", reduce),
                                    ("Twindow_size_func_other_arguments", size)), _COUNTS):
        attrs[name] = [t.dtype.base_dtype for t in func.captured]
        attrs[count] = len(func.captured)
    inputs = [dataset._variant_tensor] + key.captured + reduce.captured + size.captured
    return add_dataset_op("GroupByWindowDataset", inputs, attrs), structure


def bucket_by_sequence_length(element_length_func, bucket_boundaries, bucket_batch_sizes, padded_shapes=None,
                              padding_values=None, pad_to_bucket_boundary=False, no_padding=False,
                              drop_remainder=False):
    """``tf.data.experimental.bucket_by_sequence_length``: a ``group_by_window`` built as
    TensorFlow builds it (bucket id from the length, one padded batch per window).
    ``pad_to_bucket_boundary`` pads to the bucket's boundary, after TF's assertion that the
    element is shorter than the last boundary."""
    if len(bucket_batch_sizes) != len(bucket_boundaries) + 1:
        raise ValueError(f"`len(bucket_batch_sizes)` must equal `len(bucket_boundaries) + 1` but "
                         f"`len(bucket_batch_sizes)={len(bucket_batch_sizes)}` and "
                         f"`len(bucket_boundaries)={len(bucket_boundaries)}`.")

    def apply(dataset):
        batch_sizes = convert_to_tensor(list(bucket_batch_sizes), dtype=dtypes.int64)

        def element_to_bucket_id(*args):
            seq_length = element_length_func(*args)
            boundaries = list(bucket_boundaries)
            buckets_min = [np.iinfo(np.int32).min] + boundaries
            buckets_max = boundaries + [np.iinfo(np.int32).max]
            conditions = math_ops.logical_and(math_ops.less_equal(buckets_min, seq_length),
                                              math_ops.less(seq_length, buckets_max))
            return math_ops.reduce_min(array_ops.where(conditions))

        def window_size_fn(bucket_id):
            return batch_sizes[bucket_id]

        def batching_fn(bucket_id, grouped):
            batch_size = window_size_fn(bucket_id)
            if no_padding:
                return grouped.batch(batch_size, drop_remainder=drop_remainder)
            filler = None
            if pad_to_bucket_boundary:
                # loaded on first use: the debugging ops
                from scopeflow._src.ops.debugging.binary_asserts import assert_less

                check = assert_less(bucket_id, convert_to_tensor(len(bucket_batch_sizes) - 1, dtype=dtypes.int64),
                                    message="When pad_to_bucket_boundary=True, elements must have length < "
                                            "max(bucket_boundaries).")
                with control_dependencies([check]):
                    filler = convert_to_tensor(list(bucket_boundaries), dtype=dtypes.int64)[bucket_id] - 1
            shapes = structure_lib.map_structure(
                lambda s: [filler if d is None else d for d in TensorShape(s).as_list()],
                padded_shapes or grouped.output_shapes)
            return grouped.padded_batch(batch_size, shapes, padding_values, drop_remainder=drop_remainder)

        return Dataset(*group_by_window(dataset, element_to_bucket_id, batching_fn, window_size_func=window_size_fn))
    return apply

"""``tf.data.experimental.choose_from_datasets`` (``DirectedInterleaveDataset``): the next
element of the dataset whose index the selector dataset gives, element after element.

A dataset that has run out is skipped (the next index is read), or ends everything with
``stop_on_empty_dataset=True``; the sequence also ends with the selector, or when every
dataset has run out. An index outside ``[0, len(datasets))`` is TF's ``InvalidArgumentError``.

>>> import numpy as np, scopeflow as tf
>>> with tf.Graph().as_default():
...     choice = tf.data.Dataset.from_tensor_slices(np.array([0, 1, 1, 0], np.int64))
...     ds = tf.data.experimental.choose_from_datasets([tf.data.Dataset.range(2), tf.data.Dataset.range(10, 20)],
...                                                    choice)
...     nxt = tf.data.make_one_shot_iterator(ds).get_next()
...     with tf.Session() as sess:
...         print([int(sess.run(nxt)) for _ in range(4)])
[0, 10, 11, 1]
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.data import runtime, transforms
from scopeflow._src.data import structure as structure_lib
from scopeflow._src.data.graph_build import add_dataset_op, register_dataset_op
from scopeflow._src.framework import dtypes, errors
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.registry import Arg
from scopeflow._src.framework.tensor_shape import TensorShape


class DirectedInterleaveValue(runtime.DatasetValue):
    def __init__(self, selector, inputs, stop_on_empty):
        self.selector, self.inputs, self.stop_on_empty = selector, inputs, stop_on_empty

    def make(self):
        return DirectedInterleaveIterator(self)


class DirectedInterleaveIterator(runtime.ElementIterator):
    def __init__(self, value):
        self.value, self.selector = value, value.selector.make()
        self.inputs = [d.make() for d in value.inputs]
        self.live = [True] * len(self.inputs)

    def next(self):
        n = len(self.inputs)
        while any(self.live):
            choice = self.selector.next()
            if choice is None:
                return None
            index = int(np.asarray(choice[0]))
            if not 0 <= index < n:
                raise errors.InvalidArgumentError(None, None, f"Selector index out of range: {index} >= {n}")
            if not self.live[index]:
                continue
            item = self.inputs[index].next()
            if item is not None:
                return item
            if self.value.stop_on_empty:
                return None
            self.live[index] = False
        return None

    def close(self):
        self.selector.close()
        for it in self.inputs:
            it.close()


def _directed_interleave_factory(op, state):
    stop = bool(op._attrs.get("stop_on_empty_dataset", False))
    return lambda selector, *inputs: DirectedInterleaveValue(selector, inputs, stop)


register_dataset_op("DirectedInterleaveDataset", [
    "selector_input_dataset: variant", Arg("data_input_datasets", dtype=dtypes.variant, number_attr="N")],
    _directed_interleave_factory, {"stop_on_empty_dataset": False}, metadata=False)


def _common_structure(datasets):
    """The structure every dataset's elements fit (TF's common supertype), or TF's TypeError."""
    first = datasets[0]._structure
    shapes = list(first.shapes)
    for i, dataset in enumerate(datasets[1:]):
        other = dataset._structure
        if other.types != first.types or other.classes != first.classes \
                or not structure_lib.same_nesting(first.template, other.template):
            raise TypeError(f"Invalid `datasets`. `datasets` must have compatible element specs.\n Dataset 0 "
                            f"element_spec={first.element_spec}.\nDataset {i + 1} "
                            f"element_spec={other.element_spec}.")
        shapes = [a.most_specific_compatible_shape(b) for a, b in zip(shapes, other.shapes)]
    return first.with_shapes(shapes)


def choose_from_datasets(datasets, choice_dataset, stop_on_empty_dataset, is_dataset, rewrite=True):
    """``DirectedInterleaveDataset`` of the selector (``replicate_on_split`` rewritten, as TF,
    unless ``rewrite=False``: ``sample_from_datasets``'s own selector) and ``datasets``:
    (variant tensor, element structure)."""
    if not datasets:
        raise ValueError("Invalid `datasets`. `datasets` should not be empty.")
    if not rewrite:
        datasets = list(datasets)
        structure = _common_structure(datasets)
        attrs = {**structure.attrs(), "N": len(datasets), "stop_on_empty_dataset": bool(stop_on_empty_dataset)}
        return add_dataset_op("DirectedInterleaveDataset", [choice_dataset._variant_tensor] +
                              [d._variant_tensor for d in datasets], attrs), structure
    if not is_dataset(choice_dataset):
        raise TypeError(f"Invalid `choice_dataset`. `choice_dataset` should be a `tf.data.Dataset` but is "
                        f"{type(choice_dataset)}.")
    choice = choice_dataset._structure
    if structure_lib.is_structure(choice.template) or choice.types != [dtypes.int64] \
            or choice.classes[0] is not Tensor or not choice.shapes[0].is_compatible_with(TensorShape([])):
        raise TypeError(f"Invalid `choice_dataset`. Elements of `choice_dataset` must be scalar `tf.int64` tensors "
                        f"but are {choice.element_spec}.")
    datasets = list(datasets)
    selector = transforms.rewrite(choice_dataset, "replicate_on_split")
    structure = _common_structure(datasets)
    attrs = {**structure.attrs(), "N": len(datasets), "stop_on_empty_dataset": bool(stop_on_empty_dataset)}
    return add_dataset_op("DirectedInterleaveDataset", [selector] + [d._variant_tensor for d in datasets],
                          attrs), structure

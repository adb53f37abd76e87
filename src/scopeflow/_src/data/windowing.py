"""``Dataset.window`` (``WindowDataset``): windows of ``size`` input elements, taking every
``stride``-th, one window starting every ``shift`` elements. Each window is an element whose
components are datasets, one per input component (nested as the input's element), which a
``flat_map`` usually batches back into tensors:

>>> import scopeflow as tf
>>> with tf.Graph().as_default():
...     ds = tf.data.Dataset.range(7).window(3, shift=2).flat_map(lambda w: w.batch(3))
...     nxt = tf.data.make_one_shot_iterator(ds).get_next()
...     with tf.Session() as sess:
...         print([sess.run(nxt).tolist() for _ in range(4)])
[[0, 1, 2], [2, 3, 4], [4, 5, 6], [6]]

Windows start while the input has an element at their start; the last ones are shorter, or
dropped with ``drop_remainder=True``. The input is read as far as each window needs.
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.data import runtime
from scopeflow._src.data import structure as structure_lib
from scopeflow._src.data.graph_build import add_dataset_op, bool_input, int64_input, register_dataset_op
from scopeflow._src.data.grouping import WindowValue
from scopeflow._src.framework import dtypes, errors
from scopeflow._src.framework.tensor_shape import TensorShape

_SCALAR = TensorShape([])


class WindowDatasetValue(runtime.DatasetValue):
    def __init__(self, inner, size, shift, stride, drop_remainder):
        for what, value in (("size", size), ("shift", shift), ("stride", stride)):
            if value <= 0:
                raise errors.InvalidArgumentError(None, None, f"Window {what} must be greater than zero.")
        self.inner, self.size, self.shift, self.stride, self.drop = inner, size, shift, stride, drop_remainder

    def make(self):
        return WindowIterator(self)


class WindowIterator(runtime.ElementIterator):
    """Reads the input into a buffer that starts at the next window's first element."""

    def __init__(self, value):
        self.value, self.inner = value, value.inner.make()
        self.buffer, self.ended = [], False

    def _fill(self, count):
        while len(self.buffer) < count and not self.ended:
            item = self.inner.next()
            if item is None:
                self.ended = True
            else:
                self.buffer.append(item)

    def next(self):
        v = self.value
        self._fill((v.size - 1) * v.stride + 1)
        if not self.buffer:
            return None
        items = self.buffer[:(v.size - 1) * v.stride + 1:v.stride]
        if len(items) < v.size and v.drop:
            return None
        if v.shift < len(self.buffer):
            del self.buffer[:v.shift]
        else:  # the next window starts past what was read: skip the elements between
            for _ in range(v.shift - len(self.buffer)):
                if self.ended or self.inner.next() is None:
                    self.ended = True
                    break
            self.buffer = []
        return tuple(WindowValue([(item[c],) for item in items]) for c in range(len(items[0])))

    def close(self):
        self.inner.close()


def _window_factory(op, state):
    def window_dataset(inner, size, shift, stride, drop_remainder):
        return WindowDatasetValue(inner, runtime.scalar(size), runtime.scalar(shift), runtime.scalar(stride),
                                  bool(np.asarray(drop_remainder)))
    return window_dataset


register_dataset_op("WindowDataset", ["input_dataset: variant", "size: int64", "shift: int64", "stride: int64",
                                      "drop_remainder: bool"], _window_factory)


def window(dataset, size, shift, stride, drop_remainder, name, dataset_cls):
    """``WindowDataset``: (variant tensor, the structure of windows: one dataset per component)."""
    inputs = [dataset._variant_tensor, int64_input(size, "size"), int64_input(size if shift is None else shift,
                                                                              "shift"),
              int64_input(stride, "stride"), bool_input(drop_remainder, "drop_remainder")]
    structure = dataset._structure
    classes = []
    for t, s, c in zip(structure.types, structure.shapes, structure.classes):
        component = structure_lib.Structure(None, [t], [s], [c])
        classes.append(structure_lib.DatasetArg(component, lambda tensor, cs=component: dataset_cls(tensor, cs)))
    windows = structure_lib.Structure(structure.template, [dtypes.variant] * len(classes), [_SCALAR] * len(classes),
                                      classes)
    return add_dataset_op("WindowDataset", inputs, windows.attrs(), name), windows

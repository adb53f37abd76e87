"""What a dataset is while a session runs: a ``DatasetValue`` (TF's variant tensor) makes
``ElementIterator``s, which yield elements as tuples of NumPy arrays (one per component).

A dataset op's kernel builds a ``DatasetValue`` from its inputs' values (another dataset, a
count, the captured arguments of a function); nothing is read or computed until an iterator
asks. An iterator returns ``None`` at the end of the sequence (cheaper than an exception in a
loop over thousands of elements), and ``next_batch(n)`` gives up to ``n`` elements at once,
stacked per component: a source that holds its elements (``from_tensor_slices``, ``range``)
slices them in one NumPy call, a map whose function is elementwise runs once on the stack,
and ``batch`` asks its input for whole batches, so the common pipeline costs a few calls per
batch instead of a few per element.

Iterators that own threads (``prefetch``, a parallel ``map``) stop them in ``close()``; closing
an iterator closes its inputs.
"""

from __future__ import annotations

import abc

import numpy as np

from scopeflow._src.framework import errors


class DatasetValue(abc.ABC):
    """A dataset's value in a running session (immutable): ``make()`` starts an iteration.

    ``size``/``gather`` are for datasets that hold their elements: ``size`` is the count (or
    ``None`` when the elements are produced one by one), ``gather(indices)`` their stacked
    components at ``indices``."""

    size = None

    @abc.abstractmethod
    def make(self) -> "ElementIterator":
        """A new iteration over the elements."""

    def gather(self, indices) -> tuple:
        raise TypeError(f"{type(self).__name__} has no random access")


class ElementIterator(abc.ABC):
    """One pass over a dataset. ``next()`` is the next element (a tuple of arrays) or ``None``."""

    @abc.abstractmethod
    def next(self):
        """The next element, or ``None`` after the last."""

    def next_batch(self, n: int):
        """Up to ``n`` elements stacked per component, as ``(components, count)``; ``None`` at the end."""
        items = []
        for _ in range(n):
            item = self.next()
            if item is None:
                break
            items.append(item)
        if not items:
            return None
        return stack(items), len(items)

    def close(self) -> None:  # noqa: B027 - most iterators own nothing to stop
        """Stop what the iterator runs (threads), and its inputs'."""


class ExhaustedIterator(ElementIterator):
    """An iteration with no elements."""

    def next(self):
        return None

    def next_batch(self, n):
        return None


def stack(items) -> tuple:
    """Elements (tuples of arrays of equal shapes per component) stacked per component, with
    TensorFlow's error when two shapes differ."""
    width = len(items[0])
    out = []
    for c in range(width):
        parts = [item[c] for item in items]
        if isinstance(parts[0], (bytes, tuple)):  # bytes, a sparse value's parts: one object each
            out.append(_objects(parts))
            continue
        first = parts[-1].shape  # TF's batch takes its shape from the last element
        for p in parts:
            if np.shape(p) != first:
                raise errors.InvalidArgumentError(
                    None, None, f"Cannot add tensor to the batch: number of elements does not match. Shapes are: "
                                f"[tensor]: {list(np.shape(p))}, [batch]: {list(first)}")
        out.append(np.stack(parts))
    return tuple(out)


def _objects(parts) -> np.ndarray:
    """Python objects (bytes, a sparse value's parts) in a 1-D object array, each kept whole."""
    out = np.empty(len(parts), dtype=object)
    for i, p in enumerate(parts):
        out[i] = p.item() if type(p) is np.ndarray else p
    return out


def unstack(components, count) -> list:
    """The ``count`` elements of stacked ``components``."""
    return [tuple(c[i, ...] for c in components) for i in range(count)]


def scalar(value) -> int:
    """An int64 scalar input's Python value."""
    return int(np.asarray(value))

"""Transformations that reorder or regroup whole elements: ``repeat``, ``take``, ``skip``,
``concatenate``, ``zip``, ``cache`` and the ``RewriteDataset`` that ``enumerate`` puts on its
counter (each: the op type, its value in a session, and the graph builder)."""

from __future__ import annotations

import numpy as np

from scopeflow._src.data import runtime
from scopeflow._src.data import structure as structure_lib
from scopeflow._src.data.graph_build import add_dataset_op, int64_input, register_dataset_op, string_input
from scopeflow._src.framework import dtypes
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.registry import Arg


# -- repeat --------------------------------------------------------------------------------------
class RepeatValue(runtime.DatasetValue):
    def __init__(self, inner, count):
        self.inner, self.count = inner, count

    def make(self):
        return RepeatIterator(self.inner, self.count)


class RepeatIterator(runtime.ElementIterator):
    """The input ``count`` times (forever when negative); an empty input ends it."""

    def __init__(self, inner, count):
        self.inner, self.left = inner, count
        self.current = inner.make() if count != 0 else None
        self.seen = False

    def next(self):
        while self.current is not None:
            item = self.current.next()
            if item is not None:
                self.seen = True
                return item
            if not self._advance():
                return None
        return None

    def next_batch(self, n):
        """Batches run on across epochs, as TensorFlow's ``repeat().batch()`` does."""
        parts, count = [], 0
        while self.current is not None and count < n:
            got = self.current.next_batch(n - count)
            if got is not None:
                self.seen = True
                parts.append(got[0])
                count += got[1]
            elif not self._advance():
                break
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0], count
        return tuple(np.concatenate(c) for c in zip(*parts)), count

    def _advance(self) -> bool:
        self.current.close()
        self.current = None
        if self.left > 0:
            self.left -= 1
        if self.left == 0 or not self.seen:
            return False
        self.current = self.inner.make()
        return True

    def close(self):
        if self.current is not None:
            self.current.close()


# -- take / skip -------------------------------------------------------------------------------
class TakeValue(runtime.DatasetValue):
    def __init__(self, inner, count):
        self.inner, self.count = inner, count

    def make(self):
        return TakeIterator(self.inner.make(), self.count)


class TakeIterator(runtime.ElementIterator):
    def __init__(self, inner, count):
        self.inner, self.left = inner, count

    def next(self):
        if self.left == 0:
            return None
        item = self.inner.next()
        if item is not None and self.left > 0:
            self.left -= 1
        return item

    def next_batch(self, n):
        if self.left == 0:
            return None
        got = self.inner.next_batch(n if self.left < 0 else min(n, self.left))
        if got is not None and self.left > 0:
            self.left -= got[1]
        return got

    def close(self):
        self.inner.close()


class SkipValue(runtime.DatasetValue):
    def __init__(self, inner, count):
        self.inner, self.count = inner, count

    def make(self):
        inner = self.inner.make()
        count = self.count
        while count != 0 and inner.next() is not None:
            count -= 1
        return inner


# -- concatenate / zip ----------------------------------------------------------------------------
class ConcatenateValue(runtime.DatasetValue):
    def __init__(self, first, second):
        self.first, self.second = first, second

    def make(self):
        return ConcatenateIterator(self.first.make(), self.second)


class ConcatenateIterator(runtime.ElementIterator):
    def __init__(self, current, second):
        self.current, self.second = current, second

    def next(self):
        item = self.current.next()
        if item is None and self.second is not None:
            self.current.close()
            self.current, self.second = self.second.make(), None
            item = self.current.next()
        return item

    def close(self):
        self.current.close()


class ZipValue(runtime.DatasetValue):
    def __init__(self, inputs):
        self.inputs = inputs

    def make(self):
        return ZipIterator([d.make() for d in self.inputs])


class ZipIterator(runtime.ElementIterator):
    """Elements of each input side by side, until the shortest ends."""

    def __init__(self, inners):
        self.inners = inners

    def next(self):
        out = ()
        for inner in self.inners:
            item = inner.next()
            if item is None:
                return None
            out += tuple(item)
        return out

    def close(self):
        for inner in self.inners:
            inner.close()


# -- cache ----------------------------------------------------------------------------------------
class CacheValue(runtime.DatasetValue):
    """The input's elements, read once: the first full pass fills the cache, later passes
    replay it (a pass that stops early caches nothing)."""

    def __init__(self, inner):
        self.inner = inner
        self.cached = None

    def make(self):
        if self.cached is not None:
            return ReplayIterator(self.cached)
        return CachingIterator(self)


class CachingIterator(runtime.ElementIterator):
    def __init__(self, owner):
        self.owner, self.inner, self.items = owner, owner.inner.make(), []

    def next(self):
        item = self.inner.next()
        if item is None:
            if self.items is not None and self.owner.cached is None:
                self.owner.cached = self.items
            self.items = None
            return None
        if self.items is not None:
            self.items.append(item)
        return item

    def close(self):
        self.inner.close()


class ReplayIterator(runtime.ElementIterator):
    def __init__(self, items):
        self.items, self.pos = items, 0

    def next(self):
        if self.pos >= len(self.items):
            return None
        self.pos += 1
        return self.items[self.pos - 1]


def _count_kernel(cls):
    return lambda op, state: (lambda inner, count: cls(inner, runtime.scalar(count)))


def _zip_factory(op, state):
    return lambda *inputs: ZipValue(inputs)


register_dataset_op("RepeatDataset", ["input_dataset: variant", "count: int64"], _count_kernel(RepeatValue))
register_dataset_op("TakeDataset", ["input_dataset: variant", "count: int64"], _count_kernel(TakeValue))
register_dataset_op("SkipDataset", ["input_dataset: variant", "count: int64"], _count_kernel(SkipValue))
register_dataset_op("ConcatenateDataset", ["input_dataset: variant", "another_dataset: variant"],
                    lambda op, state: ConcatenateValue)
register_dataset_op("ZipDataset", [Arg("input_datasets", dtype=dtypes.variant, number_attr="N")],
                    _zip_factory)
def _cache_factory(op, state):
    def kernel(inner, filename):
        filename = np.asarray(filename).item().decode("utf-8")
        if not filename:
            return CacheValue(inner)
        from scopeflow._src.data.file_cache import FileCacheValue  # loaded on first use: the checkpoint bundles

        return FileCacheValue(inner, filename, op._attrs["output_types"])
    return kernel


register_dataset_op("CacheDataset", ["input_dataset: variant", "filename: string"], _cache_factory)
register_dataset_op("RewriteDataset", ["input_dataset: variant", "rewrite_name: string"],
                    lambda op, state: lambda inner, rewrite_name: inner, metadata=False)


# -- graph builders ----------------------------------------------------------------------------
def count_op(op_type, dataset, count, name=None):
    """``RepeatDataset``/``TakeDataset``/``SkipDataset`` of ``dataset`` with ``count``."""
    return add_dataset_op(op_type, [dataset._variant_tensor, int64_input(count, "count")],
                          dataset._structure.attrs(), name)


def concatenate(first, second, name=None):
    a, b = first._structure, second._structure
    if a.types != b.types or not structure_lib.same_nesting(a.template, b.template):
        raise TypeError(f"Incompatible dataset elements:\n  {structure_lib.spec_text(a)} vs.   "
                        f"{structure_lib.spec_text(b)}")
    shapes = [x.most_specific_compatible_shape(y) for x, y in zip(a.shapes, b.shapes)]
    structure = a.with_shapes(shapes)
    return add_dataset_op("ConcatenateDataset", [first._variant_tensor, second._variant_tensor],
                          structure.attrs(), name), structure


def zip_datasets(datasets, is_dataset, name=None):
    """A ``ZipDataset`` of the datasets nested in ``datasets`` (tuples and dicts)."""
    flat = structure_lib.flatten(datasets)
    for d in flat:
        if isinstance(d, list):
            raise TypeError("Invalid input to `zip`. Inputs are expected to be (nested) structures of "
                            "`tf.data.Dataset` objects. Python `list` is not supported and you should use `tuple` "
                            "instead.")
        if not is_dataset(d):
            raise TypeError(f"Invalid input to `zip`. Inputs are expected to be (nested) structures of "
                            f"`tf.data.Dataset` objects but encountered object of type {type(d)}.")
    template = _expand(datasets)
    types = [t for d in flat for t in d._structure.types]
    shapes = [s for d in flat for s in d._structure.shapes]
    classes = [c for d in flat for c in d._structure.classes]
    structure = structure_lib.Structure(template, types, shapes, classes)
    attrs = {**structure.attrs(), "N": len(flat)}
    return add_dataset_op("ZipDataset", [d._variant_tensor for d in flat], attrs, name), structure


def _expand(datasets):
    """``datasets`` with each dataset replaced by its element's nesting."""
    if isinstance(datasets, tuple) or isinstance(datasets, dict):
        return structure_lib.pack(datasets, [_expand_one(d) for d in structure_lib.flatten(datasets)])
    return _expand_one(datasets)


def _expand_one(dataset):
    template = dataset._structure.template
    return 0 if template is None else structure_lib.map_structure(lambda leaf: 0, template)


def cache(dataset, filename, name=None):
    return add_dataset_op("CacheDataset", [dataset._variant_tensor, string_input(filename, "filename")],
                          dataset._structure.attrs(), name)


def rewrite(dataset, rewrite_name):
    """TF's ``apply_rewrite``: a ``RewriteDataset`` (the rewrite itself changes nothing here)."""
    graph = dataset._variant_tensor.graph
    name = graph._op_name(None, "RewriteDataset")
    with name_scope(name + "/"):
        name_tensor = string_input(rewrite_name, "rewrite_name")
    return add_dataset_op("RewriteDataset", [dataset._variant_tensor, name_tensor], dataset._structure.attrs(),
                          name + "/")

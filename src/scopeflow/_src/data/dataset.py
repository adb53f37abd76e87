"""``tf.data.Dataset`` (TF1's ``DatasetV1``): a graph tensor (the dataset op's variant output)
with the structure of its elements. Each method adds the nodes TensorFlow adds; the modules
named in each method hold the op types, what they do in a session and the graph builders.

>>> import scopeflow as tf
>>> with tf.Graph().as_default():
...     ds = tf.data.Dataset.from_tensor_slices(([1, 2, 3], [4.0, 5.0, 6.0])).map(lambda a, b: (a * 2, b)).batch(2)
...     print(ds.output_types, ds.output_shapes)
...     nxt = tf.data.make_one_shot_iterator(ds).get_next()
...     with tf.Session() as sess:
...         print([v.tolist() for v in sess.run(nxt)])
(tf.int32, tf.float32) (TensorShape([Dimension(None)]), TensorShape([Dimension(None)]))
[[2, 4], [4.0, 5.0]]
"""

from __future__ import annotations

import numpy as np

from scopeflow._src.data import (
    batching,
    filtering,
    function_builders,
    prefetch,
    shuffling,
    sources,
    transforms,
)
from scopeflow._src.data.iterator import Iterator
from scopeflow._src.data.iterator_ops import IteratorResource  # noqa: F401 - registers the iterator op types
from scopeflow._src.data.structure import HasStructure
from scopeflow._src.framework import context, dtypes
from scopeflow._src.framework.tensor_shape import TensorShape


class Dataset(HasStructure):
    """A sequence of elements, each a nested structure (tuples, dicts, namedtuples) of tensors."""

    def __init__(self, variant_tensor, structure):
        self._variant_tensor = variant_tensor
        self._structure = structure

    # -- sources --------------------------------------------------------------------------------
    @staticmethod
    def from_tensor_slices(tensors, name=None) -> "Dataset":
        """One element per row (first dimension) of ``tensors``.

        >>> import scopeflow as tf
        >>> with tf.Graph().as_default():
        ...     ds = tf.data.Dataset.from_tensor_slices({"x": [[1, 2], [3, 4]], "y": ["a", "b"]})
        ...     print(ds.output_types, ds.output_shapes)
        {'x': tf.int32, 'y': tf.string} {'x': TensorShape([Dimension(2)]), 'y': TensorShape([])}
        """
        return Dataset(*sources.tensor_slices(tensors, name=name))

    @staticmethod
    def from_tensors(tensors, name=None) -> "Dataset":
        """A single element: ``tensors``."""
        return Dataset(*sources.tensors(tensors, name=name))

    @staticmethod
    def range(*args, output_type=dtypes.int64, name=None) -> "Dataset":
        """``range(stop)``, ``range(start, stop[, step])`` as int64 scalars."""
        return Dataset(*sources.range_dataset(args, output_type, name))

    @staticmethod
    def zip(datasets, name=None) -> "Dataset":
        """Elements of the nested ``datasets`` side by side, nested as ``datasets``."""
        return Dataset(*transforms.zip_datasets(datasets, _is_dataset, name))

    @staticmethod
    def from_generator(generator, output_types=None, output_shapes=None, args=None, output_signature=None,
                       name=None) -> "Dataset":
        """Elements produced by calling ``generator(*args)`` in the session (a Python iterable)."""
        from scopeflow._src.data import generator as generator_lib  # loaded on first use: the PyFunc op

        return generator_lib.from_generator(Dataset, generator, output_types, output_shapes, args, output_signature)

    @staticmethod
    def list_files(file_pattern, shuffle=None, seed=None, name=None) -> "Dataset":
        """The file names matching ``file_pattern`` (a glob, or several), sorted unless shuffled."""
        from scopeflow._src.data import readers  # loaded on first use: file datasets

        return readers.list_files(file_pattern, shuffle, seed)

    # -- transformations ------------------------------------------------------------------------
    def map(self, map_func, num_parallel_calls=None, deterministic=None, name=None) -> "Dataset":
        """``map_func`` applied to each element (traced once into a graph function; a tuple
        element is passed as separate arguments).

        >>> import scopeflow as tf
        >>> with tf.Graph().as_default():
        ...     ds = tf.data.Dataset.range(3).map(lambda x: (x, tf.cast(x, tf.float32) / 2))
        ...     nxt = tf.data.make_one_shot_iterator(ds).get_next()
        ...     with tf.Session() as sess:
        ...         print([sess.run(nxt)[1] for _ in range(3)])
        [np.float32(0.0), np.float32(0.5), np.float32(1.0)]
        """
        return Dataset(*function_builders.map_dataset(self, map_func, num_parallel_calls, deterministic, name))

    def flat_map(self, map_func, name=None) -> "Dataset":
        """The elements of the dataset ``map_func`` returns for each element, one after another."""
        return Dataset(*function_builders.flat_map(self, map_func, _is_dataset, name))

    def interleave(self, map_func, cycle_length=None, block_length=None, num_parallel_calls=None,
                   deterministic=None, name=None) -> "Dataset":
        """Elements of ``cycle_length`` datasets from ``map_func`` in turn, ``block_length`` at a time."""
        return Dataset(*function_builders.interleave(self, map_func, cycle_length, block_length, _is_dataset,
                                                     num_parallel_calls, deterministic, name))

    def filter(self, predicate, name=None) -> "Dataset":
        """The elements for which ``predicate`` gives ``True``."""
        return Dataset(function_builders.filter_dataset(self, predicate, name), self._structure)

    def batch(self, batch_size, drop_remainder=False, num_parallel_calls=None, deterministic=None,
              name=None) -> "Dataset":
        """Consecutive elements stacked ``batch_size`` at a time (the batch dimension is static
        only with ``drop_remainder=True``).

        >>> import scopeflow as tf
        >>> with tf.Graph().as_default():
        ...     print(tf.data.Dataset.range(5).batch(2).output_shapes,
        ...           tf.data.Dataset.range(5).batch(2, drop_remainder=True).output_shapes)
        (?,) (2,)
        """
        return Dataset(*batching.batch(self, batch_size, drop_remainder, num_parallel_calls, deterministic, name))

    def padded_batch(self, batch_size, padded_shapes=None, padding_values=None, drop_remainder=False,
                     name=None) -> "Dataset":
        """Batches whose components are padded to ``padded_shapes`` (-1/None: the batch's longest)."""
        return Dataset(*batching.padded_batch(self, batch_size, padded_shapes, padding_values, drop_remainder,
                                              name))

    def unbatch(self, name=None) -> "Dataset":
        """Each element's rows as elements (after TF's ``normalize_to_dense`` map, which passes
        dense components on)."""
        dense = self.map(lambda *components: components if len(components) > 1 else components[0])
        return Dataset(*batching.unbatch(dense, name))

    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=None, name=None) -> "Dataset":
        """The elements in random order, drawn from a buffer of ``buffer_size`` (with a seed, the
        same order each run: scopeflow's own, not TensorFlow's).

        >>> import scopeflow as tf
        >>> with tf.Graph().as_default():
        ...     nxt = tf.data.make_one_shot_iterator(tf.data.Dataset.range(4).shuffle(4, seed=1)).get_next()
        ...     with tf.Session() as sess:
        ...         print(sorted(int(sess.run(nxt)) for _ in range(4)))
        [0, 1, 2, 3]
        """
        return Dataset(shuffling.shuffle(self, buffer_size, seed, reshuffle_each_iteration, name), self._structure)

    def repeat(self, count=None, name=None) -> "Dataset":
        """The elements ``count`` times (forever when ``None`` or -1)."""
        return self._count_op("RepeatDataset", -1 if count is None else count, name)

    def take(self, count, name=None) -> "Dataset":
        """The first ``count`` elements (all when -1)."""
        return self._count_op("TakeDataset", count, name)

    def skip(self, count, name=None) -> "Dataset":
        """All but the first ``count`` elements (none when -1)."""
        return self._count_op("SkipDataset", count, name)

    def _count_op(self, op_type, count, name):
        return Dataset(transforms.count_op(op_type, self, count, name), self._structure)

    def shard(self, num_shards, index, name=None) -> "Dataset":
        """Every ``num_shards``-th element, from the ``index``-th."""
        return Dataset(filtering.shard(self, num_shards, index, name), self._structure)

    def prefetch(self, buffer_size, name=None) -> "Dataset":
        """The elements, computed ahead by a thread (``buffer_size`` of them)."""
        with self._variant_tensor.graph.colocate_with(self._variant_tensor.op):
            return Dataset(prefetch.prefetch(self, buffer_size, name), self._structure)

    def cache(self, filename="", name=None) -> "Dataset":
        """The elements, computed once and replayed by later passes: in memory, or with a
        ``filename`` in TensorFlow's cache files, which later pipelines (and TensorFlow) read
        instead of their input (``file_cache.py``)."""
        return Dataset(transforms.cache(self, filename, name), self._structure)

    def concatenate(self, dataset, name=None) -> "Dataset":
        """This dataset's elements, then ``dataset``'s."""
        return Dataset(*transforms.concatenate(self, dataset, name))

    def enumerate(self, start=0, name=None) -> "Dataset":
        """``(index, element)`` pairs, the index counting from ``start``."""
        counter = Dataset.range(start, np.iinfo(np.int64).max, name=name)
        counter = Dataset(transforms.rewrite(counter, "replicate_on_split"), counter._structure)
        return Dataset.zip((counter, self), name=name)

    def scan(self, initial_state, scan_func, name=None) -> "Dataset":
        """The outputs of ``scan_func(state, element) -> (new_state, output)``, the state starting
        at ``initial_state`` and carried from element to element."""
        from scopeflow._src.data import scanning  # loaded on first use: stateful transformations

        return Dataset(*scanning.scan(self, initial_state, scan_func, name))

    def reduce(self, initial_state, reduce_func, name=None):
        """The state after ``state = reduce_func(state, element)`` for every element, from
        ``initial_state``: tensors (nested as ``initial_state``) computed when a session runs them."""
        from scopeflow._src.data import scanning  # loaded on first use: stateful transformations

        return scanning.reduce(self, initial_state, reduce_func, name)

    def window(self, size, shift=None, stride=1, drop_remainder=False, name=None) -> "Dataset":
        """Windows of ``size`` elements (every ``stride``-th), one starting every ``shift``
        elements; each window component is a dataset (``flat_map(lambda w: w.batch(size))``)."""
        from scopeflow._src.data import windowing  # loaded on first use: windows of elements

        return Dataset(*windowing.window(self, size, shift, stride, drop_remainder, name, Dataset))

    def apply(self, transformation_func) -> "Dataset":
        """``transformation_func(self)``, which must return a dataset."""
        dataset = transformation_func(self)
        if not _is_dataset(dataset):
            raise TypeError(f"`transformation_func` must return a `tf.data.Dataset` object. Got {type(dataset)}.")
        return dataset

    # -- iterators ------------------------------------------------------------------------------
    def make_one_shot_iterator(self) -> Iterator:
        """An iterator that starts by itself on first use (no placeholders in the dataset)."""
        from scopeflow._src.data.one_shot import make_one_shot_iterator  # one_shot builds on this module

        return make_one_shot_iterator(self)

    def make_initializable_iterator(self, shared_name=None) -> Iterator:
        """An iterator started (again) by running its ``initializer``."""
        return make_initializable_iterator(self, shared_name)

    def __iter__(self):
        raise RuntimeError("`tf.data.Dataset` only supports Python-style iteration in eager mode or within "
                           "tf.function.")

    def __repr__(self):
        return f"<{type(self).__name__} shapes: {self.output_shapes}, types: {self.output_types}>"


def _is_dataset(value) -> bool:
    return isinstance(value, Dataset)


def make_initializable_iterator(dataset, shared_name=None) -> Iterator:
    """``tf.data.make_initializable_iterator(dataset, shared_name)``."""
    graph = context.default_graph()
    structure = dataset._structure
    with graph.colocate_with(dataset._variant_tensor.op):
        attrs = {"container": "", "shared_name": shared_name or "", **structure.attrs()}
        resource = graph._add_op("IteratorV2", graph._op_name(None, "IteratorV2"), [], attrs,
                                 [(dtypes.resource, TensorShape([]))])._outputs[0]
        initializer = graph._add_op("MakeIterator", graph._op_name(None, "MakeIterator"),
                                    [dataset._variant_tensor, resource], {}, [])
        return Iterator(resource, initializer, structure.output_types, structure.output_shapes,
                        structure.output_classes)


def _structure_of(dataset_or_iterator):
    if not isinstance(dataset_or_iterator, (Dataset, Iterator)):
        raise TypeError(f"Invalid `dataset_or_iterator`. `dataset_or_iterator` must be a `tf.data.Dataset` or "
                        f"tf.data.Iterator object, but got {type(dataset_or_iterator)}.")
    return dataset_or_iterator._structure


def get_output_types(dataset_or_iterator):
    """``tf.compat.v1.data.get_output_types``: the element's dtypes, nested as the element."""
    return _structure_of(dataset_or_iterator).output_types


def get_output_shapes(dataset_or_iterator):
    """``tf.compat.v1.data.get_output_shapes``: the element's static shapes, nested as the element."""
    return _structure_of(dataset_or_iterator).output_shapes


def get_output_classes(dataset_or_iterator):
    """``tf.compat.v1.data.get_output_classes``: ``tf.Tensor`` for each component."""
    return _structure_of(dataset_or_iterator).output_classes

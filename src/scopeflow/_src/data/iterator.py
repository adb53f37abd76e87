"""``tf.data.Iterator`` (TF1): the graph side of an iterator, as TensorFlow builds it.

An iterator is an ``IteratorV2`` (or ``OneShotIterator``, or ``IteratorFromStringHandleV2``)
op whose resource ``MakeIterator`` starts on a dataset and ``IteratorGetNext`` reads from;
``iterator_ops.py`` holds the op types and what they do in a session. Every iterator also
gets an ``IteratorToStringHandle`` (its ``string_handle()``) and joins the graph's
``"iterators"`` collection, as in TensorFlow.
"""

from __future__ import annotations

from scopeflow._src.data import iterator_ops  # noqa: F401 - registers the iterator op types
from scopeflow._src.data import structure as structure_lib
from scopeflow._src.data.graph_build import COMPONENTS
from scopeflow._src.framework import context, dtypes, nest
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.tensor_shape import TensorShape

GLOBAL_ITERATORS = "iterators"
_SCALAR = TensorShape([])


def _add(op_type, inputs, attrs, outputs, name=None):
    graph = context.default_graph()
    return graph._add_op(op_type, graph._op_name(name, op_type), list(inputs), attrs, outputs)


class Iterator(structure_lib.HasStructure):
    """Iterates over a dataset in a session: ``get_next()`` is the next element's tensors.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     it = tf.data.Dataset.range(3).make_initializable_iterator()
    ...     nxt = it.get_next()
    ...     with tf.Session() as sess:
    ...         sess.run(it.initializer)
    ...         print(nxt.name, [int(sess.run(nxt)) for _ in range(3)])
    IteratorGetNext:0 [0, 1, 2]
    """

    def __init__(self, iterator_resource, initializer, output_types, output_shapes, output_classes):
        if output_types is None or output_shapes is None or output_classes is None:
            raise ValueError(f"All of `output_types`, `output_shapes`, and `output_classes` must be specified to "
                             f"create an iterator. Got `output_types` = {output_types!r}, `output_shapes` = "
                             f"{output_shapes!r}, `output_classes` = {output_classes!r}.")
        self._iterator_resource = iterator_resource
        self._initializer = initializer
        self._structure = structure_lib.legacy_structure(output_types, output_shapes, output_classes)
        self._string_handle = _add("IteratorToStringHandle", [iterator_resource], {},
                                   [(dtypes.string, _SCALAR)])._outputs[0]
        self._get_next_call_count = 0
        iterator_resource.graph.add_to_collection(GLOBAL_ITERATORS, iterator_resource)

    @staticmethod
    def from_structure(output_types, output_shapes=None, shared_name=None, output_classes=None) -> "Iterator":
        """An iterator for any dataset of this structure, started by ``make_initializer(dataset)``."""
        structure = structure_lib.legacy_structure(output_types, output_shapes, output_classes)
        attrs = {"container": "", "shared_name": shared_name or "", **structure.attrs()}
        resource = _add("IteratorV2", [], attrs, [(dtypes.resource, _SCALAR)])._outputs[0]
        return Iterator(resource, None, structure.output_types, structure.output_shapes, structure.output_classes)

    @staticmethod
    def from_string_handle(string_handle, output_types, output_shapes=None, output_classes=None) -> "Iterator":
        """An iterator reading from whichever iterator's ``string_handle()`` is fed."""
        structure = structure_lib.legacy_structure(output_types, output_shapes, output_classes)
        handle = convert_to_tensor(string_handle, dtype=dtypes.string)
        resource = _add("IteratorFromStringHandleV2", [handle], structure.attrs(),
                        [(dtypes.resource, _SCALAR)])._outputs[0]
        return Iterator(resource, None, structure.output_types, structure.output_shapes, structure.output_classes)

    @property
    def initializer(self):
        """The op that (re)starts this iterator."""
        if self._initializer is not None:
            return self._initializer
        raise ValueError("The iterator does not have an initializer. This means it was likely created using "
                         "`tf.data.Dataset.make_one_shot_iterator()`. For an initializable iterator, use "
                         "`tf.data.Dataset.make_initializable_iterator()` instead.")

    def make_initializer(self, dataset, name=None):
        """An op that starts this iterator on ``dataset`` (of a compatible structure)."""
        with name_scope(name, "make_initializer") as scope:
            theirs, mine = dataset._structure, self._structure
            try:
                nest.assert_same_structure(mine.output_types, theirs.output_types)
                nest.assert_same_structure(mine.output_shapes, theirs.output_shapes)
            except ValueError as e:  # tf.data's nest says no more than this
                raise ValueError(str(e).split("\nEntire first structure")[0]) from None
            if any(a is not b for a, b in zip(mine.classes, theirs.classes)):
                raise TypeError(f"Expected output classes {self.output_classes!r} but got dataset with output "
                                f"classes {theirs.output_classes!r}.")
            if mine.types != theirs.types:
                raise TypeError(f"Expected output types {self.output_types!r} but got dataset with output types "
                                f"{theirs.output_types!r}.")
            if not all(a.is_compatible_with(b) for a, b in zip(mine.shapes, theirs.shapes)):
                raise TypeError(f"Expected output shapes compatible with {self.output_shapes!r} but got dataset "
                                f"with output shapes {theirs.output_shapes!r}.")
        graph = self._iterator_resource.graph
        with graph.colocate_with(self._iterator_resource.op):
            return _add("MakeIterator", [dataset._variant_tensor, self._iterator_resource], {}, [], scope)

    def get_next(self, name=None):
        """The next element's tensors (``IteratorGetNext``), nested as the dataset's elements."""
        self._get_next_call_count += 1
        structure = self._structure
        attrs = {**structure.attrs(), COMPONENTS: len(structure)}
        outputs = list(zip(structure.flat_types, structure.flat_shapes))
        with self._iterator_resource.graph.colocate_with(self._iterator_resource.op):
            op = _add("IteratorGetNext", [self._iterator_resource], attrs, outputs, name)
            return structure.pack(structure.from_tensors(op._outputs))

    def string_handle(self, name=None):
        """A string naming this iterator, to feed a ``from_string_handle`` iterator."""
        if name is None:
            return self._string_handle
        return _add("IteratorToStringHandle", [self._iterator_resource], {}, [(dtypes.string, _SCALAR)],
                    name)._outputs[0]

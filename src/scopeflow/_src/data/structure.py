"""The structure of a dataset's elements: nested tuples, dicts and namedtuples of components.

tf.data sees nesting differently from ``tf.nest``: a tuple (namedtuples included) or a mapping
is a structure, but a Python *list* is one component, converted to a tensor
(``from_tensor_slices([[1, 2], [3, 4]])`` has one component of shape ``(2,)``). A ``Structure``
keeps the nesting once (a template whose leaves are ignored) and each component's dtype, static
shape and class in flat lists, in TensorFlow's flattening order (mappings by sorted key); the
graph's dataset ops carry the flat lists as their ``output_types``/``output_shapes``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from scopeflow._src.data import sparse
from scopeflow._src.framework import dtypes
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.default_graph import name_scope
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import TensorShape, as_shape
from scopeflow._src.framework.tensor_spec import SparseTensorSpec, TensorSpec, TypeSpec

_UNKNOWN = TensorShape(None)
_SCALAR = TensorShape([])


def is_structure(value) -> bool:
    """Whether tf.data nests into ``value``: tuples and mappings (lists are components)."""
    return isinstance(value, (tuple, Mapping))


def flatten(value) -> list:
    """The components of ``value`` in TensorFlow's order (mappings by sorted key).

    >>> flatten(({"b": 2, "a": 1}, [3, 4]))
    [1, 2, [3, 4]]
    """
    if isinstance(value, tuple):
        return [leaf for item in value for leaf in flatten(item)]
    if isinstance(value, Mapping):
        return [leaf for key in sorted(value) for leaf in flatten(value[key])]
    return [value]


def pack(template, flat) -> object:
    """``template``'s nesting with the leaves of ``flat`` (an iterable), in order."""
    return _pack(template, iter(flat))


def _pack(template, leaves):
    if isinstance(template, tuple):
        items = [_pack(item, leaves) for item in template]
        return type(template)(*items) if hasattr(template, "_fields") else tuple(items)
    if isinstance(template, Mapping):
        packed = {key: _pack(template[key], leaves) for key in sorted(template)}
        return type(template)((key, packed[key]) for key in template)
    return next(leaves)


def map_structure(fn, template) -> object:
    """``fn`` applied to each leaf of ``template``, in the same nesting."""
    return pack(template, [fn(leaf) for leaf in flatten(template)])


def same_nesting(a, b) -> bool:
    """Whether ``a`` and ``b`` nest the same way (types of sequences, keys, lengths)."""
    if isinstance(a, tuple) or isinstance(b, tuple):
        return (isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b)
                and hasattr(a, "_fields") == hasattr(b, "_fields") and all(map(same_nesting, a, b)))
    if isinstance(a, Mapping) or isinstance(b, Mapping):
        return (isinstance(a, Mapping) and isinstance(b, Mapping) and sorted(a) == sorted(b)
                and all(same_nesting(a[k], b[k]) for k in a))
    return True


class HasStructure:
    """TF1's ``output_types``/``output_shapes``/``output_classes`` of a dataset or iterator,
    read from its ``_structure``."""

    @property
    def output_types(self):
        """The dtype of each component, nested as the elements."""
        return self._structure.output_types

    @property
    def output_shapes(self):
        """The static shape of each component, nested as the elements."""
        return self._structure.output_shapes

    @property
    def output_classes(self):
        """``tf.Tensor`` for each component, nested as the elements."""
        return self._structure.output_classes

    @property
    def element_spec(self):
        """A ``tf.TensorSpec`` (``tf.SparseTensorSpec``) for each component, nested as the elements.

        >>> import scopeflow as tf
        >>> with tf.Graph().as_default():
        ...     tf.data.Dataset.from_tensor_slices({"x": [[1.0]], "n": ["a"]}).element_spec["x"]
        TensorSpec(shape=(1,), dtype=tf.float32, name=None)
        """
        given = getattr(self, "_element_spec", None)  # from_generator's output_signature
        return self._structure.element_spec if given is None else given


class DatasetArg:
    """A component that is itself a dataset (``group_by_window``'s window, given to its
    ``reduce_func``; each component of ``window``'s elements): carried as a scalar ``variant``;
    ``wrap(tensor)`` is the ``Dataset``."""

    def __init__(self, structure, wrap):
        self.structure, self.wrap = structure, wrap

    @property
    def spec(self) -> "DatasetSpec":
        return DatasetSpec(self.structure.element_spec)


class DatasetSpec(TypeSpec):
    """``tf.data.DatasetSpec``: a component that is a dataset, as TF1's ``output_types``,
    ``output_shapes``, ``output_classes`` and ``element_spec`` all show it (``window``'s).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     spec = tf.data.Dataset.range(3).window(2).element_spec
    ...     print(spec, spec == tf.data.DatasetSpec(tf.TensorSpec([], tf.int64)))
    DatasetSpec(TensorSpec(shape=(), dtype=tf.int64, name=None), TensorShape([])) True
    """

    __slots__ = ("_element_spec", "_dataset_shape")

    def __init__(self, element_spec, dataset_shape=()):
        self._element_spec, self._dataset_shape = element_spec, as_shape(dataset_shape)

    @property
    def element_spec(self):
        """The spec of the dataset's elements."""
        return self._element_spec

    def __eq__(self, other):
        return (type(other) is DatasetSpec and self._element_spec == other._element_spec
                and self._dataset_shape == other._dataset_shape)

    def __hash__(self):
        return hash(repr(self))

    def __repr__(self):
        return f"DatasetSpec({self._element_spec!r}, {self._dataset_shape!r})"


class Structure:
    """An element's nesting with each component's dtype, static shape and class."""

    __slots__ = ("template", "types", "shapes", "classes")

    def __init__(self, template, types, shapes, classes=None):
        self.template = template
        self.types = list(types)
        self.shapes = [as_shape(s) for s in shapes]
        self.classes = list(classes) if classes is not None else [Tensor] * len(self.types)

    @classmethod
    def of_tensors(cls, template, tensors) -> "Structure":
        """The structure of ``tensors`` (flat), nested as ``template``."""
        return cls(template, [t.dtype.base_dtype for t in tensors], [t.shape for t in tensors])

    def __len__(self):
        return len(self.types)

    def from_tensors(self, tensors) -> list:
        """The components carried by ``tensors`` (a sparse one deserialized)."""
        return [sparse.from_variant(t, dtype, shape) if c is SparseTensor else c.wrap(t) if isinstance(c, DatasetArg)
                else t for t, dtype, shape, c in zip(tensors, self.types, self.shapes, self.classes)]

    def pack(self, flat):
        """Flat values nested as this structure's elements."""
        return pack(self.template, flat)

    def with_shapes(self, shapes) -> "Structure":
        return Structure(self.template, self.types, shapes, self.classes)

    @property
    def output_types(self):
        return self.pack(self._or_dataset_specs(self.types))

    @property
    def output_shapes(self):
        return self.pack(self._or_dataset_specs(self.shapes))

    @property
    def output_classes(self):
        return self.pack(self._or_dataset_specs(self.classes))

    def _or_dataset_specs(self, flat) -> list:
        """``flat`` with a ``DatasetSpec`` for each component that is a dataset, as TF shows them."""
        return [c.spec if isinstance(c, DatasetArg) else x for x, c in zip(flat, self.classes)]

    @property
    def element_spec(self):
        return self.pack(SparseTensorSpec(s, t) if c is SparseTensor else c.spec if isinstance(c, DatasetArg)
                         else TensorSpec(s, t) for t, s, c in zip(self.types, self.shapes, self.classes))

    @property
    def flat_types(self) -> list:
        """The dtypes of the tensors that carry the components: a sparse one is a ``variant``."""
        return [dtypes.variant if c is SparseTensor or isinstance(c, DatasetArg) else t
                for t, c in zip(self.types, self.classes)]

    @property
    def flat_shapes(self) -> list:
        return [_UNKNOWN if c is SparseTensor else _SCALAR if isinstance(c, DatasetArg) else s
                for s, c in zip(self.shapes, self.classes)]

    def attrs(self, types_attr: str = "output_types") -> dict:
        """The ``output_types``/``output_shapes`` attributes of a dataset op with this element."""
        return {types_attr: self.flat_types, "output_shapes": self.flat_shapes}

    def __repr__(self):
        return f"Structure({self.output_types!r}, {self.output_shapes!r})"


def normalize_element(element, batched: bool = False) -> tuple[Structure, list]:
    """``element`` (nested Python values and tensors) as tensors: TensorFlow's ``normalize_element``,
    which converts each component under ``normalize_element/component_<i>``; a ``SparseTensor``
    becomes a variant (one per row when ``batched``: ``from_tensor_slices``)."""
    flat = [] if element is None else flatten(element)
    tensors = []
    with name_scope("normalize_element"):
        for i, value in enumerate(flat):
            tensors.append(value if isinstance(value, (Tensor, SparseTensor)) else
                           convert_to_tensor(value, name=f"component_{i}"))
    return components_of(element, tensors, batched)


def components_of(template, values, batched: bool = False) -> tuple[Structure, list]:
    """The structure of ``values`` (tensors and sparse tensors, flat), nested as ``template``,
    and the tensors that carry them."""
    types, shapes, classes, tensors = [], [], [], []
    for value in values:
        if isinstance(value, SparseTensor):
            types.append(value.dtype.base_dtype)
            shapes.append(sparse.static_shape(value))
            classes.append(SparseTensor)
            tensors.append(sparse.to_variant(value, batched))
        else:
            types.append(value.dtype.base_dtype)
            shapes.append(value.shape)
            classes.append(Tensor)
            tensors.append(value)
    return Structure(template, types, shapes, classes), tensors


def legacy_structure(output_types, output_shapes=None, output_classes=None) -> Structure:
    """An iterator's structure from TF1's ``output_types``/``output_shapes``/``output_classes``
    (shapes default to unknown, classes to ``tf.Tensor``)."""
    types = map_structure(dtypes.as_dtype, output_types)
    flat_types = flatten(types)
    if output_shapes is None:
        flat_shapes = [TensorShape(None)] * len(flat_types)
    else:
        flat_shapes = [as_shape(s) for s in flatten_up_to(types, output_shapes)]
    flat_classes = None if output_classes is None else flatten_up_to(types, output_classes)
    return Structure(types, flat_types, flat_shapes, flat_classes)


def flatten_up_to(template, value) -> list:
    """``value``'s parts at the leaves of ``template`` (a leaf of ``template`` may match a list
    in ``value``: a shape given as ``[2, 3]``)."""
    if is_structure(template) and not isinstance(value, tuple if isinstance(template, tuple) else Mapping):
        raise TypeError(f"If shallow structure is a sequence, input must also be a sequence. Input has type: "
                        f"'{type(value).__name__}'.")
    if is_structure(template):
        if len(value) != len(template):
            raise ValueError(f"The two structures don't have the same sequence length. Input structure has length "
                             f"{len(value)}, while shallow structure has length {len(template)}.")
    if isinstance(template, tuple):
        return [leaf for t, v in zip(template, value) for leaf in flatten_up_to(t, v)]
    if isinstance(template, Mapping):
        if sorted(value) != sorted(template):
            raise ValueError(f"The two structures don't have the same keys. Input structure has keys "
                             f"{sorted(value)}, while shallow structure has keys {sorted(template)}.")
        return [leaf for k in sorted(template) for leaf in flatten_up_to(template[k], value[k])]
    return [value]


def spec_text(structure) -> str:
    """The element as TensorFlow prints its ``element_spec`` (``TensorSpec(shape=(), ...)``)."""
    specs = [f"TensorSpec(shape={_shape_text(s)}, dtype=tf.{t.name}, name=None)"
             for t, s in zip(structure.types, structure.shapes)]
    return str(structure.pack(_Text(s) for s in specs))


class _Text(str):
    __slots__ = ()

    def __repr__(self):
        return str(self)


def _shape_text(shape) -> str:
    if shape.ndims is None:
        return "<unknown>"
    dims = ["None" if d is None else str(d) for d in shape.as_list()]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


def numpy_dtype(dtype) -> np.dtype:
    """The NumPy dtype of a component of ``dtype`` (strings as objects holding ``bytes``)."""
    return np.dtype(object) if dtype.base_dtype == dtypes.string else np.dtype(dtype.as_numpy_dtype)

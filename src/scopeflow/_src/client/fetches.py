"""``Session.run`` fetch structures: flattening to graph elements, and rebuilding results.

As in TensorFlow, a fetch is a graph element (a ``Tensor``, an ``Operation``, a variable,
or a name) or a list, tuple, namedtuple, dict (any ``Mapping``; ``defaultdict`` keeps its
factory) or ``attrs`` class of fetches, nested to any depth. The result has the same
structure with each tensor replaced by its value, each operation by ``None`` and each
``SparseTensor`` by a ``SparseTensorValue`` of its three tensors' values (an ``IndexedSlices``
by an ``IndexedSlicesValue``).
Duplicates are computed once.
"""

from __future__ import annotations

import collections
import functools
import operator
from collections.abc import Mapping

from scopeflow._src.framework import errors
from scopeflow._src.framework.indexed_slices import IndexedSlices, IndexedSlicesValue
from scopeflow._src.framework.operation import Operation, SymbolicTensor
from scopeflow._src.framework.sparse_tensor import SparseTensor, SparseTensorValue


class FetchStructure:
    """The unique elements of one fetch structure and a function rebuilding its results.

    ``tensors`` and ``ops`` are the unique fetched tensors and operations (first-seen
    order); ``build(values)`` takes one value per entry of ``tensors`` and returns the
    user's structure.
    """

    __slots__ = ("tensors", "ops", "build", "_elements", "_index")

    def __init__(self, graph, fetches):
        self._elements = []
        self._index = {}
        tree = self._walk(graph, fetches)
        self.tensors = [e for e in self._elements if type(e) is not Operation]
        self.ops = [e for e in self._elements if type(e) is Operation]
        position = {id(t): i for i, t in enumerate(self.tensors)}
        # Index of each element's value in ``values + (None,)``: operations give None.
        layout = [position.get(id(e), len(self.tensors)) for e in self._elements]
        self.build = _builder(tree, layout, len(self.tensors))
        del self._index

    def _walk(self, graph, fetch):
        if fetch is None:
            raise TypeError(f'Argument `fetch` = {fetch} has invalid type "{type(fetch).__name__}". Cannot be None')
        if isinstance(fetch, (list, tuple)):
            kind = type(fetch)
            parts = [self._walk(graph, f) for f in fetch]
            if issubclass(kind, list):
                return ("list", parts)
            if kind is tuple:
                return ("tuple", parts)
            return ("call", kind, parts)  # namedtuples (and other tuple subclasses)
        if isinstance(fetch, Mapping):
            if isinstance(fetch, collections.defaultdict):
                ctor = functools.partial(collections.defaultdict, fetch.default_factory)
            else:
                ctor = type(fetch)
            keys = list(fetch.keys())
            return ("mapping", ctor, keys, [self._walk(graph, fetch[k]) for k in keys])
        if isinstance(fetch, SparseTensor):  # its three tensors, returned as a SparseTensorValue
            parts = [self._leaf(graph, t) for t in (fetch.indices, fetch.values, fetch.dense_shape)]
            return ("call", SparseTensorValue, parts)
        if isinstance(fetch, IndexedSlices):  # an IndexedSlicesValue (dense_shape None when it has none)
            parts = [self._leaf(graph, t) for t in (fetch.values, fetch.indices, fetch.dense_shape) if t is not None]
            return ("call", _indexed_slices_value, parts)
        attrs = getattr(type(fetch), "__attrs_attrs__", None)
        if attrs is not None:
            return ("call", type(fetch), [self._walk(graph, getattr(fetch, a.name)) for a in attrs])
        return self._leaf(graph, fetch)

    def _leaf(self, graph, fetch) -> int:
        element = _element(graph, fetch)
        i = self._index.get(id(element))
        if i is None:
            i = self._index[id(element)] = len(self._elements)
            self._elements.append(element)
        return i


def _indexed_slices_value(values, indices, dense_shape=None):
    return IndexedSlicesValue(values, indices, dense_shape)


def _element(graph, fetch):
    kind = type(fetch)
    if (kind is SymbolicTensor or kind is Operation) and fetch.graph is graph:
        element = fetch
    else:
        try:
            element = graph.as_graph_element(fetch, allow_tensor=True, allow_operation=True)
        except TypeError as e:
            raise TypeError(f'Argument `fetch` = {fetch} has invalid type "{kind.__name__}" must be a string or '
                            f"Tensor. ({e})") from None
        except (ValueError, KeyError) as e:
            raise ValueError(f"Argument `fetch` = {fetch} cannot be interpreted as a Tensor. ({e})") from None
    op = element if type(element) is Operation else element.op
    if not graph.is_fetchable(op):
        raise errors.InaccessibleTensorError(
            f"Operation {op.name} has been marked as not fetchable. Typically this happens when it is defined in "
            "another function or code block. Use return values, explicit Python locals or TensorFlow collections to "
            "access it.")
    return element


def _builder(tree, layout, n_values):
    """A function ``values -> structure`` for ``tree``, specialised for the common shapes."""
    if isinstance(tree, int):
        j = layout[tree]
        if j == n_values:
            return lambda values: None
        return operator.itemgetter(j)
    if tree[0] in ("list", "tuple") and all(isinstance(p, int) for p in tree[1]):
        picks = [layout[p] for p in tree[1]]
        if picks == list(range(n_values)):  # distinct tensors, no operations: the values as they are
            return list if tree[0] == "list" else tuple
        if len(picks) == 1:
            j = picks[0]
            if tree[0] == "list":
                return lambda values: [(*values, None)[j]]
            return lambda values: ((*values, None)[j],)
        get = operator.itemgetter(*picks)
        if tree[0] == "list":
            return lambda values: list(get((*values, None)))
        return lambda values: get((*values, None))
    return functools.partial(_rebuild, tree, layout)


def _rebuild(tree, layout, values):
    return _build(tree, layout, (*values, None))


def _build(tree, layout, values):
    if isinstance(tree, int):
        return values[layout[tree]]
    kind = tree[0]
    if kind == "list":
        return [_build(t, layout, values) for t in tree[1]]
    if kind == "tuple":
        return tuple(_build(t, layout, values) for t in tree[1])
    if kind == "call":
        return tree[1](*[_build(t, layout, values) for t in tree[2]])
    ctor, keys, parts = tree[1], tree[2], tree[3]
    return ctor((k, _build(t, layout, values)) for k, t in zip(keys, parts))

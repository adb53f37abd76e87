"""Iterator op types and the per-session iterator resource.

``IteratorV2``/``OneShotIterator``/``IteratorFromStringHandleV2`` yield an ``IteratorResource``
(TF's resource handle): one per session, since a stateful op's kernel is made once per
session (``RunState.kernel``), and registered with the session so that closing it stops the
iterator's threads. ``MakeIterator`` starts the resource on a dataset's value (stopping the
previous iteration), ``IteratorGetNext`` takes the next element, ``IteratorToStringHandle``
names the resource for a feedable iterator.
"""

from __future__ import annotations

import itertools
import threading
import weakref

import numpy as np

from scopeflow._src.client.executor import Plan
from scopeflow._src.data import functions, runtime, sparse
from scopeflow._src.framework import dtypes, errors, registry
from scopeflow._src.framework.op_builder import type_string
from scopeflow._src.framework.registry import Arg, OpDef
from scopeflow._src.framework.tensor_shape import TensorShape

_HANDLES: "weakref.WeakValueDictionary[bytes, IteratorResource]" = weakref.WeakValueDictionary()
_IDS = itertools.count(1)
_NOT_INITIALIZED = ("GetNext() failed because the iterator has not been initialized. Ensure that you have run the "
                    "initializer operation for this iterator before getting the next element.")


class IteratorResource:
    """An iterator's state in one session: the running ``ElementIterator``, if any."""

    def __init__(self, name: str):
        self.handle = f"scopeflow-iterator:{next(_IDS)}:{name}".encode()
        self.lock = threading.Lock()
        self.iterator = None
        self.closed = False
        _HANDLES[self.handle] = self

    def initialize(self, dataset):
        new = dataset.make()
        with self.lock:
            old, self.iterator = self.iterator, new
        if old is not None:
            old.close()

    def get_next(self, op):
        with self.lock:
            iterator = self.iterator
            if iterator is None:
                if self.closed:
                    raise errors.CancelledError(None, op, "Session has been closed.")
                raise errors.FailedPreconditionError(None, op, _NOT_INITIALIZED)
            item = iterator.next()
            if item is None:
                if self.closed:  # the session closed while this run waited for the element
                    raise errors.CancelledError(None, op, "Session has been closed.")
                if not isinstance(iterator, runtime.ExhaustedIterator):
                    iterator.close()
                    self.iterator = runtime.ExhaustedIterator()
                raise errors.OutOfRangeError(None, op, "End of sequence")
            return item

    def close(self):
        self.closed = True
        iterator, self.iterator = self.iterator, None
        if iterator is not None:
            iterator.close()


def _iterator_factory(op, state):
    resource = state.add_resource(IteratorResource(op.name))
    return lambda: resource


def _one_shot_factory(op, state):
    resource = state.add_resource(IteratorResource(op.name))
    started = []

    def one_shot_iterator():
        if not started:
            with state.lock:
                if not started:
                    variant = functions.traced(op, "dataset_factory").dataset_tensor
                    resource.initialize(Plan([variant], [], [], state)()[0])
                    started.append(True)
        return resource
    return one_shot_iterator


def _make_iterator_factory(op, state):
    def make_iterator(dataset, resource):
        resource.initialize(dataset)
    return make_iterator


def _get_next_factory(op, state):
    wanted = [(np.dtype(object) if t in (dtypes.string, dtypes.variant) else np.dtype(t.as_numpy_dtype), type_string(t),
               None if s.ndims is None else s.as_list()) for t, s in zip(op._attrs["output_types"],
                                                                    op._attrs["output_shapes"])]

    def iterator_get_next(resource):
        item = resource.get_next(op)
        if len(item) != len(wanted):
            raise errors.InvalidArgumentError(
                None, op, f"Number of components does not match: expected {len(wanted)} types but got {len(item)}.")
        for i, (value, (dtype, name, dims)) in enumerate(zip(item, wanted)):
            if type(value) is not np.ndarray:  # a function's result: bytes, a NumPy scalar, a sparse value
                value = (sparse.boxed(value) if isinstance(value, sparse.SparseParts)
                         else np.asarray(value, dtype=dtype if dtype.kind == "O" else None))
                item = item[:i] + (value,) + item[i + 1:]
            if value.dtype != dtype:
                raise errors.InvalidArgumentError(
                    None, op, f"Data type mismatch at component {i}: expected {name} but got "
                              f"{type_string(dtypes.as_dtype(value.dtype))}.")
            if dims is not None and (len(dims) != value.ndim or any(
                    d is not None and d != n for d, n in zip(dims, value.shape))):
                shown = "[" + ",".join("?" if d is None else str(d) for d in dims) + "]"
                raise errors.InvalidArgumentError(
                    None, op, f"Incompatible shapes at component {i}: expected {shown} but got "
                              f"{list(value.shape)}.".replace(", ", ","))
        return item
    return iterator_get_next


def _to_handle_factory(op, state):
    return lambda resource: resource.handle


def _from_handle_factory(op, state):
    def iterator_from_string_handle(handle):
        key = handle if isinstance(handle, bytes) else bytes(handle.item() if hasattr(handle, "item") else handle)
        resource = _HANDLES.get(key)
        if resource is None:
            raise errors.InvalidArgumentError(None, op, "Could not parse string_handle as a valid ResourceHandle")
        return resource
    return iterator_from_string_handle


def _scalar(inputs, attrs):
    return TensorShape([])


def _get_next_shapes(inputs, attrs):
    return list(attrs["output_shapes"])


_COMPONENTS = Arg("components", type_attr="output_types", number_attr="_num_components")
registry.register(OpDef("IteratorV2", outputs=["handle: resource"], shape=_scalar, factory=_iterator_factory,
                        stateful=True))
registry.register(OpDef("OneShotIterator", outputs=["handle: resource"], shape=_scalar, factory=_one_shot_factory,
                        defaults={"container": "", "shared_name": ""}, stateful=True))
registry.register(OpDef("MakeIterator", inputs=["dataset: variant", "iterator: resource"],
                        factory=_make_iterator_factory, stateful=True, must_run=True))
registry.register(OpDef("IteratorGetNext", inputs=["iterator: resource"], outputs=[_COMPONENTS],
                        shape=_get_next_shapes, factory=_get_next_factory, stateful=True))
registry.register(OpDef("IteratorToStringHandle", inputs=["resource_handle: resource"],
                        outputs=["string_handle: string"], shape=_scalar, factory=_to_handle_factory, stateful=True))
registry.register(OpDef("IteratorFromStringHandleV2", inputs=["string_handle: string"],
                        outputs=["resource_handle: resource"], shape=_scalar, factory=_from_handle_factory,
                        defaults={"output_types": [], "output_shapes": []}, stateful=True))

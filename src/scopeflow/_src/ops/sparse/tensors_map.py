"""``SparseTensorsMap``: where TensorFlow's queue-based batchers keep ``SparseTensor``s while
only their handles travel through a queue (``tf.train.batch`` of a ``VarLenFeature``).

``AddSparseToTensorsMap`` stores one sparse tensor and outputs its ``int64`` handle;
``AddManySparseToTensorsMap`` splits a batch of them along the first dimension (its indices
must be in order) and stores each row, handles in a vector; ``TakeManySparseFromTensorsMap``
takes the tensors of a vector of handles out of the map (each handle can be taken once) and
joins them into one sparse tensor with a new leading dimension, its ``dense_shape`` the
largest of theirs. The map is a session's resource, found by ``(container, shared_name)``, a
blank ``shared_name`` meaning the adding op's own name (as in TF, the taking op is given that
name): handles count from 0 in each map, and a queue runner's thread adds while the training
thread takes, under the map's lock. The session's close empties it.
"""

from __future__ import annotations

import itertools
import threading

import numpy as np

from scopeflow._src.framework import dtypes, registry
from scopeflow._src.framework.default_graph import colocate_with
from scopeflow._src.framework.op_builder import create, create_output, type_string
from scopeflow._src.framework.operation import Operation
from scopeflow._src.framework.registry import OpDef
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import TensorShape
from scopeflow._src.ops.sparse.common import check_components, check_indices, dims_text, require, to_sparse


class SparseTensorsMap:
    """One session's map of handles to stored ``(indices, values, dense_shape)`` triples."""

    def __init__(self, name: str):
        self.name = name
        self._lock = threading.Lock()
        self._next = itertools.count()
        self._tensors: dict[int, tuple] = {}

    def add(self, sparse: tuple) -> int:
        """Store one sparse tensor's parts; its new handle."""
        with self._lock:
            handle = next(self._next)
            self._tensors[handle] = sparse
            return handle

    def take(self, op, handles) -> list:
        """Remove and return the tensors of ``handles``, in order; an unknown handle (never
        added, or already taken) raises ``InvalidArgumentError`` (those before it are gone)."""
        taken = []
        with self._lock:
            for handle in handles.tolist():
                sparse = self._tensors.pop(handle, None)
                require(op, sparse is not None, f"Unable to find SparseTensor: {handle} in map: {self.name}")
                taken.append(sparse)
        return taken

    def close(self) -> None:
        with self._lock:
            self._tensors.clear()


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _session_map(state, op) -> SparseTensorsMap:
    name = _text(op._attrs.get("shared_name", "")) or op.name
    return state.named_resource((_text(op._attrs.get("container", "")), name), lambda: SparseTensorsMap(name))


def _parts(op, indices, values, shape):
    indices, values, shape = np.asarray(indices), np.asarray(values), np.asarray(shape)
    check_components(op, indices, values, shape)
    return indices.astype(np.int64, copy=False), values, shape.astype(np.int64, copy=False)


def _add_factory(op, state):
    def add(indices, values, shape):
        indices, values, shape = _parts(op, indices, values, shape)
        require(op, len(indices) == len(values), "indices and values rows (indexing dimension) must match. "
                                                 f"(indices = {len(indices)}, values = {len(values)})")
        require(op, shape.size == indices.shape[1], "Order length must be SparseTensor rank.")
        return np.int64(_session_map(state, op).add((indices, values, shape)))
    return add


def _rows(indices, values, shape):
    """Each row of a batch along the first dimension, as ``(row, (indices, values, shape))``:
    the rows that have values first (in order), then the empty ones, as TF adds them."""
    firsts = indices[:, 0]
    starts = np.flatnonzero(np.r_[True, firsts[1:] != firsts[:-1]]) if len(firsts) else np.zeros(0, np.int64)
    ends = np.r_[starts[1:], len(firsts)].astype(np.int64)
    rest = shape[1:]
    for start, end in zip(starts.tolist(), ends.tolist()):
        yield int(firsts[start]), (indices[start:end, 1:], values[start:end], rest)
    empty = (np.zeros((0, len(rest)), np.int64), values[:0], rest)
    for row in sorted(set(range(int(shape[0]))) - set(firsts.tolist())):
        yield row, empty


def _add_many_factory(op, state):
    def add_many(indices, values, shape):
        indices, values, shape = _parts(op, indices, values, shape)
        require(op, len(values) == len(indices), f"Number of values must match first dimension of indices. Got "
                                                 f"{len(values)} values, indices shape: {dims_text(indices.shape)}")
        require(op, shape.size == indices.shape[1], f"Number of dimensions must match second dimension of indices. "
                                                    f"Got {shape.size} dimensions, indices shape: "
                                                    f"{dims_text(indices.shape)}")
        require(op, shape.size > 1, f"Rank of input SparseTensor should be > 1, but saw rank: {shape.size}")
        check_indices(op, indices, shape)
        the_map = _session_map(state, op)
        handles = np.zeros(int(shape[0]), np.int64)
        for row, sparse in _rows(indices, values, shape):
            handles[row] = the_map.add(sparse)
        return handles
    return add_many


def _joined(op, taken, dtype):
    """The taken tensors as one, each under a new leading index (its position)."""
    rank = None
    for i, (_, values, shape) in enumerate(taken):
        require(op, values.dtype == dtype, f"Requested SparseTensor of type {type_string(dtypes.as_dtype(dtype))} "
                                           f"but SparseTensor[{i}].values.dtype() == "
                                           f"{type_string(dtypes.as_dtype(values.dtype))}")
        if rank is not None and shape.size + 1 != rank:
            require(op, False, f"Inconsistent rank across SparseTensors: rank prior to SparseTensor[{i}] was: "
                               f"{rank} but rank of SparseTensor[{i}] is: {shape.size + 1}")
        rank = shape.size + 1
    out_indices = np.concatenate([np.column_stack([np.full(len(ix), i, np.int64), ix])
                                  for i, (ix, _, _) in enumerate(taken)]).astype(np.int64)
    out_values = np.concatenate([values for _, values, _ in taken]).astype(dtype, copy=False)
    out_shape = np.concatenate([[len(taken)], np.max([shape for _, _, shape in taken], axis=0)]).astype(np.int64)
    return out_indices, out_values, out_shape


def _take_many_factory(op, state):
    dtype = op._attrs["dtype"].as_numpy_dtype

    def take_many(handles):
        handles = np.asarray(handles)
        require(op, handles.ndim == 1,
                f"sparse_handles should be a vector but received shape {dims_text(handles.shape)}")
        require(op, handles.size > 0, "Must have at least 1 serialized SparseTensor, but input matrix has 0 rows")
        return _joined(op, _session_map(state, op).take(op, handles), dtype)
    return take_many


_ADD_INPUTS = ["sparse_indices: int64", "sparse_values: T", "sparse_shape: int64"]
_MAP_DEFAULTS = {"container": "", "shared_name": ""}
registry.register(OpDef("AddSparseToTensorsMap", inputs=_ADD_INPUTS, outputs=["sparse_handle: int64"],
                        shape=lambda inputs, attrs: TensorShape(()), factory=_add_factory, stateful=True,
                        defaults=_MAP_DEFAULTS))
registry.register(OpDef("AddManySparseToTensorsMap", inputs=_ADD_INPUTS, outputs=["sparse_handles: int64"],
                        shape=lambda inputs, attrs: TensorShape([None]), factory=_add_many_factory, stateful=True,
                        defaults=_MAP_DEFAULTS))
registry.register(OpDef("TakeManySparseFromTensorsMap", inputs=["sparse_handles: int64"],
                        outputs=["sparse_indices: int64", "sparse_values: dtype", "sparse_shape: int64"],
                        shape=lambda inputs, attrs: [TensorShape([None, None]), TensorShape([None]),
                                                     TensorShape([None])],
                        factory=_take_many_factory, stateful=True, defaults=_MAP_DEFAULTS))


def add_sparse_to_tensors_map(sp_input, container=None, shared_name=None, name=None):
    """Store ``sp_input`` in the session's ``SparseTensorsMap``; its ``int64`` scalar handle
    (TF's ``sparse_ops._add_sparse_to_tensors_map``).

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     h = add_sparse_to_tensors_map(tf.SparseTensor([[0]], [1.0], [3]))
    ...     print(h.name, h.shape, tf.Session().run(h))
    AddSparseToTensorsMap:0 () 0
    """
    sp_input = to_sparse(sp_input)
    return create_output("AddSparseToTensorsMap", [sp_input.indices, sp_input.values, sp_input.dense_shape],
                         {"container": container or "", "shared_name": shared_name or ""}, name=name)


def add_many_sparse_to_tensors_map(sp_input, container=None, shared_name=None, name=None):
    """Store each row of the batch ``sp_input`` (rank 2 or more, indices in order); a vector
    of their handles (TF's ``sparse_ops._add_many_sparse_to_tensors_map``)."""
    sp_input = to_sparse(sp_input)
    return create_output("AddManySparseToTensorsMap", [sp_input.indices, sp_input.values, sp_input.dense_shape],
                         {"container": container or "", "shared_name": shared_name or ""}, name=name)


def take_many_sparse_from_tensors_map(sparse_map_op, sparse_handles, rank=None, name=None) -> SparseTensor:
    """The sparse tensors of ``sparse_handles`` (stored by ``sparse_map_op``), taken out of
    its map and joined along a new first dimension; ``rank`` (the result's) sets the static
    shapes (TF's ``sparse_ops._take_many_sparse_from_tensors_map``)."""
    if not isinstance(sparse_map_op, Operation):
        raise TypeError("sparse_map_op be an Operation")
    if sparse_map_op.type not in ("AddSparseToTensorsMap", "AddManySparseToTensorsMap"):
        raise TypeError("sparse_map_op must be one of AddSparseToTensorsMap or AddSparseToTensorsMap. "
                        f"Instead, found `{sparse_map_op.type}`.")
    with colocate_with(sparse_map_op):
        attrs = {"dtype": sparse_map_op.get_attr("T"), "container": _text(sparse_map_op.get_attr("container")),
                 "shared_name": _text(sparse_map_op.get_attr("shared_name")) or sparse_map_op.name}
        indices, values, shape = create("TakeManySparseFromTensorsMap", [sparse_handles], attrs, name=name)._outputs
    indices.set_shape([None, rank])
    shape.set_shape([rank])
    return SparseTensor(indices, values, shape)

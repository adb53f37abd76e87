"""``SparseTensor``s through the queue-based batchers, as TensorFlow carries them: a queue holds
dense tensors only, so each sparse input is stored in a session's ``SparseTensorsMap``
(``AddSparseToTensorsMap``, or ``AddManySparseToTensorsMap`` with ``enqueue_many``) and its
``int64`` handle, as a ``[1]`` vector (``ExpandDims``), is what is enqueued. After the batch
dequeue, the ``[batch, 1]`` handles are squeezed and ``TakeManySparseFromTensorsMap`` takes
the stored tensors back, joined along a new batch dimension; every output then passes
through a ``control_dependency`` identity that waits for all of them.

``keep_input`` (``maybe_batch``...) is honoured as TF does: a false scalar stores nothing
(the handle is ``-1``; the enqueue is skipped anyway), a vector keeps the entries of the kept
rows (``sparse_retain``). The ``_join`` batchers store every list's sparse tensors in the
map of the first list's (one ``shared_name``), so the one take after the dequeue finds them
all; lists whose sparse tensors differ in place or rank raise TF's ``ValueError``.
"""

from __future__ import annotations

from scopeflow._src.framework import dtypes, tensor_util
from scopeflow._src.framework.constant_op import constant
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import as_dimension, dimension_value
from scopeflow._src.ops import array_ops


class SparseMetaData:
    """Whether an input of a batcher is sparse, the op that stores it, and its rank (per
    element, a ``Dimension``); equal when both are dense, or sparse in one map with compatible
    ranks (TF's ``_SparseMetaData``)."""

    def __init__(self, sparse, map_op, rank):
        self.sparse, self.map_op, self.rank = sparse, map_op, as_dimension(rank)

    def __eq__(self, other):
        if self.sparse != other.sparse:
            return False
        if not self.sparse:
            return True
        return self.map_op is other.map_op and self.rank.is_compatible_with(other.rank)

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = None

    def __str__(self):
        return f"[SparseMetaData({self.sparse}, {self.map_op.name}, {self.rank})]"

    def merge_with(self, other):
        if self != other:
            raise ValueError(f"SparseMetaData objects are incompatible: {self} vs. {other}")
        if self.sparse:
            self.rank = self.rank.merge_with(other.rank)
        return self


def _smart_cond(pred, true_fn, false_fn):
    known = tensor_util.constant_value(pred)
    if known is not None:
        return true_fn() if known else false_fn()
    from scopeflow._src.ops.control.cond import cond  # loaded on first use: the control-flow ops

    return cond(pred, true_fn, false_fn)


def _store(t, map_name, enqueue_many, keep_input):
    from scopeflow._src.ops.sparse import tensors_map  # loaded on first use: the sparse ops
    from scopeflow._src.ops.sparse.rows import sparse_retain  # loaded on first use: the sparse ops

    if keep_input.shape.ndims == 1:  # keep the entries of the kept rows
        t = sparse_retain(t, array_ops.gather(keep_input, t.indices[:, 0]))
        return tensors_map.add_many_sparse_to_tensors_map(t, shared_name=map_name)
    if enqueue_many:
        stored = _smart_cond(keep_input, lambda: tensors_map.add_many_sparse_to_tensors_map(t, shared_name=map_name),
                             lambda: -1 * array_ops.ones(array_ops.shape(t)[0:1], dtypes.int64))
        stored.set_shape([None])
        return stored
    return _smart_cond(keep_input, lambda: tensors_map.add_sparse_to_tensors_map(t, shared_name=map_name),
                       lambda: constant(-1, dtypes.int64))


def _storing_op(stored):
    """The op that stored a sparse input (behind a ``Merge`` when ``keep_input`` was a tensor)."""
    for tensor in stored.op.inputs:
        if tensor.op.type in ("AddSparseToTensorsMap", "AddManySparseToTensorsMap"):
            return tensor.op
    return stored.op


def store_sparse_tensors(tensor_list, enqueue_many, keep_input, shared_map_ops=None):
    """``(stored_list, infos)``: each sparse tensor of ``tensor_list`` replaced by its handle
    as a ``[1]`` vector (``[n, 1]`` with ``enqueue_many``), stored in the map of
    ``shared_map_ops[i]`` when given; the dense ones as they are."""
    shared_map_ops = shared_map_ops or [None] * len(tensor_list)
    stored_list, infos = [], []
    for t, shared in zip(tensor_list, shared_map_ops):
        if not isinstance(t, SparseTensor):
            stored_list.append(t)
            infos.append(SparseMetaData(False, None, None))
            continue
        stored = _store(t, shared.name if shared is not None else None, enqueue_many, keep_input)
        rank = t.dense_shape.shape.with_rank(1).dims[0]
        infos.append(SparseMetaData(True, shared or _storing_op(stored), rank - 1 if enqueue_many else rank))
        stored_list.append(stored)
    stored_list = [array_ops.expand_dims(s, [-1]) if info.sparse else s for s, info in zip(stored_list, infos)]
    return stored_list, infos


def store_sparse_tensors_join(tensor_list_list, enqueue_many, keep_input):
    """``store_sparse_tensors`` of each list, all in the first list's maps."""
    first, infos = store_sparse_tensors(tensor_list_list[0], enqueue_many, keep_input)
    stored_list_list = [first]
    for tensor_list in tensor_list_list[1:]:
        stored, candidates = store_sparse_tensors(tensor_list, enqueue_many, keep_input,
                                                  [info.map_op for info in infos])
        if infos != candidates:
            raise ValueError(f"Inconsistent SparseTensors list: {list(tensor_list_list[0])} vs. {list(tensor_list)}")
        infos = [info.merge_with(candidate) for info, candidate in zip(infos, candidates)]
        stored_list_list.append(stored)
    return stored_list_list, infos


def restore_sparse_tensors(stored_list, infos):
    """The dequeued batch with each sparse input taken back from its map (a ``SparseTensor``
    of rank one more); with a sparse one, every output waits for all of them (a lone output
    is returned ungated, as in TF, though its gate is built)."""
    from scopeflow._src.ops.control.control_flow_ops import with_dependencies  # loaded on first use: control flow
    from scopeflow._src.ops.sparse.tensors_map import take_many_sparse_from_tensors_map  # loaded on first use

    sequence = isinstance(stored_list, (list, tuple))
    stored = list(stored_list) if sequence else [stored_list]
    tensors = [take_many_sparse_from_tensors_map(info.map_op, array_ops.squeeze(s, [1]),
                                                 rank=dimension_value(info.rank + 1))
               if info.sparse else s for s, info in zip(stored, infos)]
    if not any(isinstance(t, SparseTensor) for t in tensors):
        return tensors if sequence else tensors[0]
    gates = [t.values if isinstance(t, SparseTensor) else t for t in tensors]

    def gated(t):
        return with_dependencies(gates, t)
    gated_tensors = [SparseTensor(gated(t.indices), gated(t.values), gated(t.dense_shape))
                     if isinstance(t, SparseTensor) else gated(t) for t in tensors]
    return gated_tensors if sequence else tensors[0]  # TF builds the gates either way

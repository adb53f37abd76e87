"""``tf.QueueBase`` and the queues: ``FIFOQueue``, ``PaddingFIFOQueue``, ``RandomShuffleQueue``,
``PriorityQueue`` (also under ``tf.queue`` and, some of them, ``tf.io``).

A queue object holds the queue op's handle and the element's dtypes, static shapes and
optional names; its methods add ops with TensorFlow's names (``fifo_queue_enqueue``,
``fifo_queue_DequeueMany``...) and static shapes, and check what is enqueued with TF's
messages. What the queue does when it runs is ``queue_kernels``.
"""

from __future__ import annotations

import functools
import hashlib

from scopeflow._src.framework import context, default_graph, dtypes, tensor_util
from scopeflow._src.framework.constant_op import convert_to_tensor
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.tensor_shape import Dimension, TensorShape, as_shape, unknown_shape
from scopeflow._src.ops import array_ops
from scopeflow._src.queues import queue_ops


def _as_type_list(types) -> list:
    return list(types) if isinstance(types, (list, tuple)) else [types]


def _as_shape_list(shapes, unknown_dim_allowed=False):
    if unknown_dim_allowed and (not isinstance(shapes, (list, tuple)) or not shapes
                                or any(s is None or isinstance(s, int) for s in shapes)):
        raise ValueError("When providing partial shapes, a list of shapes must be provided.")
    if shapes is None:
        return None
    if isinstance(shapes, TensorShape):
        shapes = [shapes]
    if not isinstance(shapes, (tuple, list)):
        raise TypeError(f"Shapes must be a TensorShape or a list or tuple of TensorShapes, got {type(shapes)} instead.")
    if all(s is None or isinstance(s, int) for s in shapes):
        shapes = [shapes]
    shapes = [as_shape(s) for s in shapes]
    if not unknown_dim_allowed and any(not s.is_fully_defined() for s in shapes):
        raise ValueError(f"All shapes must be fully defined: {_shapes_repr(shapes)}")
    if any(s.dims is None for s in shapes):
        raise ValueError(f"All shapes must have a defined rank: {_shapes_repr(shapes)}")
    return shapes


def _shapes_repr(shapes) -> str:
    return "[" + ", ".join(repr(s) for s in shapes) + "]"


def _as_name_list(names, types):
    if names is None:
        return None
    if not isinstance(names, (list, tuple)):
        names = [names]
    if len(names) != len(types):
        raise ValueError(f"List of names must have the same length as the list of dtypes, received "
                         f"len(names)={len(names)},len(dtypes)={len(types)}")
    return list(names)


def _shape_common(s1, s2) -> TensorShape:
    """The most specific shape both shapes fit (TF's ``_shape_common``)."""
    s1, s2 = TensorShape(s1), TensorShape(s2)
    if s1.ndims is None or s2.ndims is None or s1.ndims != s2.ndims:
        return unknown_shape()
    return TensorShape([a if a is not None and a == b else None for a, b in zip(s1.as_list(), s2.as_list())])


class QueueBase:
    """A queue of tuples of tensors: enqueue and dequeue elements one at a time or in batches.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     q = tf.FIFOQueue(3, tf.int32, shapes=[[]])
    ...     enqueue = q.enqueue_many([[1, 2, 3]])
    ...     with tf.Session() as sess:
    ...         _ = sess.run(enqueue)
    ...         sess.run(q.dequeue_many(2)).tolist()
    [1, 2]
    """

    def __init__(self, dtypes, shapes, names, queue_ref):
        self._dtypes = dtypes
        if shapes is not None:
            if len(shapes) != len(dtypes):
                raise ValueError(f"Queue shapes must have the same length as dtypes, received len(shapes)="
                                 f"{len(shapes)}, len(dtypes)={len(dtypes)}")
            self._shapes = [TensorShape(s) for s in shapes]
        else:
            self._shapes = [unknown_shape() for _ in self._dtypes]
        if names is not None:
            if len(names) != len(dtypes):
                raise ValueError(f"Queue names must have the same length as dtypes,received len(names)="
                                 f"{len(names)},len {len(dtypes)}")
            self._names = names
        else:
            self._names = None
        self._queue_ref = queue_ref
        self._name = queue_ref.op.name.split("/")[-1]

    @staticmethod
    def from_list(index, queues) -> "QueueBase":
        """A queue that is ``queues[index]`` (``index`` an int32 scalar tensor) when it runs."""
        if not queues or not isinstance(queues, list) or not all(isinstance(x, QueueBase) for x in queues):
            raise TypeError("A list of queues expected")
        types = queues[0].dtypes
        if not all(types == q.dtypes for q in queues[1:]):
            raise TypeError("Queues do not have matching component dtypes.")
        names = queues[0].names
        if not all(names == q.names for q in queues[1:]):
            raise TypeError("Queues do not have matching component names.")
        reduced = [functools.reduce(_shape_common, s) for s in zip(*[q.shapes for q in queues])]
        refs = array_ops.stack([q.queue_ref for q in queues])
        return QueueBase(types, reduced, names, array_ops.gather(refs, index))

    @property
    def queue_ref(self) -> Tensor:
        """The queue's handle (the queue op's output)."""
        return self._queue_ref

    @property
    def name(self) -> str:
        """The name of the queue op."""
        return self._queue_ref.op.name

    @property
    def dtypes(self) -> list:
        """The dtype of each component of an element."""
        return self._dtypes

    @property
    def shapes(self) -> list:
        """The static shape of each component of an element."""
        return self._shapes

    @property
    def names(self):
        """The component names (dict elements), or ``None``."""
        return self._names

    def _check_enqueue_dtypes(self, vals) -> list:
        if isinstance(vals, dict):
            if not self._names:
                raise ValueError("Queue must have names to enqueue a dictionary")
            if sorted(self._names, key=str) != sorted(vals.keys(), key=str):
                raise ValueError(f"Keys in dictionary to enqueue do not match names of Queue.  Dictionary: "
                                 f"{sorted(vals.keys())},Queue: {sorted(self._names)}")
            vals = [vals[k] for k in self._names]
        else:
            if self._names:
                raise ValueError("You must enqueue a dictionary in a Queue with names")
            if not isinstance(vals, (list, tuple)):
                vals = [vals]
        return [convert_to_tensor(v, dtype=d, name=f"component_{i}") for i, (v, d) in
                enumerate(zip(vals, self._dtypes))]

    @staticmethod
    def _scope_vals(vals):
        if isinstance(vals, (list, tuple)):
            return list(vals)
        if isinstance(vals, dict):
            return list(vals.values())
        return [vals]

    def enqueue(self, vals, name=None):
        """An op that adds one element (a tensor, a list or tuple of them, or a dict by name);
        it blocks while the queue is full, and fails with ``CancelledError`` once it is closed."""
        with default_graph.name_scope(name, f"{self._name}_enqueue", self._scope_vals(vals)) as scope:
            vals = self._check_enqueue_dtypes(vals)
            for val, shape in zip(vals, self._shapes):
                val.shape.assert_is_compatible_with(shape)
            return queue_ops.enqueue_op("QueueEnqueueV2", self._queue_ref, vals, scope)

    def enqueue_many(self, vals, name=None):
        """An op that adds the slices of ``vals`` along their first dimension as elements."""
        with default_graph.name_scope(name, f"{self._name}_EnqueueMany", self._scope_vals(vals)) as scope:
            vals = self._check_enqueue_dtypes(vals)
            batch_dim = Dimension(vals[0].shape.with_rank_at_least(1)[0])
            for val, shape in zip(vals, self._shapes):
                batch_dim = batch_dim.merge_with(Dimension(val.shape.with_rank_at_least(1)[0]))
                val.shape[1:].assert_is_compatible_with(shape)
            return queue_ops.enqueue_op("QueueEnqueueManyV2", self._queue_ref, vals, scope)

    def _dequeue_return_value(self, tensors):
        if self._names:
            return {n: tensors[i] for i, n in enumerate(self._names)}
        if len(tensors) == 1:
            return tensors[0]
        return list(tensors)

    def _component_types(self):
        return [dtypes.as_dtype(d) for d in self._dtypes]

    def dequeue(self, name=None):
        """Tensors of one element, taken from the queue; the run blocks while it is empty and
        raises ``OutOfRangeError`` once it is closed and drained."""
        outputs = queue_ops.dequeue_op("QueueDequeueV2", self._queue_ref, self._component_types(),
                                       name or f"{self._name}_Dequeue")
        for output, shape in zip(outputs, self._shapes):
            output.set_shape(shape)
        return self._dequeue_return_value(outputs)

    def dequeue_many(self, n, name=None):
        """``n`` elements, each component stacked along a new first dimension."""
        outputs = queue_ops.dequeue_op("QueueDequeueManyV2", self._queue_ref, self._component_types(),
                                       name or f"{self._name}_DequeueMany", n)
        batch_dim = Dimension(tensor_util.constant_value(outputs[0].op.inputs[1]))
        for output, shape in zip(outputs, self._shapes):
            output.set_shape(TensorShape([batch_dim]).concatenate(shape))
        return self._dequeue_return_value(outputs)

    def dequeue_up_to(self, n, name=None):
        """Like ``dequeue_many``, but a closed queue with fewer than ``n`` elements left gives them."""
        outputs = queue_ops.dequeue_op("QueueDequeueUpToV2", self._queue_ref, self._component_types(),
                                       name or f"{self._name}_DequeueUpTo", n)
        for output, shape in zip(outputs, self._shapes):
            output.set_shape(TensorShape([None]).concatenate(shape))
        return self._dequeue_return_value(outputs)

    def close(self, cancel_pending_enqueues=False, name=None):
        """An op closing the queue (and cancelling blocked enqueues if asked)."""
        return queue_ops.handle_op("QueueCloseV2", self._queue_ref, name or f"{self._name}_Close",
                                   {"cancel_pending_enqueues": bool(cancel_pending_enqueues)})

    def is_closed(self, name=None):
        """A bool scalar: whether the queue is closed."""
        return queue_ops.handle_op("QueueIsClosedV2", self._queue_ref, name or f"{self._name}_Is_Closed",
                                   output=dtypes.bool)

    def size(self, name=None):
        """An int32 scalar: the number of elements in the queue."""
        return queue_ops.handle_op("QueueSizeV2", self._queue_ref, name or f"{self._name}_Size",
                                   output=dtypes.int32)


def _attr_shapes(shapes):
    return [] if shapes is None else shapes


class FIFOQueue(QueueBase):
    """A queue handing out elements in the order they arrived.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     q = tf.FIFOQueue(2, [tf.float32], shapes=[[]])
    ...     q.dequeue().name
    'fifo_queue_Dequeue:0'
    """

    def __init__(self, capacity, dtypes, shapes=None, names=None, shared_name=None, name="fifo_queue"):
        dtypes = _as_type_list(dtypes)
        shapes = _as_shape_list(shapes)
        names = _as_name_list(names, dtypes)
        graph = context.default_graph()
        # TF builds it in an init_scope: outside any control dependencies (and cond or loop)
        with graph.control_dependencies(None), graph.device("/device:CPU:*"):
            ref = queue_ops.queue_op("FIFOQueueV2", graph, name, _types(dtypes), _attr_shapes(shapes), capacity,
                                     shared_name)
        super().__init__(dtypes, shapes, names, ref)


def _types(types):
    return [dtypes.as_dtype(d) for d in types]


class PaddingFIFOQueue(QueueBase):
    """A FIFO queue whose components may have unknown dimensions (``None``); a batch dequeue
    pads each component to the largest element of the batch (with zeros or ``b""``)."""

    def __init__(self, capacity, dtypes, shapes, names=None, shared_name=None, name="padding_fifo_queue"):
        dtypes = _as_type_list(dtypes)
        shapes = _as_shape_list(shapes, unknown_dim_allowed=True)
        names = _as_name_list(names, dtypes)
        if len(dtypes) != len(shapes):
            raise ValueError(f"Shapes must be provided for all components, but received {len(dtypes)} dtypes and "
                             f"{len(shapes)} shapes.")
        ref = queue_ops.queue_op("PaddingFIFOQueueV2", context.default_graph(), name, _types(dtypes), shapes,
                                 capacity, shared_name)
        super().__init__(dtypes, shapes, names, ref)


class RandomShuffleQueue(QueueBase):
    """A queue handing out a random element, once more than ``min_after_dequeue`` are held
    (or it is closed). ``seed`` follows TensorFlow's graph and op seed rules."""

    def __init__(self, capacity, min_after_dequeue, dtypes, shapes=None, names=None, seed=None, shared_name=None,
                 name="random_shuffle_queue"):
        dtypes = _as_type_list(dtypes)
        shapes = _as_shape_list(shapes)
        names = _as_name_list(names, dtypes)
        seed1, seed2 = default_graph.get_seed(seed)
        if seed1 is None and seed2 is None:
            seed1, seed2 = 0, 0
        elif seed is None and shared_name is not None:
            seed2 = int(hashlib.md5((str(seed1) + shared_name).encode("utf-8")).hexdigest()[:8], 16) & 0x7FFFFFFF
        ref = queue_ops.queue_op("RandomShuffleQueueV2", context.default_graph(), name, _types(dtypes),
                                 _attr_shapes(shapes), capacity, shared_name, min_after_dequeue=int(min_after_dequeue),
                                 seed=int(seed1), seed2=int(seed2))
        super().__init__(dtypes, shapes, names, ref)


class PriorityQueue(QueueBase):
    """A queue handing out the element of smallest priority: elements are ``(priority, ...)``
    with an int64 scalar priority first, then components of ``types`` and ``shapes``."""

    def __init__(self, capacity, types, shapes=None, names=None, shared_name=None, name="priority_queue"):
        types = _as_type_list(types)
        shapes = _as_shape_list(shapes)
        if shapes is None:
            raise TypeError("Expected list for 'shapes' argument to 'priority_queue_v2' Op, not None.")
        ref = queue_ops.queue_op("PriorityQueueV2", context.default_graph(), name, _types(types), shapes, capacity,
                                 shared_name)
        super().__init__([dtypes.int64] + types, [()] + shapes if shapes else shapes, names, ref)

"""TensorFlow's queue-based input functions: ``tf.train.match_filenames_once``,
``tf.train.limit_epochs``, the producers
(``input_producer``, ``string_input_producer``, ``range_input_producer``,
``slice_input_producer``) and the batchers (``batch``, ``batch_join``, ``shuffle_batch``,
``shuffle_batch_join`` and their ``maybe_`` forms).

Each builds what TensorFlow builds, op for op and name for name: a queue, its enqueue ops
in a ``QueueRunner`` added to ``QUEUE_RUNNERS``, a ``fraction_of_<capacity>_full`` scalar
summary of how full the queue is, and the dequeue. ``num_epochs`` is a local ``epochs``
variable counted up by ``CountUpTo``: when it reaches the limit the enqueue fails with
``OutOfRangeError``, the runner closes the queue, and once it is drained the consumer's
dequeue raises ``OutOfRangeError``. The batchers (``batching``) take ``SparseTensor``s too
(``sparse_batching``).
"""

from __future__ import annotations

from scopeflow._src.framework import default_graph, dtypes, tensor_util
from scopeflow._src.framework.constant_op import constant, convert_to_tensor
from scopeflow._src.framework.graph_keys import GraphKeys
from scopeflow._src.framework.op_builder import create_output
from scopeflow._src.framework.operation import Tensor
from scopeflow._src.framework.sparse_tensor import SparseTensor
from scopeflow._src.framework.tensor_shape import as_shape
from scopeflow._src.ops import array_ops, math_ops
from scopeflow._src.ops.array.creation import range as range_op
from scopeflow._src.ops.control.control_flow_ops import no_op
from scopeflow._src.ops.random.random_ops import random_shuffle
from scopeflow._src.ops.state.variable_ops import count_up_to
from scopeflow._src.ops.summary.summaries import scalar as scalar_summary
from scopeflow._src.queues.queue_base import FIFOQueue
from scopeflow._src.training import queue_runner
from scopeflow._src.variables.variable import RefVariable


def match_filenames_once(pattern, name=None):
    """A local variable (``matching_filenames``) holding the sorted names of the files that match
    ``pattern`` when it is initialized (``tf.local_variables_initializer()``)."""
    # loaded on first use: the MatchingFiles op is tf.data's, whose package costs import time
    from scopeflow._src.data import readers  # noqa: F401 - registers MatchingFiles

    with default_graph.name_scope(name, "matching_filenames", [pattern]) as name:
        matching = create_output("MatchingFiles", [pattern], {})
        return RefVariable(name=name, initial_value=matching, trainable=False, validate_shape=False,
                           collections=[GraphKeys.LOCAL_VARIABLES])


def limit_epochs(tensor, num_epochs=None, name=None):
    """``tensor``, but a run after ``num_epochs`` runs raises ``OutOfRangeError`` (through a
    local variable ``<name>/epochs``, initialized by ``tf.local_variables_initializer()``)."""
    if num_epochs is None:
        return tensor
    if num_epochs <= 0:
        raise ValueError(f"num_epochs must be > 0 not {num_epochs}.")
    with default_graph.name_scope(name, "limit_epochs", [tensor]) as name:
        zero64 = constant(0, dtype=dtypes.int64)
        epochs = RefVariable(zero64, name="epochs", trainable=False, collections=[GraphKeys.LOCAL_VARIABLES])
        counter = count_up_to(epochs._variable, num_epochs)
        with default_graph.control_dependencies([counter]):
            return array_ops.identity(tensor, name=name)


def _fraction_full(queue, capacity):
    return math_ops.cast(queue.size(), dtypes.float32) * (1. / capacity)


def input_producer(input_tensor, element_shape=None, num_epochs=None, shuffle=True, seed=None, capacity=32,
                   shared_name=None, summary_name=None, name=None, cancel_op=None):
    """A FIFO queue filled, by a queue runner, with the rows of ``input_tensor``, shuffled each
    epoch unless ``shuffle=False``, for ``num_epochs`` epochs (``None``: forever)."""
    with default_graph.name_scope(name, "input_producer", [input_tensor]):
        input_tensor = convert_to_tensor(input_tensor, name="input_tensor")
        element_shape = input_tensor.shape[1:].merge_with(as_shape(element_shape) if element_shape is not None
                                                          else as_shape(None))
        if not element_shape.is_fully_defined():
            raise ValueError("Either `input_tensor` must have a fully defined shape or `element_shape` must be "
                             "specified")
        if shuffle:
            input_tensor = random_shuffle(input_tensor, seed=seed)
        input_tensor = limit_epochs(input_tensor, num_epochs)
        q = FIFOQueue(capacity=capacity, dtypes=[input_tensor.dtype.base_dtype], shapes=[element_shape],
                      shared_name=shared_name, name=name)
        enq = q.enqueue_many([input_tensor])
        queue_runner.add_queue_runner(queue_runner.QueueRunner(q, [enq], cancel_op=cancel_op))
        if summary_name is not None:
            scalar_summary(summary_name, _fraction_full(q, capacity))
        return q


def string_input_producer(string_tensor, num_epochs=None, shuffle=True, seed=None, capacity=32, shared_name=None,
                          name=None, cancel_op=None):
    """A queue of the strings of ``string_tensor`` (file names, usually) for a reader.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     tf.train.string_input_producer(["a.txt", "b.txt"]).name
    'input_producer'
    """
    from scopeflow._src.ops.control.assert_op import Assert  # loaded on first use: the control-flow ops

    not_null_err = "string_input_producer requires a non-null input tensor"
    if not isinstance(string_tensor, (Tensor, RefVariable)) and not string_tensor:  # a variable is true in TF
        raise ValueError(not_null_err)
    with default_graph.name_scope(name, "input_producer", [string_tensor]) as name:
        string_tensor = convert_to_tensor(string_tensor, dtype=dtypes.string)
        with default_graph.control_dependencies([Assert(math_ops.greater(array_ops.size(string_tensor), 0),
                                                        [not_null_err])]):
            string_tensor = array_ops.identity(string_tensor)
        return input_producer(input_tensor=string_tensor, element_shape=[], num_epochs=num_epochs, shuffle=shuffle,
                              seed=seed, capacity=capacity, shared_name=shared_name, name=name,
                              summary_name=f"fraction_of_{capacity}_full", cancel_op=cancel_op)


def range_input_producer(limit, num_epochs=None, shuffle=True, seed=None, capacity=32, shared_name=None, name=None):
    """A queue of the integers ``0 .. limit-1``, for ``num_epochs`` epochs."""
    with default_graph.name_scope(name, "input_producer", [limit]) as name:
        return input_producer(range_op(limit), [], num_epochs, shuffle, seed, capacity, shared_name,
                              f"fraction_of_{capacity}_full", name)


def slice_input_producer(tensor_list, num_epochs=None, shuffle=True, seed=None, capacity=32, shared_name=None,
                         name=None):
    """One row of each tensor of ``tensor_list`` at a time (the same row of each), in order or
    shuffled, for ``num_epochs`` epochs."""
    with default_graph.name_scope(name, "input_producer", list(tensor_list)):
        tensor_list = [convert_to_tensor(t) for t in tensor_list]
        if not tensor_list:
            raise ValueError("Expected at least one tensor in slice_input_producer().")
        range_size = array_ops.shape(tensor_list[0])[0]
        queue = range_input_producer(range_size, num_epochs=num_epochs, shuffle=shuffle, seed=seed,
                                     capacity=capacity, shared_name=shared_name)
        index = queue.dequeue()
        return [array_ops.gather(t, index) for t in tensor_list]


# -- batching ----------------------------------------------------------------------------------
def _as_tensor_list(tensors):
    return [tensors[k] for k in sorted(tensors, key=str)] if isinstance(tensors, dict) else tensors


def _as_tensor_list_list(tensors_list):
    if not tensors_list:
        raise ValueError("Expected at least one set of tensors")
    if isinstance(tensors_list[0], dict):
        expected = set(tensors_list[0].keys())
        if any(set(t.keys()) != expected for t in tensors_list[1:]):
            raise ValueError("All dictionaries in tensors_list must have the same keys")
        return [_as_tensor_list(t) for t in tensors_list]
    return tensors_list


def _as_original_type(original, tensor_list):
    if isinstance(original, dict):
        if len(original) == 1:
            tensor_list = [tensor_list]
        return {k: tensor_list[i] for i, k in enumerate(sorted(original, key=str))}
    return tensor_list


def _dense_or_sparse(t):
    """A batcher's input as a tensor, a ``SparseTensor`` as it is (TF's
    ``convert_to_tensor_or_indexed_slices``)."""
    return t if isinstance(t, SparseTensor) else convert_to_tensor(t)


def _validate(tensor_list, what="batch()"):
    tensor_list = [_dense_or_sparse(t) for t in tensor_list]
    if not tensor_list:
        raise ValueError(f"Expected at least one tensor in {what}.")
    return tensor_list


def _validate_keep_input(keep_input, enqueue_many):
    keep_input = convert_to_tensor(keep_input)
    if keep_input.shape.ndims is None:
        raise ValueError("`keep_input` dimensions must be known at graph construction.")
    if not enqueue_many and keep_input.shape.ndims == 1:
        raise ValueError("`keep_input` cannot be a vector when `enqueue_many=False`.")
    if keep_input.shape.ndims > 1:
        raise ValueError("`keep_input` must be 0 or 1 dimensions.")
    return keep_input


def _dtypes(tensor_list_list):
    types = [t.dtype for t in tensor_list_list[0]]
    for tl in tensor_list_list[1:]:
        other = [t.dtype for t in tl]
        if other != types:
            raise TypeError(f"Expected types to be consistent: {', '.join(x.name for x in types)} vs. "
                            f"{', '.join(x.name for x in other)}.")
    return types


def _merge_shapes(shape_list, enqueue_many):
    shape_list = [as_shape(s) for s in shape_list]
    if enqueue_many:
        shape_list = [s.with_rank_at_least(1)[1:] for s in shape_list]
    merged = shape_list[0]
    for s in shape_list[1:]:
        merged.merge_with(s)
    return merged.as_list()


def _shapes(tensor_list_list, shapes, enqueue_many):
    if shapes is not None:
        return shapes
    for tl in tensor_list_list:
        for t in tl[:len(tensor_list_list[0])]:
            if t.shape.ndims is None:
                raise ValueError(f"Cannot infer Tensor's rank: {t}")
    return [_merge_shapes([tl[i].shape.as_list() for tl in tensor_list_list], enqueue_many)
            for i in range(len(tensor_list_list[0]))]


def _kept_rows(tensor_list, keep_input):
    keep = math_ops.cast(keep_input, dtypes.int32)
    return [math_ops.dynamic_partition(x, keep, num_partitions=2)[1] for x in tensor_list]


def _enqueue_ops(queue, tensor_list_list, enqueue_many, keep_input):
    """One enqueue op per tensor list (TF's ``smart_cond`` on ``keep_input``)."""
    enqueue_fn = queue.enqueue_many if enqueue_many else queue.enqueue
    if keep_input.shape.ndims == 1:  # the kept rows of each batch: partition 1 of each tensor
        return [enqueue_fn(_kept_rows(tl, keep_input)) for tl in tensor_list_list]
    known = tensor_util.constant_value(keep_input)
    if known is not None:
        return [enqueue_fn(tl) if known else no_op() for tl in tensor_list_list]
    from scopeflow._src.ops.control.cond import cond  # loaded on first use: the control-flow ops

    return [cond(keep_input, lambda tl=tl: enqueue_fn(tl), no_op) for tl in tensor_list_list]


def _dequeue(queue, batch_size, allow_smaller_final_batch, name):
    if allow_smaller_final_batch:
        return queue.dequeue_up_to(batch_size, name=name)
    return queue.dequeue_many(batch_size, name=name)

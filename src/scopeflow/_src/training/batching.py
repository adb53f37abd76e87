"""``tf.train.batch``, ``batch_join``, ``shuffle_batch``, ``shuffle_batch_join`` and their
``maybe_`` forms: a queue (FIFO, padding FIFO or random shuffle) that queue runners fill
with single examples (or batches, with ``enqueue_many``), dequeued ``batch_size`` at a time.

As in TensorFlow: the tensors may be a list or a dict (the result has the same form), the
queue's shapes are the inputs' merged static shapes unless ``shapes`` is given,
``dynamic_pad`` pads each batch to its longest element, ``allow_smaller_final_batch``
dequeues with ``dequeue_up_to`` (static batch dimension ``None``), ``num_threads`` enqueue
threads run the same op, ``SparseTensor`` inputs travel as handles to a ``SparseTensorsMap``
(``sparse_batching``) and come back as batched ``SparseTensor``s, and a ``fraction_of_<capacity>_full`` (shuffle:
``fraction_over_<min>_of_<capacity-min>_full``) scalar summary is added.
"""

from __future__ import annotations

from scopeflow._src.framework import default_graph, dtypes
from scopeflow._src.ops import math_ops
from scopeflow._src.ops.summary.summaries import scalar as scalar_summary
from scopeflow._src.queues.queue_base import FIFOQueue, PaddingFIFOQueue, RandomShuffleQueue
from scopeflow._src.training import queue_runner
from scopeflow._src.training.input import (
    _as_original_type,
    _as_tensor_list,
    _as_tensor_list_list,
    _dense_or_sparse,
    _dequeue,
    _dtypes,
    _enqueue_ops,
    _fraction_full,
    _shapes,
    _validate,
    _validate_keep_input,
)
from scopeflow._src.training.sparse_batching import (
    restore_sparse_tensors,
    store_sparse_tensors,
    store_sparse_tensors_join,
)


def _queue_batch(default_name, tensors, joined, batch_size, keep_input, make_queue, add_summary, num_threads=1,
                 enqueue_many=False, shapes=None, allow_smaller_final_batch=False, name=None, check=None):
    """What every batcher builds: a queue of the inputs' dtypes and merged shapes (``make_queue``),
    its enqueue ops in a queue runner (one per thread, or per tensor list when ``joined``), its
    summary, and the batch dequeue, returned in the form of the inputs."""
    tensor_list_list = _as_tensor_list_list(tensors) if joined else [_as_tensor_list(tensors)]
    flat = [t for tl in tensor_list_list for t in tl]
    with default_graph.name_scope(name, default_name, flat + [keep_input]) as name:
        if check is not None:
            check()
        if joined:
            tensor_list_list = [[_dense_or_sparse(t) for t in tl] for tl in tensor_list_list]
        else:
            tensor_list_list = [_validate(tensor_list_list[0])]
        keep_input = _validate_keep_input(keep_input, enqueue_many)
        if joined:
            tensor_list_list, sparse_info = store_sparse_tensors_join(tensor_list_list, enqueue_many, keep_input)
        else:
            stored, sparse_info = store_sparse_tensors(tensor_list_list[0], enqueue_many, keep_input)
            tensor_list_list = [stored]
        queue = make_queue(_dtypes(tensor_list_list), _shapes(tensor_list_list, shapes, enqueue_many))
        enqueue_ops = _enqueue_ops(queue, tensor_list_list, enqueue_many, keep_input)
        queue_runner.add_queue_runner(queue_runner.QueueRunner(queue, enqueue_ops if joined
                                                               else enqueue_ops * num_threads))
        add_summary(queue)
        original = tensors[0] if joined else tensors
        dequeued = _dequeue(queue, batch_size, allow_smaller_final_batch, name)
        return _as_original_type(original, restore_sparse_tensors(dequeued, sparse_info))


def _fifo(dynamic_pad, capacity, shared_name):
    def make_queue(types, shapes):
        return (PaddingFIFOQueue if dynamic_pad else FIFOQueue)(capacity=capacity, dtypes=types, shapes=shapes,
                                                                shared_name=shared_name)
    return make_queue


def _fifo_summary(capacity):
    return lambda queue: scalar_summary(f"fraction_of_{capacity}_full", _fraction_full(queue, capacity))


def _shuffle(capacity, min_after_dequeue, seed, shared_name):
    def make_queue(types, shapes):
        return RandomShuffleQueue(capacity=capacity, min_after_dequeue=min_after_dequeue, seed=seed, dtypes=types,
                                  shapes=shapes, shared_name=shared_name)
    return make_queue


def _shuffle_summary(capacity, min_after_dequeue):
    def add_summary(queue):
        full = math_ops.cast(math_ops.maximum(0, queue.size() - min_after_dequeue), dtypes.float32) * (
            1. / (capacity - min_after_dequeue))
        scalar_summary(f"fraction_over_{min_after_dequeue}_of_{capacity - min_after_dequeue}_full", full)
    return add_summary


def _check_capacity(capacity, min_after_dequeue):
    def check():
        if capacity <= min_after_dequeue:
            raise ValueError(f"capacity {capacity} must be bigger than min_after_dequeue {min_after_dequeue}.")
    return check


def _batch(tensors, batch_size, keep_input, num_threads=1, capacity=32, enqueue_many=False, shapes=None,
           dynamic_pad=False, allow_smaller_final_batch=False, shared_name=None, name=None):
    return _queue_batch("batch", tensors, False, batch_size, keep_input, _fifo(dynamic_pad, capacity, shared_name),
                        _fifo_summary(capacity), num_threads, enqueue_many, shapes, allow_smaller_final_batch, name)


def _batch_join(tensors_list, batch_size, keep_input, capacity=32, enqueue_many=False, shapes=None,
                dynamic_pad=False, allow_smaller_final_batch=False, shared_name=None, name=None):
    return _queue_batch("batch_join", tensors_list, True, batch_size, keep_input,
                        _fifo(dynamic_pad, capacity, shared_name), _fifo_summary(capacity), 1, enqueue_many, shapes,
                        allow_smaller_final_batch, name)


def _shuffle_batch(tensors, batch_size, capacity, min_after_dequeue, keep_input, num_threads=1, seed=None,
                   enqueue_many=False, shapes=None, allow_smaller_final_batch=False, shared_name=None, name=None):
    return _queue_batch("shuffle_batch", tensors, False, batch_size, keep_input,
                        _shuffle(capacity, min_after_dequeue, seed, shared_name),
                        _shuffle_summary(capacity, min_after_dequeue), num_threads, enqueue_many, shapes,
                        allow_smaller_final_batch, name, _check_capacity(capacity, min_after_dequeue))


def _shuffle_batch_join(tensors_list, batch_size, capacity, min_after_dequeue, keep_input, seed=None,
                        enqueue_many=False, shapes=None, allow_smaller_final_batch=False, shared_name=None, name=None):
    return _queue_batch("shuffle_batch_join", tensors_list, True, batch_size, keep_input,
                        _shuffle(capacity, min_after_dequeue, seed, shared_name),
                        _shuffle_summary(capacity, min_after_dequeue), 1, enqueue_many, shapes,
                        allow_smaller_final_batch, name, _check_capacity(capacity, min_after_dequeue))


def batch(tensors, batch_size, num_threads=1, capacity=32, enqueue_many=False, shapes=None, dynamic_pad=False,
          allow_smaller_final_batch=False, shared_name=None, name=None):
    """Batches of ``batch_size`` examples of ``tensors`` (a list or dict), in order.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     x = tf.train.batch([tf.constant([1.0, 2.0])], batch_size=4)
    ...     x.name, x.shape.as_list()  # one tensor in, one batch out
    ('batch:0', [4, 2])
    """
    return _batch(tensors, batch_size, True, num_threads, capacity, enqueue_many, shapes, dynamic_pad,
                  allow_smaller_final_batch, shared_name, name)


def maybe_batch(tensors, keep_input, batch_size, num_threads=1, capacity=32, enqueue_many=False, shapes=None,
                dynamic_pad=False, allow_smaller_final_batch=False, shared_name=None, name=None):
    """``batch`` of the examples for which ``keep_input`` (a bool scalar, or vector with
    ``enqueue_many``) is true."""
    return _batch(tensors, batch_size, keep_input, num_threads, capacity, enqueue_many, shapes, dynamic_pad,
                  allow_smaller_final_batch, shared_name, name)


def batch_join(tensors_list, batch_size, capacity=32, enqueue_many=False, shapes=None, dynamic_pad=False,
               allow_smaller_final_batch=False, shared_name=None, name=None):
    """Batches from several lists of tensors, each enqueued by its own thread."""
    return _batch_join(tensors_list, batch_size, True, capacity, enqueue_many, shapes, dynamic_pad,
                       allow_smaller_final_batch, shared_name, name)


def maybe_batch_join(tensors_list, keep_input, batch_size, capacity=32, enqueue_many=False, shapes=None,
                     dynamic_pad=False, allow_smaller_final_batch=False, shared_name=None, name=None):
    """``batch_join`` of the examples for which ``keep_input`` is true."""
    return _batch_join(tensors_list, batch_size, keep_input, capacity, enqueue_many, shapes, dynamic_pad,
                       allow_smaller_final_batch, shared_name, name)


def shuffle_batch(tensors, batch_size, capacity, min_after_dequeue, num_threads=1, seed=None, enqueue_many=False,
                  shapes=None, allow_smaller_final_batch=False, shared_name=None, name=None):
    """Batches of examples drawn at random from a ``RandomShuffleQueue`` that holds at least
    ``min_after_dequeue`` of them (until its input ends)."""
    return _shuffle_batch(tensors, batch_size, capacity, min_after_dequeue, True, num_threads, seed, enqueue_many,
                          shapes, allow_smaller_final_batch, shared_name, name)


def maybe_shuffle_batch(tensors, batch_size, capacity, min_after_dequeue, keep_input, num_threads=1, seed=None,
                        enqueue_many=False, shapes=None, allow_smaller_final_batch=False, shared_name=None, name=None):
    """``shuffle_batch`` of the examples for which ``keep_input`` is true."""
    return _shuffle_batch(tensors, batch_size, capacity, min_after_dequeue, keep_input, num_threads, seed,
                          enqueue_many, shapes, allow_smaller_final_batch, shared_name, name)


def shuffle_batch_join(tensors_list, batch_size, capacity, min_after_dequeue, seed=None, enqueue_many=False,
                       shapes=None, allow_smaller_final_batch=False, shared_name=None, name=None):
    """``shuffle_batch`` from several lists of tensors, each enqueued by its own thread."""
    return _shuffle_batch_join(tensors_list, batch_size, capacity, min_after_dequeue, True, seed, enqueue_many,
                               shapes, allow_smaller_final_batch, shared_name, name)


def maybe_shuffle_batch_join(tensors_list, batch_size, capacity, min_after_dequeue, keep_input, seed=None,
                             enqueue_many=False, shapes=None, allow_smaller_final_batch=False, shared_name=None,
                             name=None):
    """``shuffle_batch_join`` of the examples for which ``keep_input`` is true."""
    return _shuffle_batch_join(tensors_list, batch_size, capacity, min_after_dequeue, keep_input, seed,
                               enqueue_many, shapes, allow_smaller_final_batch, shared_name, name)

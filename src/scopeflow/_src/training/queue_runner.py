"""``tf.train.QueueRunner``, ``add_queue_runner`` and ``start_queue_runners``: threads that
keep running a queue's enqueue ops.

One thread per enqueue op runs it in a loop until it raises one of the queue-closed error
types (``OutOfRangeError``: its input ran out), the coordinator stops, or it fails (the
error is reported to the coordinator). The last thread of a session to finish closes the
queue, so the consumer drains it and then gets ``OutOfRangeError``; with a coordinator an
extra thread waits for the stop request and runs the cancel op, which ends any enqueue still
blocked on a full queue.
"""

from __future__ import annotations

import threading
import weakref

from scopeflow._src.framework import context, errors
from scopeflow._src.framework.graph_keys import GraphKeys

__all__ = ["add_queue_runner", "QueueRunner", "start_queue_runners"]


def _log():
    from scopeflow._src import logging_module  # loaded on first use: Python's logging costs import time

    return logging_module


class QueueRunner:
    """Holds a queue's enqueue ops and starts the threads that run them.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default():
    ...     q = tf.FIFOQueue(10, tf.int32, shapes=[[]])
    ...     qr = tf.train.QueueRunner(q, [q.enqueue(7)])
    ...     qr.name, qr.close_op.name, qr.cancel_op.name
    ('fifo_queue', 'fifo_queue_Close', 'fifo_queue_Close_1')
    """

    def __init__(self, queue=None, enqueue_ops=None, close_op=None, cancel_op=None,
                 queue_closed_exception_types=None, queue_runner_def=None, import_scope=None):
        if queue_runner_def:
            if queue or enqueue_ops:
                raise ValueError("queue_runner_def and queue are mutually exclusive.")
            self._init_from_proto(queue_runner_def, import_scope)
        else:
            self._init_from_args(queue, enqueue_ops, close_op, cancel_op, queue_closed_exception_types)
        self._lock = threading.Lock()
        self._runs_per_session = weakref.WeakKeyDictionary()
        self._exceptions_raised = []

    def _init_from_args(self, queue, enqueue_ops, close_op, cancel_op, queue_closed_exception_types):
        if not queue or not enqueue_ops:
            raise ValueError("Must provide queue and enqueue_ops.")
        self._queue = queue
        self._enqueue_ops = enqueue_ops
        if queue_closed_exception_types is not None and (
                not isinstance(queue_closed_exception_types, tuple) or not queue_closed_exception_types
                or not all(issubclass(t, errors.OpError) for t in queue_closed_exception_types)):
            raise TypeError(f"queue_closed_exception_types, when provided, must be a tuple of tf.error types, but "
                            f"saw: {queue_closed_exception_types}")
        self._close_op = queue.close() if close_op is None else close_op
        self._cancel_op = queue.close(cancel_pending_enqueues=True) if cancel_op is None else cancel_op
        self._queue_closed_exception_types = tuple(queue_closed_exception_types or (errors.OutOfRangeError,))

    def _init_from_proto(self, queue_runner_def, import_scope):
        graph = context.default_graph()

        def element(name):
            return graph.as_graph_element(f"{import_scope}/{name}" if import_scope else name)

        self._queue = element(queue_runner_def.queue_name)
        self._enqueue_ops = [element(name) for name in queue_runner_def.enqueue_op_name]
        self._close_op = element(queue_runner_def.close_op_name)
        self._cancel_op = element(queue_runner_def.cancel_op_name)
        self._queue_closed_exception_types = tuple(
            errors.exception_type_from_error_code(code) for code in queue_runner_def.queue_closed_exception_types
        ) or (errors.OutOfRangeError,)

    @property
    def queue(self):
        return self._queue

    @property
    def enqueue_ops(self):
        return self._enqueue_ops

    @property
    def close_op(self):
        return self._close_op

    @property
    def cancel_op(self):
        return self._cancel_op

    @property
    def queue_closed_exception_types(self) -> tuple:
        return self._queue_closed_exception_types

    @property
    def exceptions_raised(self) -> list:
        """The errors the threads raised when run without a coordinator."""
        return self._exceptions_raised

    @property
    def name(self) -> str:
        """The name of the queue."""
        return self._queue.name

    def _run(self, sess, enqueue_op, coord=None):
        """One thread: run ``enqueue_op`` until the queue's input ends or a stop is requested."""
        decremented = False
        try:
            enqueue = sess.make_callable(enqueue_op)
            while not (coord and coord.should_stop()):
                try:
                    enqueue()
                except self._queue_closed_exception_types:
                    with self._lock:
                        self._runs_per_session[sess] -= 1
                        decremented = True
                        if self._runs_per_session[sess] == 0:
                            try:
                                sess.run(self._close_op)
                            except Exception as e:  # noqa: BLE001 - the queue may be closed already
                                _log().vlog(1, "Ignored exception: %s", str(e))
                        return
        except Exception as e:
            if coord:
                coord.request_stop(e)
            else:
                _log().error("Exception in QueueRunner: %s", str(e))
                with self._lock:
                    self._exceptions_raised.append(e)
                raise
        finally:
            if not decremented:
                with self._lock:
                    self._runs_per_session[sess] -= 1

    def _close_on_stop(self, sess, cancel_op, coord):
        coord.wait_for_stop()
        try:
            sess.run(cancel_op)
        except Exception as e:  # noqa: BLE001 - the session may be closed already
            _log().vlog(1, "Ignored exception: %s", str(e))

    def create_threads(self, sess, coord=None, daemon=False, start=False) -> list:
        """The threads running the enqueue ops in ``sess`` (none if they already run there),
        registered with ``coord``, plus one that cancels the queue when ``coord`` stops."""
        with self._lock:
            if self._runs_per_session.get(sess, 0) > 0:
                return []
            self._runs_per_session[sess] = len(self._enqueue_ops)
            self._exceptions_raised = []
        threads = [threading.Thread(target=self._run, args=(sess, op, coord),
                                    name=f"QueueRunnerThread-{self.name}-{op.name}") for op in self._enqueue_ops]
        if coord:
            threads.append(threading.Thread(target=self._close_on_stop, args=(sess, self._cancel_op, coord),
                                            name=f"QueueRunnerThread-{self.name}-close_on_stop"))
        for t in threads:
            if coord:
                coord.register_thread(t)
            if daemon:
                t.daemon = True
            if start:
                t.start()
        return threads

    def to_proto(self, export_scope=None):
        """A ``QueueRunnerDef`` naming the runner's ops (``None`` outside ``export_scope``)."""
        # loaded on first use: protobuf costs import time
        from scopeflow._src import protos

        if export_scope is not None and not self.queue.name.startswith(export_scope):
            return None

        def strip(name):
            return name[len(export_scope) + 1:] if export_scope and name.startswith(export_scope + "/") else name

        proto = protos.QueueRunnerDef(queue_name=strip(self.queue.name), close_op_name=strip(self.close_op.name),
                                      cancel_op_name=strip(self.cancel_op.name))
        proto.enqueue_op_name.extend(strip(op.name) for op in self.enqueue_ops)
        proto.queue_closed_exception_types.extend(
            errors.error_code_from_exception_type(cls) for cls in self._queue_closed_exception_types)
        return proto

    @staticmethod
    def from_proto(queue_runner_def, import_scope=None) -> "QueueRunner":
        """The ``QueueRunner`` a ``QueueRunnerDef`` describes, on the default graph's ops."""
        return QueueRunner(queue_runner_def=queue_runner_def, import_scope=import_scope)


def add_queue_runner(qr, collection=GraphKeys.QUEUE_RUNNERS) -> None:
    """Add ``qr`` to the graph's ``collection`` (``QUEUE_RUNNERS``), which
    ``start_queue_runners`` starts."""
    context.default_graph().add_to_collection(collection, qr)


def start_queue_runners(sess=None, coord=None, daemon=True, start=True, collection=GraphKeys.QUEUE_RUNNERS) -> list:
    """Start the threads of every queue runner in ``sess``'s graph's ``collection``; returns them.

    >>> import scopeflow as tf
    >>> with tf.Graph().as_default(), tf.Session() as sess:
    ...     x = tf.train.range_input_producer(3, num_epochs=1, shuffle=False).dequeue()
    ...     sess.run(tf.local_variables_initializer())
    ...     coord = tf.train.Coordinator()
    ...     threads = tf.train.start_queue_runners(sess, coord)
    ...     [int(sess.run(x)) for _ in range(3)]
    ...     coord.request_stop(); coord.join(threads)
    [0, 1, 2]
    """
    if sess is None:
        sess = context.default_session()
        if not sess:
            raise ValueError("Cannot start queue runners: No default session is registered. Use `with "
                             "sess.as_default()` or pass an explicit session to tf.start_queue_runners(sess=sess)")
    if not hasattr(sess, "make_callable") or not hasattr(sess, "graph"):
        if type(sess).__name__ in ("MonitoredSession", "SingularMonitoredSession"):
            return []
        raise TypeError(f"sess must be a `tf.Session` object. Given class: {sess.__class__}")
    runners = sess.graph.get_collection(collection)
    if not runners:
        _log().warning("`tf.train.start_queue_runners()` was called when no queue runners were defined. You can "
                       "safely remove the call to this deprecated function.")
    threads = []
    with sess.graph.as_default():
        for qr in runners:
            threads.extend(qr.create_threads(sess, coord=coord, daemon=daemon, start=start))
    return threads

"""``prefetch`` (``PrefetchDataset``): a thread that computes elements ahead of the consumer.

The thread pulls up to ``buffer_size`` elements from the input into a queue while the session
runs the training step (NumPy kernels release the GIL, so the two really overlap).
``AUTOTUNE`` (-1) and 0 mean a buffer of one. An error in the input reaches the consumer
when it reaches the element where it happened. ``close()`` (the iterator is re-initialized,
or its session closes) stops the thread and waits for it.
"""

from __future__ import annotations

import queue
import threading

from scopeflow._src.data import runtime
from scopeflow._src.data.graph_build import add_dataset_op, int64_input, register_dataset_op
from scopeflow._src.framework import errors

_END = object()


class PrefetchValue(runtime.DatasetValue):
    def __init__(self, inner, buffer_size):
        if buffer_size < -1:
            raise errors.InvalidArgumentError(
                None, None, "buffer_size must be >= 0 or set buffer_size to be -1 for auto-tuning")
        self.inner, self.buffer_size = inner, buffer_size if buffer_size > 0 else 1

    def make(self):
        return PrefetchIterator(self.inner.make(), self.buffer_size)


class _Failure:
    __slots__ = ("error",)

    def __init__(self, error):
        self.error = error


class PrefetchIterator(runtime.ElementIterator):
    """Elements of ``inner``, computed ahead by a daemon thread."""

    def __init__(self, inner, buffer_size):
        self.inner = inner
        self.queue = queue.Queue(buffer_size)
        self.stopping = threading.Event()
        self.done = False
        self.thread = threading.Thread(target=self._fill, name="scopeflow-prefetch", daemon=True)
        self.thread.start()

    def _fill(self):
        put, stopping = self.queue.put, self.stopping
        while not stopping.is_set():
            try:
                item = self.inner.next()
            except Exception as e:  # noqa: BLE001 - handed to the consumer, raised where it asks
                item = _Failure(e)
            while not stopping.is_set():
                try:
                    put(_END if item is None else item, timeout=0.05)
                    break
                except queue.Full:
                    continue
            if item is None or isinstance(item, _Failure):
                return

    def next(self):
        if self.done:
            return None
        get, stopping = self.queue.get, self.stopping
        while True:
            try:
                item = get(timeout=0.05)
                break
            except queue.Empty:
                if stopping.is_set():
                    return None
        if item is _END:
            self.done = True
            return None
        if isinstance(item, _Failure):
            self.done = True
            raise item.error
        return item

    def close(self):
        self.stopping.set()
        if self.thread is not threading.current_thread():
            self.thread.join()
        self.inner.close()


def _prefetch_factory(op, state):
    return lambda inner, buffer_size: PrefetchValue(inner, runtime.scalar(buffer_size))


register_dataset_op("PrefetchDataset", ["input_dataset: variant", "buffer_size: int64"], _prefetch_factory,
                    {"slack_period": 0, "legacy_autotune": True, "buffer_size_min": 0})


def prefetch(dataset, buffer_size, name=None):
    size = int64_input(-1 if buffer_size is None else buffer_size, "buffer_size")
    attrs = {**dataset._structure.attrs(), "legacy_autotune": False}
    return add_dataset_op("PrefetchDataset", [dataset._variant_tensor, size], attrs, name)

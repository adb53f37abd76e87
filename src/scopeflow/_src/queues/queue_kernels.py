"""The queues themselves: what a ``FIFOQueueV2`` (and its kin) op holds in a session.

A queue is a Python object guarded by one ``threading.Condition``. Enqueues wait while it is
full, dequeues while it has too few elements; every change wakes the waiters, which look
again. As in TensorFlow's kernels:

* a batch dequeue (``dequeue_many``, ``dequeue_up_to``) takes elements as they arrive, so a
  batch may be larger than the capacity; if the queue closes before the batch is complete
  the elements go back to the front (``dequeue_up_to`` returns them instead, if any);
* ``close()`` lets dequeues drain what is left (and pending enqueues finish), then raises
  ``OutOfRangeError``; new enqueues raise ``CancelledError``; ``cancel_pending_enqueues``
  also ends the enqueues waiting for room;
* the session closing (``cancel``) ends every waiting run with ``CancelledError``.

``FIFOQueue`` keeps arrival order; ``PaddingFIFOQueue`` pads a batch to its largest
element; ``RandomShuffleQueue`` hands out a random element once more than
``min_after_dequeue`` are held (or the queue is closed); ``PriorityQueue`` the element with
the smallest int64 priority (its first component).
"""

from __future__ import annotations

import collections
import heapq
import itertools
import threading

import numpy as np

from scopeflow._src.framework import errors, run_deadline

UNBOUNDED = 2 ** 31 - 1  # a capacity attribute of -1 (TensorFlow's INT32_MAX)


def _shape_text(shape) -> str:
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


class QueueKernel:
    """A FIFO queue of tuples of arrays (TensorFlow's ``FIFOQueue`` resource)."""

    kind = "FIFOQueue"
    batch_kind = "FIFOQueue"  # how a batch dequeue's errors name the queue
    small_batches = True  # whether dequeue_up_to returns a short batch when the queue closes

    def __init__(self, name: str, dtypes, shapes, capacity: int):
        self.name = name
        self.dtypes = list(dtypes)
        self.shapes = [tuple(s) for s in shapes]  # empty: components of any shape
        self.capacity = UNBOUNDED if capacity < 0 else capacity
        self._cond = threading.Condition()
        self._items = collections.deque()
        self._closed = False
        self._cancelled = False  # the session closed
        self._cancel_epoch = 0  # bumped by close(cancel_pending_enqueues=True)
        self._waiting_enqueues = 0

    # -- what the subclasses change ---------------------------------------------------------
    def _push(self, element):
        self._items.append(element)

    def _pop(self):
        return self._items.popleft()

    def _push_back(self, taken):
        self._items.extendleft(reversed(taken))

    def _can_take(self) -> bool:
        return bool(self._items)

    def _batch(self, taken, i):
        return np.stack([e[i] for e in taken])

    # -- ops ----------------------------------------------------------------------------------
    def size(self) -> np.int32:
        with self._cond:
            return np.int32(len(self._items))

    def is_closed(self) -> np.bool_:
        with self._cond:
            return np.bool_(self._closed)

    def close_queue(self, cancel_pending_enqueues: bool) -> None:
        with self._cond:
            self._closed = True
            if cancel_pending_enqueues:
                self._cancel_epoch += 1
            self._cond.notify_all()

    def close(self) -> None:
        """The session closes: every run waiting on this queue ends with ``CancelledError``."""
        with self._cond:
            self._cancelled = True
            self._cond.notify_all()

    def enqueue(self, components) -> None:
        element = self._element(components)
        with self._cond:
            self._check_open()
            self._put(element, self._cancel_epoch)

    def enqueue_many(self, components) -> None:
        elements = self._elements(components)
        with self._cond:
            self._check_open()
            epoch = self._cancel_epoch
            for element in elements:
                self._put(element, epoch)

    def dequeue(self):
        return tuple(self._take(1, False)[0])

    def dequeue_many(self, n, up_to: bool):
        n = int(n)
        if n < 0:
            raise errors.InvalidArgumentError(None, None, f"DequeueManyOp requested {n} < 0 elements")
        if not self.shapes:
            raise errors.InvalidArgumentError(
                None, None, f"{self.kind}'s DequeueMany and DequeueUpTo require the components to have specified "
                            "shapes.")
        if n == 0:
            return tuple(np.zeros((0,) + tuple(d or 0 for d in s), dt) for s, dt in zip(self.shapes, self.dtypes))
        taken = self._take(n, up_to, self.batch_kind)
        return tuple(self._batch(taken, i) for i in range(len(self.dtypes)))

    # -- waiting ------------------------------------------------------------------------------
    def _check_open(self):
        if self._closed:
            raise errors.CancelledError(None, None, f"{self.kind} '{self.name}' is closed.")

    def _wait(self, what: str):
        if self._cancelled:
            raise errors.CancelledError(None, None, f"{what} operation was cancelled")
        left = run_deadline.remaining()
        if left is not None and left <= 0:
            raise run_deadline.expired()
        self._cond.wait(left)
        if self._cancelled:
            raise errors.CancelledError(None, None, f"{what} operation was cancelled")

    def _put(self, element, epoch):
        while len(self._items) >= self.capacity:
            if epoch != self._cancel_epoch:
                raise errors.CancelledError(None, None, "Enqueue operation was cancelled")
            self._waiting_enqueues += 1
            try:
                self._wait("Enqueue")
            finally:
                self._waiting_enqueues -= 1
        self._push(element)
        self._cond.notify_all()

    def _take(self, n: int, up_to: bool, kind: str | None = None) -> list:
        """``n`` elements, taken as they arrive. Once the queue is closed with fewer than the
        ``remaining`` ones (and no enqueue waiting to add more), ``dequeue_up_to`` takes what is
        left and returns, others fail, naming what they still wanted, and the elements taken
        go back to the front (TF's ``PriorityQueue`` has no short batches: it takes the rest,
        fails, and drops them)."""
        taken = []
        with self._cond:
            try:
                while True:
                    remaining = n - len(taken)
                    if self._closed and len(self._items) < remaining and not self._waiting_enqueues:
                        return self._closed_short(taken, n, up_to, kind)
                    while len(taken) < n and self._can_take():
                        taken.append(self._pop())
                    if taken:
                        self._cond.notify_all()  # room for waiting enqueues
                    if len(taken) == n:
                        return taken
                    self._wait("Dequeue")
            except BaseException:
                if taken:
                    self._push_back(taken)
                    self._cond.notify_all()
                raise

    def _closed_short(self, taken: list, n: int, up_to: bool, kind):
        """What a batch dequeue of a closed queue without enough elements does (see ``_take``)."""
        if up_to and self.small_batches and (taken or self._items):
            taken.extend(self._pop() for _ in range(len(self._items)))
            return taken
        requested, size = n - len(taken), len(self._items)
        if up_to:  # only TF's PriorityQueue gets here with elements: it takes them and drops them
            requested -= size
            self._items.clear()
            size, taken[:] = 0, []
        raise errors.OutOfRangeError(
            None, None, f"{kind or self.kind} '{self.name}' is closed and has insufficient elements (requested "
                        f"{requested}, current size {size})")

    # -- checking what is enqueued --------------------------------------------------------------
    def _element(self, components) -> tuple:
        values = tuple(np.array(c, dtype=dt) for c, dt in zip(components, self.dtypes))
        if self.shapes:
            for i, (value, shape) in enumerate(zip(values, self.shapes)):
                if not _fits(value.shape, shape):
                    raise errors.InvalidArgumentError(
                        None, None, f"Shape mismatch in tuple component {i}. Expected {_shape_text(shape)}, got "
                                    f"{_shape_text(value.shape)}")
        return values

    def _elements(self, components) -> list:
        values = [np.asarray(c) for c in components]
        for i, value in enumerate(values):
            if value.ndim == 0:
                raise errors.InvalidArgumentError(
                    None, None, f"Shape mismatch in tuple component {i}. Expected [1"
                                f"{''.join(',' + str(d) for d in (self.shapes[i] if self.shapes else ()))}], got []")
        count = len(values[0]) if values else 0
        for i, value in enumerate(values):
            if self.shapes and not _fits(value.shape, (value.shape[0],) + self.shapes[i]):
                raise errors.InvalidArgumentError(
                    None, None, f"Shape mismatch in tuple component {i}. Expected "
                                f"{_shape_text((value.shape[0],) + self.shapes[i])}, got {_shape_text(value.shape)}")
            if len(value) != count:
                raise errors.InvalidArgumentError(
                    None, None, f"Shape mismatch in tuple component {i}. Expected "
                                f"{_shape_text((count,) + value.shape[1:])}, got {_shape_text(value.shape)}")
        return [self._element([v[j] for v in values]) for j in range(count)]


def _fits(shape, wanted) -> bool:
    return len(shape) == len(wanted) and all(w is None or w == d for d, w in zip(shape, wanted))


class PaddingFIFOQueueKernel(QueueKernel):
    """A FIFO queue whose batches are padded (zeros, empty strings) to their largest element."""

    batch_kind = "PaddingFIFOQueue"

    def _batch(self, taken, i):
        parts = [e[i] for e in taken]
        shape = tuple(max(p.shape[k] for p in parts) for k in range(parts[0].ndim))
        out = np.zeros((len(parts),) + shape, dtype=parts[0].dtype)
        if out.dtype == object:
            out.fill(b"")
        for j, p in enumerate(parts):
            out[(j,) + tuple(slice(0, d) for d in p.shape)] = p
        return out


class RandomShuffleQueueKernel(QueueKernel):
    """Hands out a uniformly random element once more than ``min_after_dequeue`` are held."""

    kind = batch_kind = "RandomShuffleQueue"

    def __init__(self, name, dtypes, shapes, capacity, min_after_dequeue, seed, seed2):
        super().__init__(name, dtypes, shapes, capacity)
        self._items = []
        self.min_after_dequeue = min_after_dequeue
        self._rng = np.random.default_rng([seed, seed2] if seed or seed2 else None)

    def _push(self, element):
        self._items.append(element)

    def _pop(self):
        items = self._items
        i = int(self._rng.integers(len(items)))
        items[i], items[-1] = items[-1], items[i]
        return items.pop()

    def _push_back(self, taken):
        self._items.extend(taken)

    def _can_take(self) -> bool:
        return len(self._items) > (0 if self._closed else self.min_after_dequeue)


class PriorityQueueKernel(QueueKernel):
    """Hands out the element with the smallest priority (its first, int64 scalar, component)."""

    kind = batch_kind = "PriorityQueue"
    small_batches = False  # TensorFlow's kernel has none: dequeue_up_to fails for the rest and drops what it took

    def __init__(self, name, dtypes, shapes, capacity):
        super().__init__(name, dtypes, shapes, capacity)
        self._items = []
        self._order = itertools.count()  # equal priorities leave in arrival order

    def _push(self, element):
        heapq.heappush(self._items, (int(element[0]), next(self._order), element))

    def _pop(self):
        return heapq.heappop(self._items)[2]

    def _push_back(self, taken):
        for element in taken:
            self._push(element)

    def _element(self, components) -> tuple:
        if np.ndim(components[0]) != 0:
            raise errors.InvalidArgumentError(
                None, None, f"Expected the priority element to be a scalar, but received shape: "
                            f"{_shape_text(np.shape(components[0]))}")
        return super()._element(components)

"""The deadline of the current thread's ``Session.run`` (``RunOptions.timeout_in_ms``).

A kernel that waits (a dequeue on an empty queue, an enqueue on a full one) reads it with
``remaining()`` and gives up with ``DeadlineExceededError`` when it passes, as TensorFlow
does; runs without the option wait for as long as it takes. The deadline is per thread:
several threads run steps of one session at once.
"""

from __future__ import annotations

import contextlib
import threading
import time

from scopeflow._src.framework import errors

_local = threading.local()

TIMED_OUT = "Timed out waiting for notification"  # TensorFlow's text, naming no node


def remaining() -> float | None:
    """Seconds left before the current run's deadline (``None``: no deadline)."""
    deadline = getattr(_local, "deadline", None)
    return None if deadline is None else deadline - time.monotonic()


def expired() -> errors.DeadlineExceededError:
    """The error a kernel raises when the deadline has passed."""
    return errors.DeadlineExceededError(None, None, TIMED_OUT)


@contextlib.contextmanager
def within(timeout_ms: int):
    """Run the body with a deadline ``timeout_ms`` from now (``<= 0``: none)."""
    previous = getattr(_local, "deadline", None)
    _local.deadline = time.monotonic() + timeout_ms / 1000.0 if timeout_ms > 0 else None
    try:
        yield
    finally:
        _local.deadline = previous

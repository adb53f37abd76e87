"""``tf.train.Coordinator`` and ``tf.train.LooperThread``: stopping a set of threads together.

Threads (queue runners, a training loop) poll ``should_stop()``; any of them may
``request_stop(ex)``, and the first error reported (other than the clean-stop types,
``OutOfRangeError`` by default: a drained input is a normal end) is re-raised by ``join``
in the thread that waits for the others, as TensorFlow does.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time

from scopeflow._src.framework import errors


def _log():
    from scopeflow._src import logging_module  # loaded on first use: Python's logging costs import time

    return logging_module


class Coordinator:
    """Coordinates the termination of a set of threads.

    >>> import scopeflow as tf
    >>> coord = tf.train.Coordinator()
    >>> coord.request_stop(tf.errors.OutOfRangeError(None, None, "done"))  # a clean stop
    >>> coord.should_stop()
    True
    >>> coord.join([])
    """

    def __init__(self, clean_stop_exception_types=None):
        if clean_stop_exception_types is None:
            clean_stop_exception_types = (errors.OutOfRangeError,)
        self._clean_stop_exception_types = tuple(clean_stop_exception_types)
        self._lock = threading.Lock()
        self._stop_event = threading.Event()
        self._exc_info_to_raise = None
        self._joined = False
        self._registered_threads = set()

    def _filter_exception(self, ex):
        instance = ex[1] if isinstance(ex, tuple) else ex
        return None if isinstance(instance, self._clean_stop_exception_types) else ex

    def request_stop(self, ex=None) -> None:
        """Ask every thread to stop; ``ex`` (an exception or an ``exc_info`` tuple) is the
        error ``join`` will re-raise (the first one reported wins)."""
        with self._lock:
            ex = self._filter_exception(ex)
            if self._joined:  # too late to report it: raise it here
                if isinstance(ex, tuple):
                    raise ex[1]
                if ex is not None:
                    raise sys.exc_info()[1] or ex
            if self._stop_event.is_set():
                return
            if ex and self._exc_info_to_raise is None:
                self._exc_info_to_raise = self._exc_info(ex)
            self._stop_event.set()

    @staticmethod
    def _exc_info(ex):
        if isinstance(ex, tuple):
            _log().info("Error reported to Coordinator: %s", str(ex[1]), exc_info=ex)
            info = ex
        else:
            _log().info("Error reported to Coordinator: %s, %s", type(ex), str(ex))
            info = sys.exc_info()
        if len(info) != 3 or not info[0] or not info[1]:
            # An exception that is not being handled: TensorFlow means to complain with a ValueError, but
            # formats its message with the 3-tuple itself, so its request_stop raises this instead.
            raise TypeError("not all arguments converted during string formatting")
        return info

    def clear_stop(self) -> None:
        """Forget the stop request and its error, so the threads can be started again."""
        with self._lock:
            self._joined = False
            self._exc_info_to_raise = None
            self._stop_event.clear()

    def should_stop(self) -> bool:
        """Whether a stop was requested."""
        return self._stop_event.is_set()

    @contextlib.contextmanager
    def stop_on_exception(self):
        """A ``with`` block whose exception (any) becomes a stop request instead of propagating."""
        try:
            yield
        except:  # noqa: E722 - TensorFlow reports every exception, KeyboardInterrupt included
            self.request_stop(ex=sys.exc_info())

    def wait_for_stop(self, timeout=None) -> bool:
        """Wait until a stop is requested (at most ``timeout`` seconds); whether it was."""
        return self._stop_event.wait(timeout)

    def register_thread(self, thread) -> None:
        """Have ``join`` wait for ``thread`` too."""
        with self._lock:
            self._registered_threads.add(thread)

    def join(self, threads=None, stop_grace_period_secs=120, ignore_live_threads=False) -> None:
        """Wait for ``threads`` (and the registered ones) to end once a stop is requested,
        giving them ``stop_grace_period_secs``; re-raise the reported error, or raise
        ``RuntimeError`` naming the threads still running."""
        with self._lock:
            threads = list(self._registered_threads if threads is None else self._registered_threads.union(threads))
        while any(t.is_alive() for t in threads) and not self.wait_for_stop(1.0):
            pass
        wait = 0.001
        while any(t.is_alive() for t in threads) and stop_grace_period_secs >= 0.0:
            time.sleep(wait)
            stop_grace_period_secs -= wait
            wait = max(min(2 * wait, stop_grace_period_secs), 0.001)
        stragglers = [t.name for t in threads if t.is_alive()]
        with self._lock:
            self._joined = True
            self._registered_threads = set()
            if self._exc_info_to_raise:
                raise self._exc_info_to_raise[1]
            if stragglers:
                if not ignore_live_threads:
                    raise RuntimeError(f"Coordinator stopped with threads still running: {' '.join(stragglers)}")
                _log().info("Coordinator stopped with threads still running: %s", " ".join(stragglers))

    @property
    def joined(self) -> bool:
        """Whether ``join`` has returned (or raised)."""
        return self._joined

    def raise_requested_exception(self) -> None:
        """Raise the error reported with ``request_stop``, if any."""
        with self._lock:
            if self._exc_info_to_raise:
                raise self._exc_info_to_raise[1]


class LooperThread(threading.Thread):
    """A daemon thread that calls ``target`` (or ``run_loop``) repeatedly, every
    ``timer_interval_secs`` (``None``: back to back), until the coordinator stops."""

    def __init__(self, coord, timer_interval_secs, target=None, args=None, kwargs=None):
        if not isinstance(coord, Coordinator):
            raise ValueError(f"'coord' argument must be a Coordinator: {coord}")
        super().__init__()
        self.daemon = True
        self._coord = coord
        self._timer_interval_secs = timer_interval_secs
        self._target = target
        if self._target:
            self._args = args or ()
            self._kwargs = kwargs or {}
        elif args or kwargs:
            raise ValueError("'args' and 'kwargs' argument require that you also pass 'target'")
        self._coord.register_thread(self)

    @staticmethod
    def loop(coord, timer_interval_secs, target, args=None, kwargs=None) -> "LooperThread":
        """Start a ``LooperThread`` calling ``target``; returns it."""
        looper = LooperThread(coord, timer_interval_secs, target=target, args=args, kwargs=kwargs)
        looper.start()
        return looper

    def run(self):
        with self._coord.stop_on_exception():
            self.start_loop()
            if self._timer_interval_secs is None:
                while not self._coord.should_stop():
                    self.run_loop()
            else:
                next_time = time.time()
                while not self._coord.wait_for_stop(next_time - time.time()):
                    next_time += self._timer_interval_secs
                    self.run_loop()
            self.stop_loop()

    def start_loop(self):
        """Called once when the thread starts."""

    def stop_loop(self):
        """Called once when the thread stops."""

    def run_loop(self):
        """Called at each interval: calls ``target``."""
        if self._target:
            self._target(*self._args, **self._kwargs)

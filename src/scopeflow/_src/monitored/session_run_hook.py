"""``tf.train.SessionRunHook`` and the values that pass between hooks and a ``MonitoredSession``.

A hook sees a monitored session's life: ``begin`` (the graph may still change),
``after_create_session``, then ``before_run``/``after_run`` around each ``run`` call (a hook's
``before_run`` may return a ``SessionRunArgs`` whose fetches and feeds join the caller's), and
``end`` when the session closes without an error.
"""

from __future__ import annotations

import collections


class SessionRunHook:
    """The base class of hooks for ``MonitoredSession``: every method does nothing.

    >>> import scopeflow as tf
    >>> class CountHook(tf.train.SessionRunHook):
    ...     def begin(self):
    ...         self.runs = 0
    ...     def after_run(self, run_context, run_values):
    ...         self.runs += 1
    >>> hook = CountHook()
    >>> x = tf.constant(1.0)
    >>> with tf.train.MonitoredSession(hooks=[hook]) as sess:
    ...     _ = sess.run(x); _ = sess.run(x)
    >>> hook.runs
    2
    """

    def begin(self) -> None:
        """Called once before the session is made; the graph may still be changed here."""

    def after_create_session(self, session, coord) -> None:
        """Called once the session exists and is initialized (the graph is final)."""

    def before_run(self, run_context):
        """Called before each ``run``: may return a ``SessionRunArgs`` to add fetches and feeds."""
        return None

    def after_run(self, run_context, run_values) -> None:
        """Called after each ``run`` with the values of what ``before_run`` asked for."""

    def end(self, session) -> None:
        """Called when the session closes without an error."""


class SessionRunArgs(collections.namedtuple("SessionRunArgs", ["fetches", "feed_dict", "options"])):
    """What a hook adds to a ``run`` call: ``fetches`` (any structure ``Session.run`` takes),
    ``feed_dict`` and ``options`` (a ``RunOptions``)."""

    def __new__(cls, fetches, feed_dict=None, options=None):
        return super().__new__(cls, fetches, feed_dict, options)


class SessionRunContext:
    """The ``run`` call a hook sees: the caller's arguments, the session, and ``request_stop``."""

    def __init__(self, original_args, session):
        self._original_args = original_args
        self._session = session
        self._stop_requested = False

    @property
    def original_args(self) -> SessionRunArgs:
        """The caller's fetches and feeds (a ``SessionRunArgs``)."""
        return self._original_args

    @property
    def session(self):
        """The session the call runs in (hooks may run other fetches with it)."""
        return self._session

    @property
    def stop_requested(self) -> bool:
        return self._stop_requested

    def request_stop(self) -> None:
        """Make the monitored session's ``should_stop()`` true after this call."""
        self._stop_requested = True


class SessionRunValues(collections.namedtuple("SessionRunValues", ["results", "options", "run_metadata"])):
    """What ``after_run`` gets: the values of the hook's fetches, the ``RunOptions`` and the
    ``RunMetadata`` of the call."""

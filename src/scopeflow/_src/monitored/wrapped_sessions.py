"""The layers of a ``MonitoredSession``, innermost first: ``_HookedSession`` (hooks around each
``run``, their fetches and feeds merged with the caller's), ``_CoordinatedSession`` (a
``Coordinator`` for the queue-runner threads; a thread's error is raised from ``run``) and
``_RecoverableSession`` (a new session after ``AbortedError``/``UnavailableError``)."""

from __future__ import annotations

from scopeflow._src import logging_module as logging
from scopeflow._src.client.config import RunMetadata, RunOptions
from scopeflow._src.framework import errors
from scopeflow._src.monitored.session_run_hook import SessionRunArgs, SessionRunContext, SessionRunValues

PREEMPTION_ERRORS = (errors.AbortedError, errors.UnavailableError)
_RECREATE = ("This may be due to a preemption in a connected worker or parameter server. The current session will "
             "be closed and a new session will be created. This error may also occur due to a gRPC failure caused "
             "by high memory or network bandwidth usage in the parameter servers. If this error occurs repeatedly, "
             "try increasing the number of parameter servers assigned to the job. Error: %s")


class StepContext:
    """What ``MonitoredSession.run_step_fn`` hands its ``step_fn``: the raw ``session``,
    ``run_with_hooks`` and ``request_stop``."""

    def __init__(self, session, run_with_hooks_fn):
        self._session = session
        self._run_with_hooks_fn = run_with_hooks_fn

    @property
    def session(self):
        return self._session

    def run_with_hooks(self, *args, **kwargs):
        """Same as ``MonitoredSession.run``."""
        return self._run_with_hooks_fn(*args, **kwargs)

    def request_stop(self):
        """End the loop: raises ``StopIteration``, after which ``should_stop()`` is true."""
        raise StopIteration("step_fn has requested the iterations to stop.")


class WrappedSession:
    """A session wrapper: ``should_stop`` asks every layer; ``close`` never raises a preemption."""

    def __init__(self, sess):
        self._sess = sess
        self._wrapped_is_stoppable = isinstance(sess, WrappedSession)

    @property
    def graph(self):
        return self._sess.graph

    @property
    def sess_str(self):
        return self._sess.sess_str

    def should_stop(self) -> bool:
        if self._check_stop():
            return True
        if self._sess:
            return self._wrapped_is_stoppable and self._sess.should_stop()
        return True

    def _check_stop(self) -> bool:
        return False

    def close(self) -> None:
        if self._sess:
            try:
                self._sess.close()
            except PREEMPTION_ERRORS as e:
                logging.error("An error occurred when attempting to close the session. This may be due to a "
                              "preemption in a connected worker or parameter server. Error: %s", e)
            finally:
                self._sess = None

    def run(self, *args, **kwargs):
        return self._sess.run(*args, **kwargs)

    def run_step_fn(self, step_fn, raw_session, run_with_hooks):
        return step_fn(StepContext(raw_session, run_with_hooks or self.run))


class RecoverableSession(WrappedSession):
    """Makes a new session with ``sess_creator`` when a call fails with a preemption error."""

    def __init__(self, sess_creator):
        self._sess_creator = sess_creator
        WrappedSession.__init__(self, self._create_session())

    def _create_session(self):
        while True:
            try:
                return self._sess_creator.create_session()
            except PREEMPTION_ERRORS as e:
                logging.info("An error was raised while a session was being created. " + _RECREATE, e)

    def _check_stop(self) -> bool:
        try:
            return self._sess._check_stop() if self._sess else True
        except PREEMPTION_ERRORS as e:
            logging.info("An error was raised while considering whether the session is complete. " + _RECREATE, e)
            self.close()
            self._sess = self._create_session()
            return False
        except Exception:  # noqa: BLE001 - as TF: any other error means stop; run raises it
            return True

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        while True:
            try:
                if not self._sess:
                    self._sess = self._create_session()
                return self._sess.run(fetches, feed_dict=feed_dict, options=options, run_metadata=run_metadata)
            except PREEMPTION_ERRORS as e:
                logging.info("An error was raised. " + _RECREATE, e)
                self.close()
                self._sess = None

    def run_step_fn(self, step_fn, raw_session, run_with_hooks):
        while True:
            try:
                if not self._sess:
                    self._sess = self._create_session()
                return self._sess.run_step_fn(step_fn, raw_session, self._sess.run)
            except PREEMPTION_ERRORS as e:
                logging.info("An error was raised. " + _RECREATE, e)
                self.close()
                self._sess = None


class CoordinatedSession(WrappedSession):
    """Stops when its coordinator does; ``close`` stops and joins the coordinator's threads."""

    def __init__(self, sess, coord, stop_grace_period_secs=120):
        WrappedSession.__init__(self, sess)
        self._coord = coord
        self._stop_grace_period_secs = stop_grace_period_secs

    def _check_stop(self) -> bool:
        self._coord.raise_requested_exception()
        return self._coord.should_stop()

    def close(self) -> None:
        self._coord.request_stop()
        try:
            self._coord.join(stop_grace_period_secs=self._stop_grace_period_secs, ignore_live_threads=True)
        finally:
            try:
                WrappedSession.close(self)
            except Exception:  # noqa: BLE001 - as TF: closing never raises from here
                pass

    def run(self, *args, **kwargs):
        try:
            return self._sess.run(*args, **kwargs)
        except PREEMPTION_ERRORS:
            raise
        except Exception as original_exception:
            # a thread's error (a queue runner's) is the cause: raise it instead, else the original
            try:
                self._coord.raise_requested_exception()
            except PREEMPTION_ERRORS:
                raise
            except Exception:  # noqa: BLE001
                raise original_exception from None
            raise


class HookedSession(WrappedSession):
    """Calls the hooks' ``before_run``/``after_run`` around each ``run``."""

    def __init__(self, sess, hooks):
        WrappedSession.__init__(self, sess)
        self._hooks = hooks
        self._should_stop = False

    def _check_stop(self) -> bool:
        return self._should_stop

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        if self.should_stop():
            raise RuntimeError("Run called even after should_stop requested.")
        actual_fetches = {"caller": fetches}
        run_context = SessionRunContext(original_args=SessionRunArgs(fetches, feed_dict), session=self._sess)
        options = options or RunOptions()
        feed_dict = self._call_hook_before_run(run_context, actual_fetches, feed_dict, options)
        run_metadata = run_metadata or RunMetadata()
        outputs = WrappedSession.run(self, fetches=actual_fetches, feed_dict=feed_dict, options=options,
                                     run_metadata=run_metadata)
        for hook in self._hooks:
            hook.after_run(run_context, SessionRunValues(results=outputs[hook] if hook in outputs else None,
                                                         options=options, run_metadata=run_metadata))
        self._should_stop = self._should_stop or run_context.stop_requested
        return outputs["caller"]

    def _call_hook_before_run(self, run_context, fetch_dict, user_feed_dict, options):
        hook_feeds = {}
        for hook in self._hooks:
            request = hook.before_run(run_context)
            if request is None:
                continue
            if request.fetches is not None:
                fetch_dict[hook] = request.fetches
            if request.feed_dict:
                _raise_if_feeds_intersect(hook_feeds, request.feed_dict, "Same tensor is fed by two hooks.")
                hook_feeds.update(request.feed_dict)
            if request.options:
                _merge_run_options(options, request.options)
        if not hook_feeds:
            return user_feed_dict
        if not user_feed_dict:
            return hook_feeds
        _raise_if_feeds_intersect(user_feed_dict, hook_feeds, "Same tensor is fed by a SessionRunHook and user.")
        hook_feeds.update(user_feed_dict)
        return hook_feeds


def _raise_if_feeds_intersect(feeds1, feeds2, message):
    intersection = set(feeds1.keys()) & set(feeds2.keys())
    if intersection:
        raise RuntimeError(message + " Conflict(s): " + str(list(intersection)))


def _merge_run_options(options, incoming):
    """Numbers take the larger value, flags are or-ed (TensorFlow's merge)."""
    options.trace_level = max(options.trace_level, incoming.trace_level)
    options.timeout_in_ms = max(options.timeout_in_ms, incoming.timeout_in_ms)
    options.inter_op_thread_pool = max(options.inter_op_thread_pool, incoming.inter_op_thread_pool)
    options.output_partition_graphs = options.output_partition_graphs or incoming.output_partition_graphs
    options.report_tensor_allocations_upon_oom = (options.report_tensor_allocations_upon_oom
                                                  or incoming.report_tensor_allocations_upon_oom)

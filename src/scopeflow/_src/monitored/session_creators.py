"""``tf.train.SessionCreator`` and the two a ``MonitoredSession`` uses: ``ChiefSessionCreator``
(initialize or restore) and ``WorkerSessionCreator`` (wait until the chief has)."""

from __future__ import annotations

import abc

from scopeflow._src.framework.context import default_graph
from scopeflow._src.monitored.scaffold import Scaffold
from scopeflow._src.monitored.session_manager import SessionManager


class SessionCreator(metaclass=abc.ABCMeta):
    """A factory of sessions: subclasses define ``create_session()``."""

    @abc.abstractmethod
    def create_session(self):
        """A new session, ready to run."""


class _ScaffoldedCreator(SessionCreator):
    def __init__(self, scaffold, master, config):
        self._scaffold = scaffold or Scaffold()
        self._session_manager = None
        self._master = master
        self._config = config

    def _get_session_manager(self) -> SessionManager:
        if self._session_manager is None:
            self._session_manager = SessionManager(
                local_init_op=self._scaffold.local_init_op, local_init_feed_dict=self._scaffold.local_init_feed_dict,
                ready_op=self._scaffold.ready_op, ready_for_local_init_op=self._scaffold.ready_for_local_init_op,
                graph=default_graph())
        return self._session_manager


class ChiefSessionCreator(_ScaffoldedCreator):
    """Finalizes the scaffold, then restores the latest checkpoint of ``checkpoint_dir`` (or
    ``checkpoint_filename_with_path``) or runs the scaffold's init op and init fn."""

    def __init__(self, scaffold=None, master="", config=None, checkpoint_dir=None,
                 checkpoint_filename_with_path=None):
        super().__init__(scaffold, master, config)
        self._checkpoint_dir = checkpoint_dir
        self._checkpoint_filename_with_path = checkpoint_filename_with_path

    def create_session(self):
        self._scaffold.finalize()
        return self._get_session_manager().prepare_session(
            self._master, saver=self._scaffold.saver, checkpoint_dir=self._checkpoint_dir,
            checkpoint_filename_with_path=self._checkpoint_filename_with_path, config=self._config,
            init_op=self._scaffold.init_op, init_feed_dict=self._scaffold.init_feed_dict,
            init_fn=self._scaffold.init_fn)


class WorkerSessionCreator(_ScaffoldedCreator):
    """Finalizes the scaffold, then waits (up to ``max_wait_secs``) until the model is ready."""

    def __init__(self, scaffold=None, master="", config=None, max_wait_secs=30 * 60):
        super().__init__(scaffold, master, config)
        self._max_wait_secs = max_wait_secs

    def create_session(self):
        self._scaffold.finalize()
        return self._get_session_manager().wait_for_session(self._master, config=self._config,
                                                            max_wait_secs=self._max_wait_secs)

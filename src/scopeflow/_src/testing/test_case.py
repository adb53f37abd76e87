"""``tf.test.TestCase``: TF1's test base class in graph mode, on absl's ``TestCase``.

As TF's: ``setUp`` seeds Python's and NumPy's generators and resets the default graph with
graph seed 87654321; ``session()`` opens a new session on a graph (the default one unless
given) and makes both the defaults; ``cached_session()`` keeps one session for the whole test
(closed in ``tearDown``); ``evaluate`` runs tensors in the default session or the cached one.

>>> import scopeflow as tf
>>> class AddTest(tf.test.TestCase):
...     def test_add(self):
...         with self.cached_session():
...             self.assertAllClose(tf.add(1.0, 2.0), 3.0)
...             self.assertEqual(tf.constant(2).eval(), 2)
"""

from __future__ import annotations

import contextlib
import random
import tempfile
import threading

import numpy as np
from absl.testing import absltest
from google.protobuf import text_format

from scopeflow._src.client.session import Session
from scopeflow._src.framework import default_graph, nest
from scopeflow._src.framework.context import default_session
from scopeflow._src.testing import test_util
from scopeflow._src.testing.assertions import ArrayAssertions

DEFAULT_GRAPH_SEED = 87654321  # TF's random_seed.DEFAULT_GRAPH_SEED


class TestCase(ArrayAssertions, absltest.TestCase):
    """Base class for tests of TF1 graph code (``tf.test.TestCase``)."""

    def __init__(self, methodName="runTest"):  # noqa: N803 - unittest's name
        super().__init__(methodName)
        self._threads = []
        self._tempdir = None
        self._cached_session = None
        self._cached_args = None

    def setUp(self):
        super().setUp()
        self._clear_cached_session()
        random.seed(DEFAULT_GRAPH_SEED)
        np.random.seed(DEFAULT_GRAPH_SEED)
        default_graph.reset_default_graph()
        default_graph.set_random_seed(DEFAULT_GRAPH_SEED)
        if self.id().endswith(".test_session"):
            self.skipTest("Not a test.")

    def tearDown(self):
        for thread in self._threads:
            thread.check_termination()
        self._clear_cached_session()
        super().tearDown()

    def _clear_cached_session(self):
        if self._cached_session is not None:
            self._cached_session.close()
            self._cached_session = None

    def get_temp_dir(self) -> str:
        """A directory of this test's own (the same one on each call within the test)."""
        if not self._tempdir:
            self._tempdir = tempfile.mkdtemp(dir=test_util.get_temp_dir())
        return self._tempdir

    # -- sessions -------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _as_defaults(self, sess, use_gpu, force_gpu):
        with sess.graph.as_default(), sess.as_default():
            if force_gpu:
                with sess.graph.device(test_util.gpu_device_name() or "/device:GPU:0"):
                    yield sess
            elif use_gpu:
                yield sess
            else:
                with sess.graph.device("/device:CPU:0"):
                    yield sess

    @contextlib.contextmanager
    def session(self, graph=None, config=None, use_gpu=True, force_gpu=False):
        """A new session on ``graph`` (the default graph when ``None``), closed at the end of the
        block; inside it the session and its graph are the defaults."""
        with Session(graph=graph, config=config) as sess, self._as_defaults(sess, use_gpu, force_gpu):
            yield sess

    def _get_cached_session(self, graph, config, force_gpu, strict):
        if self._cached_session is None:
            self._cached_session = Session(graph=graph, config=config)
            self._cached_args = (graph, config, force_gpu)
            return self._cached_session
        if strict:
            for what, before, now in zip(("graph", "config", "force_gpu value"), self._cached_args,
                                         (graph, config, force_gpu)):
                if before is not now:
                    raise ValueError(f"The {what} used to get the cached session is different than the one that "
                                     "was used to create the session. Maybe create a new session with "
                                     "self.session()")
        return self._cached_session

    @contextlib.contextmanager
    def cached_session(self, graph=None, config=None, use_gpu=True, force_gpu=False):
        """The test's one session (made on first use, closed in ``tearDown``), as the default
        session inside the block; a different ``graph``/``config`` than the first call's raises
        ``ValueError``."""
        sess = self._get_cached_session(graph, config, force_gpu, strict=True)
        with self._as_defaults(sess, use_gpu, force_gpu):
            yield sess

    @contextlib.contextmanager
    def test_session(self, graph=None, config=None, use_gpu=True, force_gpu=False):
        """TF's deprecated name: ``cached_session`` without a graph, ``session`` with one."""
        if self.id().endswith(".test_session"):
            self.skipTest('Tests that have the name "test_session" are automatically skipped by TensorFlow test '
                          "fixture, as the name is reserved for creating sessions within tests. Please rename your "
                          "test if you have a test with this name.")
        if graph is None:
            sess = self._get_cached_session(graph, config, force_gpu, strict=False)
            with self._as_defaults(sess, use_gpu, force_gpu):
                yield sess
        else:
            with self.session(graph, config, use_gpu, force_gpu) as sess:
                yield sess

    def evaluate(self, tensors):
        """The values of ``tensors`` (a nest of tensors), run in the default session, or in the
        cached session when there is none."""
        flat = nest.flatten(tensors)
        sess = default_session()
        if sess is None:
            with self.test_session() as sess:
                values = sess.run(flat)
        else:
            values = sess.run(flat)
        return nest.pack_sequence_as(tensors, values)

    # -- threads --------------------------------------------------------------------------------
    def checkedThread(self, target, args=None, kwargs=None):  # noqa: N802 - TF's name
        """A thread whose exception fails the test when it is joined (and in ``tearDown`` if it
        never is)."""
        thread = _CheckedThread(self, target, args, kwargs)
        self._threads.append(thread)
        return thread

    # -- protocol buffers -------------------------------------------------------------------------
    def assertProtoEquals(self, expected_message_maybe_ascii, message, msg=None):  # noqa: N802
        """``message`` equals the expected message (a message of its type, or its text form)."""
        if isinstance(expected_message_maybe_ascii, (str, bytes)):
            expected = type(message)()
            text = expected_message_maybe_ascii
            text_format.Merge(text.decode() if isinstance(text, bytes) else text, expected)
        elif isinstance(expected_message_maybe_ascii, type(message)):
            expected = expected_message_maybe_ascii
        else:
            raise AssertionError(f"Can't compare protos of type {type(expected_message_maybe_ascii)} and "
                                 f"{type(message)}.")
        self.assertMultiLineEqual(text_format.MessageToString(expected), text_format.MessageToString(message),
                                  msg=msg)


class _CheckedThread:
    """A thread that records its exception for the test (TF's ``_CheckedThread``)."""

    def __init__(self, testcase, target, args=None, kwargs=None):
        self._testcase, self._target = testcase, target
        self._args, self._kwargs = args or (), kwargs or {}
        self._thread = threading.Thread(target=self._protected_run)
        self._exception = None
        self._is_thread_joined = False

    def _protected_run(self):
        try:
            self._target(*self._args, **self._kwargs)
        except Exception as e:  # noqa: BLE001 - reported to the test in join()
            self._exception = e

    def start(self):
        self._thread.start()

    def join(self):
        self._thread.join()
        self._is_thread_joined = True
        if self._exception is not None:
            self._testcase.fail(f"Error in checkedThread: {self._exception}")

    def is_alive(self):
        return self._thread.is_alive()

    def check_termination(self):
        if self._is_thread_joined:
            return
        if self.is_alive():
            raise self._testcase.failureException("Thread was not joined up, and is still running when you called "
                                                  "check_termination.")
        self._testcase.fail("A checked thread was not joined.")


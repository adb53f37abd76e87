"""``tf.summary.FileWriter``: summaries, graphs and session logs as events of an event file.

Each ``add_*`` method wraps its message in an ``Event`` stamped with the current time (and
``global_step`` when given) and hands it to an ``EventFileWriter``. As in TensorFlow, a
summary value whose tag this writer has seen before loses its ``metadata`` (TensorBoard
reads a tag's plugin metadata from its first value), ``FileWriter(logdir, graph)`` also
writes the graph's meta graph, and a closed writer ignores events (with a warning) until
``reopen``.

Where we differ: with ``session=``, TensorFlow builds summary-writer ops in the session's
graph; scopeflow has no such ops, and instead shares one event file among the writers
opened with the same session and ``logdir``, which is what those ops achieve.
"""

from __future__ import annotations

import threading
import time
import warnings
import weakref

from scopeflow._src import logging_module, protos
from scopeflow._src.framework.graph import Graph
from scopeflow._src.protos import Event, Summary, TaggedRunMetadata
from scopeflow._src.summary.event_file_writer import EventFileWriter, message_kind

_SHARED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # session -> {logdir: EventFileWriter}
_SHARED_LOCK = threading.Lock()


def _is(message, kind: str) -> bool:
    return message_kind(message) == kind


def _shared_writer(session, logdir, max_queue, flush_secs, filename_suffix) -> EventFileWriter:
    with _SHARED_LOCK:
        writers = _SHARED.setdefault(session, {})
        writer = writers.get(str(logdir))
        if writer is None:
            writer = writers[str(logdir)] = EventFileWriter(logdir, max_queue, flush_secs, filename_suffix)
        return writer


class FileWriter:
    """Writes ``Summary`` protocol buffers (and graphs, session logs, run metadata) to an
    event file in ``logdir``, for TensorBoard.

    >>> import os, tempfile
    >>> import scopeflow as tf
    >>> logdir = tempfile.mkdtemp()
    >>> with tf.summary.FileWriter(logdir) as writer:
    ...     writer.add_summary(tf.Summary(value=[tf.Summary.Value(tag="loss", simple_value=0.5)]), 1)
    >>> [event.step for event in tf.train.summary_iterator(os.path.join(logdir, os.listdir(logdir)[0]))]
    [0, 1]
    """

    def __init__(self, logdir, graph=None, max_queue=10, flush_secs=120, graph_def=None, filename_suffix=None,
                 session=None):
        if session is not None:
            self.event_writer = _shared_writer(session, logdir, max_queue, flush_secs, filename_suffix)
        else:
            self.event_writer = EventFileWriter(logdir, max_queue, flush_secs, filename_suffix)
        self._closed = False
        self._session_run_tags: dict = {}
        if graph is not None or graph_def is not None:
            self.add_graph(graph=graph, graph_def=graph_def)
            as_def = graph.as_graph_def(add_shapes=True) if isinstance(graph, Graph) else graph
            self.add_meta_graph(_meta_graph_of(graph_def or as_def))
        self._seen_summary_tags: set = set()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def get_logdir(self) -> str:
        """The directory the event file is written to."""
        return self.event_writer.get_logdir()

    def add_summary(self, summary, global_step=None) -> None:
        """Add a ``Summary`` (a protocol buffer, or its serialized bytes as a summary op gives).

        A value whose tag was seen before loses its ``metadata``, as in TensorFlow."""
        if isinstance(summary, bytes):
            summary = Summary.FromString(summary)
        seen = self._seen_summary_tags
        for value in summary.value:
            if value.tag not in seen:
                seen.add(value.tag)
            elif value.HasField("metadata"):
                value.ClearField("metadata")
        if type(summary) is not Summary:  # another library's Summary class
            summary = Summary.FromString(summary.SerializeToString())
        self._warn_if_closed()
        if global_step is None:
            self.event_writer.add_event(Event(wall_time=time.time(), summary=summary))
        else:
            self.event_writer.add_event(Event(wall_time=time.time(), step=int(global_step), summary=summary))

    def add_session_log(self, session_log, global_step=None) -> None:
        """Add a ``SessionLog`` (``START``, ``STOP`` or ``CHECKPOINT``)."""
        self._add_event(Event(session_log=session_log), global_step)

    def add_graph(self, graph, global_step=None, graph_def=None) -> None:
        """Add ``graph`` (a ``Graph``, written with its output shapes; or a ``GraphDef``,
        deprecated) for TensorBoard's graph dashboard."""
        if graph is not None and graph_def is not None:
            raise ValueError("Please pass only graph, or graph_def (deprecated), but not both.")
        if isinstance(graph, Graph) or isinstance(graph_def, Graph):
            if not isinstance(graph, Graph):
                logging_module.warning("When passing a `Graph` object, please use the `graph` named argument "
                                       "instead of `graph_def`.")
                graph = graph_def
            true_graph_def = graph.as_graph_def(add_shapes=True)
        elif _is(graph, "GraphDef") or _is(graph_def, "GraphDef"):
            logging_module.warning("Passing a `GraphDef` to the SummaryWriter is deprecated. Pass a `Graph` object "
                                   "instead, such as `sess.graph`.")
            true_graph_def = graph if _is(graph, "GraphDef") else graph_def
        else:
            raise TypeError("The passed graph must be an instance of `Graph` or the deprecated `GraphDef`")
        self._add_event(Event(graph_def=true_graph_def.SerializeToString()), global_step)

    def add_meta_graph(self, meta_graph_def, global_step=None) -> None:
        """Add a ``MetaGraphDef`` (as ``tf.train.export_meta_graph`` returns)."""
        if not _is(meta_graph_def, "MetaGraphDef"):
            raise TypeError(f"meta_graph_def must be type MetaGraphDef, saw type: {type(meta_graph_def)}")
        self._add_event(Event(meta_graph_def=meta_graph_def.SerializeToString()), global_step)

    def add_run_metadata(self, run_metadata, tag, global_step=None) -> None:
        """Add the ``RunMetadata`` of one ``Session.run`` under ``tag`` (once per tag)."""
        if tag in self._session_run_tags:
            raise ValueError("The provided tag was already used for this event type")
        self._session_run_tags[tag] = True
        tagged = TaggedRunMetadata(tag=tag, run_metadata=_run_metadata_bytes(run_metadata))
        self._add_event(Event(tagged_run_metadata=tagged), global_step)

    def _add_event(self, event, step) -> None:
        self._warn_if_closed()
        event.wall_time = time.time()
        if step is not None:
            event.step = int(step)
        self.event_writer.add_event(event)

    def add_event(self, event) -> None:
        """Add ``event`` (an ``Event``) as it is."""
        self._warn_if_closed()
        self.event_writer.add_event(event)

    def flush(self) -> None:
        """Write every pending event to the file."""
        self._warn_if_closed()
        self.event_writer.flush()

    def close(self) -> None:
        """Flush, then close the event file."""
        self.event_writer.close()
        self._closed = True

    def reopen(self) -> None:
        """After ``close``: add later events to a new event file in the same directory."""
        self.event_writer.reopen()
        self._closed = False

    def _warn_if_closed(self) -> None:
        if self._closed:
            warnings.warn("Attempting to use a closed FileWriter. The operation will be a noop unless the "
                          "FileWriter is explicitly reopened.", stacklevel=3)


def _meta_graph_of(graph_def):
    # loaded on first use: the meta graph export belongs to the checkpoint code
    from scopeflow._src.checkpoint.meta_graph import create_meta_graph_def

    return create_meta_graph_def(graph_def=graph_def)


def _run_metadata_bytes(run_metadata) -> bytes:
    """``run_metadata`` serialized: a protocol buffer, or ``tf.RunMetadata`` (whose partition
    graphs are the only part scopeflow fills)."""
    if hasattr(run_metadata, "SerializeToString"):
        return run_metadata.SerializeToString()
    proto = protos.RunMetadata()
    for graph_def in run_metadata.partition_graphs:
        proto.partition_graphs.add().ParseFromString(graph_def.SerializeToString())
    return proto.SerializeToString()

"""``tf.train.write_graph``: a graph or ``GraphDef`` to a file, as text or binary."""

from __future__ import annotations

import os

from scopeflow._src.framework.graph import Graph


def graph_def_text(graph_def) -> str:
    """A ``GraphDef`` in protobuf's text format, as TensorFlow writes it."""
    # loaded on first use: protobuf costs import time
    from google.protobuf import text_format

    return text_format.MessageToString(graph_def)


def write_graph(graph_or_graph_def, logdir, name, as_text=True) -> str:
    """Write a graph (or a ``GraphDef``) to ``logdir/name``, creating ``logdir``; protobuf text
    when ``as_text``, else binary (deterministic). The file is written whole or not at all.
    Returns the path.

    >>> import os, tempfile, scopeflow as tf
    >>> g = tf.Graph()
    >>> with g.as_default():
    ...     c = tf.constant(1.0, name="c")
    >>> path = tf.train.write_graph(g, tempfile.mkdtemp(), "g.pbtxt")
    >>> open(path).read().splitlines()[:3]
    ['node {', '  name: "c"', '  op: "Const"']
    """
    graph_def = graph_or_graph_def.as_graph_def() if isinstance(graph_or_graph_def, Graph) else graph_or_graph_def
    from scopeflow._src.lib_io import file_io  # loaded on first use: tf.gfile's file systems cost import time

    logdir = os.fspath(logdir)
    file_io.makedirs(logdir)  # a local directory, or a remote one (gs://...) through tf.gfile
    path = file_io.join(logdir, name)
    data = graph_def_text(graph_def).encode() if as_text else graph_def.SerializeToString(deterministic=True)
    file_io.write_atomically(path, data)
    return path

"""``tf.train.summary_iterator``: the ``Event`` protocol buffers of an event file."""

from __future__ import annotations

from scopeflow._src import protos
from scopeflow._src.lib_io.tf_record import read_records


def summary_iterator(path):
    """Yield each ``Event`` of the event file ``path``, in order (``DataLossError`` on a
    corrupted record).

    >>> import os, tempfile
    >>> import scopeflow as tf
    >>> logdir = tempfile.mkdtemp()
    >>> with tf.summary.FileWriter(logdir) as writer:
    ...     writer.add_session_log(tf.SessionLog(status=tf.SessionLog.START), 3)
    >>> path = os.path.join(logdir, os.listdir(logdir)[0])
    >>> [(event.WhichOneof("what"), event.step) for event in summary_iterator(path)]
    [('file_version', 0), ('session_log', 3)]
    """
    for record in read_records(path):
        yield protos.Event.FromString(record)

"""``tf.summary.FileWriter`` beyond the conformance cases: writers shared through ``session=``,
``tf.RunMetadata``, messages of other libraries' classes, warnings, and the cache."""

import logging
import os
import warnings

import pytest

import scopeflow as tf


def _events(logdir):
    (name,) = sorted(os.listdir(logdir))
    return list(tf.train.summary_iterator(os.path.join(logdir, name)))


def _scalar(tag, value):
    return tf.Summary(value=[tf.Summary.Value(tag=tag, simple_value=value)])


def test_writers_of_one_session_and_logdir_share_a_file(tmp_path):
    with tf.Session() as sess:
        a = tf.summary.FileWriter(str(tmp_path), session=sess)
        b = tf.summary.FileWriter(str(tmp_path), session=sess)
        assert a.event_writer is b.event_writer
        a.add_summary(_scalar("a", 1.0), 1)
        b.add_summary(_scalar("b", 2.0), 2)
        a.close()
    assert [e.step for e in _events(str(tmp_path))] == [0, 1, 2]
    with tf.Session() as other:
        assert tf.summary.FileWriter(str(tmp_path), session=other).event_writer is not a.event_writer


def test_run_metadata_of_a_session_run(tmp_path):
    x = tf.constant(1.0) * 2.0
    meta = tf.RunMetadata()
    with tf.Session() as sess:
        sess.run(x, options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE), run_metadata=meta)
    with tf.summary.FileWriter(str(tmp_path)) as writer:
        writer.add_run_metadata(meta, "step 1", global_step=1)
    event = _events(str(tmp_path))[1]
    assert event.tagged_run_metadata.tag == "step 1" and event.step == 1
    from scopeflow._src import protos

    assert protos.RunMetadata.FromString(event.tagged_run_metadata.run_metadata) == protos.RunMetadata()


def test_messages_of_tensorboards_classes_are_accepted(tmp_path):
    summary_pb2 = pytest.importorskip("tensorboard.compat.proto.summary_pb2")
    from tensorboard.compat.proto import event_pb2, graph_pb2

    with tf.summary.FileWriter(str(tmp_path)) as writer:
        summary = summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag="t", simple_value=3.0)])
        writer.add_summary(summary, 1)
        writer.add_event(event_pb2.Event(step=2, wall_time=5.0))
        writer.add_graph(graph_pb2.GraphDef())
    events = _events(str(tmp_path))
    assert events[1].summary.value[0].simple_value == 3.0
    assert (events[2].step, events[2].wall_time) == (2, 5.0)
    assert events[3].WhichOneof("what") == "graph_def"


def test_a_closed_writer_warns_and_ignores_events_until_reopened(tmp_path):
    writer = tf.summary.FileWriter(str(tmp_path))
    writer.close()
    with pytest.warns(UserWarning, match="Attempting to use a closed FileWriter"):
        writer.add_summary(_scalar("x", 1.0), 1)
    assert os.listdir(str(tmp_path)) == []
    writer.reopen()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        writer.add_summary(_scalar("y", 1.0), 2)
    writer.close()
    assert [e.step for e in _events(str(tmp_path))] == [0, 2]


def test_a_graph_def_is_written_with_tfs_deprecation_warning(tmp_path, caplog):
    graph_def = tf.Graph().as_graph_def()
    with caplog.at_level(logging.WARNING, logger="scopeflow"), tf.summary.FileWriter(str(tmp_path)) as writer:
        writer.add_graph(graph_def)
    assert "Passing a `GraphDef` to the SummaryWriter is deprecated" in caplog.text


def test_graph_argument_writes_graph_and_meta_graph_with_output_shapes(tmp_path):
    graph = tf.Graph()
    with graph.as_default():
        x = tf.placeholder(tf.float32, [None, 3], name="x")
        tf.identity(x * 2.0, name="y")
    tf.summary.FileWriter(str(tmp_path), graph=graph).close()
    events = _events(str(tmp_path))
    graph_def = tf.GraphDef.FromString(events[1].graph_def)
    shapes = {n.name: [d.size for d in n.attr["_output_shapes"].list.shape[0].dim] for n in graph_def.node}
    assert shapes["x"] == [-1, 3] and shapes["y"] == [-1, 3]
    meta = tf.MetaGraphDef.FromString(events[2].meta_graph_def)
    assert [n.name for n in meta.graph_def.node] == [n.name for n in graph_def.node]


def test_file_writer_cache_uses_the_default_graph(tmp_path):
    with tf.Graph().as_default():
        tf.constant(1.0, name="only")
        writer = tf.summary.FileWriterCache.get(str(tmp_path))
        tf.summary.FileWriterCache.clear()
    graph_def = tf.GraphDef.FromString(_events(str(tmp_path))[1].graph_def)
    assert [n.name for n in graph_def.node] == ["only"]
    assert writer.get_logdir() == str(tmp_path)

"""Conformance cases for ``tf.summary.FileWriter`` and ``tf.train.summary_iterator``: file names,
the events written (``file_version`` first, graphs, summaries, session logs, run metadata) and
the errors of writers and readers."""

import os
import re
import time
import warnings

import numpy as np

from tests.conformance.cases.summary._helpers import LogDir, written_events
from tests.conformance.harness import case, raises


def _scalar(tf, tag, value):
    return tf.Summary(value=[tf.Summary.Value(tag=tag, simple_value=value)])


@case
def file_writer_events(tf):
    with LogDir() as d:
        w = tf.summary.FileWriter(d.path)
        before = d.files()
        for i in range(3):
            w.add_summary(_scalar(tf, "loss", 0.5 * i), i)
        w.add_summary(_scalar(tf, "nostep", 1.0))
        w.close()
        files = [re.sub(r"\.\d{10}\.", ".<time>.", d.clean(f)) for f in d.files()]
        return {"before": before, "files": files, "logdir": d.clean(w.get_logdir()),
                "events": d.events(tf)}


@case
def file_writer_file_name(tf):
    with LogDir() as d:
        w = tf.summary.FileWriter(d.path, filename_suffix=".v2")
        at_once = [d.clean(f) for f in d.files()]
        w.close()
        name = d.files()[0]
        return {"at_once": [re.sub(r"\d{10}", "<time>", f) for f in at_once],
                "ten_digits": re.fullmatch(r"events\.out\.tfevents\.\d{10}\..+\.v2", name) is not None,
                "events": d.events(tf)}


@case
def file_writer_without_events_writes_no_file(tf):
    with LogDir() as d:
        tf.summary.FileWriter(d.path).close()
        w = tf.summary.FileWriter(d.path)
        w.flush()
        flushed = d.files()
        w.close()
        return {"after_close": flushed, "files": d.files()}


@case
def file_writer_summaries_from_a_session(tf):
    x = tf.placeholder(tf.float32, name="x")
    tf.summary.scalar("loss", tf.reduce_mean(x))
    tf.summary.histogram("weights", x * 2)
    merged = tf.summary.merge_all()
    with LogDir() as d:
        with tf.summary.FileWriter(d.path) as w, tf.Session() as sess:
            for step in range(2):
                w.add_summary(sess.run(merged, {x: [1.0 + step, 3.0]}), np.int64(step))
        return d.events(tf)


@case
def file_writer_graph_and_meta_graph(tf):
    with tf.name_scope("layer"):
        w0 = tf.constant([[1.0, 2.0]], name="w")
        y = tf.matmul(w0, w0, transpose_b=True, name="y")
    with LogDir() as d:
        w = tf.summary.FileWriter(d.path, graph=tf.get_default_graph())
        w.close()
        events = d.events(tf)
        raw = list(tf.train.summary_iterator(os.path.join(d.path, d.files()[0])))
    graph = tf.GraphDef.FromString(raw[1].graph_def)
    meta = tf.MetaGraphDef.FromString(raw[2].meta_graph_def)
    return {"events": events, "nodes": [[n.name, n.op, list(n.input), sorted(n.attr)] for n in graph.node],
            "meta_nodes": [n.name for n in meta.graph_def.node],
            "meta_ops": sorted(op.name for op in meta.meta_info_def.stripped_op_list.op),
            "output_shapes": [list(n.attr["_output_shapes"].list.shape[0].dim) != [] for n in graph.node],
            "y": y.name}


@case
def file_writer_add_graph_forms(tf):
    tf.constant(1.0, name="c")
    with LogDir() as d:
        w = tf.summary.FileWriter(d.path)
        w.add_graph(tf.get_default_graph(), global_step=3)
        w.add_graph(None, graph_def=tf.get_default_graph())
        w.add_graph(tf.get_default_graph().as_graph_def(), global_step=5)
        errors = [raises(w.add_graph, None), raises(w.add_graph, tf.get_default_graph(), graph_def=tf.GraphDef())]
        w.close()
        return {"events": d.events(tf), "errors": errors}


@case
def file_writer_session_log_and_run_metadata(tf):
    with LogDir() as d:
        w = tf.summary.FileWriter(d.path)
        w.add_session_log(tf.SessionLog(status=tf.SessionLog.START), 1)
        w.add_session_log(tf.SessionLog(status=tf.SessionLog.CHECKPOINT, checkpoint_path="ckpt", msg="m"), 2)
        w.add_run_metadata(tf.RunMetadata(), "step1", 3)
        again = raises(w.add_run_metadata, tf.RunMetadata(), "step1", 4)
        w.add_run_metadata(tf.RunMetadata(), "step2")
        w.close()
        return {"events": d.events(tf), "again": again}


@case
def file_writer_metadata_only_on_first_value_of_a_tag(tf):
    meta = tf.SummaryMetadata(plugin_data=tf.SummaryMetadata.PluginData(plugin_name="x"))

    def add(w):
        w.add_summary(tf.Summary(value=[tf.Summary.Value(tag="t", metadata=meta, simple_value=1)]), 1)
        w.add_summary(tf.Summary(value=[tf.Summary.Value(tag="t", metadata=meta, simple_value=2)])
                      .SerializeToString(), 2)
        w.add_summary(tf.Summary(value=[tf.Summary.Value(tag="u", simple_value=3),
                                        tf.Summary.Value(tag="u2", metadata=meta, simple_value=4)]), 3)
    return written_events(tf, add)


@case
def file_writer_steps_and_raw_events(tf):
    def add(w):
        w.add_summary(_scalar(tf, "v", 2.0), 2.7)
        w.add_summary(_scalar(tf, "v", 2.0), "7")
        w.add_event(tf.Event(step=9, wall_time=5.0))
        w.add_event(tf.Event(step=10, wall_time=5.5, summary=_scalar(tf, "raw", 1.0)))
    return written_events(tf, add)


@case
def file_writer_argument_errors(tf):
    with LogDir() as d:
        w = tf.summary.FileWriter(d.path)
        out = {"meta": raises(w.add_meta_graph, tf.GraphDef())["error"], "not_bytes": raises(w.add_summary, "text", 1),
               "bad_bytes": raises(w.add_summary, b"\xff\xff", 1)["error"]}
        w.close()
        return out


@case
def file_writer_closed_and_reopened(tf):
    with LogDir() as d:
        w = tf.summary.FileWriter(d.path)
        w.add_summary(_scalar(tf, "a", 1.0), 1)
        w.close()
        w.close()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Attempting to use a closed FileWriter"
            w.add_summary(_scalar(tf, "ignored", 1.0), 2)
            w.flush()
        time.sleep(1.1)  # TensorFlow names a file after the second it starts in
        w.reopen()
        w.add_summary(_scalar(tf, "b", 2.0), 3)
        w.close()
        return [d.events(tf, name) for name in d.files()]


@case
def file_writer_cache(tf):
    with LogDir() as d:
        a = tf.summary.FileWriterCache.get(d.path)
        same = a is tf.summary.FileWriterCache.get(d.path)
        logdir = d.clean(a.get_logdir())
        tf.summary.FileWriterCache.clear()
        return {"same": same, "logdir": logdir, "events": d.events(tf)}


@case
def file_writer_makes_its_directory(tf):
    with LogDir() as d:
        w = tf.summary.FileWriter(os.path.join(d.path, "run", "one"))
        w.add_summary(_scalar(tf, "a", 1.0), 1)
        w.close()
        return sorted(os.listdir(os.path.join(d.path, "run", "one")))[0].startswith("events.out.tfevents.")


@case
def file_writer_on_a_file(tf):
    with LogDir() as d:
        path = os.path.join(d.path, "plain")
        with open(path, "w") as f:
            f.write("x")
        got = raises(tf.summary.FileWriter, path)
        return {"error": got.get("error"), "message": d.clean(got.get("message", ""))}


def _written(tf, d):
    w = tf.summary.FileWriter(d.path)
    for i in range(3):
        w.add_summary(_scalar(tf, "v", 2.0), i)
    w.close()
    return os.path.join(d.path, d.files()[0])


def _steps(tf, path):
    return [e.step for e in tf.train.summary_iterator(path)]


@case
def summary_iterator_corrupted_records(tf):
    with LogDir() as d:
        path = _written(tf, d)
        data = open(path, "rb").read()
        out = {"size": len(data)}
        for name, pos in (("length", 0), ("length_crc", 9), ("data", 20), ("second_record", 90)):
            broken = bytearray(data)
            broken[pos] ^= 1
            with open(path + "." + name, "wb") as f:
                f.write(bytes(broken))
            out[name] = raises(_steps, tf, path + "." + name)
        return out


@case
def summary_iterator_truncated_files(tf):
    with LogDir() as d:
        path = _written(tf, d)
        data = open(path, "rb").read()
        out = {}
        for keep in (0, 5, 11, 12, 13, len(data) - 3, len(data) - 20, len(data) - 30, len(data) - 40):
            with open(path + ".cut", "wb") as f:
                f.write(data[:keep])
            out[str(keep)] = raises(_steps, tf, path + ".cut")
        with open(path + ".zeros", "wb") as f:
            f.write(data + b"\x00" * 12)
        out["zeros"] = raises(_steps, tf, path + ".zeros")
        return out


@case
def summary_iterator_missing_paths(tf):
    with LogDir() as d:
        missing = raises(_steps, tf, os.path.join(d.path, "missing"))
        directory = raises(_steps, tf, d.path)
        return [{"error": r["error"], "message": d.clean(r["message"])} for r in (missing, directory)]

"""What the tf.data tests share."""

import os
import pathlib
import subprocess
import textwrap
import threading

import scopeflow as tf


def drain(ds):
    """``(get_next tensors, every element)`` of ``ds`` through a one-shot iterator in a new session."""
    nxt = tf.data.make_one_shot_iterator(ds).get_next()
    out = []
    with tf.Session() as sess:
        while True:
            try:
                out.append(sess.run(nxt))
            except tf.errors.OutOfRangeError:
                return nxt, out


def run_threads(target, n: int) -> None:
    """Run ``target`` on ``n`` threads at once and wait for them all."""
    threads = [threading.Thread(target=target) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


TF_PYTHON = pathlib.Path.home() / "tfref" / "bin" / "python"


def run_graph_in_tensorflow(graph, tmp_path, body: str) -> str:
    """Import ``graph``'s GraphDef into TensorFlow 2.21 (a subprocess of ``TF_PYTHON``), run
    ``body`` there (``tf`` and a default graph holding the import are set), return its last
    line of output."""
    path = tmp_path / "g.pb"
    path.write_bytes(graph.as_graph_def().SerializeToString())
    script = textwrap.dedent(f"""
        import tensorflow.compat.v1 as tf
        tf.disable_v2_behavior()
        gd = tf.GraphDef()
        gd.ParseFromString(open({str(path)!r}, "rb").read())
        tf.import_graph_def(gd, name="")
    """) + textwrap.dedent(body)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    out = subprocess.run([str(TF_PYTHON), "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip().splitlines()[-1]

"""Helpers of the TensorBoard tests: a log directory written by scopeflow, and a
``tensorboard`` server on a free local port (no tests here)."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import numpy as np

import scopeflow as tf

STEPS = 4


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tensorboard_command() -> list:
    """The ``tensorboard`` command of this Python's environment."""
    script = os.path.join(os.path.dirname(sys.executable), "tensorboard")
    return [script] if os.path.exists(script) else [sys.executable, "-m", "tensorboard.main"]


def write_run(logdir: str) -> dict:
    """A run of a small model with every kind of summary; returns what was written."""
    graph = tf.Graph()
    rng = np.random.RandomState(0)
    with graph.as_default():
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        with tf.variable_scope("layer1"):
            w = tf.get_variable("weights", [4, 3], initializer=tf.constant_initializer(0.5))
            y = tf.nn.relu(tf.matmul(x, w))
        loss = tf.reduce_mean(tf.square(y), name="mean_square")
        tf.summary.scalar("loss", loss)
        tf.summary.scalar("accuracy", 1.0 - loss, family="metrics")
        tf.summary.histogram("weights", w)
        tf.summary.image("inputs", tf.reshape(x, [-1, 2, 2, 1]), max_outputs=2)
        tf.summary.audio("sound", x / 10.0, 8000, max_outputs=1)
        tf.summary.text("note", tf.constant("hello **world**"))
        merged = tf.summary.merge_all()
        init = tf.global_variables_initializer()
        written = {"loss": [], "images": [], "nodes": [n.name for n in graph.as_graph_def().node]}
        with tf.Session() as sess, tf.summary.FileWriter(logdir, sess.graph) as writer:
            sess.run(init)
            for step in range(STEPS):
                feed = {x: rng.uniform(0, 1, [2, 4]).astype(np.float32)}
                summary, value = sess.run([merged, loss], feed)
                writer.add_summary(summary, step)
                written["loss"].append(float(value))
                parsed = tf.Summary.FromString(summary)
                written["images"].append([v.image.encoded_image_string for v in parsed.value if v.HasField("image")])
            writer.add_run_metadata(tf.RunMetadata(), "step0", 0)
    return written


class TensorBoardServer:
    """``tensorboard --logdir LOGDIR`` on 127.0.0.1 and a free port; ``get`` queries it."""

    def __init__(self, logdir: str, command):
        self.port = free_port()
        self.process = subprocess.Popen(
            [*command, "--logdir", logdir, "--host", "127.0.0.1", "--port", str(self.port), "--reload_interval", "1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str, **query) -> bytes:
        url = f"{self.url}{path}" + (f"?{urllib.parse.urlencode(query)}" if query else "")
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read()

    def json(self, path: str, **query):
        return json.loads(self.get(path, **query))

    def wait_for(self, ready, timeout: float = 90.0):
        """Poll until ``ready(self)`` is true (the server starts, then loads the runs)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"tensorboard exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                if ready(self):
                    return
            except (urllib.error.URLError, ConnectionError, ValueError, KeyError):
                pass
            time.sleep(0.3)
        raise TimeoutError("tensorboard did not serve the run in time")

    def stop(self):
        stop_process(self.process)
        self.process.stderr.close()


def stop_process(process) -> None:
    """Terminate a child process we started, killing it if it does not exit in 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()

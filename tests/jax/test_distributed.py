"""Many hosts: two processes on localhost join one cluster (``TF_CONFIG``) and train an
unchanged program data-parallel over CPU collectives (Gloo), each feeding half of the batch."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import numpy as np
import pytest

pytest.importorskip("jax")

from scopeflow._src.xla import distributed  # noqa: E402 - no JAX import, and no cluster joined

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

_WORKER = """import json, os, sys, numpy as np, scopeflow as tf
place = json.loads(os.environ["TF_CONFIG"])["task"]["index"] if "TF_CONFIG" in os.environ else None
graph = tf.Graph()
with graph.as_default():
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    y = tf.placeholder(tf.int32, [None], name="y")
    rng = np.random.default_rng(1)
    h = tf.layers.dense(x, 16, activation=tf.nn.relu,
                        kernel_initializer=tf.constant_initializer(rng.normal(size=(4, 16)) / 2))
    logits = tf.layers.dense(h, 3, kernel_initializer=tf.constant_initializer(rng.normal(size=(16, 3)) / 4))
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
    train = tf.train.AdamOptimizer(0.01).minimize(loss)
    init = tf.global_variables_initializer()
rng = np.random.default_rng(0)
xs, ys = rng.normal(size=(32, 4)).astype(np.float32), rng.integers(0, 3, size=32).astype(np.int32)
if place is not None:  # each worker feeds its half of the batch
    xs, ys = xs[place * 16:(place + 1) * 16], ys[place * 16:(place + 1) * 16]
with tf.Session(graph=graph) as sess:
    sess.run(init)
    losses = [float(sess.run([loss, train], {x: xs, y: ys})[0]) for _ in range(5)]
    weights = [sess.run(v).tolist() for v in tf.trainable_variables()]
    extra = {}
    if place is not None:
        import jax
        extra = {"processes": jax.process_count(), "devices": len(jax.devices())}
print(json.dumps({"losses": losses, "weights": weights, **extra}))
"""


def test_cluster_settings_from_tf_config_and_plain_settings():
    workers = {"cluster": {"worker": ["a:1", "b:2"], "chief": ["c:3"], "ps": ["p:4"]}}
    settings = distributed.cluster_settings
    assert settings({"TF_CONFIG": json.dumps({**workers, "task": {"type": "worker", "index": 1}})}) == ("c:3", 3, 2)
    assert settings({"TF_CONFIG": json.dumps({**workers, "task": {"type": "chief", "index": 0}})}) == ("c:3", 3, 0)
    assert settings({"TF_CONFIG": json.dumps({**workers, "task": {"type": "ps", "index": 0}})}) is None
    alone = {"cluster": {"worker": ["a:1"]}, "task": {"type": "worker", "index": 0}}
    assert settings({"TF_CONFIG": json.dumps(alone)}) is None and settings({}) is None
    plain = {"SCOPEFLOW_COORDINATOR": "h:5", "SCOPEFLOW_NUM_PROCESSES": "4", "SCOPEFLOW_PROCESS_ID": "3"}
    assert settings(plain) == ("h:5", 4, 3)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_two_processes_train_as_one_process_on_the_whole_batch():
    env = {**os.environ, "PYTHONPATH": os.path.join(ROOT, "src")}
    env.pop("XLA_FLAGS", None)
    cluster = {"worker": [f"127.0.0.1:{_free_port()}", "127.0.0.1:0"]}
    workers = [subprocess.Popen([sys.executable, "-c", _WORKER], cwd=ROOT, text=True, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env={**env, "SCOPEFLOW_TARGET": "jax", "TF_CONFIG": json.dumps(
                                    {"cluster": cluster, "task": {"type": "worker", "index": i}})})
               for i in range(2)]
    try:
        done = [w.communicate(timeout=240) for w in workers]
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
    assert all(w.returncode == 0 for w in workers), done[0][1][-2000:] + done[1][1][-2000:]
    got = [json.loads(out.splitlines()[-1]) for out, _ in done]
    alone = subprocess.run([sys.executable, "-c", _WORKER], cwd=ROOT, text=True, capture_output=True, env=env,
                           timeout=120)  # the NumPy target, one process, the whole batch
    want = json.loads(alone.stdout.splitlines()[-1])
    for result in got:
        assert result["processes"] == 2 and result["devices"] == 2
        np.testing.assert_allclose(result["losses"], want["losses"], rtol=1e-5)
        for a, b in zip(result["weights"], want["weights"]):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    assert got[0]["weights"] == got[1]["weights"]  # every process holds the same variables

"""``SCOPEFLOW_DATA_PARALLEL=1``: an unchanged training program over all local devices.

JAX reads ``XLA_FLAGS`` once, when it starts, so each case runs in a fresh Python with four
CPU devices (``--xla_force_host_platform_device_count=4``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

pytest.importorskip("jax")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

_TRAIN = """
import json, numpy as np, scopeflow as tf
graph = tf.Graph()
with graph.as_default():
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    y = tf.placeholder(tf.int32, [None], name="y")
    rate = tf.placeholder(tf.float32, [], name="rate")
    rng = np.random.default_rng(1)
    h = tf.layers.dense(x, 16, activation=tf.nn.relu,
                        kernel_initializer=tf.constant_initializer(rng.normal(size=(4, 16)) / 2))
    logits = tf.layers.dense(h, 3, kernel_initializer=tf.constant_initializer(rng.normal(size=(16, 3)) / 4))
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
    train = tf.train.MomentumOptimizer(rate, 0.9).minimize(loss)
    noise = tf.random_uniform([3], seed=5)
    init = tf.global_variables_initializer()
rng = np.random.default_rng(0)
with tf.Session("jax", graph=graph) as sess:
    sess.run(init)
    losses = []
    for rows in (32, 32, 32, 30):  # 30 rows do not divide over 4 devices: replicated
        xs, ys = rng.normal(size=(rows, 4)).astype(np.float32), rng.integers(0, 3, size=rows).astype(np.int32)
        losses.append(float(sess.run([loss, train], {x: xs, y: ys, rate: 0.1})[0]))
    weights = [sess.run(v).tolist() for v in tf.trainable_variables()]
    state = sess._state
    placed = state.data_parallel
    out = {"losses": losses, "weights": weights, "noise": sess.run(noise).tolist(),
           "devices": None if placed is None else placed.n,
           "variables": sorted({str(getattr(v.sharding, "spec", "one device")) for v in dict.values(state.variables)})}
    if placed is not None:
        plan = next(p for p in sess._plans.values() if len(p.feed_tensors) == 3)
        device = state.variables.device
        read, written = ({k: device(k, state.jax) for k in keys} for keys in (plan._read, plan._written))
        fed = {"x": np.zeros((32, 4), np.float32), "y": np.zeros(32, np.int32), "rate": np.float32(0.1)}
        feeds = tuple(fed[t.op.name] for t in plan.feed_tensors)
        placed_args = placed.step(read, written, {k: state.counter(k) for k in plan._random}, feeds)
        out["feeds"] = {t.op.name: str(v.sharding.spec) for t, v in zip(plan.feed_tensors, placed_args[3])}
        out["all_reduce"] = "all-reduce" in plan._jitted.lower(*placed_args).compile().as_text()
print(json.dumps(out))
"""


def _run(program=_TRAIN, **env):
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ, "PYTHONPATH": os.path.join(ROOT, "src"),
                               "XLA_FLAGS": "--xla_force_host_platform_device_count=4", **env})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_data_parallel_training_equals_the_single_device_run():
    one = _run(SCOPEFLOW_DATA_PARALLEL="0")
    many = _run(SCOPEFLOW_DATA_PARALLEL="1")
    assert one["devices"] is None and many["devices"] == 4
    assert many["losses"] == pytest.approx(one["losses"], rel=1e-5)
    for a, b in zip(many["weights"], one["weights"]):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    assert many["noise"] == one["noise"]  # the random streams are the single-device ones
    assert many["variables"] == ["P()"]  # replicated, after every step
    assert many["feeds"] == {"x": "P('batch',)", "y": "P('batch',)", "rate": "P()"}
    assert many["all_reduce"]  # XLA inserted the reductions over the batch


_RNN = """import json, warnings, numpy as np, scopeflow as tf
from scopeflow._src.xla.plan import HostFallbackWarning
warnings.simplefilter("error", HostFallbackWarning)
x = tf.placeholder(tf.float32, [None, 6, 3])
cell = tf.nn.rnn_cell.GRUCell(5, kernel_initializer=tf.constant_initializer(0.1))
loss = tf.reduce_mean(tf.square(tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)[0]))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
with tf.Session("jax") as sess:
    sess.run(tf.global_variables_initializer())
    xs = np.random.default_rng(0).random((8, 6, 3), dtype=np.float32)
    print(json.dumps({"losses": [float(sess.run([loss, train], {x: xs})[0]) for _ in range(3)],
                      "devices": None if sess._state.data_parallel is None else sess._state.data_parallel.n}))
"""


def test_dynamic_rnn_trains_data_parallel_with_its_tensor_arrays_split_by_batch():
    one, many = (_run(_RNN, SCOPEFLOW_DATA_PARALLEL=on) for on in ("0", "1"))
    assert many["devices"] == 4
    assert many["losses"] == pytest.approx(one["losses"], rel=1e-5)


def test_a_bad_switch_value_is_refused():
    done = subprocess.run([sys.executable, "-c", "import scopeflow as tf\ntf.Session('jax')"], capture_output=True,
                          text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "PYTHONPATH": os.path.join(ROOT, "src"), "SCOPEFLOW_DATA_PARALLEL": "all"})
    assert "SCOPEFLOW_DATA_PARALLEL must be 1 or 0 (got 'all')" in done.stderr


# -- towers ----------------------------------------------------------------------------------------
_TOWERS = """import json, sys, numpy as np, scopeflow as tf
graph = tf.Graph()
rng = np.random.default_rng(1)
with graph.as_default():
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    y = tf.placeholder(tf.int32, [None], name="y")
    opt = tf.train.GradientDescentOptimizer(0.5)
    grads, losses, counts = [], [], []
    xs_, ys_ = tf.split(x, 2), tf.split(y, 2)
    for i in range(2):
        with tf.device("/gpu:%d" % i), tf.variable_scope("model", reuse=i > 0):
            h = tf.layers.dense(xs_[i], 16, activation=tf.nn.relu, name="h",
                                kernel_initializer=tf.constant_initializer(rng.normal(size=(4, 16)) / 2))
            logits = tf.layers.dense(h, 3, name="out",
                                     kernel_initializer=tf.constant_initializer(rng.normal(size=(16, 3)) / 4))
            loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=ys_[i], logits=logits))
            losses.append(loss)
            grads.append(opt.compute_gradients(loss))
            count = tf.Variable(0.0, name="count_%d" % i, trainable=False)
            counts.append(tf.assign_add(count, 1.0))
    with tf.device("/cpu:0"):
        avg = [(tf.add_n([g[j][0] for g in grads]) / 2, grads[0][j][1]) for j in range(len(grads[0]))]
        train = tf.group(opt.apply_gradients(avg), *counts)
        loss = tf.add_n(losses) / 2
    init = tf.global_variables_initializer()
config = tf.ConfigProto(allow_soft_placement=True)  # the placer checks devices as on the NumPy target
rng = np.random.default_rng(0)
xs, ys = rng.normal(size=(32, 4)).astype(np.float32), rng.integers(0, 3, size=32).astype(np.int32)
with tf.Session(sys.argv[1], graph=graph, config=config) as sess:
    sess.run(init)
    out = [float(sess.run([loss, train], {x: xs, y: ys})[0]) for _ in range(5)]
    w = sess.run(tf.trainable_variables())
    res = {"losses": out, "weights": [v.tolist() for v in w]}
    if sys.argv[1] == "jax":
        vs = sess._state.variables
        res["count_devices"] = [sorted(d.id for d in dict.__getitem__(vs, k).devices())
                                for k in ("model/count_0", "model_1/count_1")]
        res["weight_devices"] = sorted(d.id for d in dict.__getitem__(vs, "model/h/kernel").devices())
        from scopeflow._src.xla import devices
        import jax
        specs = ["/gpu:1", "/device:GPU:3", "/cpu:0", "/gpu:7", "", "/job:ps/task:0", "/cpu:*"]
        res["mapped"] = [getattr(devices.jax_device(jax, s), "id", None) for s in specs]
print(json.dumps(res))
"""


def _towers(target):
    done = subprocess.run([sys.executable, "-c", _TOWERS, target], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, env={**os.environ, "PYTHONPATH": os.path.join(ROOT, "src"),
                                            "XLA_FLAGS": "--xla_force_host_platform_device_count=4"})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_towers_run_on_their_devices_and_train_as_on_numpy():
    got, want = _towers("jax"), _towers("")
    np.testing.assert_allclose(got["losses"], want["losses"], rtol=1e-5)
    for a, b in zip(got["weights"], want["weights"]):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    assert got["count_devices"] == [[0], [1]]  # each tower's update ran on its own device
    assert got["weight_devices"] == [0]  # the shared variables' update: under /cpu:0
    # /gpu:N on a host without GPUs is the N-th local device; a device the host lacks: the default one
    assert got["mapped"] == [1, 3, 0, None, None, None, 0]
